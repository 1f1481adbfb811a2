"""``FakeCML``: an in-memory CML server that plugs into both clients as an httpx transport."""

from __future__ import annotations

import copy
import json
import math
import random
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
import orjson

from cml_ergonomic._serialize import loads
from cml_ergonomic.testing._clock import VirtualClock
from cml_ergonomic.testing._dashboard import Dashboard, Skeletons
from cml_ergonomic.testing._faults import Fault, read_timeout, transport_error
from cml_ergonomic.testing._schema import Validator
from cml_ergonomic.testing._store import (
    CONSTRAINT_TYPES,
    FACT_TYPES,
    MESSAGE_TYPES,
    PREFERENCE_TYPES,
    Record,
    Store,
    now,
    wire,
)
from cml_ergonomic.testing._wire import Answer as _Answer
from cml_ergonomic.testing._wire import Call as _Request
from cml_ergonomic.testing._wire import Handler
from cml_ergonomic.testing._wire import detail as _detail

API = "/api/v1"
BASE_URL = "http://fake-cml.test"
API_KEY = "fake-api-key"
ADMIN_API_KEY = "fake-admin-key"
DEFAULT_TENANT = "default"
_GATE_WINDOW = 10  # server 2.0.0's write gate compares a write with the tenant's ten most recent memories

# What the fake itself fills in a read answer; any other field the schema declares gets its empty value.
_READ_FILLED = frozenset(
    {
        "query",
        "memories",
        "facts",
        "preferences",
        "episodes",
        "constraints",
        "llm_context",
        "retrieval_meta",
        "total_count",
        "elapsed_ms",
    }
)


_EMPTY_BY_TYPE: dict[str, Any] = {
    "array": [],
    "object": {},
    "string": "",
    "integer": 0,
    "number": 0.0,
    "boolean": False,
}


def _empty_value(schema: dict[str, Any]) -> Any:
    """The value a field the fake knows nothing about gets: null where the schema allows it, else its type's empty."""
    alternatives = schema.get("anyOf", [])
    if schema.get("type") == "null" or any(alt.get("type") == "null" for alt in alternatives):
        return None
    kind = schema.get("type") or next((alt.get("type") for alt in alternatives if alt.get("type")), None)
    return copy.deepcopy(_EMPTY_BY_TYPE.get(kind)) if isinstance(kind, str) else None


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received (``fake.requests``), for assertions.

    Attributes:
        method: the HTTP method.
        path: the URL path (``/api/v1/memory/write``).
        params: the query parameters.
        json: the parsed JSON body (None without one, or when it was not JSON).
        headers: the headers, with ``X-API-Key`` masked.
        key: which key it carried: ``"api"``, ``"admin"``, ``"wrong"`` or None.
        status: the status the fake answered (None when a fault dropped the connection).
    """

    method: str
    path: str
    params: dict[str, str]
    json: Any
    headers: dict[str, str]
    key: str | None
    status: int | None


class _Reject(Exception):
    def __init__(self, answer: _Answer) -> None:
        self.answer = answer


def _datetime(value: str | None) -> datetime | None:
    """A time of a request, aware in UTC (a naive one means UTC, as on the real server)."""
    if not value:
        return None
    from datetime import UTC

    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


class FakeCML(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An in-memory CML server: an httpx transport for the sync and the async client alike.

    It keeps the schema's rules (read from the OpenAPI snapshot the SDK was
    generated from): FastAPI-shaped 422 bodies, 401 for a missing or wrong
    key, 403 for admin operations without the admin key, the field limits,
    ``X-Request-ID`` on every answer. Retrieval is lexical and deterministic.

    Args:
        api_key: the normal key it accepts.
        admin_api_key: the admin key it accepts.
        tenant_id: the tenant of both keys (``X-Tenant-Id`` is honoured only with the admin key).
        base_url: the URL the clients it makes use.
        openapi: the OpenAPI document whose operations and rules it follows (default: the snapshot this SDK
            was generated from; pass an older server's document to test against that version).
        virtual_time: run the waits of the clients it makes on ``clock`` (a ``VirtualClock``) instead of real
            time: retry backoffs, ``Retry-After`` waits and ``hang_next()`` return at once, and deadlines see
            the skipped time. The pytest fixtures turn it on; off, the fake waits as a real server would.
        write_gate: answer a repeat of one of the tenant's ten most recent memories as server 2.0.0's write
            gate does once its two-second scan cache has expired: ``memory_id`` None, ``chunks_created`` 0
            (default: the existing memory's id and one chunk, as 1.5.1 always answers and 2.0.0 does for a
            quick repeat or an older memory). Either way nothing is stored twice.

    Attributes:
        clock: the ``VirtualClock`` of ``virtual_time`` (None without it); ``clock.sleeps`` lists the waits.

    Example:
        >>> from cml_ergonomic.testing import FakeCML
        >>> fake = FakeCML()
        >>> with fake.client() as memory:
        ...     _ = memory.write("User prefers dark mode")
        ...     print(memory.read("dark mode").memories[0].text)
        User prefers dark mode
    """

    def __init__(
        self,
        *,
        api_key: str = API_KEY,
        admin_api_key: str = ADMIN_API_KEY,
        tenant_id: str = DEFAULT_TENANT,
        base_url: str = BASE_URL,
        openapi: dict[str, Any] | None = None,
        virtual_time: bool = False,
        write_gate: bool = False,
    ) -> None:
        from cml_ergonomic._compat import load_snapshot

        self.api_key = api_key
        self.admin_api_key = admin_api_key
        self.tenant_id = tenant_id
        self.write_gate = write_gate
        self.base_url = base_url
        self.store = Store()
        self.requests: list[RecordedRequest] = []
        self.faults: list[Fault] = []
        self.clock: VirtualClock | None = VirtualClock() if virtual_time else None
        self._lock = threading.RLock()
        self._validator = Validator(openapi if openapi is not None else load_snapshot())
        # Fields a server version adds to read answers and the fake has nothing to say in: their empty values.
        read_fields = self._validator.schemas.get("ReadMemoryResponse", {}).get("properties", {})
        self._read_extras: dict[str, Any] = {
            name: _empty_value(schema) for name, schema in read_fields.items() if name not in _READ_FILLED
        }
        self._routes: dict[tuple[str, str], tuple[Handler, bool]] = {
            ("GET", f"{API}/health"): (self._health, False),
            ("POST", f"{API}/memory/write"): (self._write, False),
            ("POST", f"{API}/memory/write_batch"): (self._write_batch, False),
            ("POST", f"{API}/memory/read"): (self._read, False),
            ("POST", f"{API}/memory/read/stream"): (self._read_stream, False),
            ("POST", f"{API}/memory/turn"): (self._turn, False),
            ("POST", f"{API}/memory/update"): (self._update, False),
            ("POST", f"{API}/memory/forget"): (self._forget, False),
            ("GET", f"{API}/memory/stats"): (self._stats, False),
            ("DELETE", f"{API}/memory/all"): (self._delete_all, True),
            ("POST", f"{API}/session/create"): (self._create_session, False),
            ("GET", f"{API}/session/{{session_id}}/context"): (self._session_context, False),
            ("POST", f"{API}/admin/consolidate/{{user_id}}"): (self._consolidate, True),
            ("POST", f"{API}/admin/forget/{{user_id}}"): (self._run_forgetting, True),
            ("GET", f"{API}/admin/consolidation/status"): (self._consolidation_status, True),
            ("GET", f"{API}/dashboard/memories"): (self._dashboard_memories, True),
            ("GET", f"{API}/dashboard/memories/{{memory_id}}"): (self._dashboard_memory, True),
            ("GET", f"{API}/dashboard/export/memories"): (self._dashboard_export, True),
            ("GET", f"{API}/dashboard/config"): (self._dashboard_config, True),
            ("GET", "/openapi.json"): (self._openapi, False),
        }
        dashboard = Dashboard(
            lambda: self.store, lambda: self.requests, Skeletons(self._validator.schemas), Record.detail
        )
        for route, handler in dashboard.routes().items():
            self._routes.setdefault(route, (handler, True))
        # The fake serves what the snapshot serves: an operation a server version drops is a 404 here too.
        paths = self._validator.document.get("paths", {})
        self._routes = {
            (method, path): route
            for (method, path), route in self._routes.items()
            if path == "/openapi.json" or method.lower() in paths.get(path, {})
        }

    # ------------------------------------------------------------------ clients on this fake

    def client(self, **kwargs: Any) -> Any:
        """A ``CognitiveMemoryLayer`` wired to this fake (both keys; ``kwargs`` override any argument).

        Returns:
            A sync client; close it (or use it in ``with``) as any other.
        """
        from cml_ergonomic import CognitiveMemoryLayer

        options = self._client_options(kwargs)
        options.setdefault("http_client", httpx.Client(transport=self, base_url=options["base_url"]))
        return self._prepared(CognitiveMemoryLayer(**options), kwargs)

    def async_client(self, **kwargs: Any) -> Any:
        """An ``AsyncCognitiveMemoryLayer`` wired to this fake (both keys; ``kwargs`` override any argument).

        Returns:
            An async client.
        """
        from cml_ergonomic import AsyncCognitiveMemoryLayer

        options = self._client_options(kwargs)
        options.setdefault("async_http_client", httpx.AsyncClient(transport=self, base_url=options["base_url"]))
        return self._prepared(AsyncCognitiveMemoryLayer(**options), kwargs)

    def _prepared(self, client: Any, overrides: dict[str, Any]) -> Any:
        if "tenant_id" not in overrides:
            # The fake knows its own rule: the normal key's tenant is reached. Asking it first would be a request
            # of its own, which would take the first fault a test injected.
            client._tenant_guard.trust(self.tenant_id)
        if self.clock is not None:
            client.clock = self.clock.clock()  # backoffs, Retry-After and deadlines on the virtual clock
        return client

    def _client_options(self, overrides: dict[str, Any]) -> dict[str, Any]:
        options: dict[str, Any] = {
            "api_key": self.api_key,
            "admin_api_key": self.admin_api_key,
            "base_url": self.base_url,
            "tenant_id": self.tenant_id,  # the fake's, never CML_TENANT_ID of the environment the tests run in
        }
        options.update(overrides)
        return options

    # ------------------------------------------------------------------ fault injection

    def fail_next(
        self,
        n: int = 1,
        *,
        status: int = 503,
        retry_after: float | None = None,
        path: str | None = None,
        method: str | None = None,
        detail: str | None = None,
    ) -> Fault:
        """The next ``n`` matching requests answer ``status`` (500, 503, 429 ...) with ``{"detail": ...}``.

        Args:
            n: how many requests.
            status: the HTTP status.
            retry_after: seconds sent as ``Retry-After`` (None: no header, as the real server's 429).
            path: only requests to this path (e.g. ``/api/v1/memory/read``); None for all.
            method: only this HTTP method; None for any.
            detail: the body's detail (default: the server's text for the status).

        Returns:
            The armed fault (its ``remaining`` counts down).

        Raises:
            ValueError: ``n`` is below 1.
        """
        texts = {429: "Rate limit exceeded", 503: "Service unavailable", 502: "Bad gateway"}
        fault = Fault(
            "status",
            n,
            status=status,
            retry_after=retry_after,
            path=path,
            method=method,
            detail=detail or texts.get(status, "Internal server error"),
        )
        return self._arm(fault)

    def hang_next(
        self, n: int = 1, *, seconds: float = math.inf, path: str | None = None, method: str | None = None
    ) -> Fault:
        """The next ``n`` matching requests answer only after ``seconds`` (by default: never).

        A wait longer than the request's read timeout ends, as on a real socket,
        with ``httpx.ReadTimeout`` when that timeout passes; the request is not
        applied. A shorter wait just makes a slow (but successful) server.

        Args:
            n: how many requests.
            seconds: how long each waits before its answer (default: forever, i.e. until the read timeout).
            path: only requests to this path; None for all.
            method: only this HTTP method; None for any.

        Returns:
            The armed fault.

        Raises:
            ValueError: ``n`` is below 1.
        """
        return self._arm(Fault("hang", n, delay=seconds, path=path, method=method))

    def reset_next(self, n: int = 1, *, path: str | None = None, method: str | None = None) -> Fault:
        """The next ``n`` matching requests lose their connection before an answer (``httpx.ReadError``).

        The request is not applied, but the client cannot know that: a write is not retried.

        Args:
            n: how many requests.
            path: only requests to this path; None for all.
            method: only this HTTP method; None for any.

        Returns:
            The armed fault.

        Raises:
            ValueError: ``n`` is below 1.
        """
        return self._arm(Fault("reset", n, path=path, method=method))

    def refuse_next(self, n: int = 1, *, path: str | None = None, method: str | None = None) -> Fault:
        """The next ``n`` matching requests cannot connect (``httpx.ConnectError``: nothing was sent).

        Args:
            n: how many requests.
            path: only requests to this path; None for all.
            method: only this HTTP method; None for any.

        Returns:
            The armed fault.

        Raises:
            ValueError: ``n`` is below 1.
        """
        return self._arm(Fault("refuse", n, path=path, method=method))

    def clear_faults(self) -> None:
        """Disarm every fault."""
        with self._lock:
            self.faults.clear()

    def _arm(self, fault: Fault) -> Fault:
        if fault.remaining < 1:
            raise ValueError(f"n must be at least 1, got {fault.remaining}")
        with self._lock:
            self.faults.append(fault)
        return fault

    def _take_fault(self, request: httpx.Request) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.matches(request):
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        self.faults.remove(fault)
                    return fault
        return None

    # ------------------------------------------------------------------ the transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of a sync client."""
        request.read()
        fault = self._take_fault(request)
        if fault is not None and fault.kind == "hang":
            timeout = _hang_timeout(fault, request)
            if timeout is not None and fault.delay >= timeout:
                self._wait(timeout)
                self._record(request, None)
                raise httpx.ReadTimeout("timed out", request=request)
            self._wait(fault.delay)
            fault = None
        return self._respond(request, fault)

    def _wait(self, seconds: float) -> None:
        if self.clock is not None:
            self.clock.sleep(seconds)
        else:
            time.sleep(seconds)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer one request of an async client."""

        await request.aread()
        fault = self._take_fault(request)
        if fault is not None and fault.kind == "hang":
            timeout = _hang_timeout(fault, request)
            if timeout is not None and fault.delay >= timeout:
                await self._async_wait(timeout)
                self._record(request, None)
                raise httpx.ReadTimeout("timed out", request=request)
            await self._async_wait(fault.delay)
            fault = None
        return self._respond(request, fault)

    async def _async_wait(self, seconds: float) -> None:
        import asyncio

        if self.clock is not None:
            await self.clock.async_sleep(seconds)
        else:
            await asyncio.sleep(seconds)

    def _respond(self, request: httpx.Request, fault: Fault | None) -> httpx.Response:
        if fault is not None and fault.kind in ("reset", "refuse"):
            self._record(request, None)
            raise transport_error(fault, request)
        if fault is not None:
            headers = {} if fault.retry_after is None else {"retry-after": f"{fault.retry_after:g}"}
            answer = _Answer(fault.status, {"detail": fault.detail}, headers)
        else:
            with self._lock:
                answer = self._dispatch(request)
        self._record(request, answer.status)
        headers = {"x-request-id": str(time.time_ns()), **answer.headers}
        if answer.raw is not None:
            return httpx.Response(answer.status, headers=headers, content=answer.raw, request=request)
        headers["content-type"] = "application/json"
        return httpx.Response(answer.status, headers=headers, content=orjson.dumps(answer.body), request=request)

    def _record(self, request: httpx.Request, status: int | None) -> None:
        headers = dict(request.headers)
        for name in list(headers):
            if name.lower() == "x-api-key":
                headers[name] = "***"
        try:
            body = loads(request.content) if request.content else None
        except ValueError:
            body = None
        recorded = RecordedRequest(
            request.method,
            request.url.path,
            dict(request.url.params),
            body,
            headers,
            self._key_kind(request.headers.get("x-api-key")),
            status,
        )
        with self._lock:
            self.requests.append(recorded)

    def _key_kind(self, key: str | None) -> str | None:
        if key is None:
            return None
        return {self.api_key: "api", self.admin_api_key: "admin"}.get(key, "wrong")

    # ------------------------------------------------------------------ routing, auth, validation

    def _match(self, method: str, path: str) -> tuple[str, Handler, bool, dict[str, str]] | None:
        allowed = False
        for (route_method, template), (handler, admin) in self._routes.items():
            params = _match_path(template, path)
            if params is None:
                continue
            if route_method == method:
                return template, handler, admin, params
            allowed = True
        if allowed:
            raise _Reject(_detail(405, "Method Not Allowed"))
        return None

    def _dispatch(self, request: httpx.Request) -> _Answer:
        method, path = request.method, request.url.path
        try:
            found = self._match(method, path)
            if found is None:
                return _detail(404, "Not Found")
            template, handler, needs_admin, path_params = found
            public = template in (f"{API}/health", "/openapi.json")
            key = request.headers.get("x-api-key")
            kind = self._key_kind(key)
            if not public:
                if not key:
                    return _detail(401, "API key required")
                if kind == "wrong":
                    return _detail(401, "Invalid API key")
                if needs_admin and kind != "admin":
                    return _detail(403, "Admin permission required")
            admin = kind == "admin"
            tenant = (request.headers.get("x-tenant-id") if admin else None) or self.tenant_id
            params = dict(request.url.params)
            body = self._validated(request, method, template, params)
            call = _Request(method, path, params, body, tenant, admin, path_params)
            return handler(call)
        except _Reject as rejected:
            return rejected.answer

    def _validated(self, request: httpx.Request, method: str, template: str, params: dict[str, str]) -> Any:
        errors: list[dict[str, Any]] = []
        for name, parameter in self._validator.query_schemas(method, template).items():
            if name in params:
                errors += self._validator.check(params[name], parameter["schema"], ["query", name])
        schema = self._validator.body_schema(method, template)
        body: Any = None
        if schema is not None:
            if not request.content:
                errors.append({"type": "missing", "loc": ["body"], "msg": "Field required", "input": None})
            else:
                try:
                    body = json.loads(request.content)
                except ValueError as exc:
                    error = {
                        "type": "json_invalid",
                        "loc": ["body", getattr(exc, "pos", 0)],
                        "msg": "JSON decode error",
                    }
                    errors.append({**error, "input": {}, "ctx": {"error": str(getattr(exc, "msg", exc))}})
                else:
                    errors += self._validator.check(body, schema, ["body"])
        if errors:
            raise _Reject(_Answer(422, {"detail": errors}))
        return body

    # ------------------------------------------------------------------ the operations

    def _health(self, call: _Request) -> _Answer:
        from datetime import UTC

        return _Answer(200, {"status": "healthy", "timestamp": datetime.now(UTC).isoformat()})

    def _openapi(self, call: _Request) -> _Answer:
        return _Answer(200, self._validator.document)

    def _store_text(self, call: _Request, content: str, **fields: Any) -> Record | None:
        """Store ``content``, or answer with the memory the tenant already holds with that text.

        As on both server versions: a repeat is not stored again, its type, tags
        and metadata are dropped, and the existing memory counts one more access
        and keeps the higher confidence. With ``write_gate`` a repeat of one of
        the tenant's ten most recent memories is skipped instead (None), as
        server 2.0.0's write gate skips it.
        """
        existing = self.store.duplicate(call.tenant, content)
        if existing is None:
            return self.store.add(Record(call.tenant, content, **fields))
        if self.write_gate and any(r is existing for r in self.store.recent(call.tenant, _GATE_WINDOW)):
            return None
        existing.access_count += 1
        existing.confidence = max(existing.confidence, fields.get("confidence", Record.confidence))
        return existing

    def _write(self, call: _Request) -> _Answer:
        body = call.body
        record = self._store_text(
            call,
            body["content"],
            type=body.get("memory_type") or "episodic_event",
            metadata=body.get("metadata") or {},
            context_tags=body.get("context_tags") or [],
            namespace=body.get("namespace"),
            agent_id=body.get("agent_id"),
            source_session_id=body.get("session_id"),
            **_timestamp(body),
        )
        # A repeat answers like a first write (the existing id, one chunk), unless the write gate skipped it.
        stored = 0 if record is None else 1
        answer = {
            "success": True,
            "memory_id": None if record is None else record.id,
            "chunks_created": stored,
            "message": f"Stored {stored} memory chunks",
            "eval_outcome": None,
            "eval_reason": None,
        }
        return _Answer(200, answer)

    def _write_batch(self, call: _Request) -> _Answer:
        turns = call.body["turns"]
        stored = 0
        for turn in turns:
            record = self._store_text(
                call,
                turn["content"],
                metadata=turn.get("metadata") or {},
                source_session_id=turn.get("session_id"),
                **_timestamp(turn),
            )
            stored += record is not None  # a repeat counts, as the servers count it, unless the gate skipped it
        answer = {
            "success": True,
            "turns_processed": len(turns),
            "chunks_created": stored,
            "message": f"Batch wrote {len(turns)} turns",
        }
        return _Answer(200, answer)

    def _search(self, call: _Request, query: str, limit: int) -> list[tuple[Record, float]]:
        body = call.body or {}
        hits = self.store.search(
            call.tenant,
            query,
            limit=limit,
            memory_types=body.get("memory_types"),
            context_filter=body.get("context_filter"),
            since=_datetime(body.get("since")),
            until=_datetime(body.get("until")),
        )
        for record, _ in hits:
            record.access_count += 1
        return hits

    def _read(self, call: _Request) -> _Answer:
        started = time.perf_counter()
        body = call.body
        hits = self._search(call, body["query"], body.get("max_results", 10))
        items = [record.item(score) for record, score in hits]
        fmt = body.get("format", "packet")

        def bucket(types: frozenset[str]) -> list[dict[str, Any]]:
            return [] if fmt == "list" else [i for i in items if i["type"] in types]

        special = FACT_TYPES | PREFERENCE_TYPES | CONSTRAINT_TYPES
        answer: dict[str, Any] = {
            **self._read_extras,
            "query": body["query"],
            "memories": items,
            "facts": bucket(FACT_TYPES),
            "preferences": bucket(PREFERENCE_TYPES),
            "episodes": [] if fmt == "list" else [i for i in items if i["type"] not in special],
            "constraints": bucket(CONSTRAINT_TYPES),
            "llm_context": _llm_context(items) if fmt == "llm_context" else None,
            "retrieval_meta": {"sources_completed": ["lexical"], "sources_timed_out": []},
            "total_count": len(items),
            "elapsed_ms": (time.perf_counter() - started) * 1000,
        }
        return _Answer(200, answer)

    def _read_stream(self, call: _Request) -> _Answer:
        started = time.perf_counter()
        hits = self._search(call, call.body["query"], call.body.get("max_results", 10))
        # the real stream writes its times with a space: "2026-12-02 06:19:51.249079"
        events = [f"data: {json.dumps(record.item(score, sep=' '))}\n\n" for record, score in hits]
        done = {
            "total_count": len(hits),
            "elapsed_ms": round((time.perf_counter() - started) * 1000, 2),
            "retrieval_meta": {"sources_completed": ["lexical"], "sources_timed_out": []},
        }
        events.append(f"event: done\ndata: {json.dumps(done)}\n\n")
        headers = {"content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache"}
        return _Answer(200, headers=headers, raw="".join(events).encode())

    def _turn(self, call: _Request) -> _Answer:
        body = call.body
        hits = self._search(call, body["user_message"], 10)
        texts = [text for text in (body["user_message"], body.get("assistant_response")) if text]
        stored = 0
        for text in texts:  # repeats count, as the servers count them, unless the write gate skipped them
            stored += (
                self._store_text(call, text, type="conversation", source_session_id=body.get("session_id")) is not None
            )
        context = _llm_context([record.item(score) for record, score in hits]) if hits else ""
        answer = {
            "memory_context": context,
            "memories_retrieved": len(hits),
            "memories_stored": stored,
            "reconsolidation_applied": False,
        }
        return _Answer(200, answer)

    def _owned(self, call: _Request, memory_id: str) -> Record | None:
        record = self.store.records.get(str(uuid.UUID(memory_id)))
        return record if record is not None and record.tenant_id == call.tenant else None

    def _update(self, call: _Request) -> _Answer:
        body = call.body
        record = self._owned(call, body["memory_id"])
        if record is None or record.status == "deleted":
            return _detail(404, f"Memory {body['memory_id']} not found")
        if body.get("text") is not None:
            record.text = body["text"]
            record.__post_init__()
        for name in ("confidence", "importance"):
            if body.get(name) is not None:
                setattr(record, name, float(body[name]))
        if body.get("metadata") is not None:
            record.metadata = {**record.metadata, **body["metadata"]}
        record.version += 1
        answer = {
            "success": True,
            "memory_id": record.id,
            "version": record.version,
            "message": "Memory updated successfully",
        }
        return _Answer(200, answer)

    def _forget(self, call: _Request) -> _Answer:
        body = call.body
        targets: set[str] = set()
        for memory_id in body.get("memory_ids") or []:
            record = self._owned(call, memory_id)
            if record is not None:
                targets.add(record.id)
        if body.get("query"):
            targets |= {record.id for record, _ in self.store.search(call.tenant, body["query"], limit=100)}
        before = _datetime(body.get("before"))
        if before is not None:
            targets |= {r.id for r in self.store.tenant(call.tenant) if r.timestamp < before}
        action = body.get("action", "delete")
        for memory_id in targets:
            if action == "delete":
                del self.store.records[memory_id]
            else:
                # Both servers answer "archived" / "silenced" but mark the memory deleted: reads, stats and the
                # dashboard show it so, and only a dashboard bulk action sets "archived" or "silent".
                self.store.records[memory_id].status = "deleted"
        answer = {"success": True, "affected_count": len(targets), "message": f"{len(targets)} memories {action}d"}
        return _Answer(200, answer)

    def _stats(self, call: _Request) -> _Answer:
        records = self.store.tenant(call.tenant, status=None)
        active = [r for r in records if r.status == "active"]
        by_type: dict[str, int] = {}
        for record in records:  # every status, as the servers count them
            by_type[record.type] = by_type.get(record.type, 0) + 1
        stamps = sorted(r.timestamp for r in records)
        answer = {
            "total_memories": len(records),
            "active_memories": len(active),
            "silent_memories": sum(r.status == "silent" for r in records),
            "archived_memories": sum(r.status == "archived" for r in records),
            "by_type": by_type,
            "avg_confidence": _mean([r.confidence for r in active]),
            "avg_importance": _mean([r.importance for r in active]),
            "estimated_size_mb": round(sum(len(r.text) for r in records) / 1_000_000, 6),
            "oldest_memory": wire(stamps[0]) if stamps else None,
            "newest_memory": wire(stamps[-1]) if stamps else None,
        }
        return _Answer(200, answer)

    def _delete_all(self, call: _Request) -> _Answer:
        doomed = self.store.tenant(call.tenant, status=None)
        for record in doomed:
            del self.store.records[record.id]
        return _Answer(200, {"affected_count": len(doomed)})

    def _create_session(self, call: _Request) -> _Answer:
        body = call.body or {}
        try:
            session = self.store.new_session(call.tenant, body.get("ttl_hours", 24))
        except OverflowError:  # the real server's expiry passes the year 9999 too: it answers 500
            return _detail(500, "Internal Server Error")
        answer = {
            "session_id": session.id,
            "created_at": session.created_at.isoformat(),
            "expires_at": session.expires_at.isoformat(),
        }
        return _Answer(200, answer)

    def _session_context(self, call: _Request) -> _Answer:
        session_id = call.path_params["session_id"]
        records = [r for r in self.store.tenant(call.tenant) if r.source_session_id == session_id]
        records.sort(key=lambda r: r.timestamp, reverse=True)
        messages, tools, scratch = [], [], []
        for record in records:
            item = record.item(1.0)
            if record.type == "tool_result":
                tools.append(item)
            elif record.type == "scratch":
                scratch.append(item)
            else:
                messages.append(item)
        answer = {
            "session_id": session_id,
            "messages": messages,
            "tool_results": tools,
            "scratch_pad": scratch,
            "context_string": _llm_context(messages + tools + scratch) if records else "",
        }
        return _Answer(200, answer)

    def _consolidate(self, call: _Request) -> _Answer:
        episodes = [r for r in self.store.tenant(call.tenant) if r.type in MESSAGE_TYPES | {"episodic_event"}]
        answer = {
            "status": "consolidation_completed",  # as both servers word it (the dashboard's run says "completed")
            "user_id": call.path_params["user_id"],
            "episodes_sampled": len(episodes),
            "clusters_formed": 0,
            "clusters_skipped_no_recurrence": 0,
            "gists_extracted": 0,
            "details_recovered": 0,
        }
        return _Answer(200, answer)

    def _run_forgetting(self, call: _Request) -> _Answer:
        answer = {
            "status": "forgetting_completed",
            "user_id": call.path_params["user_id"],
            "dry_run": call.params.get("dry_run", "true").lower() != "false",
            "memories_scanned": len(self.store.tenant(call.tenant)),
            "operations_applied": 0,
        }
        return _Answer(200, answer)

    def _dashboard_memories(self, call: _Request) -> _Answer:
        p = call.params
        page, per_page = int(p.get("page", 1)), int(p.get("per_page", 25))
        records = list(self.store.records.values())
        for name in ("tenant_id", "type", "status", "source_session_id"):
            if p.get(name):
                records = [r for r in records if getattr(r, name) == p[name]]
        if p.get("search"):
            needle = p["search"].lower()
            records = [r for r in records if needle in r.text.lower()]
        sort_by = p.get("sort_by", "timestamp")
        # The server sorts by the one column with no tiebreaker, and PostgreSQL returns equal rows in an order
        # that changes with the page it is asked for; so does the fake (deterministically, per request).
        records.sort(key=lambda r: r.id)
        random.Random(f"{sort_by}:{page}:{per_page}").shuffle(records)
        records.sort(key=lambda r: getattr(r, sort_by), reverse=p.get("order", "desc") == "desc")
        window = records[(page - 1) * per_page : page * per_page]
        answer = {
            "items": [r.dashboard_item() for r in window],
            "total": len(records),
            "page": page,
            "per_page": per_page,
            "total_pages": max(1, math.ceil(len(records) / per_page)),
        }
        return _Answer(200, answer)

    def _consolidation_status(self, call: _Request) -> _Answer:
        answer = {"running": False, "sweeps_run": 0, "tasks_enqueued": 0, "consolidations_run": 0, "pending_tasks": 0}
        return _Answer(200, answer)

    def _dashboard_memory(self, call: _Request) -> _Answer:
        record = self.store.records.get(str(uuid.UUID(call.path_params["memory_id"])))
        if record is None:
            return _detail(404, "Memory not found")
        return _Answer(200, record.detail())

    def _dashboard_export(self, call: _Request) -> _Answer:
        records = list(self.store.records.values())
        if call.params.get("tenant_id"):
            records = [r for r in records if r.tenant_id == call.params["tenant_id"]]
        records.sort(key=lambda r: r.timestamp, reverse=True)
        headers = {"content-disposition": "attachment; filename=memories_export.json"}
        return _Answer(200, [r.export_item() for r in records[:10000]], headers)

    def _dashboard_config(self, call: _Request) -> _Answer:
        # Only what a client can rely on: the tenant of requests that name none (the normal key's only tenant).
        item = {
            "key": "auth.default_tenant_id",
            "value": self.tenant_id,
            "default_value": "default",
            "is_secret": False,
            "is_editable": True,
            "source": "env",
            "description": "Default tenant ID when X-Tenant-ID header is not provided.",
            "requires_restart": True,
            "is_required": False,
            "env_var": "AUTH__DEFAULT_TENANT_ID",
        }
        return _Answer(200, {"sections": [{"name": "Authentication", "items": [item]}]})

    # ------------------------------------------------------------------ inspection helpers

    def memories(self, tenant_id: str | None = None) -> list[Record]:
        """The active memories the fake holds.

        Args:
            tenant_id: the tenant (default: the keys' tenant).

        Returns:
            Its active memories, in the order they were written.
        """
        with self._lock:
            return self.store.tenant(tenant_id or self.tenant_id)

    @contextmanager
    def recording(self) -> Iterator[list[RecordedRequest]]:
        """A list that, once the block ends, holds the requests received inside it (``fake.requests`` keeps all).

        Returns:
            A context manager giving that list.
        """
        start = len(self.requests)
        seen: list[RecordedRequest] = []
        try:
            yield seen
        finally:
            seen.extend(self.requests[start:])

    def reset(self) -> None:
        """Forget every memory, session, recorded request and fault."""
        with self._lock:
            self.store = Store()
            self.requests.clear()
            self.faults.clear()


def _hang_timeout(fault: Fault, request: httpx.Request) -> float | None:
    timeout = read_timeout(request)
    if timeout is None and math.isinf(fault.delay):
        raise RuntimeError("hang_next() without seconds= on a request without a read timeout would never end")
    return timeout


def _match_path(template: str, path: str) -> dict[str, str] | None:
    if "{" not in template:
        return {} if template == path else None
    want, got = template.split("/"), path.split("/")
    if len(want) != len(got):
        return None
    params: dict[str, str] = {}
    for w, g in zip(want, got, strict=True):
        if w.startswith("{"):
            if not g:
                return None
            params[w[1:-1]] = httpx.URL("http://x/" + g).path[1:]
        elif w != g:
            return None
    return params


def _timestamp(body: dict[str, Any]) -> dict[str, Any]:
    stamp = _datetime(body.get("timestamp"))
    return {"timestamp": stamp} if stamp else {}


def _mean(values: list[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


def _llm_context(items: list[dict[str, Any]]) -> str:
    lines = [f"- [{item['type']}] {item['text']}" for item in items]
    return "## Relevant memories\n" + "\n".join(lines) if lines else ""


__all__ = ["ADMIN_API_KEY", "API_KEY", "BASE_URL", "FakeCML", "RecordedRequest", "now"]
