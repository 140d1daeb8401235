"""The backend areas that have the target shape keep it (no database: the source is read with ast).

An area in ``AREAS`` has its queries in ``repository.py``: its ``routes.py`` builds no statement
and runs none, and its rule modules (``service.py`` and the like) build none either. An area joins
the list once it is moved to that shape (ARCHITECTURE.md, backend/margin_call/).
"""

import ast
from pathlib import Path

import pytest

BACKEND = Path(__file__).resolve().parents[2] / "backend"

# area → its rule modules besides routes.py (no statement is built there either).
AREAS: dict[str, tuple[str, ...]] = {
    "approval_chains": ("service.py", "flows.py", "seed.py"),
    "approval_delegations": ("service.py",),
    # The chain's own modules (service, verify, anchor) are its SQL by design; the log's are held to the shape.
    "audit": ("listing.py", "export.py", "chain_check.py"),
    "auth": ("service.py", "bootstrap.py", "deps.py", "passwords.py", "roles.py", "route_rules.py", "demo_guard.py"),
    "funds": ("service.py", "reconciliation.py", "export.py", "system_confirmation.py", "batches.py"),
    "help_center": ("service.py", "flows.py", "targets.py", "categories.py"),
    "identity": ("service.py", "flows.py"),
    "margin_call": ("service.py",),
    "messages": ("listing.py", "detail.py", "resend.py", "export.py", "masking.py", "dispatcher.py", "providers.py"),
    "work_orders": ("service.py", "lifecycle.py", "transitions.py", "views.py", "audience.py", "announce.py",
                    "handovers.py"),
    "risk": ("service.py", "margin_settings.py", "margin_flows.py", "margin_history.py", "day_trade_window_flow.py",
             "settings_clock.py"),
}

STATEMENTS = frozenset({"select", "text", "update", "delete", "insert", "exists", "func", "literal"})
RUNS = frozenset({"execute", "scalars", "scalar", "get"})


def _tree(area: str, module: str) -> ast.Module:
    path = BACKEND / area / module
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _statement_imports(tree: ast.Module) -> list[str]:
    """Statement builders imported from sqlalchemy, or sqlalchemy itself imported as a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "sqlalchemy":
            found += [f"{node.module}.{a.name}" for a in node.names if a.name in STATEMENTS or a.name == "*"]
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name in ("sqlalchemy", "sqlalchemy.sql")]
    return found


def _session_runs(tree: ast.Module) -> list[str]:
    """Calls such as ``session.execute(...)`` or ``self.session.scalars(...)``: a query run in place."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RUNS:
            owner = node.func.value
            name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if "session" in name.lower():
                found.append(f"line {node.lineno}: {name}.{node.func.attr}(...)")
    return found


@pytest.mark.parametrize("area", sorted(AREAS))
def test_routes_build_and_run_no_query(area):
    tree = _tree(area, "routes.py")
    assert _statement_imports(tree) == [], f"backend/{area}/routes.py builds SQL; it belongs in repository.py"
    assert _session_runs(tree) == [], f"backend/{area}/routes.py runs queries; they belong in repository.py"


@pytest.mark.parametrize(("area", "module"), [(a, m) for a, modules in sorted(AREAS.items()) for m in modules])
def test_rule_modules_build_and_run_no_query(area, module):
    tree = _tree(area, module)
    assert _statement_imports(tree) == [], f"backend/{area}/{module} builds SQL; it belongs in repository.py"
    assert _session_runs(tree) == [], f"backend/{area}/{module} runs queries; they belong in repository.py"


@pytest.mark.parametrize("area", sorted(AREAS))
def test_the_area_has_a_repository(area):
    assert (BACKEND / area / "repository.py").is_file()


def test_the_checks_see_what_they_look_for():
    bad = ast.parse("from sqlalchemy import select, func\nimport sqlalchemy\n"
                    "def f(session):\n    return session.execute(select(1)).all(), self.session.scalars(x)\n")
    assert _statement_imports(bad) == ["sqlalchemy.select", "sqlalchemy.func", "sqlalchemy"]
    assert len(_session_runs(bad)) == 2
