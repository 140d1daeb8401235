"""Sign-in hardening over HTTP: the lockout after repeated failures (its windows reached by moving
the app's clock), passwords kept out of a real backend's log, and the demo passwords refused on a
database not on this machine."""

import uuid

import httpx
import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backend import launch
from backend.auth import service
from backend.auth.bootstrap import create_user
from backend.auth.demo_guard import demo_start_refusal, is_local_database
from backend.auth.models import LoginThrottle
from backend.kit.errors import AppError
from backend.settings import Settings
from tests.conftest import LiveBackend, start_backend, stop_backend
from tests.fixtures.app_backend import AppBackend

PASSWORD = "a-long-password"
LIMIT = Settings().login_max_failures


def _new_user(backend: AppBackend | LiveBackend, password: str = PASSWORD) -> str:
    """A user of this test alone, so that demo users are never locked."""
    username = f"lock-{uuid.uuid4().hex[:8]}"
    engine = backend.engine()
    with Session(engine) as session:
        create_user(session, username, password, "Lockout tester", ("customer_service",))
        session.commit()
    engine.dispose()
    return username


def _fail(api: AppBackend, username: str, times: int) -> None:
    for _ in range(times):
        response = api.login(username, "wrong-password")
        assert (response.status_code, response.json()["code"]) == (401, "invalid_credentials")


def _throttle_rows(api: AppBackend, username: str) -> int:
    engine = api.engine()
    with engine.connect() as conn:
        count = len(conn.execute(select(LoginThrottle.username)
                                 .where(LoginThrottle.username == username)).all())
    engine.dispose()
    return count


def test_repeated_failures_lock_the_username_even_for_the_right_password(api):
    username = _new_user(api)
    _fail(api, username, LIMIT)
    locked = api.login(username, PASSWORD)
    assert locked.status_code == 429
    assert locked.headers["content-type"] == "application/problem+json"
    assert locked.json()["code"] == "too_many_attempts"
    assert 0 < int(locked.headers["retry-after"]) <= Settings().login_lockout_minutes * 60
    assert api.login(username, "wrong-password").status_code == 429

    engine = api.engine()
    with engine.connect() as conn:
        actions = conn.execute(text("SELECT action FROM audit_events WHERE entity_id = :u ORDER BY id"),
                               {"u": username}).scalars().all()
    engine.dispose()
    assert actions == ["auth.login_failed"] * LIMIT + ["auth.locked_out"]

    # When the cool-down is over the right password signs in again and clears the count.
    api.clock.advance(seconds=int(locked.headers["retry-after"]) - 5)
    assert api.login(username, PASSWORD).status_code == 429
    api.clock.advance(seconds=5)
    assert api.login(username, PASSWORD).status_code == 200
    assert _throttle_rows(api, username) == 0


def test_unknown_usernames_are_locked_the_same_way(api):
    username = f"nobody-{uuid.uuid4().hex[:8]}"
    _fail(api, username, LIMIT)
    response = api.login(username, "anything")
    assert (response.status_code, response.json()["code"]) == (429, "too_many_attempts")
    assert "retry-after" in response.headers


def test_a_successful_sign_in_resets_the_count(api):
    username = _new_user(api)
    _fail(api, username, LIMIT - 1)
    assert api.login(username, PASSWORD).status_code == 200
    _fail(api, username, LIMIT - 1)
    assert api.login(username, PASSWORD).status_code == 200


def test_failures_outside_the_window_are_forgotten(api):
    username = _new_user(api)
    _fail(api, username, LIMIT - 1)
    api.clock.advance(minutes=Settings().login_failure_window_minutes, seconds=1)
    _fail(api, username, LIMIT - 1)
    assert api.login(username, PASSWORD).status_code == 200


@pytest.mark.process
def test_passwords_never_reach_the_log(tmp_path):
    log_path = tmp_path / "backend.log"
    backend = start_backend(f"sqlite:///{tmp_path / 'opsdesk.db'}", log_path, "--log-level", "debug")
    secret = f"Zq{uuid.uuid4().hex}Xk"
    try:
        username = _new_user(backend, secret)
        assert backend.login(username, secret).status_code == 200
        assert backend.login(username, secret + "-wrong").status_code == 401
        assert backend.login("nobody", secret).status_code == 401
        # Too long: refused by validation, which must not echo the value into the log either.
        assert backend.login(username, secret * 10).status_code == 422
        assert backend.login(secret, secret).status_code in (401, 422)
    finally:
        stop_backend(backend)
    log = log_path.read_text(errors="replace")
    assert "DEBUG" in log  # the most talkative level really ran
    assert secret not in log


def test_demo_passwords_only_on_a_local_database():
    assert is_local_database("sqlite:///opsdesk.db")
    assert is_local_database("postgresql://postgres@127.0.0.1:5432/test")
    assert is_local_database("postgresql+psycopg://postgres@localhost/test")
    assert is_local_database("postgresql://postgres@[::1]/test")
    assert is_local_database("postgresql:///test")  # Unix socket
    assert not is_local_database("postgresql://postgres@db.internal:5432/opsdesk")
    assert not is_local_database("mysql://root@127.0.0.1/opsdesk")
    remote = "postgresql://postgres@db.internal/opsdesk"
    assert demo_start_refusal(Settings(database_url=remote, demo=True))
    assert demo_start_refusal(Settings(database_url=remote, demo=True, allow_demo_passwords=True)) is None
    assert demo_start_refusal(Settings(database_url="sqlite:///x.db", demo=True)) is None


@pytest.mark.process
def test_the_backend_refuses_demo_on_a_remote_database(tmp_path):
    log_path = tmp_path / "refused.log"
    with log_path.open("wb") as log:
        process, url = launch.start("postgresql://postgres@db.example.invalid:5432/opsdesk", "--demo",
                                    stderr=log, timeout=60)
    assert url is None
    assert process.returncode == 2
    message = log_path.read_text()
    assert "--allow-demo-passwords" in message and "demo passwords" in message


def test_a_demo_password_is_refused_on_a_remote_database(api):
    """Whoever the user: a remote database seeded with demo users keeps no back door."""
    engine = api.engine()
    remote = "postgresql://postgres@db.internal/opsdesk"
    with Session(engine) as session:
        username = f"demo-pw-{uuid.uuid4().hex[:8]}"
        create_user(session, username, "admin-demo", "Demo password", ("customer_service",))
        with pytest.raises(AppError) as refused:
            service.login(session, Settings(database_url=remote), username, "admin-demo")
        assert (refused.value.status, refused.value.code) == (401, "invalid_credentials")
        token, _ = service.login(session, Settings(database_url=remote, allow_demo_passwords=True),
                                 username, "admin-demo")
        assert token
        assert service.login(session, Settings(database_url=api.database_url), username, "admin-demo")
        session.rollback()
    engine.dispose()


def test_a_password_change_ends_every_session_of_the_user(api):
    username = _new_user(api)
    first, second = (api.login(username, PASSWORD).json()["access_token"] for _ in range(2))
    new_password = "a-new-long-passphrase"

    def change(token: str, current: str, new: str = new_password) -> httpx.Response:
        return api.client(token=token).post("/auth/password",
                                            json={"current_password": current, "new_password": new})

    wrong = change(first, "not-the-password")
    assert (wrong.status_code, wrong.json()["code"]) == (401, "invalid_credentials")
    assert change(first, PASSWORD, PASSWORD).status_code == 422  # the same one again
    assert change(first, PASSWORD, "short").status_code == 422
    assert change(first, PASSWORD).status_code == 204
    for token in (first, second):  # this session and the other one
        me = api.client(token=token).get("/me")
        assert (me.status_code, me.json()["code"]) == (401, "token_revoked")
    assert api.login(username, PASSWORD).status_code == 401
    assert api.login(username, new_password).status_code == 200
    engine = api.engine()
    with engine.connect() as conn:
        actions = list(conn.execute(text("SELECT action FROM audit_events WHERE entity_type = 'user' AND "
                                         "action LIKE 'auth.password%' AND actor_id = (SELECT id FROM users "
                                         "WHERE username = :u) ORDER BY id"), {"u": username}).scalars())
    engine.dispose()
    assert actions == ["auth.password_change_failed", "auth.password_changed"]
