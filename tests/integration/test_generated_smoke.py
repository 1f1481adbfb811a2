"""Smoke tests of the GENERATED client (``cml_api_client``) against the real CML server.

Every memory, session, admin and health operation is called through the
generated modules, once with ``sync_detailed`` and once with
``asyncio_detailed`` (the ``api`` fixture is parametrised over both modes), and
the assertions look at the parsed, typed results.

Retrieval on the test server uses mock embeddings and is lexical, so reads are
checked for a distinctive phrase carrying a random token, never for relevance
values. All tests share the server's default tenant; tests that need a clean
slate (admin, delete_all) write into a fresh tenant through the admin key and
``X-Tenant-Id``.
"""

from __future__ import annotations

import json
import pkgutil
import secrets
from collections.abc import AsyncIterator
from http import HTTPStatus
from types import ModuleType
from typing import Any, TypeVar
from uuid import UUID

import cml_api_client.api.admin
import cml_api_client.api.memory
import httpx
import pytest
from cml_api_client import AuthenticatedClient, Client, authenticated_client
from cml_api_client.api.admin import consolidation_status, trigger_consolidation, trigger_forgetting
from cml_api_client.api.memory import (
    create_session,
    delete_all_memories,
    forget_memory,
    get_memory_stats,
    health_check,
    process_turn,
    read_memory,
    read_memory_stream,
    session_context,
    session_read,
    session_write,
    update_memory,
    write_memory,
    write_memory_batch,
)
from cml_api_client.models import (
    CreateSessionRequest,
    CreateSessionResponse,
    ErrorDetail,
    ForgetRequest,
    ForgetResponse,
    HTTPValidationError,
    MemoryItem,
    MemoryStats,
    ProcessTurnRequest,
    ProcessTurnResponse,
    ReadMemoryRequest,
    ReadMemoryResponse,
    SessionContextResponse,
    UpdateMemoryRequest,
    UpdateMemoryResponse,
    WriteBatchRequest,
    WriteBatchResponse,
    WriteBatchTurn,
    WriteMemoryRequest,
    WriteMemoryResponse,
)
from cml_api_client.types import UNSET, Response, Unset

from tests.conftest import ServerInfo

pytestmark = pytest.mark.anyio

T = TypeVar("T")

# Generous: the first write after the server starts takes ~2 s (model warm-up).
TIMEOUT = httpx.Timeout(30.0)

COVERED_OPERATIONS = (
    create_session,
    delete_all_memories,
    forget_memory,
    get_memory_stats,
    health_check,
    process_turn,
    read_memory,
    read_memory_stream,
    session_context,
    session_read,
    session_write,
    update_memory,
    write_memory,
    write_memory_batch,
    trigger_consolidation,
    trigger_forgetting,
    consolidation_status,
)


# --------------------------------------------------------------------------- calling the generated client


class Api:
    """The generated client in one mode: each call goes through ``sync_detailed`` or ``asyncio_detailed``.

    Holds a client with the normal key (``user``), one with the admin key
    (``admin``) and one without any key (``anonymous``).
    """

    def __init__(self, mode: str, server: ServerInfo) -> None:
        self.mode = mode
        self.base_url = server.base_url
        self._clients: list[AuthenticatedClient | Client] = []
        self.user = self.with_key(server.api_key)
        self.admin = self.with_key(server.admin_api_key)
        self.anonymous = Client(base_url=server.base_url, timeout=TIMEOUT)
        self._clients.append(self.anonymous)

    def with_key(self, api_key: str) -> AuthenticatedClient:
        """A generated client sending ``api_key``; closed with the others."""
        client = authenticated_client(base_url=self.base_url, api_key=api_key, timeout=TIMEOUT)
        self._clients.append(client)
        return client

    async def __call__(
        self, operation: ModuleType, *args: Any, client: AuthenticatedClient | Client | None = None, **kwargs: Any
    ) -> Response[Any]:
        """Call ``operation`` (a generated module) with the normal key unless ``client`` is given."""
        kwargs["client"] = client or self.user
        if self.mode == "sync":
            response: Response[Any] = operation.sync_detailed(*args, **kwargs)
        else:
            response = await operation.asyncio_detailed(*args, **kwargs)
        assert response.headers.get("x-request-id"), f"{operation.__name__}: no X-Request-ID header"
        return response

    async def aclose(self) -> None:
        for client in self._clients:
            if self.mode == "sync":
                client.get_httpx_client().close()
            else:
                await client.get_async_httpx_client().aclose()


@pytest.fixture(params=["sync", "asyncio"])
async def api(request: pytest.FixtureRequest, cml_server: ServerInfo) -> AsyncIterator[Api]:
    api = Api(request.param, cml_server)
    try:
        yield api
    finally:
        await api.aclose()


# --------------------------------------------------------------------------- shared assertions


def token() -> str:
    """A random word that no other test (or earlier run) wrote: the lexical retrieval keys on it."""
    return f"zq{secrets.token_hex(6)}"


def fresh_tenant() -> str:
    return f"smoke-{secrets.token_hex(6)}"


def ok(response: Response[Any], kind: type[T]) -> T:
    """The parsed body of a 200 response, checked to be a ``kind``."""
    assert response.status_code == HTTPStatus.OK, f"HTTP {response.status_code}: {response.content!r}"
    parsed = response.parsed
    assert isinstance(parsed, kind), f"parsed {type(parsed).__name__}, expected {kind.__name__}: {response.content!r}"
    return parsed


def failed(response: Response[Any], status: HTTPStatus, kind: type[T]) -> T:
    """The parsed body of an error response, checked to be a ``kind``."""
    assert response.status_code == status, f"HTTP {response.status_code} (expected {status}): {response.content!r}"
    parsed = response.parsed
    assert isinstance(parsed, kind), f"parsed {type(parsed).__name__}, expected {kind.__name__}: {response.content!r}"
    return parsed


def with_text(items: list[MemoryItem], phrase: str) -> list[MemoryItem]:
    return [item for item in items if phrase in item.text]


async def write(api: Api, content: str, *, session_id: str | Unset = UNSET, **kwargs: Any) -> UUID:
    """Write one memory (``kwargs`` go to the call: client, x_tenant_id); return its id."""
    body = WriteMemoryRequest(content=content, session_id=session_id)
    written = ok(await api(write_memory, body=body, **kwargs), WriteMemoryResponse)
    assert written.success is True
    assert written.chunks_created >= 1
    assert isinstance(written.memory_id, UUID), written
    return written.memory_id


async def read(api: Api, query: str, **kwargs: Any) -> list[MemoryItem]:
    result = ok(await api(read_memory, body=ReadMemoryRequest(query=query), **kwargs), ReadMemoryResponse)
    assert result.query == query
    assert all(isinstance(item, MemoryItem) for item in result.memories)
    return result.memories


async def assert_readable(api: Api, phrase: str, **kwargs: Any) -> list[MemoryItem]:
    found = with_text(await read(api, phrase, **kwargs), phrase)
    assert found, f"a read for {phrase!r} did not return it"
    return found


async def tenant_total(api: Api, tenant: str) -> int:
    stats = ok(await api(get_memory_stats, client=api.admin, x_tenant_id=tenant), MemoryStats)
    return stats.total_memories


def sse_events(body: str) -> list[tuple[str, str]]:
    """``(event, data)`` for each server-sent event of ``body`` (event defaults to ``message``)."""
    events = []
    for block in body.replace("\r\n", "\n").split("\n\n"):
        event, data = "message", []
        for line in block.splitlines():
            field, _, value = line.partition(":")
            if field == "event":
                event = value.strip()
            elif field == "data":
                data.append(value.removeprefix(" "))
        if data:
            events.append((event, "\n".join(data)))
    return events


# --------------------------------------------------------------------------- the operations


def test_every_memory_and_admin_operation_is_covered() -> None:
    """A regenerated client with a new memory/admin operation must get a smoke test here."""
    generated = {
        f"{package.__name__}.{module.name}"
        for package in (cml_api_client.api.memory, cml_api_client.api.admin)
        for module in pkgutil.iter_modules(package.__path__)
    }
    assert generated == {operation.__name__ for operation in COVERED_OPERATIONS}


async def test_consolidation_status_reports_the_background_sweep(api: Api, cml_server: ServerInfo) -> None:
    response = await api(consolidation_status, client=api.admin)
    if not cml_server.at_least("2.0.0"):
        # The route is new in 2.0.0: an older server answers 404, which the generated client parses too.
        assert failed(response, HTTPStatus.NOT_FOUND, ErrorDetail).detail == "Not Found"  # no such route
        return
    status = ok(response, dict)  # declared untyped: the decoded object as the server sent it
    assert type(status["running"]) is bool
    for counter in ("sweeps_run", "tasks_enqueued", "consolidations_run", "pending_tasks"):
        assert type(status[counter]) is int and status[counter] >= 0, status
    refused = failed(await api(consolidation_status), HTTPStatus.FORBIDDEN, ErrorDetail)  # the normal key
    assert "admin" in refused.detail.lower(), refused.detail


async def test_health_reports_healthy_without_a_key(api: Api) -> None:
    # The response schema is empty: the generated client hands back the decoded JSON as-is.
    health = ok(await api(health_check, client=api.anonymous), dict)
    assert health["status"] == "healthy"
    assert isinstance(health["timestamp"], str)


async def test_written_text_is_found_by_a_read(api: Api) -> None:
    phrase = f"the zebra {token()} likes blue pancakes"
    memory_id = await write(api, phrase)
    found = await assert_readable(api, phrase)
    assert memory_id in {item.id for item in found}


async def test_write_batch_stores_every_turn(api: Api) -> None:
    phrases = [f"batch turn {n}: the walrus {token()} eats kiwi" for n in range(3)]
    body = WriteBatchRequest(turns=[WriteBatchTurn(content=phrase) for phrase in phrases])
    batch = ok(await api(write_memory_batch, body=body), WriteBatchResponse)
    assert batch.success is True
    assert batch.turns_processed == len(phrases)
    assert batch.chunks_created >= len(phrases)
    for phrase in phrases:
        await assert_readable(api, phrase)


async def test_session_context_returns_what_was_written_in_the_session(api: Api) -> None:
    session = ok(await api(create_session, body=CreateSessionRequest(name="smoke")), CreateSessionResponse)
    assert isinstance(session.session_id, str)
    assert session.session_id
    word = token()
    inside, outside = f"in session the owl {word} sings opera", f"outside the session the owl {word} hums"
    memory_id = await write(api, inside, session_id=session.session_id)
    await write(api, outside)

    context = ok(await api(session_context, session.session_id), SessionContextResponse)
    assert context.session_id == session.session_id
    assert isinstance(context.messages, list)
    # 1.5.1 returns the session's memories (as episodic_event items) in `messages`, newest
    # first, and renders the same texts into `context_string` under "## Recent Events".
    assert [item.id for item in with_text(context.messages, inside)] == [memory_id]
    assert not with_text(context.messages, outside)
    assert inside in context.context_string
    assert outside not in context.context_string


async def test_session_routes_write_and_read_within_the_session(api: Api) -> None:
    session_id = ok(await api(create_session, body=CreateSessionRequest()), CreateSessionResponse).session_id
    word = token()
    inside, outside = f"per-session route: the badger {word} knits socks", f"no session: the badger {word} sleeps"
    written = ok(await api(session_write, session_id, body=WriteMemoryRequest(content=inside)), WriteMemoryResponse)
    assert written.success is True
    await write(api, outside)

    result = ok(await api(session_read, session_id, body=ReadMemoryRequest(query=f"badger {word}")), ReadMemoryResponse)
    assert [item.id for item in with_text(result.memories, inside)] == [written.memory_id]
    assert not with_text(result.memories, outside), "session_read returned a memory written outside the session"
    context = ok(await api(session_context, session_id), SessionContextResponse)
    assert isinstance(context.messages, list)
    assert with_text(context.messages, inside)


async def test_update_bumps_the_version(api: Api) -> None:
    word = token()
    memory_id = await write(api, f"the heron {word} fishes at dawn")
    versions = []
    for n in (1, 2):
        body = UpdateMemoryRequest(memory_id=memory_id, text=f"the heron {word} fishes at dusk, update {n}")
        updated = ok(await api(update_memory, body=body), UpdateMemoryResponse)
        assert updated.success is True
        assert updated.memory_id == memory_id
        versions.append(updated.version)
    assert versions[0] >= 2, "the first update of a new memory should be at least version 2"
    assert versions[1] > versions[0]
    found = await assert_readable(api, f"the heron {word} fishes at dusk, update 2")
    assert memory_id in {item.id for item in found}


async def test_forget_by_id_removes_the_memory(api: Api) -> None:
    phrase = f"the mole {token()} digs tunnels"
    memory_id = await write(api, phrase)
    assert memory_id in {item.id for item in await assert_readable(api, phrase)}

    forgotten = ok(await api(forget_memory, body=ForgetRequest(memory_ids=[memory_id])), ForgetResponse)
    assert forgotten.success is True
    assert forgotten.affected_count == 1
    assert memory_id not in {item.id for item in await read(api, phrase)}


async def test_stats_count_the_memories(api: Api) -> None:
    before = ok(await api(get_memory_stats), MemoryStats)
    written = 2
    for n in range(written):
        await write(api, f"stats sample {n}: the lynx {token()} climbs")
    after = ok(await api(get_memory_stats), MemoryStats)
    assert after.total_memories >= before.total_memories + written
    assert after.active_memories >= before.active_memories + written
    by_type = after.by_type.to_dict()
    assert by_type, "by_type is empty after writes"
    assert all(isinstance(kind, str) and type(count) is int for kind, count in by_type.items()), by_type


async def test_process_turn_returns_memory_context_and_counts(api: Api) -> None:
    word = token()
    fact = f"the capital of {word}land is Quuxville"
    await write(api, fact)
    body = ProcessTurnRequest(user_message=f"What is the capital of {word}land?")
    turn = ok(await api(process_turn, body=body), ProcessTurnResponse)
    assert isinstance(turn.memory_context, str)
    assert fact in turn.memory_context
    assert type(turn.memories_retrieved) is int and turn.memories_retrieved >= 1
    # With no assistant_response the server stores the user message itself.
    assert type(turn.memories_stored) is int and turn.memories_stored >= 1


async def test_read_stream_returns_server_sent_events(api: Api) -> None:
    phrase = f"the stream otter {token()} juggles pebbles"
    memory_id = await write(api, phrase)
    response = await api(read_memory_stream, body=ReadMemoryRequest(query=phrase))
    body = ok(response, str)  # the generated client returns the SSE body as text
    assert response.headers["content-type"].startswith("text/event-stream")
    assert any(line.startswith("data:") and phrase in line for line in body.splitlines())

    events = sse_events(body)
    assert events[-1][0] == "done", body
    items = [json.loads(data) for event, data in events[:-1] if event == "message"]
    assert len(items) == len(events) - 1, f"unexpected event kinds: {body}"
    assert str(memory_id) in {item["id"] for item in items if phrase in item["text"]}
    summary = json.loads(events[-1][1])
    assert summary["total_count"] == len(items)


async def test_admin_consolidate_and_forget_dry_run_return_their_counters(api: Api) -> None:
    tenant, word = fresh_tenant(), token()
    written = 3
    for n in range(written):
        await write(api, f"note {n} about the {word} lighthouse keeper", client=api.admin, x_tenant_id=tenant)
    try:
        # The path's user_id is only echoed back: the admin routes act on the (header's) tenant.
        consolidated = ok(await api(trigger_consolidation, "smoke-user", client=api.admin, x_tenant_id=tenant), dict)
        assert consolidated["status"] == "consolidation_completed"
        assert consolidated["user_id"] == "smoke-user"
        assert consolidated["episodes_sampled"] == written
        assert type(consolidated["clusters_formed"]) is int and consolidated["clusters_formed"] >= 0

        forgetting = await api(trigger_forgetting, "smoke-user", client=api.admin, dry_run=True, x_tenant_id=tenant)
        forgot = ok(forgetting, dict)
        assert forgot["status"] == "forgetting_completed"
        assert forgot["user_id"] == "smoke-user"
        assert forgot["dry_run"] is True
        assert forgot["memories_scanned"] == written
        assert type(forgot["operations_applied"]) is int  # counts planned operations even in a dry run
        assert await tenant_total(api, tenant) == written, "a dry run removed memories"
    finally:
        await api(delete_all_memories, client=api.admin, x_tenant_id=tenant)


async def test_consolidation_status_reports_the_sweep_or_is_missing_before_2_0(
    api: Api, cml_server: ServerInfo
) -> None:
    response = await api(consolidation_status, client=api.admin)
    if not cml_server.at_least("2.0.0"):  # the route came with 2.0.0
        assert response.status_code == HTTPStatus.NOT_FOUND, response.content
        return
    status = ok(response, dict)
    assert type(status["running"]) is bool
    assert all(type(status[name]) is int for name in ("sweeps_run", "tasks_enqueued", "consolidations_run"))
    denied = await api(consolidation_status)  # the normal key
    assert denied.status_code == HTTPStatus.FORBIDDEN


async def test_delete_all_on_a_fresh_tenant_leaves_the_default_tenant_alone(api: Api) -> None:
    tenant, word = fresh_tenant(), token()
    in_tenant = [f"tenant note {n}: the {word} kestrel hovers" for n in range(2)]
    for phrase in in_tenant:
        await write(api, phrase, client=api.admin, x_tenant_id=tenant)
    in_default = f"default tenant note: the {word} kestrel lands"
    await write(api, in_default)
    assert await tenant_total(api, tenant) == len(in_tenant)

    deleted = ok(await api(delete_all_memories, client=api.admin, x_tenant_id=tenant), dict)
    assert deleted == {"affected_count": len(in_tenant)}
    assert await tenant_total(api, tenant) == 0
    assert not with_text(await read(api, f"{word} kestrel", client=api.admin, x_tenant_id=tenant), word)
    await assert_readable(api, in_default)


# --------------------------------------------------------------------------- errors are parsed too


async def test_missing_or_wrong_key_gives_a_parsed_401(api: Api) -> None:
    body = ReadMemoryRequest(query="anything")
    missing = failed(await api(read_memory, body=body, client=api.anonymous), HTTPStatus.UNAUTHORIZED, ErrorDetail)
    assert "key" in missing.detail.lower(), missing.detail  # 1.5.1: "API key required"
    wrong_key = api.with_key("not-the-key")
    wrong = failed(await api(read_memory, body=body, client=wrong_key), HTTPStatus.UNAUTHORIZED, ErrorDetail)
    assert "key" in wrong.detail.lower(), wrong.detail  # 1.5.1: "Invalid API key"


async def test_admin_operation_with_the_normal_key_gives_a_parsed_403(api: Api) -> None:
    # delete_all is left out on purpose: if the server ever let it through, it would wipe the shared tenant.
    for response in (
        await api(trigger_consolidation, "smoke-user"),
        await api(trigger_forgetting, "smoke-user", dry_run=True),
    ):
        denied = failed(response, HTTPStatus.FORBIDDEN, ErrorDetail)
        assert "admin" in denied.detail.lower(), denied.detail


async def test_empty_content_gives_a_parsed_422(api: Api) -> None:
    invalid = failed(
        await api(write_memory, body=WriteMemoryRequest(content="")),
        HTTPStatus.UNPROCESSABLE_ENTITY,
        HTTPValidationError,
    )
    assert invalid.detail, "no validation errors"
    assert any(error.loc[-1] == "content" for error in invalid.detail), invalid.to_dict()


async def test_plain_functions_return_the_parsed_body(api: Api) -> None:
    """``sync``/``asyncio`` (not ``*_detailed``) hand back ``.parsed`` directly."""
    phrase = f"the plain-call toucan {token()} whistles"
    body = WriteMemoryRequest(content=phrase)
    if api.mode == "sync":
        written = write_memory.sync(client=api.user, body=body)
        result = read_memory.sync(client=api.user, body=ReadMemoryRequest(query=phrase))
    else:
        written = await write_memory.asyncio(client=api.user, body=body)
        result = await read_memory.asyncio(client=api.user, body=ReadMemoryRequest(query=phrase))
    assert isinstance(written, WriteMemoryResponse)
    assert isinstance(result, ReadMemoryResponse)
    assert written.memory_id in {item.id for item in with_text(result.memories, phrase)}
