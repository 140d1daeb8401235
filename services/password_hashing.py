"""The one Argon2id hasher of the product: the backend's accounts and the workstation's offline grant.

Its cost is argon2-cffi's default profile (RFC 9106's low-memory one: t=3, m=64 MiB, p=4, about
0.2 s a hash), which meets OWASP's minimum. ``OPSDESK_PASSWORD_HASH_COST=minimal`` selects
argon2's cheapest parameters instead, for the test suite only: the same algorithm and code paths
at a thousandth of the cost (it signs in some three hundred times). The backend warns at start
when it runs with it.
"""

from __future__ import annotations

import os
from functools import cache

from argon2 import PasswordHasher, profiles

COST_ENV = "OPSDESK_PASSWORD_HASH_COST"
MINIMAL = "minimal"


def minimal_cost() -> bool:
    return os.environ.get(COST_ENV) == MINIMAL


@cache
def password_hasher() -> PasswordHasher:
    """Read once per process: every hash a process makes has one cost, so none needs a rehash."""
    return PasswordHasher.from_parameters(profiles.CHEAPEST) if minimal_cost() else PasswordHasher()
