"""The work-order target keys of Help Center articles: one per article, and one per new article's
category, language and folded title (read by the flows, and by the list's pending-change join)."""

import hashlib

TARGET_PREFIX = "help_article:"
_TARGET_MAX = 160  # work_order_locks.target_key


def target_key(article_id: int) -> str:
    return f"{TARGET_PREFIX}{article_id}"


def new_target_key(category_id: int, language: str, title: str) -> str:
    """The target of a new article: the same title (case and spacing aside) in the same category
    and language is one target, so two identical creations cannot both be pending."""
    folded = " ".join(title.casefold().split())
    key = f"{TARGET_PREFIX}new:{category_id}:{language}:{folded}"
    if len(key) > _TARGET_MAX:  # still deterministic: a readable head and a digest of the whole title
        key = key[:_TARGET_MAX - 17] + "~" + hashlib.sha256(folded.encode()).hexdigest()[:16]
    return key
