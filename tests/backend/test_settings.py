"""Settings from the environment and a settings file, and the README's table of them."""

from pathlib import Path

import pytest

from backend.ops import settings_table
from backend.settings import SETTINGS_FILE_ENV, Settings, SettingsFileError

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def settings_file(tmp_path, monkeypatch):
    def write(content: str) -> Path:
        path = tmp_path / "opsdesk.toml"
        path.write_text(content, encoding="utf-8")
        monkeypatch.setenv(SETTINGS_FILE_ENV, str(path))
        return path

    for name in ("OPSDESK_DATABASE_URL", "OPSDESK_WORKERS", "OPSDESK_SMTP_PORT", "OPSDESK_METRICS_NETWORKS"):
        monkeypatch.delenv(name, raising=False)
    return write


def test_a_settings_file_sets_what_the_environment_leaves(settings_file, monkeypatch):
    settings_file('database_url = "postgresql://opsdesk@db.internal/opsdesk"\n'
                  'workers = 4\nsmtp_port = 2525\nmetrics_networks = ["10.0.0.0/8", "::1/128"]\n'
                  'metrics_token = "scrape"\n')
    monkeypatch.setenv("OPSDESK_WORKERS", "2")  # the environment wins over the file
    settings = Settings()
    assert settings.database_url == "postgresql://opsdesk@db.internal/opsdesk"
    assert (settings.workers, settings.smtp_port) == (2, 2525)
    assert settings.metrics_networks == ["10.0.0.0/8", "::1/128"]
    assert settings.metrics_token is not None and settings.metrics_token.get_secret_value() == "scrape"
    assert "scrape" not in repr(settings)
    assert Settings(workers=8).workers == 8  # given values (the command line's) win over both


def test_a_settings_file_with_a_key_that_is_no_setting_is_refused(settings_file):
    path = settings_file('database_url = "sqlite:///x.db"\ntoken_ttl_minute = 30\n')
    with pytest.raises(SettingsFileError, match="token_ttl_minute") as refused:
        Settings()
    assert str(path) in str(refused.value)


def test_a_settings_file_that_is_not_toml_or_not_there_is_refused(settings_file, tmp_path, monkeypatch):
    settings_file("database_url = \n")
    with pytest.raises(SettingsFileError, match="not TOML"):
        Settings()
    monkeypatch.setenv(SETTINGS_FILE_ENV, str(tmp_path / "missing.toml"))
    with pytest.raises(SettingsFileError, match="cannot read"):
        Settings()


def test_the_command_refuses_a_bad_settings_file(settings_file, backend_cli):
    settings_file("workers = 2\nno_such_setting = 1\n")
    result = backend_cli("backups")
    assert result.code == 2 and "no_such_setting" in result.err


def test_lists_come_from_the_environment_as_one_string(monkeypatch):
    monkeypatch.setenv("OPSDESK_METRICS_NETWORKS", "10.0.0.0/8, 192.168.1.0/24")
    monkeypatch.setenv("OPSDESK_BACKUP_ALSO", "/data/a.db")
    settings = Settings()
    assert settings.metrics_networks == ["10.0.0.0/8", "192.168.1.0/24"]
    assert settings.backup_also == ["/data/a.db"]
    monkeypatch.setenv("OPSDESK_METRICS_NETWORKS", "10.0.0.0/8,not-a-network")
    with pytest.raises(ValueError, match="not-a-network"):
        Settings()


def test_every_setting_says_what_it_is():
    assert [name for name, field in Settings.model_fields.items() if not field.description] == []


def test_the_readme_table_is_the_settings_class():
    """Rendered from the class; ``python -m backend.ops.settings_table README.md`` writes it."""
    table = settings_table.in_readme(README.read_text(encoding="utf-8"))
    assert table == settings_table.block()
    for name in Settings.model_fields:
        assert f"`OPSDESK_{name.upper()}`" in table
