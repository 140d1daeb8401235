"""Backend settings, read from ``OPSDESK_*`` environment variables (pydantic-settings).

The process keeps no state of its own: every worker reads the same settings and database.
"""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from services.contract.events import HEARTBEAT_SECONDS
from services.rules import sign_in


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="OPSDESK_", extra="ignore")

    database_url: str = "sqlite:///opsdesk.db"
    # Absolute lifetime and idle timeout of a bearer token, enforced by the server.
    token_ttl_minutes: int = 8 * 60
    token_idle_minutes: int = 60
    # Sign-in throttle: this many failures for one username within the window lock it for the
    # cool-down (the right password is refused too); counted in the database for every worker.
    # (services/rules/sign_in.py: the workstation's offline sign-in counts with the same numbers)
    login_max_failures: int = sign_in.MAX_FAILURES
    login_failure_window_minutes: int = sign_in.FAILURE_WINDOW_MINUTES
    login_lockout_minutes: int = sign_in.LOCKOUT_MINUTES
    # The Ed25519 key that signs offline grants (backend/auth/grant_key.py): a file outside the
    # database, made (0600) on first use. Empty: beside a SQLite database, else in the working folder.
    offline_grant_key_file: str = ""
    offline_grant_days: int = sign_in.OFFLINE_DAYS
    # Demo users with documented passwords: the embedded default only.
    demo: bool = False
    # The documented demo passwords are refused on a database that is not local (SQLite, or
    # PostgreSQL on this machine) unless this is set (``--allow-demo-passwords``).
    allow_demo_passwords: bool = False
    log_level: str = "info"
    # How often pending margin setting records are checked for their effective time.
    settings_clock_seconds: float = 30.0
    # An event stream with nothing to say sends a heartbeat this often (seconds), and reads its
    # session again then: an expired or revoked token ends the stream.
    events_heartbeat_seconds: float = Field(HEARTBEAT_SECONDS, gt=0)
    # Message delivery: where Email and SMS go; a channel without a server is not dispatched.
    smtp_host: str = "127.0.0.1"
    smtp_port: int | None = None
    sms_gateway_url: str | None = None
    dispatch_seconds: float = 2.0  # between passes of the dispatcher when the queue is empty
    # A delivery attempt whose channel no backend has a provider for fails after waiting this long.
    undeliverable_minutes: float = Field(10.0, gt=0)
    # The audit chain's signed checkpoints (backend/audit/anchor.py). The Ed25519 signing key is
    # created (mode 0600) on first start if the file is missing; keep it where the database's
    # users and backups cannot reach it. The checkpoint file is append-only: publish or copy it
    # (``export-audit-checkpoints``). Unset: beside a SQLite database file, else the working
    # directory (backend.audit.anchor.default_paths).
    audit_key_file: str | None = None
    audit_checkpoint_file: str | None = None
    audit_checkpoint_events: int = 100  # a checkpoint once this many events are unanchored,
    audit_checkpoint_minutes: float = 10.0  # or once the last checkpoint is this old
    audit_checkpoint_seconds: float = 15.0  # between passes

    def audit_paths(self) -> tuple[Path, Path]:
        """(signing key file, checkpoint file)."""
        from backend.audit.anchor import default_paths

        key, checkpoints = default_paths(self.database_url)
        return (Path(self.audit_key_file) if self.audit_key_file else key,
                Path(self.audit_checkpoint_file) if self.audit_checkpoint_file else checkpoints)


@lru_cache
def get_settings() -> Settings:
    return Settings()
