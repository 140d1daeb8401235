"""The documented demo passwords are for a database on this machine only.

Rule: a database is *local* when it is SQLite or PostgreSQL on a loopback host or a Unix socket.
On any other database the backend refuses to start with ``--demo`` (which would create users with
the documented ``<name>-demo`` passwords), and refuses every sign-in whose password is one of the
documented demo passwords, whoever the user is (a database seeded earlier keeps no back door).
``--allow-demo-passwords`` (``OPSDESK_ALLOW_DEMO_PASSWORDS=1``) lifts both, on purpose.
"""

from sqlalchemy.engine import make_url

from backend.auth.roles import DEMO_USERS
from backend.settings import Settings

DEMO_PASSWORDS = frozenset(user.password for user in DEMO_USERS)
_LOOPBACK = {"localhost", "127.0.0.1", "::1", "[::1]"}


def is_local_database(url: str) -> bool:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return True
    if backend != "postgresql":
        return False
    host = parsed.host or parsed.query.get("host")
    if isinstance(host, tuple):
        host = host[0] if len(host) == 1 else None
    # No host (or a socket directory) is a Unix socket on this machine.
    return not host or host.startswith("/") or host.lower() in _LOOPBACK


def demo_passwords_refused(settings: Settings) -> bool:
    return not settings.allow_demo_passwords and not is_local_database(settings.database_url)


def demo_start_refusal(settings: Settings) -> str | None:
    """Why the backend must not start (``--demo`` on a database that is not local), or None."""
    if settings.demo and demo_passwords_refused(settings):
        return ("--demo creates users with the documented demo passwords and is refused on a "
                "database that is not on this machine (SQLite, or PostgreSQL on localhost); "
                "pass --allow-demo-passwords (or set OPSDESK_ALLOW_DEMO_PASSWORDS=1) to allow it")
    return None
