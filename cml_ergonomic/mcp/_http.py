"""Streamable HTTP for the MCP server, safe by default.

* It binds loopback unless told otherwise, with the SDK's DNS-rebinding
  protection on: a request whose ``Host`` or ``Origin`` is not the server's
  own loopback name is refused (421 and 403), so a web page cannot reach it
  through a rebound domain.
* Any other address needs ``--allow-remote`` and a bearer token; then every
  request must carry ``Authorization: Bearer <token>`` (401 otherwise), and
  the Host/Origin lists are the ones given (default: the bound address).
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Sequence
from typing import Any

from mcp.server.transport_security import TransportSecuritySettings
from starlette.types import ASGIApp, Receive, Scope, Send

LOOPBACK_NAMES = ("localhost",)


class RemoteBindRefused(Exception):
    """A non-loopback address without ``--allow-remote`` and a token."""


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def security_settings(
    host: str, port: int, allowed_hosts: Sequence[str] = (), allowed_origins: Sequence[str] = ()
) -> TransportSecuritySettings:
    """DNS-rebinding protection for ``host:port``: the loopback names, or the given lists for another address."""
    if is_loopback(host):
        names = ["127.0.0.1", "localhost", "[::1]"]
        hosts = [f"{name}:{port}" for name in names]
        origins = [f"http://{name}:{port}" for name in names]
    else:
        hosts = [f"{host}:{port}"]
        origins = [f"http://{host}:{port}", f"https://{host}:{port}"]
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[*hosts, *allowed_hosts],
        allowed_origins=[*origins, *allowed_origins],
    )


def check_bind(host: str, *, allow_remote: bool, token: str | None) -> None:
    """Refuse a non-loopback address unless the caller opted in and set a token.

    Raises:
        RemoteBindRefused: with what to pass.
    """
    if is_loopback(host):
        return
    if not allow_remote:
        raise RemoteBindRefused(f"{host} is not a loopback address: pass --allow-remote (and a token) to bind it")
    if not token:
        raise RemoteBindRefused(f"binding {host} needs a bearer token: pass --token-env VAR or set CML_MCP_TOKEN")


class BearerToken:
    """ASGI middleware: every HTTP request must carry ``Authorization: Bearer <token>``; 401 otherwise."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            given = dict(scope.get("headers") or []).get(b"authorization", b"")
            if not hmac.compare_digest(given, self._expected):
                await _refuse(send)
                return
        await self.app(scope, receive, send)


async def _refuse(send: Send) -> None:
    body = b'{"error": "missing or wrong bearer token"}'
    headers = [(b"content-type", b"application/json"), (b"www-authenticate", b"Bearer")]
    await send({"type": "http.response.start", "status": 401, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def serve(server: Any, host: str, port: int, *, token: str | None, settings: TransportSecuritySettings) -> None:
    """Serve ``server`` over streamable HTTP at ``http://host:port/mcp`` until cancelled."""
    import uvicorn

    app: ASGIApp = server.streamable_http_app(transport_security=settings, host=host)
    if token:
        app = BearerToken(app, token)
    config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="on")
    await uvicorn.Server(config).serve()
