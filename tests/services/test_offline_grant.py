"""Working offline: granted by an online sign-in of a user who may draft, for OFFLINE_DAYS, with
the password typed then; drafting only."""

from services.contract.schemas import MeOut
from services.offline import grant
from services.offline.store import open_store

MAKER = MeOut(id=3, username="maker", display_name="Carmen Chan", roles=["ops_maker"],
              permissions=["risk.credit.draft", "risk.credit.stock_margin.view", "approval.inbox"])
CHECKER = MeOut(id=4, username="checker", display_name="Kelvin Wong", roles=["risk_checker"],
                permissions=["risk.credit.stock_margin.view", "approval.inbox"])


def test_a_drafting_user_may_work_offline_for_a_week_with_the_same_password(tmp_path):
    store = open_store(tmp_path / "local.db")
    assert grant.remember(store, MAKER, "maker-demo", now=1_000.0)
    offline = grant.sign_in_offline(store, "maker", "maker-demo", now=1_000.0 + 6 * 86_400)
    assert offline.username == "maker" and offline.permissions == ["risk.credit.draft"]
    assert grant.sign_in_offline(store, "maker", "wrong", now=2_000.0) is None
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=1_000.0 + 7 * 86_400) is None  # expired
    grant.remember(store, MAKER, "maker-demo", now=1_000.0 + 7 * 86_400)  # an online sign-in renews it
    assert grant.sign_in_offline(store, "MAKER", "maker-demo", now=1_000.0 + 10 * 86_400) is not None
    store.close()


def test_no_grant_for_a_user_who_may_not_draft_nor_for_a_stranger(tmp_path):
    store = open_store(tmp_path / "local.db")
    assert not grant.remember(store, CHECKER, "checker-demo", now=1_000.0)
    assert grant.sign_in_offline(store, "checker", "checker-demo", now=1_001.0) is None
    assert grant.sign_in_offline(store, "nobody", "x", now=1_001.0) is None
    store.close()
