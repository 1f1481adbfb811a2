"""The behaviours both the fake and the real server guarantee (see tests/contract/__init__.py).

A module that runs the suite imports everything from here and defines a
``backend`` fixture. SDK-level tests run with the sync and the async client
(the ``driver`` fixture); wire-level tests use a plain httpx client.

What differs between the backends is left out on purpose (README, "Testing
your code"): relevance values, which memory type the server assigns, the
buckets a packet read files memories into, the text of ``llm_context`` and
``memory_context`` beyond holding the memories, and timings. Tests assert
that a written phrase comes back, never how it ranks.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Iterator
from typing import Any
from uuid import UUID, uuid4

import pytest

from cml_ergonomic import (
    AuthenticationError,
    AuthorizationError,
    MemoryItem,
    NotFoundError,
    ReadResult,
)
from cml_ergonomic._compat import load_snapshot
from tests.contract.backends import Backend
from tests.drivers import ClientDriver

API = "/api/v1"


# --------------------------------------------------------------------------- driving both clients the same way


class Driver(ClientDriver):
    """One kind of client (sync or async) on one backend, driven from async tests (``await driver.call(...)``)."""

    def __init__(self, backend: Backend, mode: str) -> None:
        super().__init__(is_async=mode == "async")
        self.backend = backend
        self.client = self.new()

    def new(self, **overrides: Any) -> Any:
        return self.own(self.backend.client(is_async=self.is_async, **overrides))

    def tenant_client(self) -> Any:
        """A client in a fresh tenant: its key is the admin key, the only one the server lets pick a tenant."""
        return self.new(api_key=self.backend.admin_api_key, tenant_id=f"contract-{secrets.token_hex(6)}")


@pytest.fixture(params=["sync", "async"])
async def driver(request: pytest.FixtureRequest, backend: Backend) -> AsyncIterator[Driver]:
    driver = Driver(backend, request.param)
    try:
        yield driver
    finally:
        await driver.close()


@pytest.fixture
def http(backend: Backend) -> Iterator[Any]:
    with backend.http() as client:
        yield client


def token() -> str:
    """A word nothing else wrote: lexical retrieval keys on it."""
    return f"zq{secrets.token_hex(6)}"


async def write_stored(driver: Driver, text: str, *, client: Any = None, **kwargs: Any) -> Any:
    written = await driver.call("write", text, client=client, **kwargs)
    assert written.success is True
    assert written.chunks_created >= 1, f"nothing was stored for {text!r}: {written.message!r}"
    assert isinstance(written.memory_id, UUID)
    return written


async def found(driver: Driver, text: str, *, client: Any = None, **kwargs: Any) -> set[UUID]:
    """The ids of memories holding ``text`` that a read for ``text`` returns."""
    result = await driver.call("read", text, client=client, **kwargs)
    return {item.id for item in result.memories if text in item.text}


def keys(backend: Backend, which: str) -> dict[str, str]:
    return {"X-API-Key": backend.api_key if which == "api" else backend.admin_api_key}


# --------------------------------------------------------------------------- SDK behaviours


@pytest.mark.anyio
async def test_health_is_healthy(driver: Driver) -> None:
    health = await driver.call("health")
    assert health["status"] == "healthy"


@pytest.mark.anyio
async def test_write_then_read_finds_the_phrase(driver: Driver) -> None:
    text = f"User {token()} prefers dark mode in every editor"
    written = await write_stored(driver, text)
    result = await driver.call("read", text)
    assert type(result) is ReadResult
    assert written.memory_id in {item.id for item in result.memories if text in item.text}
    assert result.total_count == len(result.memories)
    assert result.meta.request_id, "no X-Request-ID"
    assert all(isinstance(item, MemoryItem) for item in result.memories)


@pytest.mark.anyio
async def test_read_does_not_find_what_was_never_written(driver: Driver) -> None:
    first, second = token(), token()
    result = await driver.call("read", f"{first} {second}")
    assert not [item for item in result.memories if first in item.text or second in item.text]
    empty = await driver.call("read", f"{first} {second}", client=driver.tenant_client())
    assert (empty.memories, empty.total_count) == ([], 0)


@pytest.mark.anyio
async def test_read_formats(driver: Driver) -> None:
    text = f"User {token()} keeps three potted cacti on the office windowsill"
    written = await write_stored(driver, text)
    listed = await driver.call("read", text, format="list")
    assert written.memory_id in {item.id for item in listed.memories}
    assert not (listed.facts or listed.preferences or listed.episodes or listed.constraints)
    as_context = await driver.call("read", text, format="llm_context")
    assert text in as_context.llm_context


@pytest.mark.anyio
async def test_read_respects_max_results(driver: Driver) -> None:
    word = token()
    tenant = driver.tenant_client()  # a tenant holding only these three, so that exactly two come back
    for n in range(3):
        await write_stored(driver, f"Note {n}: user {word} collects {n + 2} brass compasses", client=tenant)
    result = await driver.call("read", f"user {word} collects brass compasses", max_results=2, client=tenant)
    assert len(result.memories) == 2
    assert all(word in item.text for item in result.memories)
    assert len((await driver.call("read", f"user {word} collects brass compasses", client=tenant)).memories) >= 3


@pytest.mark.anyio
async def test_read_stream_yields_items_then_done(driver: Driver) -> None:
    text = f"User {token()} streams jazz records every Sunday morning"
    written = await write_stored(driver, text)
    *items, done = await driver.stream(text)
    assert all(isinstance(item, MemoryItem) for item in items)
    assert written.memory_id in {item.id for item in items}
    assert done["total_count"] == len(items)
    assert isinstance(done["retrieval_meta"], dict)


@pytest.mark.anyio
async def test_read_stream_of_nothing_is_only_done(driver: Driver) -> None:
    # In a tenant with no memory at all: with mock embeddings the server streams its top memories for any query,
    # so only an empty tenant has nothing to stream.
    events = await driver.stream(f"{token()} {token()}", client=driver.tenant_client())
    assert len(events) == 1, events
    assert events[0]["total_count"] == 0
    assert isinstance(events[0]["retrieval_meta"], dict)


@pytest.mark.anyio
async def test_write_batch_stores_every_turn(driver: Driver) -> None:
    word = token()
    turns = [{"content": f"Batch turn {n}: user {word} owns {n + 2} vintage typewriters"} for n in range(3)]
    batch = await driver.call("write_batch", turns)
    assert batch.turns_processed == len(turns)
    assert batch.chunks_created >= len(turns)
    for turn in turns:
        assert await found(driver, turn["content"])
    again = await driver.call("write_batch", turns)
    assert again.turns_processed == len(turns)
    # Whether the repeat stores again differs (2.0.0 and the fake deduplicate, 1.5.1 does not): not asserted.


@pytest.mark.anyio
async def test_update_bumps_the_version_and_changes_the_text(driver: Driver) -> None:
    word = token()
    written = await write_stored(driver, f"User {word} drinks green tea at noon")
    first = await driver.call("update", written.memory_id, text=f"User {word} drinks black coffee at noon")
    second = await driver.call("update", written.memory_id, text=f"User {word} drinks mint lemonade at noon")
    assert first.memory_id == second.memory_id == written.memory_id
    assert second.version == first.version + 1
    assert first.version > 1
    assert written.memory_id in await found(driver, f"User {word} drinks mint lemonade at noon")


@pytest.mark.anyio
async def test_update_of_an_unknown_memory_is_not_found(driver: Driver) -> None:
    with pytest.raises(NotFoundError) as caught:
        await driver.call("update", uuid4(), text="nothing to update")
    assert caught.value.status_code == 404
    assert caught.value.request_id


@pytest.mark.anyio
async def test_forget_removes_the_memory(driver: Driver) -> None:
    text = f"User {token()} parks a yellow scooter behind the bakery"
    written = await write_stored(driver, text)
    forgotten = await driver.call("forget", memory_ids=[written.memory_id])
    assert forgotten.success is True
    assert forgotten.affected_count == 1
    assert written.memory_id not in await found(driver, text)


@pytest.mark.anyio
async def test_forget_of_an_unknown_id_affects_nothing(driver: Driver) -> None:
    # Without any selector the SDK refuses before sending: see cases_fidelity (and the wire answer there).
    forgotten = await driver.call("forget", memory_ids=[uuid4()])
    assert forgotten.success is True
    assert forgotten.affected_count == 0


@pytest.mark.anyio
async def test_session_context_holds_what_was_written_in_it(driver: Driver) -> None:
    word = token()
    created = await driver.call("create_session", name="contract")
    assert created.session_id
    inside = f"In session: user {word} plans a trip to Lisbon in May"
    outside = f"Outside session: user {word} plans a trip to Oslo in June"
    await write_stored(driver, inside, session_id=created.session_id)
    await write_stored(driver, outside)
    context = await driver.call("get_session_context", created.session_id)
    texts = [item.text for item in (*context.messages, *context.tool_results, *context.scratch_pad)]
    assert inside in texts
    assert outside not in texts


@pytest.mark.anyio
async def test_context_of_an_unknown_session_is_empty(driver: Driver) -> None:
    context = await driver.call("get_session_context", f"no-such-session-{token()}")
    assert not (context.messages or context.tool_results or context.scratch_pad)


@pytest.mark.anyio
async def test_turn_in_a_session_scope_lands_in_the_session(driver: Driver) -> None:
    word = token()
    fact = f"The capital of {word}land is Quuxville"
    await write_stored(driver, fact)
    said = f"What is the capital of {word}land?"
    async with driver.session(name="contract-scope") as scope:
        turn = await _scoped(driver, scope.turn(said))
        assert fact in turn.memory_context
        assert turn.memories_retrieved >= 1
        assert turn.memories_stored >= 1
        context = await _scoped(driver, scope.context())
    assert any(said in item.text for item in context.messages)


async def _scoped(driver: Driver, value: Any) -> Any:
    return await value if driver.is_async else value


@pytest.mark.anyio
async def test_stats_and_delete_all_in_a_fresh_tenant(driver: Driver) -> None:
    tenant = driver.tenant_client()
    word = token()
    texts = [f"Tenant note {n}: user {word} feeds the kestrel at dusk" for n in range(2)]
    for text in texts:
        await write_stored(driver, text, client=tenant)
    stats = await driver.call("stats", client=tenant)
    assert stats.total_memories == stats.active_memories == len(texts)
    assert sum(stats.by_type.to_dict().values()) == len(texts)
    deleted = await driver.call("delete_all", confirm=True, client=tenant)
    assert deleted == {"affected_count": len(texts)}
    assert (await driver.call("stats", client=tenant)).total_memories == 0
    assert not await found(driver, texts[0], client=tenant)


@pytest.mark.anyio
async def test_wrong_key_is_an_authentication_error(driver: Driver) -> None:
    client = driver.new(api_key="not-the-key", max_retries=3)
    with pytest.raises(AuthenticationError) as caught:
        await driver.call("read", "anything", client=client)
    assert caught.value.status_code == 401
    assert caught.value.retries == 0
    assert "not-the-key" not in str(caught.value)


@pytest.mark.anyio
async def test_admin_operation_without_the_admin_key_is_forbidden(driver: Driver) -> None:
    client = driver.new(admin_api_key=None)
    with pytest.raises(AuthorizationError) as caught:
        await driver.call("delete_all", confirm=True, client=client)
    assert caught.value.status_code == 403


# --------------------------------------------------------------------------- the wire protocol


def _schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = load_snapshot()["components"]["schemas"][name]
    return schema


def _invalid_bodies() -> list[Any]:
    """Bodies that break one limit each, the limits read from the snapshot the SDK was built from."""
    write = _schema("WriteMemoryRequest")["properties"]["content"]
    read = _schema("ReadMemoryRequest")["properties"]
    batch = _schema("WriteBatchRequest")["properties"]["turns"]
    return [
        pytest.param("/memory/write", {"content": ""}, ["body", "content"], id="content-empty"),
        pytest.param(
            "/memory/write", {"content": "x" * (write["maxLength"] + 1)}, ["body", "content"], id="content-too-long"
        ),
        pytest.param("/memory/write", {}, ["body", "content"], id="content-missing"),
        pytest.param("/memory/read", {"query": "q", "max_results": 0}, ["body", "max_results"], id="max-results-0"),
        pytest.param(
            "/memory/read",
            {"query": "q", "max_results": int(read["max_results"]["maximum"]) + 1},
            ["body", "max_results"],
            id="max-results-over",
        ),
        pytest.param("/memory/read", {"query": "q", "format": "xml"}, ["body", "format"], id="format-unknown"),
        pytest.param("/memory/write_batch", {"turns": []}, ["body", "turns"], id="batch-empty"),
        pytest.param(
            "/memory/write_batch",
            {"turns": [{"content": "t"}] * (batch["maxItems"] + 1)},
            ["body", "turns"],
            id="batch-too-big",
        ),
        pytest.param("/memory/update", {"memory_id": "not-a-uuid"}, ["body", "memory_id"], id="update-bad-uuid"),
    ]


@pytest.mark.parametrize(("path", "body", "loc"), _invalid_bodies())
def test_422_is_fastapis_list_naming_the_field(backend: Backend, http: Any, path: str, body: Any, loc: list) -> None:
    response = http.post(API + path, json=body, headers=keys(backend, "api"))
    assert response.status_code == 422, response.text
    assert response.headers.get("x-request-id")
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    assert loc in [error["loc"] for error in detail], detail
    for error in detail:
        assert isinstance(error["msg"], str)
        assert isinstance(error["type"], str)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        pytest.param({}, 401, id="no-key"),
        pytest.param({"X-API-Key": "wrong-key"}, 401, id="wrong-key"),
    ],
)
def test_missing_or_wrong_key_is_401_with_a_detail(http: Any, headers: dict[str, str], status: int) -> None:
    response = http.post(f"{API}/memory/read", json={"query": "q"}, headers=headers)
    assert response.status_code == status
    assert isinstance(response.json()["detail"], str)
    assert response.headers.get("x-request-id")


def test_each_answer_has_its_own_request_id(backend: Backend, http: Any) -> None:
    ids = [http.get(f"{API}/memory/stats", headers=keys(backend, "api")).headers["x-request-id"] for _ in range(3)]
    assert len(set(ids)) == 3, ids


def test_auth_is_checked_before_the_body(http: Any) -> None:
    response = http.post(f"{API}/memory/write", json={"content": ""}, headers={"X-API-Key": "wrong-key"})
    assert response.status_code == 401


def test_admin_route_with_the_normal_key_is_403(backend: Backend, http: Any) -> None:
    response = http.delete(f"{API}/memory/all", headers=keys(backend, "api"))
    assert response.status_code == 403
    assert response.headers.get("x-request-id")


def test_health_needs_no_key(http: Any) -> None:
    response = http.get(f"{API}/health")
    assert response.status_code == 200
    assert response.json()["status"] == "healthy"
    assert response.headers.get("x-request-id")


def test_unknown_path_is_404(backend: Backend, http: Any) -> None:
    response = http.get(f"{API}/no/such/route", headers=keys(backend, "api"))
    assert response.status_code == 404


def test_stream_is_server_sent_events(backend: Backend, http: Any) -> None:
    text = f"User {token()} sketches lighthouses in charcoal"
    written = http.post(f"{API}/memory/write", json={"content": text}, headers=keys(backend, "api")).json()
    response = http.post(f"{API}/memory/read/stream", json={"query": text}, headers=keys(backend, "api"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    blocks = [block for block in response.text.split("\n\n") if block.strip()]
    assert blocks[-1].startswith("event: done\ndata: ")
    assert any(block.startswith("data: ") and written["memory_id"] in block for block in blocks[:-1])


# --------------------------------------------------------------------------- admin listing and export (dashboard)


def _tenant_with(backend: Backend, http: Any, texts: list[str]) -> tuple[str, dict[str, str]]:
    tenant = f"contract-{secrets.token_hex(6)}"
    headers = {**keys(backend, "admin"), "X-Tenant-Id": tenant}
    for text in texts:
        assert http.post(f"{API}/memory/write", json={"content": text}, headers=headers).json()["chunks_created"] >= 1
    return tenant, headers


def test_dashboard_memory_list_pages_through_a_tenant(backend: Backend, http: Any) -> None:
    word = token()
    texts = [f"Listed note {n}: user {word} paints {n + 2} blue doors" for n in range(3)]
    tenant, headers = _tenant_with(backend, http, texts)
    seen: list[dict[str, Any]] = []
    page = 1
    while True:
        params: dict[str, Any] = {"tenant_id": tenant, "per_page": 2, "page": page}
        response = http.get(f"{API}/dashboard/memories", params=params, headers=headers)
        assert response.status_code == 200, response.text
        listing = response.json()
        assert set(_schema("DashboardMemoryListResponse")["required"]) <= set(listing)
        assert listing["total"] == len(texts)
        assert listing["per_page"] == 2
        assert listing["page"] == page
        assert listing["total_pages"] == 2
        seen += listing["items"]
        if page >= listing["total_pages"]:
            break
        page += 1
    assert sorted(item["text"] for item in seen) == sorted(texts)
    required = set(_schema("DashboardMemoryListItem")["required"])
    assert all(required <= set(item) and item["tenant_id"] == tenant for item in seen)


def test_dashboard_memory_list_filters_by_search(backend: Backend, http: Any) -> None:
    word = token()
    texts = [f"Search note: user {word} rides a red bicycle", f"Search note: user {word} rides a green tram"]
    tenant, headers = _tenant_with(backend, http, texts)
    params = {"tenant_id": tenant, "search": "green tram"}
    listing = http.get(f"{API}/dashboard/memories", params=params, headers=headers).json()
    assert [item["text"] for item in listing["items"]] == [texts[1]]


def test_dashboard_needs_the_admin_key_and_checks_its_params(backend: Backend, http: Any) -> None:
    assert http.get(f"{API}/dashboard/memories", headers=keys(backend, "api")).status_code == 403
    response = http.get(f"{API}/dashboard/memories", params={"per_page": 0}, headers=keys(backend, "admin"))
    assert response.status_code == 422
    assert ["query", "per_page"] in [error["loc"] for error in response.json()["detail"]]


def test_dashboard_export_holds_the_tenants_memories(backend: Backend, http: Any) -> None:
    word = token()
    texts = [f"Exported note {n}: user {word} knits {n + 2} wool scarves" for n in range(2)]
    tenant, headers = _tenant_with(backend, http, texts)
    response = http.get(f"{API}/dashboard/export/memories", params={"tenant_id": tenant}, headers=headers)
    assert response.status_code == 200
    exported = response.json()
    assert sorted(entry["text"] for entry in exported) == sorted(texts)
    assert all(entry["tenant_id"] == tenant and UUID(entry["id"]) for entry in exported)


@pytest.mark.anyio
async def test_admin_listing_and_export_through_the_sdk(driver: Driver) -> None:
    tenant = driver.tenant_client()
    tenant_id = tenant.config.tenant_id
    word = token()
    texts = [f"Admin-listed note {n}: user {word} tends {n + 2} beehives" for n in range(3)]
    for text in texts:
        await write_stored(driver, text, client=tenant)
    pager = tenant.admin.memories.list(tenant_id=tenant_id, per_page=2)
    listed = [item async for item in pager] if driver.is_async else list(pager)
    assert sorted(item.text for item in listed) == sorted(texts)
    exported = await _scoped(driver, tenant.admin.memories.export(tenant_id=tenant_id))
    assert sorted(entry["text"] for entry in exported) == sorted(texts)
