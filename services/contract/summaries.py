"""A work order's one-line summary, in the reader's language.

A flow's handler describes its order as a ``Summary``: a key of ``TEMPLATES`` and the values of
its fields. The backend stores the key and values with the English line (the line searches,
the audit and English exports read); the desktop shows ``QCoreApplication.translate("summaries",
template)`` filled with the values, and the backend's Chinese export reads the same translations.
Keys are stable: an order stored under a key keeps its words when a template's English is edited.

Values are language-neutral (symbols, counts, dates), except those named in ``FLOW_FIELDS``, which
hold a flow id and are shown as that flow's name in the reader's language, and in ``ROLE_FIELDS``,
which hold role codes (", " between them) and are shown as the roles' names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from services.contract.flows import QT_TRANSLATE_NOOP, flow

TRANSLATION_CONTEXT = "summaries"
LIST_HEAD = 3  # a list of symbols or ids names this many, then "and N more"

TEMPLATES: dict[str, str] = {
    "margin.row": QT_TRANSLATE_NOOP("summaries", "{symbol} {ratios}"),
    "margin.edit_rows": QT_TRANSLATE_NOOP("summaries", "Edit {count} rows: {symbols}"),
    "margin.edit_rows_more": QT_TRANSLATE_NOOP("summaries", "Edit {count} rows: {symbols} and {more} more"),
    "margin.delete": QT_TRANSLATE_NOOP("summaries", "Delete {symbol}"),
    "margin.delete_many": QT_TRANSLATE_NOOP("summaries", "Delete {count} symbols: {symbols}"),
    "margin.delete_many_more": QT_TRANSLATE_NOOP("summaries", "Delete {count} symbols: {symbols} and {more} more"),
    "margin.upload.upsert": QT_TRANSLATE_NOOP("summaries", "Upsert {count} rows ({markets})"),
    "margin.upload.replace": QT_TRANSLATE_NOOP("summaries", "Replace {count} rows ({markets})"),
    "day_trade_window": QT_TRANSLATE_NOOP("summaries", "{market} {start}–{force_close}–{end}"),
    "day_trade_window.disabled": QT_TRANSLATE_NOOP("summaries", "{market} {start}–{force_close}–{end} (disabled)"),
    "article.new": QT_TRANSLATE_NOOP("summaries", "New article ({language}): {title}"),
    "article.new_visible": QT_TRANSLATE_NOOP("summaries", "New article ({language}, visible): {title}"),
    "article.edit": QT_TRANSLATE_NOOP("summaries", "Edit article #{article}: {title}"),
    "article.reorder": QT_TRANSLATE_NOOP("summaries", "Reorder {count} articles of category #{category} ({language})"),
    "article.delete": QT_TRANSLATE_NOOP("summaries", "Delete article #{article}"),
    "article.hide": QT_TRANSLATE_NOOP("summaries", "Hide article #{article}"),
    "article.show": QT_TRANSLATE_NOOP("summaries", "Show article #{article}"),
    "user.roles": QT_TRANSLATE_NOOP("summaries", "Roles of {username}: {roles}"),
    "user.no_roles": QT_TRANSLATE_NOOP("summaries", "Roles of {username}: none"),
    "role": QT_TRANSLATE_NOOP("summaries", "Role {code} ({name}): {count} permissions"),
    "chain.levels": QT_TRANSLATE_NOOP("summaries", "{flow}: {levels} level(s)"),
    "chain.removed": QT_TRANSLATE_NOOP("summaries", "{flow}: chain removed"),
    "default_chain.levels": QT_TRANSLATE_NOOP("summaries", "Default chain: {levels} level(s)"),
    "default_chain.removed": QT_TRANSLATE_NOOP("summaries", "Default chain: chain removed"),
}
FLOW_FIELDS = frozenset({"flow"})  # values that are a flow id, shown as the flow's name
ROLE_FIELDS = frozenset({"roles"})  # values that are role codes, shown as the roles' names


@dataclass(frozen=True)
class Summary:
    key: str  # of TEMPLATES
    args: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.key not in TEMPLATES:
            raise KeyError(f"no summary template {self.key!r}")

    def text(self, translate: Callable[[str, str], str] | None = None,
             flow_name: Callable[[str], str] | None = None) -> str:
        """The line; in English without ``translate`` (context, source → text) and ``flow_name``."""
        return render(self.key, self.args, translate, flow_name)


def render(key: str | None, args: Mapping[str, str] | None, translate: Callable[[str, str], str] | None = None,
           flow_name: Callable[[str], str] | None = None, fallback: str = "",
           role_name: Callable[[str], str] | None = None) -> str:
    """A stored summary (key, values) in a language; ``fallback`` (the stored English line) for an
    order stored before summaries had keys, or under a key this version does not know.
    ``role_name`` names a role by its code (the codes themselves without it)."""
    template = TEMPLATES.get(key or "")
    if template is None:
        return fallback
    values = dict(args or {})
    for name in FLOW_FIELDS & values.keys():
        row = flow(values[name])
        english = row.name_en if row is not None else values[name]
        values[name] = flow_name(values[name]) if flow_name is not None else english
    if role_name is not None:
        for name in ROLE_FIELDS & values.keys():
            values[name] = ", ".join(role_name(code) for code in values[name].split(", ") if code)
    text = translate(TRANSLATION_CONTEXT, template) if translate is not None else template
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a field the order lacks
        return template.format(**values) if translate is not None else fallback


def listed(items: list[str], key: str, key_more: str, **args: str) -> Summary:
    """A summary naming the first LIST_HEAD ``items`` (``symbols``) and how many more."""
    head = {"symbols": ", ".join(items[:LIST_HEAD]), "count": f"{len(items):,}", **args}
    if len(items) > LIST_HEAD:
        return Summary(key_more, head | {"more": f"{len(items) - LIST_HEAD:,}"})
    return Summary(key, head)
