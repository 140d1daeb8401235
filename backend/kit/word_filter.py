"""A free-text filter as words, each a case-insensitive substring (message subjects, article titles)."""


def filter_words(text: str | None) -> list[str]:
    """The words of a filter, each once (case-insensitively), in their order."""
    seen: dict[str, str] = {}
    for word in (text or "").split():
        seen.setdefault(word.casefold(), word)
    return list(seen.values())


def like_pattern(word: str) -> str:
    """``%word%`` with LIKE's wildcards taken literally (escape character ``\\``)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
