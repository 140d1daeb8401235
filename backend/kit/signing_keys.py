"""Ed25519 signing keys kept in files outside the database: the audit trail's checkpoints
(backend/audit/anchor.py) and the offline grants (backend/auth/grant_key.py) are signed with them."""

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import make_url

log = logging.getLogger(__name__)


def database_file(database_url: str) -> Path | None:
    """The file of a SQLite database, which key files sit beside when the settings name none;
    None for a server (PostgreSQL) or an in-memory database."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(url.database or "")
    return None


def key_id(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> bytes:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(serialization.Encoding.PEM,
                               serialization.PublicFormat.SubjectPublicKeyInfo)


def load_or_create_key(path: Path) -> Ed25519PrivateKey:
    """The signing key in ``path``; created (mode 0600) if there is none. Several processes may
    start at once: the key is written to a temporary file and linked into place, so each reads
    the one that won."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption())
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".signing-key-")  # mode 0600
        try:
            os.write(fd, pem)
            os.fsync(fd)
            os.close(fd)
            try:
                os.link(temporary, path)
                log.info("created the signing key %s", path)
            except FileExistsError:
                pass
        finally:
            os.unlink(temporary)
    return load_private_key(path)


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """From a published public key (PEM), or derived from the private key file."""
    data = path.read_bytes()
    if b"PRIVATE KEY" in data:
        return load_private_key(path).public_key()
    key = serialization.load_pem_public_key(data)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} does not hold an Ed25519 public key")
    return key
