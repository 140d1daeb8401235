"""Every role the backend defines (backend/auth/roles.py) has a label, in English and, through the
catalogue, in the Traditional Chinese the backend keeps for it; an unknown role shows its code."""

from backend.auth.roles import DEMO_USERS, ROLES
from desktop import i18n
from desktop.role_labels import role_label, roles_label


def test_every_backend_role_has_its_english_label():
    assert {role.code: role_label(role.code) for role in ROLES} == {role.code: role.name_en for role in ROLES}
    assert {code for user in DEMO_USERS for code in user.roles} <= {role.code for role in ROLES}


def test_every_backend_role_reads_in_traditional_chinese_as_the_backend_names_it():
    i18n.set_language("zh_Hant")
    assert {role.code: role_label(role.code) for role in ROLES} == {role.code: role.name_zh for role in ROLES}
    assert roles_label(["ops_maker", "risk_checker"]) == "營運經辦, 風控覆核"


def test_a_role_the_desktop_does_not_know_shows_its_code():
    assert role_label("auditor") == "auditor"
