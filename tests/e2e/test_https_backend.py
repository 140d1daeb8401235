"""HTTPS end to end: the real backend serves TLS with a certificate of a CA the test makes.

``openssl`` makes a CA and a certificate for 127.0.0.1 in a temporary folder; the backend
starts with ``--ssl-certfile/--ssl-keyfile`` and announces an https:// URL. The desktop's
ApiClient trusting that CA (``--ca-file``) signs in; with the system's CAs it refuses the
server with the ``tls`` error. Coroutines run through ``aio`` (the session's qasync loop).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest

from desktop.error_messages import message_for
from services.api_client import ApiClient, ApiError
from services.clients.session import SessionClient
from tests.fixtures.app_backend import demo_backend_process

# What is tested is whom the client trusts, not how fast a busy machine shakes hands.
PATIENT = httpx.Timeout(120.0, connect=120.0)

pytestmark = [pytest.mark.process,  # a backend serving TLS on a real port
              pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl tool")]


def _openssl(folder: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True, timeout=60)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key): a CA, and a server certificate it
    signed for IP 127.0.0.1, with the extensions strict verification asks for."""
    _openssl(folder, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
             "-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=OpsDesk Test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-addext", "subjectKeyIdentifier=hash")
    _openssl(folder, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
             "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    (folder / "server.ext").write_text(
        "basicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\n"
        "subjectAltName=IP:127.0.0.1\n"
        "subjectKeyIdentifier=hash\n"
        "authorityKeyIdentifier=keyid\n")
    _openssl(folder, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-days", "2", "-extfile", "server.ext", "-out", "server.pem")
    return folder / "ca.pem", folder / "server.pem", folder / "server.key"


@pytest.fixture(scope="module")
def tls_backend(sqlite_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    ca, cert, key = make_certificates(folder)
    with demo_backend_process(sqlite_template, folder / "backend.log",
                              "--ssl-certfile", str(cert), "--ssl-keyfile", str(key)) as backend:
        yield backend, ca


def test_the_backend_announces_https(tls_backend):
    backend, _ = tls_backend
    assert backend.url.startswith("https://127.0.0.1:")


def test_trusting_the_ca_file_signs_in(tls_backend, aio):
    backend, ca = tls_backend

    async def scenario():
        api = ApiClient(backend.url, verify=str(ca), timeout=PATIENT)
        try:
            session = SessionClient(api)
            health = await session.health()
            await session.login("admin", "admin-demo")
            me = await session.me()
        finally:
            await api.aclose()
        return health, me

    health, me = aio(scenario())
    assert health.status == "ok"
    assert me.username == "admin"


def test_the_system_cas_refuse_a_private_ca(tls_backend, aio):
    backend, _ = tls_backend

    async def scenario():
        api = ApiClient(backend.url)  # default: the system's CAs
        try:
            with pytest.raises(ApiError) as caught:
                await SessionClient(api).login("admin", "admin-demo")
        finally:
            await api.aclose()
        return caught.value

    error = aio(scenario())
    assert (error.status, error.code) == (0, "tls")
    assert error.title == "The server's certificate could not be verified."
    assert not error.is_network  # not a reason to fall back to offline work
    assert "certificate" in message_for(error).lower() or "憑證" in message_for(error)


def test_plain_http_to_a_tls_port_is_not_a_certificate_error(tls_backend, aio):
    backend, ca = tls_backend

    async def scenario():
        api = ApiClient(backend.url.replace("https://", "http://"), verify=str(ca))
        try:
            with pytest.raises(ApiError) as caught:
                await SessionClient(api).health()
        finally:
            await api.aclose()
        return caught.value

    assert aio(scenario()).code != "tls"
