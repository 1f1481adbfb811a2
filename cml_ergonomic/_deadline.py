"""The per-call deadline at the socket: no read may wait past it.

httpx's read timeout restarts with every byte, so a server that trickles its
status line and headers could hold a call far past its deadline. For the
sync client, the pool's network streams cap each read's timeout at the time
left before the current attempt's deadline (a context variable, so each
thread has its own). The async client gets the same guarantee from
``asyncio.timeout`` around each attempt.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore
import httpx

# The real monotonic time by which the current attempt must be over (None: no deadline).
_attempt_deadline: ContextVar[float | None] = ContextVar("cml_attempt_deadline", default=None)


@contextmanager
def attempt_deadline(seconds_left: float) -> Iterator[None]:
    """Within the block, no socket read of this thread waits past ``seconds_left`` from now."""
    token = _attempt_deadline.set(time.monotonic() + seconds_left)
    try:
        yield
    finally:
        _attempt_deadline.reset(token)


def _capped(timeout: float | None) -> float | None:
    deadline = _attempt_deadline.get()
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise httpcore.ReadTimeout("the call's deadline passed while waiting for the server")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.start_tls(ssl_context, server_hostname, _capped(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_tcp(host, port, _capped(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        return _DeadlineStream(self._inner.connect_unix_socket(path, _capped(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _with_deadline(transport: object) -> None:
    # httpx offers no hook for the network backend, so it is swapped on the transport's httpcore pool
    # (``_pool._network_backend``; a proxy's pool has one too). Should a future httpx move it, the
    # transport stays as it is and only the read timeout applies.
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", None)
    if isinstance(backend, httpcore.NetworkBackend) and not isinstance(backend, _DeadlineBackend):
        pool._network_backend = _DeadlineBackend(backend)  # type: ignore[union-attr]


def deadline_client(**kwargs: Any) -> httpx.Client:
    """An ``httpx.Client`` built from ``kwargs`` whose sockets respect the current attempt's deadline.

    httpx builds the transports itself, exactly as for any ``httpx.Client``:
    the pool (with the given ``verify``, ``limits`` and ``http2``) and, with
    ``trust_env`` (the default), one per proxy of ``HTTP_PROXY``,
    ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY``. Then each of them gets the
    deadline. Passing a ``transport=`` would make httpx ignore the proxy
    environment (it does so for any client given a transport).

    Args:
        **kwargs: the arguments of ``httpx.Client``, without ``transport`` or ``mounts``.

    Returns:
        The client.
    """
    client = httpx.Client(**kwargs)
    _with_deadline(getattr(client, "_transport", None))
    for transport in getattr(client, "_mounts", {}).values():
        _with_deadline(transport)
    return client
