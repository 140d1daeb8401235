"""The backend's Ed25519 key that signs offline grants: a file outside the database.

Made on the first start (``create_app``) with mode 0600, written to a temporary file and linked
into place, so workers starting together agree on one key (backend/kit/signing_keys.py).
Settings ``offline_grant_key_file``; empty: beside a SQLite database, else in the working folder. Losing the file only ends the workstations' offline grants early: the
next online sign-in renews them under the new key.
"""

import logging
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from backend.kit.signing_keys import database_file, load_or_create_key
from backend.settings import Settings

log = logging.getLogger(__name__)
_lock = threading.Lock()
_keys: dict[Path, Ed25519PrivateKey] = {}


def key_path(settings: Settings) -> Path:
    if settings.offline_grant_key_file:
        return Path(settings.offline_grant_key_file)
    db = database_file(settings.database_url)
    if db is not None:
        return db.with_name(db.name + ".offline-grant.key")
    log.warning("the offline grant key is kept in the working folder: set OPSDESK_OFFLINE_GRANT_KEY_FILE")
    return Path("opsdesk-offline-grant.key").absolute()


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    path = key_path(settings)
    with _lock:
        key = _keys.get(path)
        if key is None:
            key = _keys[path] = load_or_create_key(path)
    return key


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
