"""The backend's Ed25519 key that signs offline grants: a file outside the database.

Made on the first start (``create_app``) with mode 0600, written to a temporary file and linked into place, so workers
starting together agree on one key (the second link fails and reads the first). Settings
``offline_grant_key_file``; empty: beside a SQLite database, else in the working folder. Losing
the file only ends the workstations' offline grants early: the next online sign-in renews them
under the new key.
"""

import logging
import os
import threading
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)
from sqlalchemy import make_url

from backend.settings import Settings

log = logging.getLogger(__name__)
_lock = threading.Lock()
_keys: dict[Path, Ed25519PrivateKey] = {}


def key_path(settings: Settings) -> Path:
    if settings.offline_grant_key_file:
        return Path(settings.offline_grant_key_file)
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).with_name(Path(url.database).name + ".offline-grant.key")
    log.warning("the offline grant key is kept in the working folder: set OPSDESK_OFFLINE_GRANT_KEY_FILE")
    return Path("opsdesk-offline-grant.key").absolute()


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    path = key_path(settings)
    with _lock:
        key = _keys.get(path)
        if key is None:
            key = _keys[path] = _load_or_make(path)
    return key


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _load_or_make(path: Path) -> Ed25519PrivateKey:
    if not path.exists():
        _make(path)
    loaded = load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise RuntimeError(f"{path} holds no Ed25519 key")
    return loaded


def _make(path: Path) -> None:
    pem = Ed25519PrivateKey.generate().private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(pem)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(temporary, path)  # fails if another worker made it first: theirs is the key
            log.info("made the offline grant signing key %s", path)
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
