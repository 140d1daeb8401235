"""Every role the backend defines (backend/auth/roles.py) has a label, in English and, through the
catalogue, in the Traditional Chinese the backend keeps for it; an unknown role shows its code."""

from types import SimpleNamespace

import pytest

from backend.auth.roles import DEMO_USERS, ROLES
from desktop import i18n
from desktop.role_labels import role_label, roles_label
from services.contract.identity import ChainRoleOut
from ui.common import role_names
from ui.common.change_texts import summary_text


def test_every_backend_role_has_its_english_label():
    assert {role.code: role_label(role.code) for role in ROLES} == {role.code: role.name_en for role in ROLES}
    assert {code for user in DEMO_USERS for code in user.roles} <= {role.code for role in ROLES}


def test_every_backend_role_reads_in_traditional_chinese_as_the_backend_names_it():
    i18n.set_language("zh_Hant")
    assert {role.code: role_label(role.code) for role in ROLES} == {role.code: role.name_zh for role in ROLES}
    assert roles_label(["ops_maker", "risk_checker"]) == "營運經辦, 風控覆核"


def test_a_role_the_desktop_does_not_know_shows_its_code():
    assert role_label("auditor") == "auditor"


@pytest.fixture
def no_role_names_read(monkeypatch):
    """As before any page read roles: other tests of the same worker may have."""
    monkeypatch.setattr(role_names, "_names", {})


def test_a_work_order_naming_roles_reads_their_names_once_they_are_read(no_role_names_read):
    """The roles of a user-roles order by the names the backend sent (a role an administrator
    created among them), in the UI language; by code before any page read them."""
    order = SimpleNamespace(summary_key="user.roles", summary_args={"username": "kwong", "roles": "ops_maker, desk_lead"},
                            summary="Roles of kwong: ops_maker, desk_lead")
    i18n.set_language("zh_Hant")
    try:
        assert summary_text(order) == "kwong 的角色：ops_maker, desk_lead"
        role_names.remember([ChainRoleOut(code="ops_maker", name_en="Operations maker", name_zh="營運經辦"),
                             ChainRoleOut(code="desk_lead", name_en="Desk lead", name_zh="交易主管")])
        assert summary_text(order) == "kwong 的角色：營運經辦, 交易主管"
    finally:
        i18n.set_language("en")
    assert summary_text(order) == "Roles of kwong: Operations maker, Desk lead"
