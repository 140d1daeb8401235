"""What the deciding administrator reads of a chain change (``identity.approval_chain.update``):
the flow, the maker's note, and the chain before and after part by part (each level with its
approvers and 或簽/會簽, the people copied, each stricter chain), the parts that change marked."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from services.contract.flows import TRANSLATION_CONTEXT
from services.contract.flows import flow as known_flow
from services.contract.identity import ChainSpec
from services.contract.schemas import WorkOrderOut
from ui.approval_chains import chain_text, directory
from ui.approval_chains.labels import DEFAULT_CHAIN_NAME
from ui.common.change_views import ChangeView

translate = QCoreApplication.translate  # the name lupdate recognises

CHANGED_BACKGROUND = "#fff1c2"
MUTED = "#627d98"


def _spec(rows: object) -> ChainSpec | None:
    if isinstance(rows, list) and rows and isinstance(rows[0], dict) and rows[0].get("chain"):
        return ChainSpec.model_validate(rows[0]["chain"])
    return None


def parts(spec: ChainSpec | None, language: str) -> dict[str, str]:
    """Part name (in the UI language) → its words; empty for no chain."""
    if spec is None:
        return {}
    people = directory.remembered()
    out = {translate("ApprovalChains", "Level {n}").format(n=n): chain_text.level_text(level, people, language)
           for n, level in enumerate(spec.levels, start=1)}
    out[translate("ApprovalChains", "CC")] = chain_text.approvers_text(spec.cc, people, language)
    for s, stricter in enumerate(spec.stricter, start=1):
        out[translate("ApprovalChains", "Stricter chain {n}").format(n=s)] = translate(
            "ApprovalChains", "{condition}: {levels}").format(
            condition=chain_text.condition_text(stricter.condition),
            levels=chain_text.levels_text(stricter.levels, people, language))
    return out


class ChainChangeView(ChangeView):
    """Registered for the chain change flow in ui/approval_chains/registration.py."""

    def __init__(self, language: Callable[[], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("chainChangeView")
        self._language = language
        self._order: WorkOrderOut | None = None
        self.facts = QLabel(self)
        self.facts.setObjectName("chainChangeFacts")
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.diff = QTextBrowser(self)
        self.diff.setObjectName("chainDiff")
        self.diff.setOpenLinks(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.facts)
        layout.addWidget(self.diff, 1)

    @property
    def order(self) -> WorkOrderOut | None:
        return self._order

    def show_order(self, order: WorkOrderOut) -> None:
        self._order = order
        self._render()

    def rows(self) -> list[tuple[str, str, str, bool]]:
        """(part, before, after, changed) as shown."""
        order = self._order
        if order is None:
            return []
        language = self._language()
        before = parts(_spec(order.snapshot.get("rows")), language)
        after = parts(_spec(order.proposed.get("rows")), language)
        names = list(dict.fromkeys([*before, *after]))
        return [(name, before.get(name, ""), after.get(name, ""), before.get(name) != after.get(name))
                for name in names]

    def _render(self) -> None:
        order = self._order
        if order is None:
            return
        payload = order.payload
        flow = payload.get("flow")
        known = known_flow(flow) if isinstance(flow, str) else None
        name = (translate(TRANSLATION_CONTEXT, known.name_en) if known else
                str(flow) if flow else translate("ApprovalChains", DEFAULT_CHAIN_NAME))
        facts = [(translate("ApprovalChains", "Flow"), html.escape(name))]
        if payload.get("chain") is None:
            facts.append((translate("ApprovalChains", "Change"),
                          html.escape(translate("ApprovalChains", "Remove its own chain: the default applies"))))
        note = payload.get("note")
        facts.append((translate("ApprovalChains", "Note"), html.escape(note) if note else "—"))
        self.facts.setText("&nbsp;&nbsp;·&nbsp;&nbsp;".join(
            f'<span style="color:{MUTED}">{html.escape(label)}</span>&nbsp;<b>{value}</b>' for label, value in facts))
        heading = 'style="background-color:#eef2f7; font-weight:600;"'
        lines = [f'<tr><td width="16%" {heading}>{html.escape(translate("ApprovalChains", "Part"))}</td>'
                 f'<td width="42%" {heading}>{html.escape(translate("ApprovalChains", "Before"))}</td>'
                 f'<td width="42%" {heading}>{html.escape(translate("ApprovalChains", "After approval"))}</td></tr>']
        for part, old, new, changed in self.rows():
            style = f' style="background-color:{CHANGED_BACKGROUND};"' if changed else ""
            marker = "● " if changed else ""
            lines.append(f"<tr><td{style}>{marker}{html.escape(part)}</td><td{style}>{html.escape(old) or '—'}</td>"
                         f"<td{style}><b>{html.escape(new) or '—'}</b></td></tr>" if changed else
                         f"<tr><td>{html.escape(part)}</td><td>{html.escape(old)}</td><td>{html.escape(new)}</td></tr>")
        self.diff.setHtml('<table width="100%" cellspacing="0" cellpadding="4">' + "".join(lines) + "</table>")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

