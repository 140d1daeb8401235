"""Account passwords, hashed by the product's one Argon2id hasher (services/password_hashing.py)."""

from functools import cache

from argon2.exceptions import InvalidHashError, VerificationError

from services.password_hashing import password_hasher


@cache
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so both paths cost the same.

    Made on first use, not at import: hashing costs a fifth of a second of every start.
    """
    return password_hasher().hash("opsdesk-no-such-user")


def hash_password(password: str) -> str:
    return password_hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        password_hasher().verify(password_hash or _dummy_hash(), password)  # raises on a mismatch
    except (VerificationError, InvalidHashError):
        return False
    return password_hash is not None


def needs_rehash(password_hash: str) -> bool:
    return password_hasher().check_needs_rehash(password_hash)
