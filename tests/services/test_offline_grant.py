"""Working offline: granted by the backend's signature at an online sign-in of a user who may draft,
until an expiry of the backend's clock, with the password typed then; drafting only. A wrong
password, an expired grant and no grant at all are told apart; five wrong passwords within fifteen
minutes lock offline sign-in until an online sign-in; a grant changed in the file, or a clock set
back, opens nothing."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from services.contract.offline_grant import OfflineGrantOut, canonical, key_id
from services.contract.schemas import MeOut
from services.offline import grant, proof
from services.offline.grant import Outcome
from services.offline.models import LocalMeta
from services.offline.store import open_store
from services.rules.sign_in import FAILURE_WINDOW_MINUTES, MAX_FAILURES, OFFLINE_DAYS

DAY = 86_400


@pytest.fixture
def store(tmp_path):
    s = open_store(tmp_path / "local.db")
    yield s
    s.close()




def _online(api, store, username: str = "maker", password: str | None = None, now: float | None = None) -> int:
    """An online sign-in's grant: asked for with the verifier of ``password``, signed by the backend,
    kept here. Returns the grant's issue time (the backend's clock)."""
    password = password or f"{username}-demo"
    token = api.login(username, password).json()["access_token"]
    material, request = grant.prepare_request(store, username, password)
    proof.unlock(store, username, material)  # as the shell does
    with api.client(token=token) as client:
        me = MeOut.model_validate(client.get("/me").json())
        response = client.post("/auth/offline-grant", json=request.model_dump(mode="json"))
    assert response.status_code == 200, response.text
    answer = OfflineGrantOut.model_validate(response.json())
    issued = answer.claims.issued_at
    assert grant.keep(store, me, answer, now=issued if now is None else now)
    return issued


def test_a_drafting_user_may_work_offline_until_the_backends_expiry_with_the_same_password(api, store):
    issued = _online(api, store)
    assert grant.expiry(store, "maker") == issued + OFFLINE_DAYS * DAY
    offline = grant.sign_in_offline(store, "maker", "maker-demo", now=issued + 6 * DAY)
    assert offline.outcome == Outcome.OK
    assert offline.me.username == "maker" and offline.me.permissions == ["risk.credit.draft"]
    assert grant.sign_in_offline(store, "maker", "wrong", now=issued + 6 * DAY).outcome == Outcome.WRONG_PASSWORD
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + OFFLINE_DAYS * DAY).outcome \
        == Outcome.EXPIRED
    api.clock.advance(days=OFFLINE_DAYS)  # an online sign-in a week later renews it
    renewed = _online(api, store)
    assert grant.sign_in_offline(store, "MAKER", "maker-demo", now=renewed + 3 * DAY).outcome == Outcome.OK


def test_no_grant_for_a_user_who_may_not_draft_nor_for_a_stranger(api, store):
    _material, request = grant.prepare_request(store, "checker", "checker-demo")
    with api.client("checker") as checker:
        assert checker.post("/auth/offline-grant", json=request.model_dump(mode="json")).status_code == 403
    assert grant.sign_in_offline(store, "checker", "checker-demo").outcome == Outcome.NEVER_HERE
    assert grant.sign_in_offline(store, "nobody", "x").outcome == Outcome.NEVER_HERE
    # An unsigned grant an earlier OpsDesk left is not honoured: sign in online once.
    _replace(store, "offline_grant:maker", {"username": "maker", "password_hash": "$argon2id$...",
                                            "expires_at": 4_102_444_800})
    assert grant.sign_in_offline(store, "maker", "maker-demo").outcome == Outcome.NEVER_HERE


def test_five_wrong_passwords_in_fifteen_minutes_lock_offline_sign_in_until_an_online_one(api, store):
    issued = _online(api, store)
    now = issued + 60.0
    for attempt in range(1, MAX_FAILURES):
        assert grant.sign_in_offline(store, "maker", f"guess{attempt}", now=now + attempt).outcome \
            == Outcome.WRONG_PASSWORD
    assert grant.sign_in_offline(store, "maker", "guess", now=now + MAX_FAILURES).outcome == Outcome.LOCKED
    # The right password is refused too, and waiting does not help.
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=now + 10).outcome == Outcome.LOCKED
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=now + 2 * DAY).outcome == Outcome.LOCKED
    _online(api, store, now=now + 2 * DAY)  # an online sign-in unlocks it
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=now + 2 * DAY + 1).outcome == Outcome.OK


def test_failures_further_apart_than_the_window_do_not_lock(api, store):
    issued = _online(api, store)
    now = float(issued)
    for _ in range(2 * MAX_FAILURES):
        now += FAILURE_WINDOW_MINUTES * 60 / (MAX_FAILURES - 1) + 1  # never MAX_FAILURES in one window
        assert grant.sign_in_offline(store, "maker", "guess", now=now).outcome == Outcome.WRONG_PASSWORD
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=now + 1).outcome == Outcome.OK


def _kept(store, username: str = "maker") -> dict:
    with store.session() as session:
        return dict(session.get_one(LocalMeta, f"offline_grant:{username}").value)


def _replace(store, key: str, value: dict) -> None:
    with store.session() as session, session.begin():
        session.merge(LocalMeta(key=key, value=value))


def test_a_grant_changed_in_the_file_opens_nothing(api, store):
    issued = _online(api, store)
    kept = _kept(store)
    # Someone else's verifier (their own password) and an expiry in 2100.
    salt, kdf = proof.salt_of(store, "maker")
    forged = {**kept, "claims": {**kept["claims"], "expires_at": 4_102_444_800,
                                 "verifier": base64.b64encode(proof.verifier(proof.secret("mine", salt, kdf))).decode()}}
    _replace(store, "offline_grant:maker", forged)
    assert grant.sign_in_offline(store, "maker", "mine", now=issued + 60).outcome == Outcome.INVALID
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + 60).outcome == Outcome.INVALID
    # The maker's genuine grant kept as another user's, or on another workstation.
    _replace(store, "offline_grant:maker", kept)
    _replace(store, "offline_grant:admin", kept)
    assert grant.sign_in_offline(store, "admin", "maker-demo", now=issued + 60).outcome == Outcome.INVALID
    _replace(store, grant.WORKSTATION_ID, {"id": "another-workstation"})
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + 60).outcome == Outcome.INVALID


def test_a_grant_signed_by_another_key_than_the_pinned_one_opens_nothing(api, tmp_path):
    first, second = open_store(tmp_path / "a.db"), open_store(tmp_path / "b.db")
    issued = _online(api, first)
    _replace(second, grant.WORKSTATION_ID, {"id": grant.workstation_id(first)})
    _online(api, second)
    # A backend with another key: its grant is refused under the first one's pin.
    _replace(second, grant.PINNED_KEY, {"public_key": base64.b64encode(b"\x01" * 32).decode(), "key_id": "x"})
    assert grant.sign_in_offline(second, "maker", "maker-demo", now=issued + 60).outcome == Outcome.INVALID
    _replace(first, grant.PINNED_KEY, {})
    assert grant.sign_in_offline(first, "maker", "maker-demo", now=issued + 60).outcome == Outcome.INVALID
    first.close()
    second.close()


def test_a_clock_set_back_does_not_revive_an_expired_grant(api, store):
    issued = _online(api, store)
    after = issued + (OFFLINE_DAYS + 1) * DAY
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=after).outcome == Outcome.EXPIRED
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + DAY).outcome == Outcome.CLOCK_BEHIND
    assert grant.latest_seen(store) == after
    # Removing the latest time seen does not help either.
    with store.session() as session, session.begin():
        session.delete(session.get_one(LocalMeta, grant.LATEST_SEEN))
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + DAY).outcome == Outcome.INVALID


def test_the_backends_time_counts_as_seen(api, store):
    """A workstation whose clock is a day behind the backend's is refused offline, with the clock's
    own sentence; a few minutes of difference are tolerated."""
    issued = _online(api, store, now=0.0)  # the local clock far behind: the backend's time is the latest seen
    assert grant.latest_seen(store) == issued
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued - DAY).outcome == Outcome.CLOCK_BEHIND
    assert grant.sign_in_offline(store, "maker", "maker-demo",
                                 now=issued - grant.CLOCK_TOLERANCE / 2).outcome == Outcome.OK


def _forged_by_a_key_of_its_own(store, username: str) -> bytes:
    """What someone who can write workstation.db may do: the kept grant re-issued to ``username``,
    signed by a key of their own, and that key pinned. Returns the real pinned key."""
    with store.session() as session:
        real = session.get_one(LocalMeta, grant.PINNED_KEY).value
        kept = OfflineGrantOut.model_validate(session.get_one(LocalMeta, "offline_grant:maker").value)
    own = Ed25519PrivateKey.generate()
    public = own.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    claims = kept.claims.model_copy(update={"username": username, "key_id": key_id(public)})
    forged = OfflineGrantOut(claims=claims, public_key=base64.b64encode(public).decode(),
                             signature=base64.b64encode(own.sign(canonical(claims))).decode())
    _replace(store, grant.PINNED_KEY, {"public_key": forged.public_key, "key_id": claims.key_id})
    _replace(store, f"offline_grant:{username}", forged.model_dump(mode="json"))
    return base64.b64decode(real["public_key"])


def test_with_the_installations_key_a_grant_and_pin_forged_together_open_nothing(api, store, tmp_path):
    issued = _online(api, store)
    real = _forged_by_a_key_of_its_own(store, "admin")
    # The pin alone takes the forgery (the limit written in grant.py) ...
    assert grant.sign_in_offline(store, "admin", "maker-demo", now=issued + 60).outcome == Outcome.OK
    # ... the key the installation ships does not, for the forged grant or the maker's own.
    published = tmp_path / "offline-grant-key.pem"
    published.write_bytes(Ed25519PublicKey.from_public_bytes(real).public_bytes(
        Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
    store.trusted_grant_key = grant.read_trusted_key(published)
    assert grant.sign_in_offline(store, "admin", "maker-demo", now=issued + 60).outcome == Outcome.INVALID
    assert grant.sign_in_offline(store, "maker", "maker-demo", now=issued + 60).outcome == Outcome.OK
    # A grant signed by another key is not even kept.
    with store.session() as session:
        forged = OfflineGrantOut.model_validate(session.get_one(LocalMeta, "offline_grant:admin").value)
    me = MeOut(id=forged.claims.user_id, username="admin", display_name="x", roles=[], permissions=[])
    assert not grant.keep(store, me, forged, now=issued + 60)
