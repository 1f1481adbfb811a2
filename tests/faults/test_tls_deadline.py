"""The call's deadline over TLS, and the CA bundle taken from ``SSL_CERT_FILE`` / ``SSL_CERT_DIR``.

Every other fault test speaks plain http. Over TLS the sync client's sockets are wrapped twice (the TCP stream,
then the TLS stream that ``start_tls`` returns): a trickle after the handshake, or a handshake the server never
answers, must still end at the deadline, not at a read or connect timeout that restarts with every byte.

The server is the fault server behind TLS, with a certificate from a throwaway CA made by ``trustme`` in the
test; the client trusts that CA only through the environment, as a user behind a corporate CA would.
"""

from __future__ import annotations

import os
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme

from cml_ergonomic import CMLConnectionError, CMLTimeoutError
from tests.faults.checks import expect_error, expect_result
from tests.faults.conftest import READ, MakeClient
from tests.faults.faultserver import POLL, READ_PATH, FaultServer, trickle_head

pytestmark = pytest.mark.anyio

DEADLINE = 1.0
# Far above the deadline, so that a call cut by a timeout instead of the deadline shows; and generous above the
# deadline itself, which on a loaded machine may be reached late (the behaviour is "at the deadline, not at the
# timeout", not a precise duration).
TIMEOUT = 8.0
LATE = 2.5


class TLSFaultServer(FaultServer):
    """The fault server behind TLS (``https://localhost:PORT``); ``stall=True``: accept, never answer the handshake."""

    def __init__(self, context: ssl.SSLContext, *, stall: bool = False) -> None:
        super().__init__()
        self.context = context
        self.stall = stall
        self.url = f"https://localhost:{self.port}"

    def _serve(self, sock: socket.socket, number: int) -> None:
        if self.stall:
            self.stopping.wait(TIMEOUT + 2)  # hold the TCP connection, never send a byte of the handshake
            sock.close()
            return
        sock.settimeout(TIMEOUT)
        try:
            tls = self.context.wrap_socket(sock, server_side=True)
        except (OSError, ssl.SSLError):
            sock.close()  # a client that does not trust the CA hangs up during the handshake
            return
        tls.settimeout(POLL)
        super()._serve(tls, number)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture(scope="module")
def server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("localhost", "127.0.0.1").configure_cert(context)
    return context


@pytest.fixture
def tls_servers(server_context: ssl.SSLContext) -> Iterator[Any]:
    started: list[TLSFaultServer] = []

    def start(**kwargs: Any) -> TLSFaultServer:
        server = TLSFaultServer(server_context, **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def ca_file(ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test CA as ``SSL_CERT_FILE`` (a fresh path per test: the SDK keys its SSL contexts by it)."""
    path = tmp_path / "test-ca.pem"
    ca.cert_pem.write_to_path(str(path))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    return path


# --------------------------------------------------------------------------- the deadline over TLS


async def test_a_trickle_after_the_handshake_is_cut_at_the_deadline(
    make_client: MakeClient, tls_servers: Any, ca_file: Path
) -> None:
    server = tls_servers()
    server.always(READ_PATH, trickle_head(interval=0.1, limit=TIMEOUT + 1))
    # owned=True: the client's own pool, whose sockets (TCP, then TLS) carry the deadline
    d = make_client(server.url, owned=True, max_retries=2, timeout=httpx.Timeout(TIMEOUT))

    out = await d.run(READ.name, *READ.args, deadline=DEADLINE)

    exc = expect_error(out, CMLTimeoutError)
    assert "deadline" in exc.message
    assert DEADLINE - 0.05 <= out.real < DEADLINE + LATE, f"cut after {out.real:.2f}s, not at the {DEADLINE}s deadline"
    assert server.count(READ_PATH) == 1  # the request went over TLS, and no time was left for a retry


async def test_a_handshake_the_server_never_answers_is_cut_at_the_deadline(
    make_client: MakeClient, tls_servers: Any, ca_file: Path
) -> None:
    server = tls_servers(stall=True)
    d = make_client(server.url, owned=True, max_retries=2, timeout=httpx.Timeout(TIMEOUT))

    out = await d.run(READ.name, *READ.args, deadline=DEADLINE)

    expect_error(out, CMLTimeoutError)
    assert DEADLINE - 0.05 <= out.real < DEADLINE + LATE, f"cut after {out.real:.2f}s, not at the {DEADLINE}s deadline"
    assert server.connections >= 1


async def test_a_call_over_tls_answers_normally(make_client: MakeClient, tls_servers: Any, ca_file: Path) -> None:
    server = tls_servers()
    d = make_client(server.url, owned=True, timeout=httpx.Timeout(TIMEOUT))

    result = expect_result(await d.run(READ.name, *READ.args, deadline=DEADLINE * 5))

    assert result.total_count == 1
    assert server.count(READ_PATH) == 1


# --------------------------------------------------------------------------- SSL_CERT_FILE and SSL_CERT_DIR


async def test_without_the_ca_in_the_environment_the_server_is_not_trusted(
    make_client: MakeClient, tls_servers: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unrelated = trustme.CA()  # an SSL_CERT_FILE that names some other CA: the test CA must not be trusted
    path = tmp_path / "other-ca.pem"
    unrelated.cert_pem.write_to_path(str(path))
    monkeypatch.setenv("SSL_CERT_FILE", str(path))
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)
    server = tls_servers()
    d = make_client(server.url, owned=True, max_retries=0, timeout=httpx.Timeout(TIMEOUT))

    out = await d.run(READ.name, *READ.args)

    exc = expect_error(out, CMLConnectionError)
    assert "CERTIFICATE_VERIFY_FAILED" in exc.message or "certificate verify failed" in exc.message
    assert server.count(READ_PATH) == 0


def _hashed_ca_dir(ca: trustme.CA, directory: Path) -> Path:
    """A directory in OpenSSL's ``-CApath`` layout: the CA under ``<subject hash>.0``."""
    directory.mkdir()
    pem = directory / "ca.pem"
    ca.cert_pem.write_to_path(str(pem))
    openssl = shutil.which("openssl")
    assert openssl, "the openssl command (Debian's openssl package) names the CA file by its subject hash"
    digest = subprocess.run(
        [openssl, "x509", "-hash", "-noout", "-in", str(pem)], capture_output=True, text=True, check=True
    ).stdout.strip()
    pem.rename(directory / f"{digest}.0")
    return directory


async def test_ssl_cert_dir_is_trusted(
    make_client: MakeClient, tls_servers: Any, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.setenv("SSL_CERT_DIR", str(_hashed_ca_dir(ca, tmp_path / "certs")))
    server = tls_servers()
    d = make_client(server.url, owned=True, timeout=httpx.Timeout(TIMEOUT))

    result = expect_result(await d.run(READ.name, *READ.args))

    assert result.total_count == 1


@pytest.mark.parametrize("variable", ["SSL_CERT_FILE", "SSL_CERT_DIR"])
async def test_an_http_client_reaching_an_https_url_trusts_the_environment(
    make_client: MakeClient,
    tls_servers: Any,
    ca: trustme.CA,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
) -> None:
    """A pool built for http:// loads its CA bundle only at its first handshake, from the same variables."""
    if variable == "SSL_CERT_FILE":
        path = tmp_path / "ca.pem"
        ca.cert_pem.write_to_path(str(path))
        value = str(path)
    else:
        value = str(_hashed_ca_dir(ca, tmp_path / "certs"))
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv(variable, value)
    server = tls_servers()
    plain = FaultServer().start()
    try:
        d = make_client(plain.url, owned=True, timeout=httpx.Timeout(TIMEOUT))
        pool = d.client.raw.get_async_httpx_client() if d.is_async else d.client.raw.get_httpx_client()
        answer = pool.get(f"{server.url}/api/v1/health")  # client.raw with an absolute https:// URL
        response = await answer if d.is_async else answer
    finally:
        plain.stop()

    assert response.status_code == 200
    assert response.json()["status"] == "healthy"
    assert os.environ[variable] == value
    (request,) = server.received("/api/v1/health")
    assert "x-api-key" not in request.headers  # another origin than the client's: no key


async def test_an_http_client_reaching_an_https_url_without_the_environment_uses_the_default_bundle(
    make_client: MakeClient, tls_servers: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        monkeypatch.delenv(name, raising=False)
    server = tls_servers()
    plain = FaultServer().start()
    try:
        d = make_client(plain.url, owned=True, timeout=httpx.Timeout(TIMEOUT))
        pool = d.client.raw.get_async_httpx_client() if d.is_async else d.client.raw.get_httpx_client()
        with pytest.raises(httpx.ConnectError, match=r"CERTIFICATE_VERIFY_FAILED|certificate verify failed"):
            answer = pool.get(f"{server.url}/api/v1/health")  # the test CA is in no default bundle
            await answer if d.is_async else answer
    finally:
        plain.stop()
    assert server.count() == 0
