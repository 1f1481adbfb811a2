"""Fault injection for :class:`~cml_ergonomic.testing.FakeCML`: the next N calls fail in a chosen way.

Each fault is what a failing real server does on the wire (an error status,
an answer that never comes, a dropped connection), so the SDK's retries,
deadline and ``*_safe`` degradation react exactly as they would in production.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass
class Fault:
    """One armed fault.

    Attributes:
        kind: ``status``, ``hang``, ``reset`` or ``refuse``.
        remaining: how many more matching requests it hits.
        status: the HTTP status (``status`` faults).
        retry_after: seconds for a ``Retry-After`` header, or None for none.
        delay: seconds a ``hang`` waits before its answer (or before the timeout cuts it).
        path: only requests to this path (``/api/v1/memory/read``) are hit; None for every path.
        method: only requests with this method; None for any.
        detail: the ``detail`` of a status fault's body.
    """

    kind: str
    remaining: int
    status: int = 500
    retry_after: float | None = None
    delay: float = 0.0
    path: str | None = None
    method: str | None = None
    detail: str = "Internal server error"

    def matches(self, request: httpx.Request) -> bool:
        """Whether this fault hits ``request``."""
        if self.remaining <= 0:
            return False
        if self.path is not None and request.url.path != self.path:
            return False
        return self.method is None or request.method == self.method.upper()


def read_timeout(request: httpx.Request) -> float | None:
    """The read timeout the client gave this request (None: it waits forever)."""
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if value is not None else None


def transport_error(fault: Fault, request: httpx.Request) -> httpx.TransportError:
    """The httpx error a real dropped or refused connection raises."""
    if fault.kind == "refuse":
        return httpx.ConnectError("[Errno 111] Connection refused", request=request)
    return httpx.ReadError("[Errno 104] Connection reset by peer", request=request)
