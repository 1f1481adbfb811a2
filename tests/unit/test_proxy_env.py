"""Both clients honour HTTP_PROXY / HTTPS_PROXY / ALL_PROXY / NO_PROXY exactly as httpx does.

A real forward proxy runs on 127.0.0.1 (a few lines of ``http.server``): it
answers absolute-URI requests by forwarding them to a small origin server, and
records what it forwarded. The client's base URL names a host that does not
resolve (``cml.proxy.invalid``), so a call can only succeed through the proxy.
"""

from __future__ import annotations

import http.client
import http.server
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CMLConnectionError, CognitiveMemoryLayer

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
UNRESOLVABLE = "cml.proxy.invalid"  # .invalid never resolves (RFC 2606)


class _Origin(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = json.dumps({"status": "healthy", "seen_path": self.path}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@dataclass
class _Proxy:
    origin_port: int
    forwarded: list[str] = field(default_factory=list)

    def handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        proxy = self

        class Forward(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                target = urlsplit(self.path)  # a forward proxy gets the absolute URI
                proxy.forwarded.append(f"{self.command} {self.path}")
                assert target.scheme == "http", self.path
                upstream = http.client.HTTPConnection("127.0.0.1", proxy.origin_port, timeout=10)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in ("proxy-connection", "host")}
                upstream.request("GET", target.path or "/", headers=headers)
                answer = upstream.getresponse()
                body = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.getheader("Content-Type", "application/json"))
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                upstream.close()

            def log_message(self, *args: Any) -> None:
                pass

        return Forward


def _serve(handler: type[http.server.BaseHTTPRequestHandler]) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server


@dataclass
class Servers:
    origin_port: int
    proxy_port: int
    proxy: _Proxy


@pytest.fixture
def servers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Servers]:
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    origin = _serve(_Origin)
    proxy = _Proxy(origin.server_address[1])
    proxy_server = _serve(proxy.handler())
    try:
        yield Servers(origin.server_address[1], proxy_server.server_address[1], proxy)
    finally:
        for server in (proxy_server, origin):
            server.shutdown()
            server.server_close()


async def _health(is_async: bool, base_url: str) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"api_key": "proxy-test-key-0001", "base_url": base_url, "max_retries": 0, "timeout": 10}
    if is_async:
        async with AsyncCognitiveMemoryLayer(**kwargs) as client:
            return dict(await client.health())
    with CognitiveMemoryLayer(**kwargs) as client:
        return dict(client.health())


@pytest.mark.anyio
@pytest.mark.parametrize("variable", ["HTTP_PROXY", "http_proxy", "ALL_PROXY"])
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_calls_go_through_the_proxy_of_the_environment(
    servers: Servers, monkeypatch: pytest.MonkeyPatch, kind: str, variable: str
) -> None:
    monkeypatch.setenv(variable, f"http://127.0.0.1:{servers.proxy_port}")
    base_url = f"http://{UNRESOLVABLE}:8000"

    health = await _health(kind == "async", base_url)

    assert health["status"] == "healthy"
    assert servers.proxy.forwarded == [f"GET {base_url}/api/v1/health"]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_no_proxy_sends_the_host_directly(servers: Servers, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{servers.proxy_port}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")

    health = await _health(kind == "async", f"http://127.0.0.1:{servers.origin_port}")

    assert health["status"] == "healthy"
    assert servers.proxy.forwarded == []  # straight to the origin


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_no_proxy_applies_only_to_its_hosts(servers: Servers, monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{servers.proxy_port}")
    monkeypatch.setenv("NO_PROXY", "example.org")

    await _health(kind == "async", f"http://{UNRESOLVABLE}:8000")

    assert servers.proxy.forwarded == [f"GET http://{UNRESOLVABLE}:8000/api/v1/health"]


@pytest.mark.anyio
@pytest.mark.parametrize("kind", ["sync", "async"])
async def test_without_a_proxy_variable_nothing_goes_through_a_proxy(servers: Servers, kind: str) -> None:
    with pytest.raises(CMLConnectionError):
        await _health(kind == "async", f"http://{UNRESOLVABLE}:8000")
    assert servers.proxy.forwarded == []


def test_the_sync_client_keeps_the_shared_ssl_context_and_the_deadline_through_a_proxy(
    servers: Servers, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cml_ergonomic._deadline import _DeadlineBackend

    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{servers.proxy_port}")
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{servers.proxy_port}")
    clients = [CognitiveMemoryLayer(api_key="proxy-test-key-0001", base_url="https://cml.example") for _ in range(2)]
    try:
        pools = [c._http._transport._pool for c in clients]
        assert pools[0]._ssl_context is pools[1]._ssl_context  # built once per process, as before
        mounted = [t for c in clients for t in c._http._mounts.values() if t is not None]
        assert len(mounted) == 4  # http:// and https:// for each client
        assert all(isinstance(t._pool._network_backend, _DeadlineBackend) for t in mounted)
        assert all(isinstance(p._network_backend, _DeadlineBackend) for p in pools)
        assert all(t._pool._ssl_context is pools[0]._ssl_context for t in mounted)
        assert all(isinstance(t, httpx.HTTPTransport) for t in mounted)
    finally:
        for client in clients:
            client.close()
