"""The --server URL rule (desktop/server_url.py) and the desktop's options that use it."""

from __future__ import annotations

import pytest

from desktop.app import main, parse_args
from desktop.server_url import check_server_url, is_loopback_host


@pytest.mark.parametrize("url", [
    "https://ops.example.com", "https://10.0.0.5:8443", "https://[2001:db8::1]:8443/",
    "http://127.0.0.1:8400", "http://127.5.6.7", "http://localhost:8400", "http://LOCALHOST",
    "http://[::1]:8400",
])
def test_accepted_without_the_flag(url):
    assert check_server_url(url, allow_insecure=False) is None


@pytest.mark.parametrize("url", [
    "http://ops.example.com", "http://10.0.0.5:8400", "http://192.168.1.2", "http://[2001:db8::1]",
    "http://0.0.0.0:8400", "http://localhost.example.com", "http://128.0.0.1",
])
def test_plain_http_to_another_machine_needs_the_flag(url):
    refusal = check_server_url(url, allow_insecure=False)
    assert refusal is not None and "--allow-insecure-http" in refusal
    assert check_server_url(url, allow_insecure=True) is None


@pytest.mark.parametrize("url", ["ops.example.com", "ftp://ops.example.com", "https://", "http://h:port"])
def test_not_a_server_url(url):
    assert check_server_url(url, allow_insecure=True) is not None


def test_loopback_hosts():
    assert is_loopback_host("127.0.0.1") and is_loopback_host("::1") and is_loopback_host("localhost.")
    assert not is_loopback_host("10.0.0.1") and not is_loopback_host("example.com")


def test_options():
    args = parse_args(["--server", "https://ops.example.com", "--ca-file", "ca.pem"])
    assert (args.ca_file, args.allow_insecure_http) == ("ca.pem", False)
    assert parse_args(["--allow-insecure-http"]).allow_insecure_http


def test_the_desktop_refuses_plain_http_to_another_machine_at_start(capsys):
    assert main(["--server", "http://ops.example.com:8400"]) == 2
    assert "--allow-insecure-http" in capsys.readouterr().err


def test_the_desktop_refuses_a_missing_ca_file(capsys, tmp_path):
    assert main(["--server", "https://ops.example.com", "--ca-file", str(tmp_path / "no.pem")]) == 2
    assert "CA file" in capsys.readouterr().err
