"""The ergonomic clients (``CognitiveMemoryLayer`` and ``AsyncCognitiveMemoryLayer``) against the real CML server.

Each behaviour is written once and runs twice: the ``runner`` fixture is
parametrised over the sync and the async client, and ``runner.call(name, ...)``
awaits only when the client is the async one.

Retrieval on the test server uses mock embeddings and is lexical: texts carry
a random token and are read back with the whole text as the query; relevance
values are never asserted. Tests that need a clean slate (delete_all, admin
counters) work in a fresh tenant through a client whose key is the admin key
(the server honours ``X-Tenant-Id`` only with it).

The rate-limit tests use the second, rate-limited API process
(``rate_limited_server``, 5 requests per minute per key). Its limiter counts
per key in Redis and keeps counting while requests keep coming (every request
renews the 60 s window; refused ones are not counted). So that these tests do
not depend on which calls were made before them, they read the key's current
count from the dashboard's ``/ratelimits`` (with the admin key, which the
limiter exempts) and spend exactly the budget that is left.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import logging
import secrets
import sys
import time
from collections.abc import AsyncIterator, Mapping
from http import HTTPStatus
from types import ModuleType
from typing import Any
from uuid import UUID, uuid4

import anyio
import pytest
from cml_api_client.api.dashboard import dashboard_overview, dashboard_ratelimits
from cml_api_client.api.memory import write_memory
from cml_api_client.models import (
    DashboardOverview,
    DashboardRateLimitsResponse,
    ErrorDetail,
    HTTPValidationError,
    WriteMemoryRequest,
)

from cml_ergonomic import (
    AsyncCognitiveMemoryLayer,
    AuthenticationError,
    AuthorizationError,
    CognitiveMemoryLayer,
    CreateSessionResult,
    ForgetResult,
    LLMContextReadResult,
    MemoryItem,
    NotFoundError,
    RateLimitError,
    ReadResult,
    SessionContext,
    Stats,
    TurnResult,
    UpdateResult,
    ValidationError,
    WriteBatchResult,
    WriteResult,
)
from cml_ergonomic._breaker import CircuitState
from tests.conftest import RATE_LIMIT_PER_MINUTE, ServerInfo
from tests.drivers import ClientDriver

pytestmark = pytest.mark.anyio


TIMEOUT = 30.0  # the first write after the server starts takes ~2 s (model warm-up)


# --------------------------------------------------------------------------- driving both clients the same way


class Runner(ClientDriver):
    """One kind of client (sync or async), driven from async tests.

    ``client`` has the normal key and the admin key; ``new()`` makes more
    clients of the same kind (closed at teardown).
    """

    def __init__(self, mode: str, server: ServerInfo) -> None:
        super().__init__(is_async=mode == "async")
        self.mode = mode
        self.server = server
        self.client = self.new()

    def new(self, **overrides: Any) -> Any:
        """A client of this runner's kind: the server's keys and URL unless ``overrides`` say otherwise."""
        kwargs: dict[str, Any] = {
            "base_url": self.server.base_url,
            "api_key": self.server.api_key,
            "admin_api_key": self.server.admin_api_key,
            "timeout": TIMEOUT,
        }
        kwargs.update(overrides)
        cls = AsyncCognitiveMemoryLayer if self.is_async else CognitiveMemoryLayer
        return self.own(cls(**kwargs))

    async def raw(self, operation: ModuleType, *, client: Any = None, detailed: bool = False, **kwargs: Any) -> Any:
        """A generated operation called on ``client.raw`` (``sync``/``asyncio``, or their ``_detailed`` forms)."""
        raw = (client or self.client).raw
        if self.is_async:
            return await (operation.asyncio_detailed if detailed else operation.asyncio)(client=raw, **kwargs)
        return (operation.sync_detailed if detailed else operation.sync)(client=raw, **kwargs)


@pytest.fixture(params=["sync", "async"])
async def runner(request: pytest.FixtureRequest, cml_server: ServerInfo) -> AsyncIterator[Runner]:
    runner = Runner(request.param, cml_server)
    try:
        yield runner
    finally:
        await runner.close()


# --------------------------------------------------------------------------- shared helpers


def token() -> str:
    """A random word no other test (or earlier run) wrote: the lexical retrieval keys on it."""
    return f"zq{secrets.token_hex(6)}"


def fresh_tenant() -> str:
    return f"client-{secrets.token_hex(6)}"


def caller_line() -> int:
    """The line number of the caller's current line."""
    return sys._getframe(1).f_lineno


def assert_meta(result: Any) -> None:
    """A typed result carries the transport's facts: the server's request id, the status, no retries."""
    assert result.meta is not None, f"{type(result).__name__} has no meta"
    assert isinstance(result.meta.request_id, str)
    assert result.meta.request_id, "meta.request_id is empty"
    assert result.meta.status_code == HTTPStatus.OK
    assert result.meta.retries == 0


async def write_stored(runner: Runner, text: str, *, client: Any = None, **kwargs: Any) -> WriteResult:
    """Write ``text`` and insist that the server stored it (its write gate sometimes stores nothing)."""
    written = await runner.call("write", text, client=client, **kwargs)
    assert isinstance(written, WriteResult), type(written)
    assert written.success is True, written
    assert written.chunks_created >= 1, f"the server's write gate stored nothing for {text!r}: {written.message!r}"
    assert isinstance(written.memory_id, UUID), written
    return written


def with_text(items: Any, text: str) -> list[MemoryItem]:
    return [item for item in items if text in item.text]


async def read_ids(runner: Runner, text: str, *, client: Any = None) -> set[UUID]:
    """The ids of the memories holding ``text`` that a read for ``text`` returns."""
    result = await runner.call("read", text, client=client)
    assert isinstance(result, ReadResult)
    return {item.id for item in with_text(result.memories, text)}


# --------------------------------------------------------------------------- every method works


async def test_health_reports_healthy(runner: Runner) -> None:
    health = await runner.call("health")
    assert isinstance(health, Mapping)
    assert health["status"] == "healthy"
    assert isinstance(health["timestamp"], str)
    assert dt.datetime.fromisoformat(health["timestamp"])


async def test_write_returns_a_typed_result_and_read_finds_the_text(runner: Runner) -> None:
    text = f"User {token()} prefers dark mode in every editor"
    written = await write_stored(runner, text)
    assert_meta(written)
    assert "stored" in str(written)

    result = await runner.call("read", text)
    assert type(result) is ReadResult
    assert_meta(result)
    assert result.query == text
    assert result.degraded is False
    assert all(isinstance(item, MemoryItem) for item in result.memories)
    assert written.memory_id in {item.id for item in with_text(result.memories, text)}
    assert isinstance(result.total_count, int)
    assert result.total_count >= 1


async def test_read_evidence_follows_the_server_version(runner: Runner) -> None:
    text = f"User {token()} restores antique barometers on weekends"
    written = await write_stored(runner, text)

    result = await runner.call("read", text)
    assert written.memory_id in {item.id for item in with_text(result.memories, text)}
    assert isinstance(result.warnings, list) and isinstance(result.open_questions, list)
    assert all(isinstance(w, str) for w in [*result.warnings, *result.open_questions])
    if runner.server.at_least("2.0.0"):
        # 2.0.0 scores whether the read found evidence: a memory holding the whole query did.
        assert result.sufficiency is not None, "server 2.0.0 sent no sufficiency"
        assert isinstance(result.sufficiency["sufficient"], bool)
        assert result.sufficiency["retrieved"] >= 1
        assert result.sufficiency["evidence_strength"] > 0
    else:
        assert result.sufficiency is None and result.warnings == [] and result.open_questions == []


async def test_read_formats_list_and_llm_context(runner: Runner) -> None:
    text = f"User {token()} keeps three potted cacti on the office windowsill"
    written = await write_stored(runner, text)

    listed = await runner.call("read", text, format="list")
    assert type(listed) is ReadResult
    assert written.memory_id in {item.id for item in with_text(listed.memories, text)}

    as_context = await runner.call("read", text, format="llm_context")
    assert isinstance(as_context, LLMContextReadResult)
    assert_meta(as_context)
    assert isinstance(as_context.llm_context, str)
    assert text in as_context.llm_context
    assert written.memory_id in {item.id for item in with_text(as_context.memories, text)}


async def test_write_batch_stores_every_turn(runner: Runner) -> None:
    word = token()
    texts = [f"Batch turn {n}: user {word} owns {n + 2} vintage typewriters" for n in range(3)]
    batch = await runner.call("write_batch", [{"content": text} for text in texts])
    assert isinstance(batch, WriteBatchResult)
    assert_meta(batch)
    assert batch.success is True
    assert batch.turns_processed == len(texts)
    assert batch.chunks_created >= len(texts), f"the write gate dropped a turn: {batch}"
    for text in texts:
        assert await read_ids(runner, text), f"a read for {text!r} did not return it"


async def test_read_stream_yields_memory_items_then_the_summary(runner: Runner) -> None:
    text = f"User {token()} streams jazz records every Sunday morning"
    written = await write_stored(runner, text)

    events = await runner.stream(text)
    assert events, "the stream yielded nothing"
    *items, done = events
    assert all(isinstance(item, MemoryItem) for item in items), [type(item).__name__ for item in items]
    assert written.memory_id in {item.id for item in with_text(items, text)}
    assert isinstance(done, dict), done
    assert done["total_count"] == len(items)
    assert isinstance(done["elapsed_ms"], int | float)
    assert isinstance(done["retrieval_meta"], dict)


async def test_turn_returns_the_memory_context(runner: Runner) -> None:
    word = token()
    fact = f"The capital of {word}land is Quuxville"
    await write_stored(runner, fact)

    turn = await runner.call("turn", f"What is the capital of {word}land?")
    assert type(turn) is TurnResult
    assert_meta(turn)
    assert turn.degraded is False
    assert isinstance(turn.memory_context, str)
    assert fact in turn.memory_context
    assert turn.memories_retrieved >= 1
    assert turn.memories_stored >= 1  # without assistant_response the server stores the user message


async def test_update_bumps_the_version(runner: Runner) -> None:
    word = token()
    written = await write_stored(runner, f"User {word} drinks green tea at noon")
    versions = []
    for drink in ("black coffee", "mint lemonade"):
        updated = await runner.call("update", written.memory_id, text=f"User {word} drinks {drink} at noon")
        assert isinstance(updated, UpdateResult)
        assert_meta(updated)
        assert updated.success is True
        assert updated.memory_id == written.memory_id
        versions.append(updated.version)
    assert versions == [2, 3]
    final = f"User {word} drinks mint lemonade at noon"
    assert written.memory_id in await read_ids(runner, final)


async def test_forget_by_id_removes_the_memory(runner: Runner) -> None:
    text = f"User {token()} parks a yellow scooter behind the bakery"
    written = await write_stored(runner, text)
    assert written.memory_id in await read_ids(runner, text)

    forgotten = await runner.call("forget", memory_ids=[written.memory_id])
    assert isinstance(forgotten, ForgetResult)
    assert_meta(forgotten)
    assert forgotten.success is True
    assert forgotten.affected_count == 1
    assert written.memory_id not in await read_ids(runner, text)


async def test_stats_count_new_memories(runner: Runner) -> None:
    before = await runner.call("stats")
    assert isinstance(before, Stats)
    assert_meta(before)
    written = 2
    for n in range(written):
        await write_stored(runner, f"Stats sample {n}: user {token()} climbs granite cliffs")
    after = await runner.call("stats")
    assert after.total_memories >= before.total_memories + written
    assert after.active_memories >= before.active_memories + written
    by_type = after.by_type.to_dict()
    assert by_type
    assert all(isinstance(kind, str) and type(count) is int for kind, count in by_type.items()), by_type


async def test_create_session_and_its_context(runner: Runner) -> None:
    created = await runner.call("create_session", name="client-test")
    assert isinstance(created, CreateSessionResult)
    assert_meta(created)
    assert isinstance(created.session_id, str)
    assert created.session_id
    word = token()
    inside = f"In session: user {word} plans a trip to Lisbon in May"
    outside = f"Outside session: user {word} plans a trip to Oslo in June"
    written = await write_stored(runner, inside, session_id=created.session_id)
    await write_stored(runner, outside)

    context = await runner.call("get_session_context", created.session_id)
    assert isinstance(context, SessionContext)
    assert_meta(context)
    assert context.session_id == created.session_id
    assert [item.id for item in with_text(context.messages, inside)] == [written.memory_id]
    assert not with_text(context.messages, outside)
    assert inside in context.context_string


async def test_session_scope_writes_and_turns_land_in_the_session(runner: Runner) -> None:
    word = token()
    inside = f"Scoped note: user {word} collects blue teapots"
    said = f"Scoped turn: user {word} waters the orange ferns daily"
    outside = f"Unscoped note: user {word} collects red teapots"
    await write_stored(runner, outside)
    async with runner.session(name="client-scope") as scope:
        assert isinstance(scope.created, CreateSessionResult)
        assert scope.session_id == scope.created.session_id
        written = await write_stored(runner, inside, client=scope)
        turn = await runner.call("turn", said, client=scope)
        assert isinstance(turn, TurnResult)
        assert turn.memories_stored >= 1
        assert written.memory_id in await read_ids(runner, inside, client=scope)
        context = await runner.call("context", client=scope)

    assert isinstance(context, SessionContext)
    assert context.session_id == scope.session_id
    assert [item.id for item in with_text(context.messages, inside)] == [written.memory_id]
    assert with_text(context.messages, said), "the scope's turn did not land in the session"
    assert not with_text(context.messages, outside)


async def test_safe_variants_answer_normally_when_the_server_is_up(runner: Runner) -> None:
    text = f"User {token()} bakes sourdough bread every Friday"
    written = await write_stored(runner, text)
    session_id = (await runner.call("create_session")).session_id
    await write_stored(runner, f"Safe session note: {text}", session_id=session_id)

    # The safe variants' own budget is 2 s; on a loaded machine a healthy server can take longer, and this test is
    # about what they answer, not how fast: give them the suite's timeout (the budget has its tests in tests/faults).
    budget = {"deadline": 30.0}
    read = await runner.call("read_safe", text, **budget)
    assert type(read) is ReadResult
    assert read.degraded is False
    assert read.degraded_reason is None
    assert written.memory_id in {item.id for item in with_text(read.memories, text)}

    turn = await runner.call("turn_safe", f"Tell me about the bread: {text}", **budget)
    assert isinstance(turn, TurnResult)
    assert turn.degraded is False
    assert text in turn.memory_context

    context = await runner.call("get_context_safe", session_id, **budget)
    assert isinstance(context, SessionContext)
    assert context.degraded is False
    assert with_text(context.messages, f"Safe session note: {text}")
    assert runner.client.circuit_state is CircuitState.CLOSED


async def test_store_warns_at_the_callers_line_and_writes(runner: Runner) -> None:
    text = f"User {token()} stores stamps in a green leather album"
    with pytest.warns(DeprecationWarning, match=r"store\(\) is deprecated .* use write\(\)") as record:
        pending, line = runner.client.store(text), caller_line()
    written = await runner.resolve(pending)

    warning = next(w for w in record if issubclass(w.category, DeprecationWarning) and "store()" in str(w.message))
    assert (warning.filename, warning.lineno) == (__file__, line), "the warning does not point at the caller"
    assert isinstance(written, WriteResult)
    assert written.chunks_created >= 1, written
    assert written.memory_id in await read_ids(runner, text)


async def test_with_options_copy_shares_the_pool(runner: Runner) -> None:
    original = runner.client
    copy = original.with_options(max_retries=0, deadline=20, timeout=10)
    assert type(copy) is type(original)
    assert (copy.config.max_retries, copy.config.call_deadline) == (0, 20.0)
    assert (original.config.max_retries, original.config.call_deadline) == (2, 60.0)
    assert copy._http is original._http

    text = f"User {token()} rides a tandem bicycle with a parrot"
    written = await write_stored(runner, text, client=copy)
    await runner.close_client(copy)  # closing the copy leaves the shared pool open
    assert written.memory_id in await read_ids(runner, text, client=original)


async def test_delete_all_empties_a_fresh_tenant_and_leaves_others(runner: Runner) -> None:
    tenant, word = fresh_tenant(), token()
    admin = runner.new(api_key=runner.server.admin_api_key)  # X-Tenant-Id counts only with the admin key
    admin.set_tenant(tenant)
    in_tenant = [f"Tenant note {n}: user {word} feeds the kestrel at dusk" for n in range(2)]
    for text in in_tenant:
        await write_stored(runner, text, client=admin)
    in_default = f"Default tenant note: user {word} feeds the heron at dawn"
    kept = await write_stored(runner, in_default)
    assert (await runner.call("stats", client=admin)).total_memories == len(in_tenant)

    with pytest.raises(ValidationError) as refused:
        await runner.call("delete_all", client=admin)  # confirm defaults to False: nothing is sent
    assert refused.value.field == "confirm"
    assert (await runner.call("stats", client=admin)).total_memories == len(in_tenant)

    deleted = await runner.call("delete_all", confirm=True, client=admin)
    assert deleted == {"affected_count": len(in_tenant)}
    assert (await runner.call("stats", client=admin)).total_memories == 0
    assert not await read_ids(runner, in_tenant[0], client=admin)
    assert kept.memory_id in await read_ids(runner, in_default)

    admin.set_tenant(None)  # back to the key's own tenant, which the delete did not touch
    assert kept.memory_id in await read_ids(runner, in_default, client=admin)


async def test_admin_consolidate_and_forgetting_return_their_counters(runner: Runner) -> None:
    tenant, word = fresh_tenant(), token()
    admin = runner.new(api_key=runner.server.admin_api_key, tenant_id=tenant)
    written = 3
    for n in range(written):
        await write_stored(runner, f"Note {n} about the {word} lighthouse keeper and his cat", client=admin)
    try:
        # The path's user_id is only echoed: the admin routes act on the tenant of the request.
        consolidated = await runner.call("consolidate", "client-user", client=admin)
        assert consolidated["status"] == "consolidation_completed"
        assert consolidated["user_id"] == "client-user"
        assert consolidated["episodes_sampled"] == written
        for counter in ("clusters_formed", "gists_extracted"):
            assert type(consolidated[counter]) is int and consolidated[counter] >= 0, consolidated

        forgetting = await runner.call("run_forgetting", "client-user", client=admin)
        assert forgetting["status"] == "forgetting_completed"
        assert forgetting["user_id"] == "client-user"
        assert forgetting["dry_run"] is True
        assert forgetting["memories_scanned"] == written
        assert type(forgetting["operations_applied"]) is int
        assert (await runner.call("stats", client=admin)).total_memories == written, "a dry run forgot memories"
    finally:
        await runner.call("delete_all", confirm=True, client=admin)


# --------------------------------------------------------------------------- errors from the real server


async def test_wrong_key_raises_authentication_error_without_retries(runner: Runner) -> None:
    wrong_key = f"wrong-{secrets.token_hex(8)}"
    client = runner.new(api_key=wrong_key, admin_api_key=None)
    with pytest.raises(AuthenticationError) as caught:
        await runner.call("read", "anything at all", client=client)
    exc = caught.value
    assert exc.status_code == HTTPStatus.UNAUTHORIZED
    assert "CML_API_KEY" in exc.suggestion
    assert exc.request_id
    assert exc.retries == 0
    assert "Invalid API key" in exc.message
    assert wrong_key not in str(exc)


async def test_admin_operation_without_admin_key_raises_authorization_error(runner: Runner) -> None:
    client = runner.new(admin_api_key=None)
    with pytest.raises(AuthorizationError) as caught:
        await runner.call("consolidate", "client-user", client=client)
    exc = caught.value
    assert exc.status_code == HTTPStatus.FORBIDDEN
    assert "admin key" in exc.suggestion
    assert "admin_api_key" in exc.suggestion
    assert exc.request_id
    assert exc.retries == 0


async def test_server_422_names_the_field(runner: Runner) -> None:
    # The client accepts any timezone-aware datetime and sends its isoformat(). An offset with seconds
    # (real zones have them before ~1940: Europe/Amsterdam's LMT is +00:19:32) becomes "+01:00:30",
    # which the server's datetime parser refuses with a 422 naming "timestamp". (No other argument the
    # client lets through is refused by the 1.5.1 schema; should the client ever normalise datetimes to
    # UTC, this stops being a server 422 and the raw-client test below remains the server-side check.)
    odd_offset = dt.timezone(dt.timedelta(hours=1, seconds=30))
    when = dt.datetime(2024, 5, 1, 12, 0, tzinfo=odd_offset)
    with pytest.raises(ValidationError) as caught:
        await runner.call("write", f"User {token()} fixed the grandfather clock", timestamp=when)
    exc = caught.value
    assert exc.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert exc.field == "timestamp"
    assert exc.errors[0]["loc"] == ["body", "timestamp"]
    assert exc.request_id
    assert "timestamp" in exc.suggestion
    assert exc.retries == 0

    # An empty content never leaves the client: the same error type, but nothing was sent.
    with pytest.raises(ValidationError) as local:
        await runner.call("write", "")
    assert local.value.field == "content"
    assert local.value.status_code is None
    assert local.value.request_id is None
    assert "Nothing was sent" in local.value.suggestion


async def test_raw_client_gets_the_servers_422_for_empty_content(runner: Runner) -> None:
    response = await runner.raw(write_memory, detailed=True, body=WriteMemoryRequest(content=""))
    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response.headers.get("x-request-id")
    assert isinstance(response.parsed, HTTPValidationError)
    assert any(error.loc[-1] == "content" for error in response.parsed.detail), response.parsed.to_dict()


async def test_update_of_an_unknown_memory_raises_not_found(runner: Runner) -> None:
    memory_id = uuid4()
    with pytest.raises(NotFoundError) as caught:
        await runner.call("update", memory_id, text="User prefers a memory that does not exist")
    exc = caught.value
    assert exc.status_code == HTTPStatus.NOT_FOUND
    assert str(memory_id) in exc.message
    assert "memory" in exc.suggestion
    assert exc.request_id
    assert exc.retries == 0


# --------------------------------------------------------------------------- the generated client on the same pool


async def test_raw_dashboard_with_the_admin_key_and_the_normal_key(runner: Runner) -> None:
    await write_stored(runner, f"User {token()} reads the dashboard every morning")
    # A client with both keys sends the admin key on the operator routes, so raw works without a second client.
    overview = await runner.raw(dashboard_overview)
    assert isinstance(overview, DashboardOverview), overview
    assert type(overview.total_memories) is int
    assert overview.total_memories >= 1

    denied = await runner.raw(dashboard_overview, client=runner.new(admin_api_key=None), detailed=True)
    assert denied.status_code == HTTPStatus.FORBIDDEN
    assert isinstance(denied.parsed, ErrorDetail), denied.parsed
    assert "admin" in denied.parsed.detail.lower()


# --------------------------------------------------------------------------- a real 429


def _limiter_id(api_key: str) -> str:
    """How the server's /dashboard/ratelimits names a key's bucket."""
    return hashlib.sha256(api_key.encode()).hexdigest()[:8] + "..."


async def _requests_counted(runner: Runner, admin: Any, api_key: str) -> int:
    """How many requests of ``api_key`` the limiter counts in its current window (the admin key is exempt)."""
    for _ in range(2):
        usage = await runner.raw(dashboard_ratelimits, client=admin)
        assert isinstance(usage, DashboardRateLimitsResponse), usage
        assert usage.configured_rpm == RATE_LIMIT_PER_MINUTE
        entry = next((e for e in usage.entries if e.identifier == _limiter_id(api_key)), None)
        if entry is None:
            return 0
        if entry.ttl_seconds > 5:
            return entry.current_count
        await anyio.sleep(entry.ttl_seconds + 1)  # the window is about to close: let it, then look again
    raise AssertionError("the rate-limit window never settled")


@pytest.fixture
def rate_limited(runner: Runner, rate_limited_server: ServerInfo) -> tuple[ServerInfo, Any]:
    """The rate-limited server and an admin-key client for it (the limiter exempts the admin key)."""
    server = rate_limited_server
    admin = runner.new(base_url=server.base_url, api_key=server.admin_api_key, admin_api_key=server.admin_api_key)
    return server, admin


async def test_rate_limit_without_retries_raises_on_the_first_call_over_the_limit(
    runner: Runner, rate_limited: tuple[ServerInfo, Any]
) -> None:
    server, admin = rate_limited
    client = runner.new(
        base_url=server.base_url, api_key=server.api_key, admin_api_key=server.admin_api_key, max_retries=0
    )
    # On a fresh key all 5 calls of the minute are left, and the 6th is refused; after other calls, fewer.
    left = RATE_LIMIT_PER_MINUTE - await _requests_counted(runner, admin, server.api_key)
    for _ in range(left):
        assert isinstance(await runner.call("stats", client=client), Stats)

    with pytest.raises(RateLimitError) as caught:
        await runner.call("stats", client=client)
    exc = caught.value
    assert exc.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert exc.retry_after is None  # the server sends no Retry-After
    assert exc.retries == 0
    assert exc.request_id
    assert "Rate limit exceeded" in exc.message
    assert "Too many requests" in exc.suggestion
    assert await _requests_counted(runner, admin, server.api_key) == RATE_LIMIT_PER_MINUTE


async def test_rate_limit_with_retries_gives_up_before_the_deadline(
    runner: Runner, rate_limited: tuple[ServerInfo, Any], caplog: pytest.LogCaptureFixture
) -> None:
    server, admin = rate_limited
    common = {"base_url": server.base_url, "api_key": server.api_key, "admin_api_key": server.admin_api_key}
    spender = runner.new(**common, max_retries=0)
    for _ in range(RATE_LIMIT_PER_MINUTE - await _requests_counted(runner, admin, server.api_key)):
        await runner.call("stats", client=spender)

    client = runner.new(**common, max_retries=10, deadline=3)
    caplog.set_level(logging.WARNING, logger="cml_ergonomic.retry")
    started = time.monotonic()
    with pytest.raises(RateLimitError) as caught:
        await runner.call("stats", client=client)
    elapsed = time.monotonic() - started
    exc = caught.value
    # Backoff without Retry-After: 0.25-0.5 s, 0.5-1 s, 1-2 s, 2-4 s ...; within 3 s that is 2 or 3 retries,
    # and the client stops when the next wait would pass the deadline instead of sleeping through it.
    assert 2 <= exc.retries <= 3, exc.retries
    assert elapsed < 3.0, f"took {elapsed:.2f}s"
    assert exc.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert exc.retry_after is None
    assert "3s deadline" in exc.suggestion
    retried = [r for r in caplog.records if r.name == "cml_ergonomic.retry" and "HTTP 429" in r.getMessage()]
    assert len(retried) == exc.retries, [r.getMessage() for r in retried]


# --------------------------------------------------------------------------- one async client per event loop


async def test_async_client_refuses_a_second_event_loop(cml_server: ServerInfo) -> None:
    client = AsyncCognitiveMemoryLayer(
        base_url=cml_server.base_url, api_key=cml_server.api_key, admin_api_key=cml_server.admin_api_key
    )
    try:
        assert (await client.health())["status"] == "healthy"  # binds the client to this loop

        def on_another_loop() -> Any:
            return asyncio.run(client.health())

        with pytest.raises(RuntimeError, match="another event loop"):
            await anyio.to_thread.run_sync(on_another_loop)
        assert (await client.health())["status"] == "healthy"  # still fine on its own loop
    finally:
        await client.aclose()
