"""Shared fixtures of the unit tests: a clean environment, a fake clock, realistic server bodies, a client factory.

Unit tests never touch the network (pytest-httpx answers every request) and
never sleep (each client gets a :class:`FakeClock`).
"""

from __future__ import annotations

import functools
import json
import logging
import os
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import settings

from cml_ergonomic._retry import Clock
from cml_ergonomic._tenant import TenantGuard
from tests.drivers import ClientDriver, ClientFactory

# --------------------------------------------------------------------------- Hypothesis: reproducible by default

# "ci" (the default): the same examples on every run (derandomize: seeded from each test's name), so a red run
# stays red and a green one is not luck; a failure prints its falsifying example and the @reproduce_failure
# blob that replays it. HYPOTHESIS_PROFILE=explore draws new random examples (and prints the seed to rerun).
settings.register_profile("ci", derandomize=True, print_blob=True, database=None)
settings.register_profile("explore", derandomize=False, print_blob=True, max_examples=2000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BASE_URL = "http://cml.test:8000"
API = BASE_URL + "/api/v1"
API_KEY = "sk-live-SECRETKEY-123456"
ADMIN_KEY = "adm-SECRETADMIN-999999"
WALL_START = datetime(2026, 11, 21, 21, 54, 44, tzinfo=UTC)


# --------------------------------------------------------------------------- time


class FakeClock:
    """Time that moves only when the client sleeps; every sleep is recorded."""

    def __init__(self) -> None:
        self.t = 1000.0
        self.sleeps: list[float] = []

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def wall(self) -> datetime:
        return WALL_START + timedelta(seconds=self.t - 1000.0)

    def clock(self) -> Clock:
        return Clock(now=self.now, sleep=self.sleep, async_sleep=self.async_sleep, wall=self.wall)


# --------------------------------------------------------------------------- bodies the real server sends


def new_id() -> str:
    return str(uuid.uuid4())


def write_body(memory_id: str | None = None, **changes: Any) -> dict[str, Any]:
    return {
        "success": True,
        "memory_id": memory_id or new_id(),
        "chunks_created": 1,
        "message": "Stored 1 memory chunks",
        "eval_outcome": None,
        "eval_reason": None,
        **changes,
    }


def memory_item(text: str = "User prefers dark mode", **changes: Any) -> dict[str, Any]:
    return {
        "id": new_id(),
        "text": text,
        "type": "episodic_event",
        "confidence": 0.8,
        "relevance": 0.61,
        "timestamp": "2026-11-21T21:54:44.498721",
        "metadata": {},
        **changes,
    }


def read_body(query: str = "preferences", memories: list[dict[str, Any]] | None = None, **changes: Any) -> dict:
    items = [memory_item()] if memories is None else memories
    return {
        "query": query,
        "memories": items,
        "facts": [],
        "preferences": [],
        "episodes": list(items),
        "constraints": [],
        "llm_context": None,
        "retrieval_meta": {"sources_completed": ["vector"], "sources_timed_out": [], "total_elapsed_ms": 50.1},
        "total_count": len(items),
        "elapsed_ms": 53.7,
        **changes,
    }


def stats_body(**changes: Any) -> dict[str, Any]:
    return {
        "total_memories": 5,
        "active_memories": 5,
        "silent_memories": 0,
        "archived_memories": 0,
        "by_type": {"episodic_event": 5},
        "avg_confidence": 0.8,
        "avg_importance": 0.5,
        "estimated_size_mb": 0.01,
        "oldest_memory": None,
        "newest_memory": None,
        **changes,
    }


def health_body() -> dict[str, Any]:
    return {"status": "healthy", "timestamp": "2026-11-21T21:54:44.498721"}


def write_batch_body(turns: int = 2) -> dict[str, Any]:
    return {"success": True, "turns_processed": turns, "chunks_created": turns, "message": f"Processed {turns} turns"}


def turn_body() -> dict[str, Any]:
    return {
        "memory_context": "## Relevant memories\n- User prefers dark mode",
        "memories_retrieved": 1,
        "memories_stored": 1,
        "reconsolidation_applied": False,
    }


def update_body(memory_id: str | None = None) -> dict[str, Any]:
    return {"success": True, "memory_id": memory_id or new_id(), "version": 2, "message": "Memory updated"}


def forget_body(count: int = 1) -> dict[str, Any]:
    return {"success": True, "affected_count": count, "message": f"Forgot {count} memories"}


def create_session_body() -> dict[str, Any]:
    return {
        "session_id": "sess-7f3a",
        "created_at": "2026-11-21T21:54:44.498721+00:00",
        "expires_at": "2026-11-22T21:54:44.498721+00:00",
    }


def session_context_body(session_id: str = "sess-7f3a") -> dict[str, Any]:
    return {"session_id": session_id, "messages": [], "tool_results": [], "scratch_pad": [], "context_string": ""}


def delete_all_body() -> dict[str, Any]:
    return {"affected_count": 5}


def consolidate_body(user_id: str = "tenant-a") -> dict[str, Any]:
    return {
        "status": "completed",
        "user_id": user_id,
        "episodes_sampled": 5,
        "clusters_formed": 1,
        "gists_extracted": 1,
    }


def forgetting_body(user_id: str = "tenant-a") -> dict[str, Any]:
    return {"status": "completed", "user_id": user_id, "dry_run": True, "memories_scanned": 5, "operations_applied": 0}


def error_body(detail: str = "Something went wrong") -> dict[str, Any]:
    return {"detail": detail}


def fastapi_422_body(field: str = "content") -> dict[str, Any]:
    return {
        "detail": [
            {"loc": ["body", field], "msg": "String should have at least 1 character", "type": "string_too_short"}
        ]
    }


def sse_body(items: list[dict[str, Any]] | None = None, *, error: dict[str, Any] | None = None) -> bytes:
    """What ``POST /memory/read/stream`` sends: one ``data:`` event per memory, then ``done`` (or ``error``)."""
    items = [memory_item("User prefers dark mode"), memory_item("User lives in Oslo")] if items is None else items
    events = [f"data: {json.dumps(item)}\n\n" for item in items]
    if error is not None:
        events.append(f"event: error\ndata: {json.dumps(error)}\n\n")
    else:
        done = {"total_count": len(items), "elapsed_ms": 41.2, "retrieval_meta": {"sources_completed": ["vector"]}}
        events.append(f"event: done\ndata: {json.dumps(done)}\n\n")
    return "".join(events).encode()


SSE_HEADERS = {"content-type": "text/event-stream; charset=utf-8", "x-request-id": "req-stream"}


def request_id() -> str:
    return "req-" + uuid.uuid4().hex[:12]


# --------------------------------------------------------------------------- one realistic call per public method

MEMORY_ID = "3f1c2a7e-9b1d-4c55-8e0a-2b6f4d9c1e77"


@dataclass(frozen=True)
class OpCall:
    """A public method called with realistic arguments, the request it sends, and the server's 200 body."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    method: str
    path: str
    body: Callable[[], Any] = field(repr=False)
    read_only: bool
    admin: bool = False

    def __str__(self) -> str:
        return self.name


OP_CALLS: tuple[OpCall, ...] = (
    OpCall("health", (), {}, "GET", "/api/v1/health", health_body, True),
    OpCall("read", ("preferences",), {}, "POST", "/api/v1/memory/read", read_body, True),
    OpCall("stats", (), {}, "GET", "/api/v1/memory/stats", stats_body, True),
    OpCall(
        "get_session_context",
        ("sess-7f3a",),
        {},
        "GET",
        "/api/v1/session/sess-7f3a/context",
        session_context_body,
        True,
    ),
    OpCall("write", ("User prefers dark mode",), {}, "POST", "/api/v1/memory/write", write_body, False),
    OpCall(
        "write_batch",
        ([{"content": "Likes tea"}, {"content": "Lives in Oslo"}],),
        {},
        "POST",
        "/api/v1/memory/write_batch",
        write_batch_body,
        False,
    ),
    OpCall("turn", ("What do I like?",), {"session_id": "sess-7f3a"}, "POST", "/api/v1/memory/turn", turn_body, False),
    OpCall(
        "update", (MEMORY_ID,), {"text": "User prefers light mode"}, "POST", "/api/v1/memory/update", update_body, False
    ),
    OpCall("forget", (), {"memory_ids": [MEMORY_ID]}, "POST", "/api/v1/memory/forget", forget_body, False),
    OpCall("create_session", (), {"name": "onboarding"}, "POST", "/api/v1/session/create", create_session_body, False),
    OpCall("delete_all", (), {"confirm": True}, "DELETE", "/api/v1/memory/all", delete_all_body, False, admin=True),
    OpCall(
        "consolidate", ("tenant-a",), {}, "POST", "/api/v1/admin/consolidate/tenant-a", consolidate_body, False, True
    ),
    OpCall("run_forgetting", ("tenant-a",), {}, "POST", "/api/v1/admin/forget/tenant-a", forgetting_body, False, True),
)
READ_OPS = tuple(op for op in OP_CALLS if op.read_only)
WRITE_OPS = tuple(op for op in OP_CALLS if not op.read_only)


# --------------------------------------------------------------------------- one test body, both clients


class Driver(ClientDriver):
    """Runs the same test body against the sync or the async client: ``await driver.call("read", "q")``."""

    def __init__(self, client: Any, clock: FakeClock) -> None:
        super().__init__(client)
        self.own(client)
        self.clock = clock

    async def call_op(self, op: OpCall, **extra: Any) -> Any:
        return await self.call(op.name, *op.args, **{**op.kwargs, **extra})


@pytest.fixture(params=["sync", "async"])
def client_kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class _NoTenantCheck(TenantGuard):
    def wanted(self, config: Any, operation: Any) -> bool:
        return False


@pytest.fixture
async def make_client(client_kind: str) -> AsyncIterator[Callable[..., Driver]]:
    """A factory of drivers around a sync or async client (with a fake clock), closed after the test.

    By default the client gets an injected httpx pool (cheap to build); ``owned=True`` lets the client
    build its own pool, as it does for users (needed where ownership matters: closing, warnings).
    """
    made = ClientFactory(client_kind)

    def factory(*, owned: bool = False, check_tenant: bool = False, **kwargs: Any) -> Driver:
        kwargs.setdefault("api_key", API_KEY)
        kwargs.setdefault("base_url", BASE_URL)
        if not owned:
            made.inject_pool(kwargs)
        clock = FakeClock()
        client = made.client_class(**kwargs)
        client.clock = clock.clock()
        if not check_tenant:
            # These tests are about headers and calls, sent to a mocked server that has no dashboard; the tenant
            # rule (a normal key's tenant is checked against the server first) has its own tests (test_tenant.py).
            client._tenant_guard = _NoTenantCheck()
        driver: Driver = made.keep(Driver(client, clock))
        return driver

    yield factory
    await made.aclose()


# --------------------------------------------------------------------------- no secret in any log record


class _EveryRecord(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class _KeysGiven:
    """Every key the test gave a client: the arguments of each constructor call and the CML_* variables.

    It watches the test's inputs, not the SDK's redactor, so a redactor that forgot a key
    (or never learned it) cannot make this guard pass.
    """

    def __init__(self) -> None:
        self.keys: set[str] = {API_KEY, ADMIN_KEY}

    def watch(self, kwargs: dict[str, Any]) -> None:
        for name in ("api_key", "admin_api_key"):
            value = kwargs.get(name)
            if isinstance(value, str) and value:
                self.keys.add(value)
        for name in ("CML_API_KEY", "CML_ADMIN_API_KEY"):
            value = os.environ.get(name)
            if value:
                self.keys.add(value)


# A short key would match inside ordinary words ("a" in "/api/"); it leaks when it shows as a key's value.
_SHORT_KEY_LEAK = r"(?i)(?:x-api-key|api_key|admin_api_key|\bkey)['\"]?\s*[:=]\s*b?['\"]?{key}(?![\w-])"


def leaked_keys(text: str, keys: set[str]) -> list[str]:
    """The keys that ``text`` shows: anywhere for a real-length key, as a key's value for a short one."""
    import re

    found = []
    for key in keys:
        if len(key) >= 8:
            if key in text:
                found.append(key)
        elif re.search(_SHORT_KEY_LEAK.format(key=re.escape(key)), text):
            found.append(key)
    return found


@pytest.fixture(autouse=True)
def _no_key_in_any_log_record() -> Iterator[None]:
    """Every unit test runs with the SDK's DEBUG logging captured; no API key may appear in any record.

    The keys checked are the fixtures' keys and every key any client of the test was given (its
    constructor's arguments, or the environment), whatever its length.
    """
    from cml_ergonomic._base import ClientCore

    logger = logging.getLogger("cml_ergonomic")
    handler = _EveryRecord()
    previous = logger.level
    given = _KeysGiven()
    original_init = ClientCore.__init__

    @functools.wraps(original_init)
    def watching_init(self: Any, *args: Any, **kwargs: Any) -> None:
        given.watch(kwargs)
        original_init(self, *args, **kwargs)

    ClientCore.__init__ = watching_init  # type: ignore[method-assign]
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
        ClientCore.__init__ = original_init  # type: ignore[method-assign]
    for record in handler.records:
        text = " ".join([record.getMessage(), repr(record.args), record.exc_text or ""])
        leaked = leaked_keys(text, given.keys)
        assert not leaked, f"an API key reached a log record of {record.name}: {record.getMessage()[:200]}"
