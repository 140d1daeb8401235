"""Every action the backend writes to the audit trail has a name in the audit log's table
(services/contract/audit.py), so the log never shows a code such as ``work_order.transfer``.

The actions are read from the backend's own calls: ``record(..., action="…")`` with a literal, the
identity area's ``_audit(session, principal, "…", …)`` (recorded as ``identity.…``), and the
tables of actions some areas keep (a dict named ``*ACTIONS``)."""

import ast
from pathlib import Path

from services.contract.audit import ACTION_KINDS, ACTIONS
from tests.conftest import ROOT


def _literal_strings(node: ast.AST) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def recorded_actions() -> set[str]:
    found: set[str] = set()
    for path in Path(ROOT, "backend").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", ""))
                for keyword in node.keywords:
                    if (name == "record" and keyword.arg == "action" and isinstance(keyword.value, ast.Constant)
                            and isinstance(keyword.value.value, str)):
                        found.add(keyword.value.value)
                if name == "_audit" and path.parent.name == "identity" and len(node.args) >= 3:
                    third = node.args[2]
                    if isinstance(third, ast.Constant) and isinstance(third.value, str):
                        found.add(f"identity.{third.value}")
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
                names = [t.id for t in node.targets if isinstance(t, ast.Name)]
                if any(n.endswith("ACTIONS") for n in names):
                    found.update(v for v in _literal_strings(ast.Module(body=[ast.Expr(v) for v in node.value.values
                                                                            if v is not None], type_ignores=[]))
                                 if "." in v)
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
