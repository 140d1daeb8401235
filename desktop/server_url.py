"""The rule for a ``--server`` URL: HTTPS anywhere, plain HTTP only on this machine.

A token and passwords sent over plain HTTP to another machine can be read on the way; that
needs ``--allow-insecure-http`` said out loud. Qt-free, so it is unit-tested on its own.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit


def is_loopback_host(host: str) -> bool:
    """127.0.0.0/8, ::1 and ``localhost`` (any case, with or without a trailing dot)."""
    host = host.strip().rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str, allow_insecure: bool = False) -> str | None:
    """None when the desktop may use ``url``; otherwise the reason it refuses to start."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError as exc:
        return f"The server address {url!r} is not a valid URL ({exc})."
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        return f"The server address {url!r} must start with https:// (or http://) and name a host."
    if scheme == "http" and not allow_insecure and not is_loopback_host(host):
        return (f"The server address {url!r} uses plain HTTP to another machine: passwords and "
                "data would cross the network unencrypted. Use https://, or start with "
                "--allow-insecure-http if this network is trusted.")
    return None
