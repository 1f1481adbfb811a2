"""A small HTTP/1.1 server on 127.0.0.1 that misbehaves on purpose, at the socket level.

Each accepted connection is served by its own thread, which reads requests
(keep-alive included), records every one of them (method, path, headers,
body) and answers with the next *behaviour* scripted for that path: a normal
JSON answer, a reset before any byte of the answer, a reset in the middle of
the body, truncated JSON, an HTML error page, a pause, a trickle of bytes
that never finishes, ... Paths without a script get a valid CML answer.

Everything is bounded: the accept loop and every connection loop poll a stop
event every 50 ms, pauses wait on that event, a connection lives at most
``MAX_CONNECTION_SECONDS`` and a trickle at most its own limit. ``stop()``
closes every socket and joins every thread, and fails loudly when one is
still alive; the fixtures call it at teardown.
"""

from __future__ import annotations

import contextlib
import http
import json
import socket
import struct
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

HOST = "127.0.0.1"
POLL = 0.05
MAX_CONNECTION_SECONDS = 20.0
MAX_HEAD_BYTES = 64 * 1024
JOIN_SECONDS = 3.0

API = "/api/v1"
READ_PATH = API + "/memory/read"
WRITE_PATH = API + "/memory/write"
STATS_PATH = API + "/memory/stats"
HEALTH_PATH = API + "/health"


# --------------------------------------------------------------------------- valid CML bodies


def memory_item(text: str = "User prefers dark mode", **changes: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "text": text,
        "type": "preference",
        "confidence": 0.8,
        "relevance": 0.61,
        "timestamp": "2026-11-21T21:54:44.498721",
        "metadata": {},
        **changes,
    }


def read_body(query: str = "preferences", **changes: Any) -> dict[str, Any]:
    items = [memory_item()]
    return {
        "query": query,
        "memories": items,
        "facts": [],
        "preferences": list(items),
        "episodes": [],
        "constraints": [],
        "llm_context": None,
        "retrieval_meta": {"sources_completed": ["vector"], "sources_timed_out": [], "total_elapsed_ms": 12.5},
        "total_count": len(items),
        "elapsed_ms": 14.2,
        **changes,
    }


def write_body(**changes: Any) -> dict[str, Any]:
    return {
        "success": True,
        "memory_id": str(uuid.uuid4()),
        "chunks_created": 1,
        "message": "Stored 1 memory chunks",
        "eval_outcome": None,
        "eval_reason": None,
        **changes,
    }


def stats_body(**changes: Any) -> dict[str, Any]:
    return {
        "total_memories": 1,
        "active_memories": 1,
        "silent_memories": 0,
        "archived_memories": 0,
        "by_type": {"preference": 1},
        "avg_confidence": 0.8,
        "avg_importance": 0.5,
        "estimated_size_mb": 0.01,
        "oldest_memory": None,
        "newest_memory": None,
        **changes,
    }


def default_body(request: Request) -> tuple[int, dict[str, Any]]:
    """What the real server would answer to ``request`` (200 and a valid body), or a 404."""
    if request.path == READ_PATH:
        query = request.json().get("query", "") if request.body else ""
        return 200, read_body(query)
    if request.path == WRITE_PATH:
        return 200, write_body()
    if request.path == STATS_PATH:
        return 200, stats_body()
    if request.path == HEALTH_PATH:
        return 200, {"status": "healthy", "timestamp": "2026-11-21T21:54:44.498721"}
    return 404, {"detail": "Not Found"}


# --------------------------------------------------------------------------- requests and connections


@dataclass(frozen=True)
class Request:
    """One request as the server received it."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    connection: int  # which connection carried it (1, 2, ... in accept order)

    def json(self) -> Any:
        return json.loads(self.body)


class Conn:
    """The server side of one connection, as a behaviour sees it."""

    def __init__(self, sock: socket.socket, server: FaultServer, number: int) -> None:
        self.sock = sock
        self.server = server
        self.number = number
        self.closed = False
        self._request_ids = 0

    def send(self, data: bytes) -> bool:
        """Send all of ``data``; False when the peer is gone."""
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        return True

    def wait(self, seconds: float) -> bool:
        """Pause; False when the server is stopping (the behaviour must give up)."""
        return not self.server.stopping.wait(seconds)

    def reset(self) -> None:
        """Abort the connection with a TCP RST (SO_LINGER 0, then close)."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close()

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            with contextlib.suppress(OSError):
                self.sock.close()

    def head(self, status: int, headers: dict[str, str] | None = None, *, length: int | None = None) -> bytes:
        """A status line and headers (always with an ``x-request-id``)."""
        self._request_ids += 1
        try:
            reason = http.HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        lines = [f"HTTP/1.1 {status} {reason}", f"x-request-id: req-{self.number}-{self._request_ids}"]
        if length is not None:
            lines.append(f"Content-Length: {length}")
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


Behaviour = Callable[[Conn, Request], bool]  # answers the request; True keeps the connection open


# --------------------------------------------------------------------------- behaviours


def raw(
    status: int, body: bytes, content_type: str = "application/json", headers: dict[str, str] | None = None
) -> Behaviour:
    """A complete answer with exactly ``body``."""

    def behaviour(conn: Conn, request: Request) -> bool:
        all_headers = {"Content-Type": content_type, **(headers or {})}
        return conn.send(conn.head(status, all_headers, length=len(body)) + body)

    return behaviour


def reply(status: int, payload: Any = None, headers: dict[str, str] | None = None) -> Behaviour:
    """A JSON answer (``payload`` None: ``{"detail": <reason>}``)."""
    if payload is None:
        payload = {"detail": http.HTTPStatus(status).phrase}
    return raw(status, json.dumps(payload).encode(), headers=headers)


def ok(**changes: Any) -> Behaviour:
    """The valid answer for the path (``changes`` are merged into the JSON object)."""

    def behaviour(conn: Conn, request: Request) -> bool:
        status, payload = default_body(request)
        payload.update(changes)
        return raw(status, json.dumps(payload).encode())(conn, request)

    return behaviour


def without(*names: str) -> Behaviour:
    """The valid answer for the path, with the fields ``names`` removed."""

    def behaviour(conn: Conn, request: Request) -> bool:
        status, payload = default_body(request)
        for name in names:
            payload.pop(name)
        return raw(status, json.dumps(payload).encode())(conn, request)

    return behaviour


def reset() -> Behaviour:
    """A TCP reset after reading the request, before any byte of an answer."""

    def behaviour(conn: Conn, request: Request) -> bool:
        conn.reset()
        return False

    return behaviour


def reset_mid_body() -> Behaviour:
    """Status line, headers (Content-Length 4096) and 40 bytes of body, then a TCP reset."""

    def behaviour(conn: Conn, request: Request) -> bool:
        part = json.dumps(default_body(request)[1]).encode()[:40]
        conn.send(conn.head(200, {"Content-Type": "application/json"}, length=4096) + part)
        conn.wait(0.05)  # let the head and the first bytes reach the client before the reset
        conn.reset()
        return False

    return behaviour


def truncated_json() -> Behaviour:
    """A complete HTTP 200 whose body is the first half of valid JSON (Content-Length matches)."""

    def behaviour(conn: Conn, request: Request) -> bool:
        body = json.dumps(default_body(request)[1]).encode()
        return raw(200, body[: len(body) // 2])(conn, request)

    return behaviour


HTML_502 = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    b"<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>\n"
)


def html_502() -> Behaviour:
    """What nginx answers when the upstream is down."""
    return raw(502, HTML_502, content_type="text/html")


def slow(seconds: float, then: Behaviour | None = None) -> Behaviour:
    """Pause ``seconds`` before answering (with ``then``, default: the valid answer)."""
    after = then or ok()

    def behaviour(conn: Conn, request: Request) -> bool:
        if not conn.wait(seconds):
            return False
        return after(conn, request)

    return behaviour


def trickle_body(interval: float = 0.1, limit: float = 3.5) -> Behaviour:
    """A 200 whose body arrives one byte every ``interval`` and never completes (gives up after ``limit``)."""

    def behaviour(conn: Conn, request: Request) -> bool:
        if not conn.send(conn.head(200, {"Content-Type": "application/json"}, length=100_000) + b"{"):
            return False
        conn.server.note(f"trickle-start:{request.connection}")
        ends = time.monotonic() + limit
        while time.monotonic() < ends and conn.wait(interval):
            if not conn.send(b" "):
                break
        conn.server.note(f"trickle-end:{request.connection}")
        return False

    return behaviour


def trickle_head(interval: float = 0.1, limit: float = 3.5) -> Behaviour:
    """A status line, then one byte of a header every ``interval``: the head never completes."""

    def behaviour(conn: Conn, request: Request) -> bool:
        if not conn.send(b"HTTP/1.1 200 OK\r\nX-Trickle: "):
            return False
        ends = time.monotonic() + limit
        while time.monotonic() < ends and conn.wait(interval):
            if not conn.send(b"a"):
                break
        return False

    return behaviour


# --------------------------------------------------------------------------- the server


@dataclass
class _Script:
    queue: deque[Behaviour] = field(default_factory=deque)
    always: Behaviour | None = None


class FaultServer:
    """The misbehaving server. Start it with ``start()``; ``stop()`` ends every thread.

    Args:
        port: the port to bind (0: any free one). A stopped server's port can be
            bound again at once (SO_REUSEADDR), to bring "the same server" back.
        idle_timeout: seconds an idle keep-alive connection is kept before the
            server closes it (FIN), like any real server does.
    """

    def __init__(self, port: int = 0, *, idle_timeout: float = 5.0) -> None:
        self.idle_timeout = idle_timeout
        self.stopping = threading.Event()
        self.requests: list[Request] = []
        self.events: list[str] = []
        self.connections = 0
        self._scripts: dict[str, _Script] = {}
        self._lock = threading.Lock()
        self._noted = threading.Condition(self._lock)  # wakes wait_for() when an event is noted
        self._threads: list[threading.Thread] = []
        self._socks: list[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((HOST, port))
        self._listener.listen(64)
        self._listener.settimeout(POLL)
        self.port: int = self._listener.getsockname()[1]
        self.url = f"http://{HOST}:{self.port}"

    # -- scripting

    def script(self, path: str, *behaviours: Behaviour) -> None:
        """Answer the next requests to ``path`` with ``behaviours``, in order; then as before."""
        with self._lock:
            self._scripts.setdefault(path, _Script()).queue.extend(behaviours)

    def always(self, path: str, behaviour: Behaviour | None) -> None:
        """Answer every request to ``path`` (once its script is used up) with ``behaviour`` (None: valid)."""
        with self._lock:
            self._scripts.setdefault(path, _Script()).always = behaviour

    def _next(self, path: str) -> Behaviour:
        with self._lock:
            script = self._scripts.get(path)
            if script is None:
                return ok()
            if script.queue:
                return script.queue.popleft()
            return script.always or ok()

    # -- what was received

    def count(self, path: str | None = None) -> int:
        """Requests received (to ``path``, or in all)."""
        with self._lock:
            return sum(1 for r in self.requests if path is None or r.path == path)

    def received(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def copies(self, path: str, **fields: Any) -> int:
        """How many requests to ``path`` carried a JSON body with these field values."""
        return sum(1 for r in self.received(path) if all(r.json().get(k) == v for k, v in fields.items()))

    def note(self, event: str) -> None:
        with self._noted:
            self.events.append(event)
            self._noted.notify_all()

    def wait_for(self, event: str, timeout: float = 5.0) -> bool:
        """Block until ``event`` has been noted (True), or ``timeout`` seconds passed (False)."""
        with self._noted:
            return self._noted.wait_for(lambda: event in self.events, timeout)

    # -- lifecycle

    def start(self) -> FaultServer:
        self._spawn(self._accept_loop, "fault-accept")
        return self

    def _spawn(self, target: Callable[..., None], name: str, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, name=name, daemon=True)
        with self._lock:
            self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # the listener was closed by stop()
            with self._lock:
                self.connections += 1
                number = self.connections
                self._socks.append(sock)
            self._spawn(self._serve, f"fault-conn-{self.port}-{number}", sock, number)

    def _serve(self, sock: socket.socket, number: int) -> None:
        conn = Conn(sock, self, number)
        sock.settimeout(POLL)
        buffer = b""
        idle_since = time.monotonic()
        ends = idle_since + MAX_CONNECTION_SECONDS
        try:
            while not self.stopping.is_set() and time.monotonic() < ends and not conn.closed:
                parsed = _parse(buffer, number)
                if parsed is None:
                    if not buffer and time.monotonic() - idle_since > self.idle_timeout:
                        conn.close()  # an idle keep-alive connection: close it (FIN), as real servers do...
                        self.note(f"idle-close:{number}")  # ...then tell a test waiting for it
                        return
                    if len(buffer) > MAX_HEAD_BYTES:
                        return
                    try:
                        data = sock.recv(65536)
                    except TimeoutError:
                        continue
                    except OSError:
                        return
                    if not data:
                        return
                    buffer += data
                    continue
                request, buffer = parsed
                with self._lock:
                    self.requests.append(request)
                try:
                    keep = self._next(request.path)(conn, request)
                except OSError:
                    keep = False
                if not keep:
                    return
                idle_since = time.monotonic()
        finally:
            conn.close()

    def stop(self) -> None:
        """Close the listener and every connection, and join every thread (raise if one survives)."""
        self.stopping.set()
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept loop at once
        with contextlib.suppress(OSError):
            self._listener.close()
        with self._lock:
            socks, threads = list(self._socks), list(self._threads)
        for sock in socks:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for thread in threads:
            thread.join(JOIN_SECONDS)
        alive = [t.name for t in threads if t.is_alive()]
        if alive:
            raise RuntimeError(f"fault server threads still running after stop(): {alive}")

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _parse(buffer: bytes, connection: int) -> tuple[Request, bytes] | None:
    """One complete request from the start of ``buffer`` and the rest, or None when incomplete."""
    end = buffer.find(b"\r\n\r\n")
    if end < 0:
        return None
    head, rest = buffer[:end].decode("latin-1"), buffer[end + 4 :]
    request_line, *header_lines = head.split("\r\n")
    method, target, _ = request_line.split(" ", 2)
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    if len(rest) < length:
        return None
    path = target.split("?", 1)[0]
    return Request(method, path, headers, rest[:length], connection), rest[length:]


def refusing_port() -> tuple[socket.socket, int]:
    """A port on 127.0.0.1 that refuses connections: bound (so nothing else takes it) but not listening.

    Returns:
        The socket (close it when done) and the port.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((HOST, 0))
    return sock, int(sock.getsockname()[1])
