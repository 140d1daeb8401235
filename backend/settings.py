"""Backend settings: ``OPSDESK_*`` environment variables, or a TOML settings file (pydantic-settings).

``OPSDESK_SETTINGS_FILE`` names the file; its keys are the settings' names in lower case
(``database_url = "postgresql://..."``). The environment wins over the file, so one host can
change one setting of a shared file. A key the file has that no setting has is refused: a typo
must not pass for a setting. The README's table of settings is rendered from this class
(backend/ops/settings_table.py), and a test keeps the two the same.

The process keeps no state of its own: every worker reads the same settings and database.
"""

import ipaddress
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, NoDecode, PydanticBaseSettingsSource, SettingsConfigDict

from services.contract.events import HEARTBEAT_SECONDS
from services.rules import sign_in

ENV_PREFIX = "OPSDESK_"
SETTINGS_FILE_ENV = "OPSDESK_SETTINGS_FILE"


class SettingsFileError(ValueError):
    pass


def read_settings_file(path: Path, names: set[str]) -> dict[str, Any]:
    """The settings in a TOML file; refuses one it cannot read and keys that are no setting."""
    try:
        with path.open("rb") as file:
            values = tomllib.load(file)
    except OSError as exc:
        raise SettingsFileError(f"cannot read the settings file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SettingsFileError(f"the settings file {path} is not TOML: {exc}") from exc
    if unknown := sorted(set(values) - names):
        raise SettingsFileError(f"the settings file {path} has keys that are no setting: {', '.join(unknown)}")
    return values


class _SettingsFile(PydanticBaseSettingsSource):
    """The file ``OPSDESK_SETTINGS_FILE`` names, read when the settings are made."""

    def __init__(self, settings_cls: type[BaseSettings]):
        super().__init__(settings_cls)
        named = os.environ.get(SETTINGS_FILE_ENV)
        self._values = read_settings_file(Path(named), set(settings_cls.model_fields)) if named else {}

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        return self._values.get(field_name), field_name, False

    def __call__(self) -> dict[str, Any]:
        return dict(self._values)


def _split(separator: str):
    """A list setting from the environment as one string: ``a,b`` (paths: ``a:b``, ``a;b`` on Windows)."""
    def split(value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(separator) if part.strip()]
        return value
    return split


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore")

    # --- serving ------------------------------------------------------------------------------
    database_url: str = Field("sqlite:///opsdesk.db", description=(
        "SQLAlchemy URL of the database: SQLite (one worker) or `postgresql://user@host/db` (several "
        "workers and hosts). `--database-url` sets it too."))
    host: str = Field("127.0.0.1", description="Address to listen on (`--host`); `0.0.0.0` for every interface.")
    port: int = Field(8400, ge=0, le=65535, description="Port to listen on (`--port`); 0 picks a free one.")
    workers: int = Field(1, ge=1, description=(
        "Worker processes (`--workers`); more than one needs PostgreSQL."))
    ssl_certfile: str | None = Field(None, description=(
        "Serve HTTPS with this certificate (PEM, chain included; `--ssl-certfile`). Needs `ssl_keyfile`."))
    ssl_keyfile: str | None = Field(None, description="The private key (PEM) of `ssl_certfile` (`--ssl-keyfile`).")
    log_level: str = Field("info", description="debug, info, warning or error (`--log-level`).")
    log_format: Literal["json", "text"] = Field("json", description=(
        "`json`: one JSON object a line (time, level, logger, message, request_id, fields); `text`: "
        "for reading in a terminal. The one-off commands always write text."))
    access_log: bool = Field(True, description=(
        "One log line per request: method, route, path, status, duration_ms and its request id."))

    # --- sign-in ------------------------------------------------------------------------------
    token_ttl_minutes: int = Field(8 * 60, gt=0, description=(
        "Absolute lifetime of a bearer token, enforced by the server."))
    token_idle_minutes: int = Field(60, gt=0, description="A token unused this long ends.")
    # (services/rules/sign_in.py: the workstation's offline sign-in counts with the same numbers)
    login_max_failures: int = Field(sign_in.MAX_FAILURES, gt=0, description=(
        "Failed sign-ins of one username within the window that lock it (the right password is "
        "refused too); counted in the database for every worker."))
    login_failure_window_minutes: int = Field(sign_in.FAILURE_WINDOW_MINUTES, gt=0, description=(
        "The window in which failed sign-ins are counted."))
    login_lockout_minutes: int = Field(sign_in.LOCKOUT_MINUTES, gt=0, description="How long a lockout lasts.")
    offline_grant_key_file: str = Field("", description=(
        "The Ed25519 key that signs offline grants (made 0600 on first use). Empty: beside a SQLite "
        "database, else in the working folder."))
    offline_grant_days: int = Field(sign_in.OFFLINE_DAYS, gt=0, description=(
        "Days of offline drafting an online sign-in grants a workstation."))
    demo: bool = Field(False, description=(
        "Demo users with documented passwords and demo data on first start (`--demo`); the embedded default only."))
    allow_demo_passwords: bool = Field(False, description=(
        "Allow `demo` on a database that is not on this machine (`--allow-demo-passwords`)."))

    # --- background passes --------------------------------------------------------------------
    settings_clock_seconds: float = Field(30.0, gt=0, description=(
        "How often pending margin setting records are checked for their effective time."))
    events_heartbeat_seconds: float = Field(HEARTBEAT_SECONDS, gt=0, description=(
        "An idle event stream sends a heartbeat this often and reads its session again then: an "
        "expired or revoked token ends the stream."))

    # --- message delivery ---------------------------------------------------------------------
    smtp_host: str = Field("127.0.0.1", description="SMTP server that Email is sent through.")
    smtp_port: int | None = Field(None, description="Its port; unset: Email is not dispatched by this backend.")
    sms_gateway_url: str | None = Field(None, description=(
        "SMS gateway (`POST {url}` with JSON `to`, `text`); unset: SMS is not dispatched by this backend."))
    dispatch_seconds: float = Field(2.0, gt=0, description=(
        "Between passes of the message dispatcher when its queue is empty."))
    undeliverable_minutes: float = Field(10.0, gt=0, description=(
        "An attempt whose channel no backend has a provider for fails after waiting this long."))

    # --- the audit chain's signed checkpoints (backend/audit/anchor.py) -----------------------
    audit_key_file: str | None = Field(None, description=(
        "The Ed25519 key that signs audit checkpoints, made 0600 on first start. Keep it out of "
        "reach of the database's users and backups. Unset: beside a SQLite database, else the "
        "working folder."))
    audit_checkpoint_file: str | None = Field(None, description=(
        "The append-only file of signed checkpoints; publish or copy it (`export-audit-checkpoints`). "
        "Unset: beside a SQLite database, else the working folder."))
    audit_checkpoint_events: int = Field(100, ge=0, description=(
        "A checkpoint once this many events are unanchored (or `audit_checkpoint_minutes` have passed)."))
    audit_checkpoint_minutes: float = Field(10.0, ge=0, description=(
        "A checkpoint once the last one is this old and events followed it."))
    audit_checkpoint_seconds: float = Field(15.0, gt=0, description="Between checkpoint passes.")

    # --- operating it -------------------------------------------------------------------------
    metrics_networks: Annotated[list[str], NoDecode] = Field(["127.0.0.0/8", "::1/128"], description=(
        "Networks (CIDR, comma-separated) whose addresses may read `/metrics` without a token; "
        "empty: none. The address is the peer's, or the `X-Forwarded-For` of a proxy that uvicorn "
        "trusts (`FORWARDED_ALLOW_IPS`, default 127.0.0.1)."))
    metrics_token: SecretStr | None = Field(None, description=(
        "A bearer token that reads `/metrics` from any address (Prometheus `authorization`)."))
    backup_every_hours: float = Field(0, ge=0, description=(
        "SQLite only: an online backup of the database this often, in the background; 0: none. The "
        "embedded default takes one a day (24)."))
    backup_keep: int = Field(7, ge=1, description="Backups kept; the oldest beyond this are removed.")
    backup_folder: str | None = Field(None, description=(
        "Where backups go, one folder each. Unset: `backups` beside the SQLite database."))
    backup_also: Annotated[list[str], NoDecode] = Field([], description=(
        "Other SQLite databases backed up with it, paths separated by `:` (`;` on Windows); the "
        "embedded default adds the workstation's `workstation.db`."))

    _split_networks = field_validator("metrics_networks", mode="before")(_split(","))
    _split_paths = field_validator("backup_also", mode="before")(_split(os.pathsep))

    @field_validator("metrics_networks")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for network in value:
            ipaddress.ip_network(network, strict=False)  # ValueError names the bad one
        return value

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        # Given values (tests, commands), then the environment, then the settings file.
        return init_settings, env_settings, _SettingsFile(settings_cls), file_secret_settings

    def audit_paths(self) -> tuple[Path, Path]:
        """(signing key file, checkpoint file)."""
        from backend.audit.anchor import default_paths

        key, checkpoints = default_paths(self.database_url)
        return (Path(self.audit_key_file) if self.audit_key_file else key,
                Path(self.audit_checkpoint_file) if self.audit_checkpoint_file else checkpoints)


@lru_cache
def get_settings() -> Settings:
    return Settings()
