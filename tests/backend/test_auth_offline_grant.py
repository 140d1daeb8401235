"""POST /auth/offline-grant: the backend signs, with its Ed25519 key kept in a 0600 file outside the
database, who is signed in (from the token, never the body), the workstation, the client's
verifier and an expiry of its own clock."""

import base64
import stat
from datetime import timedelta
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from backend.auth.grant_key import key_path
from services.contract.offline_grant import OfflineGrantClaims, OfflineGrantOut, canonical, key_id
from services.rules.sign_in import OFFLINE_DAYS

BODY = {"workstation_id": "ws-0123456789", "verifier": base64.b64encode(b"v" * 32).decode(),
        "salt": base64.b64encode(b"s" * 16).decode(),
        "kdf": {"time_cost": 1, "memory_cost": 8, "parallelism": 1}}


def _grant(api, username: str = "maker", fresh: bool = False) -> OfflineGrantOut:
    token = api.login(username).json()["access_token"] if fresh else None
    with api.client(username, token) as client:
        response = client.post("/auth/offline-grant", json=BODY)
    assert response.status_code == 200, response.text
    return OfflineGrantOut.model_validate(response.json())


def _verifies(answer: OfflineGrantOut, claims: OfflineGrantClaims | None = None) -> bool:
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(answer.public_key))
    try:
        public.verify(base64.b64decode(answer.signature), canonical(claims or answer.claims))
    except InvalidSignature:
        return False
    return True


def test_the_grant_is_signed_for_the_caller_until_the_backends_expiry(api):
    now = api.clock.now()
    answer = _grant(api)
    claims = answer.claims
    assert (claims.username, claims.workstation_id, claims.verifier) == ("maker", BODY["workstation_id"], BODY["verifier"])
    assert abs(claims.issued_at - now.timestamp()) < 60
    assert claims.expires_at - claims.issued_at == OFFLINE_DAYS * 86_400
    assert claims.key_id == key_id(base64.b64decode(answer.public_key))
    assert _verifies(answer)
    # Any claim changed breaks the signature.
    assert not _verifies(answer, claims.model_copy(update={"expires_at": 4_102_444_800}))
    assert not _verifies(answer, claims.model_copy(update={"username": "admin"}))
    # The backend's clock decides the expiry, and one key signs every grant.
    api.clock.advance(days=3)
    later = _grant(api, "admin", fresh=True)
    assert later.public_key == answer.public_key and later.claims.username == "admin"
    assert later.claims.issued_at - claims.issued_at >= timedelta(days=3).total_seconds()


def test_the_key_is_a_private_file_outside_the_database(api):
    _grant(api)
    path = key_path(api.app.state.settings)
    assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
    assert b"PRIVATE KEY" in path.read_bytes()


def test_only_a_drafting_user_gets_a_grant_and_the_body_is_checked(api):
    with api.client("checker") as checker:
        assert checker.post("/auth/offline-grant", json=BODY).status_code == 403
    with api.http() as anonymous:
        assert anonymous.post("/auth/offline-grant", json=BODY).status_code == 401
    with api.client("maker") as maker:
        assert maker.post("/auth/offline-grant", json={**BODY, "verifier": "not base64!"}).status_code == 422
        assert maker.post("/auth/offline-grant", json={**BODY, "username": "admin"}).json()["claims"]["username"] \
            == "maker"


def test_without_a_configured_file_the_key_sits_beside_a_sqlite_database_or_in_the_working_folder(caplog):
    from backend.settings import Settings

    beside = Settings(database_url="sqlite:////data/opsdesk.db", offline_grant_key_file="")
    assert key_path(beside) == Path("/data/opsdesk.db.offline-grant.key")
    server = Settings(database_url="postgresql://db.internal/opsdesk", offline_grant_key_file="")
    assert key_path(server) == Path.cwd() / "opsdesk-offline-grant.key"
    assert "set OPSDESK_OFFLINE_GRANT_KEY_FILE" in caplog.text  # production names it
    named = Settings(database_url="postgresql://db.internal/opsdesk", offline_grant_key_file="/keys/grant.key")
    assert key_path(named) == Path("/keys/grant.key")
