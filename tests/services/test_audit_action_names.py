"""Every action the backend writes to the audit trail has a name in the audit log's table
(services/contract/audit.py), so the log never shows a code such as ``work_order.transfer``.

The actions are read from the backend's own calls: ``record(..., action="…")`` with a literal, the
identity area's ``_audit(session, principal, "…", …)`` (recorded as ``identity.…``), and the
tables of actions some areas keep (a dict named ``*ACTIONS``)."""

import ast
from pathlib import Path

from services.contract.audit import ACTION_KINDS, ACTIONS
from tests.conftest import ROOT


def _text(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in Path(ROOT, "backend").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                if name == "record":
                    found.update(t for k in node.keywords if k.arg == "action" and (t := _text(k.value)))
                if name == "_audit" and path.parent.name == "identity" and len(node.args) >= 3:
                    if third := _text(node.args[2]):
                        found.add(f"identity.{third}")
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict) and any(
                    isinstance(t, ast.Name) and t.id.endswith("ACTIONS") for t in node.targets):
                # An area's table of actions: its dotted strings (its keys are sides or plain words).
                found.update(t for n in ast.walk(node.value) if (t := _text(n)) and "." in t)
    return found


def test_the_scan_finds_the_actions_of_each_kind_of_call():
    found = recorded_actions()
    # One of each way of recording: a literal, the identity helper, an area's table.
    assert {"work_order.submit", "identity.user_created", "fund.clearing.confirm_subscription"} <= found


def test_every_recorded_action_has_a_name_in_the_audit_log():
    named = {a.code for a in ACTIONS}
    assert sorted(recorded_actions() - named) == []


def test_every_named_action_belongs_to_a_kind_the_filter_offers():
    kinds = [k.code for k in ACTION_KINDS]
    assert [a.code for a in ACTIONS if not any(a.code.startswith(k) for k in kinds)] == []
