"""Client-side argument checks: each raises ValidationError naming the field, and nothing is sent.

The limits come from the table in ``cml_ergonomic._limits`` (the schema, or
behaviour measured on the real servers); the last tests read the schema's
back from ``openapi/`` so they cannot drift from it silently, and send what the
servers were measured to accept.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import ValidationError, WriteResult
from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from codegen.schema import current_snapshot
from tests.unit.conftest import MEMORY_ID, Driver, read_body, write_body

MakeClient = Callable[..., Driver]
OPENAPI = current_snapshot()  # the snapshot the SDK is built from, whatever its version

NAIVE = dt.datetime(2026, 11, 21, 21, 54, 44)
AWARE = dt.datetime(2026, 11, 21, 21, 54, 44, tzinfo=dt.UTC)


def turns(n: int) -> list[dict[str, Any]]:
    return [{"content": f"turn {i}"} for i in range(n)]


# (id, method, args, kwargs, the field the error must name)
INVALID_CALLS: list[tuple[str, str, tuple[Any, ...], dict[str, Any], str]] = [
    # content length
    ("content-empty", "write", ("",), {}, "content"),
    ("content-too-long", "write", ("x" * 100_001,), {}, "content"),
    ("content-not-str", "write", (123,), {}, "content"),
    ("content-none", "write", (None,), {}, "content"),
    ("content-bytes", "write", (b"hello",), {}, "content"),
    # max_results range and type
    ("max_results-0", "read", ("q",), {"max_results": 0}, "max_results"),
    ("max_results-51", "read", ("q",), {"max_results": 51}, "max_results"),
    ("max_results-negative", "read", ("q",), {"max_results": -1}, "max_results"),
    ("max_results-str", "read", ("q",), {"max_results": "10"}, "max_results"),
    ("max_results-float", "read", ("q",), {"max_results": 10.0}, "max_results"),
    ("max_results-bool", "read", ("q",), {"max_results": True}, "max_results"),
    ("stream-max_results-51", "read_stream", ("q",), {"max_results": 51}, "max_results"),
    # enums
    ("memory_type-bad", "write", ("hello",), {"memory_type": "episodic"}, "memory_type"),
    ("memory_type-case", "write", ("hello",), {"memory_type": "Preference"}, "memory_type"),
    ("memory_types-bad-item", "read", ("q",), {"memory_types": ["semantic_fact", "facts"]}, "memory_types[1]"),
    ("memory_types-str", "read", ("q",), {"memory_types": "semantic_fact"}, "memory_types"),
    ("format-bad", "read", ("q",), {"format": "json"}, "format"),
    ("format-none", "read", ("q",), {"format": None}, "format"),
    ("forget-action-bad", "forget", (), {"query": "tea", "action": "erase"}, "action"),
    # write_batch
    ("batch-empty", "write_batch", ([],), {}, "turns"),
    ("batch-501", "write_batch", (turns(501),), {}, "turns"),
    (
        "batch-no-content",
        "write_batch",
        ([{"content": "a"}, {"content": "b"}, {"metadata": {}}],),
        {},
        "turns[2].content",
    ),
    ("batch-empty-content", "write_batch", ([{"content": "a"}, {"content": ""}],), {}, "turns[1].content"),
    ("batch-unknown-field", "write_batch", ([{"content": "a", "text": "b"}],), {}, "turns[0].text"),
    ("batch-not-a-list", "write_batch", ("hello",), {}, "turns"),
    ("batch-turn-not-a-dict", "write_batch", (["hello"],), {}, "turns[0]"),
    ("batch-naive-timestamp", "write_batch", ([{"content": "a", "timestamp": NAIVE}],), {}, "turns[0].timestamp"),
    (
        "batch-metadata-list",
        "write_batch",
        ([{"content": "a"}, {"content": "b", "metadata": [1]}],),
        {},
        "turns[1].metadata",
    ),
    # naive datetimes
    ("since-naive", "read", ("q",), {"since": NAIVE}, "since"),
    ("until-naive", "read", ("q",), {"until": NAIVE}, "until"),
    ("stream-since-naive", "read_stream", ("q",), {"since": NAIVE}, "since"),
    ("write-timestamp-naive", "write", ("hello",), {"timestamp": NAIVE}, "timestamp"),
    ("turn-timestamp-naive", "turn", ("hi",), {"timestamp": NAIVE}, "timestamp"),
    ("forget-before-naive", "forget", (), {"before": NAIVE}, "before"),
    ("since-str", "read", ("q",), {"since": "2026-11-21T00:00:00Z"}, "since"),
    ("since-date", "read", ("q",), {"since": dt.date(2026, 11, 21)}, "since"),
    # UUIDs
    ("update-bad-uuid", "update", ("not-a-uuid",), {"text": "x"}, "memory_id"),
    ("update-int-id", "update", (42,), {"text": "x"}, "memory_id"),
    ("forget-bad-uuid", "forget", (), {"memory_ids": [MEMORY_ID, "nope"]}, "memory_ids[1]"),
    ("forget-ids-str", "forget", (), {"memory_ids": MEMORY_ID}, "memory_ids"),
    # selectors and confirmations
    ("forget-no-selector", "forget", (), {}, "memory_ids"),
    ("forget-no-selector-action", "forget", (), {"action": "delete"}, "memory_ids"),
    ("forget-archive", "forget", (), {"memory_ids": [MEMORY_ID], "action": "archive"}, "action"),
    ("forget-silence", "forget", (), {"memory_ids": [MEMORY_ID], "action": "silence"}, "action"),
    ("delete_all-no-confirm", "delete_all", (), {}, "confirm"),
    ("delete_all-confirm-false", "delete_all", (), {"confirm": False}, "confirm"),
    ("delete_all-confirm-truthy", "delete_all", (), {"confirm": "yes"}, "confirm"),
    ("delete_all-confirm-1", "delete_all", (), {"confirm": 1}, "confirm"),
    # wrong types elsewhere
    ("query-none", "read", (None,), {}, "query"),
    ("query-int", "read", (7,), {}, "query"),
    ("context_tags-str", "write", ("hello",), {"context_tags": "preferences"}, "context_tags"),
    ("context_tags-int-item", "write", ("hello",), {"context_tags": ["a", 1]}, "context_tags[1]"),
    ("context_filter-str", "read", ("q",), {"context_filter": "preferences"}, "context_filter"),
    ("metadata-list", "write", ("hello",), {"metadata": [("a", 1)]}, "metadata"),
    ("metadata-int-keys", "write", ("hello",), {"metadata": {1: "a"}}, "metadata"),
    ("session_id-int", "write", ("hello",), {"session_id": 12}, "session_id"),
    ("update-confidence-str", "update", (MEMORY_ID,), {"confidence": "high"}, "confidence"),
    ("update-importance-bool", "update", (MEMORY_ID,), {"importance": True}, "importance"),
    ("turn-message-none", "turn", (None,), {}, "user_message"),
    ("turn-tokens-str", "turn", ("hi",), {"max_context_tokens": "500"}, "max_context_tokens"),
    ("session-ttl-past-9999", "create_session", (), {"ttl_hours": 100_000_000}, "ttl_hours"),
    ("session-ttl-float", "create_session", (), {"ttl_hours": 2.5}, "ttl_hours"),
    ("session-ttl-str", "create_session", (), {"ttl_hours": "24"}, "ttl_hours"),
    ("session-context-empty", "get_session_context", ("",), {}, "session_id"),
    ("session-context-int", "get_session_context", (5,), {}, "session_id"),
    ("consolidate-empty", "consolidate", ("",), {}, "user_id"),
    ("forgetting-empty", "run_forgetting", ("",), {}, "user_id"),
    ("forgetting-dry_run-str", "run_forgetting", ("tenant-a",), {"dry_run": "false"}, "dry_run"),
    # NUL: the server stores nothing, finds nothing or answers 500 (measured on 1.5.1 and 2.0.0)
    ("nul-content", "write", ("a\x00b",), {}, "content"),
    ("nul-tag", "write", ("hello",), {"context_tags": ["ok", "a\x00b"]}, "context_tags[1]"),
    ("nul-namespace", "write", ("hello",), {"namespace": "a\x00"}, "namespace"),
    ("nul-session_id", "write", ("hello",), {"session_id": "\x00"}, "session_id"),
    ("nul-batch-content", "write_batch", ([{"content": "a"}, {"content": "b\x00"}],), {}, "turns[1].content"),
    ("nul-query", "read", ("a\x00b",), {}, "query"),
    ("nul-stream-query", "read_stream", ("a\x00b",), {}, "query"),
    ("nul-context_filter", "read", ("q",), {"context_filter": ["a\x00b"]}, "context_filter[0]"),
    ("nul-turn", "turn", ("a\x00b",), {}, "user_message"),
    ("nul-turn-response", "turn", ("hi",), {"assistant_response": "\x00"}, "assistant_response"),
    ("nul-update-text", "update", (MEMORY_ID,), {"text": "a\x00b"}, "text"),
    ("nul-forget-query", "forget", (), {"query": "a\x00b", "action": "delete"}, "query"),
    ("nul-session-context", "get_session_context", ("a\x00b",), {}, "session_id"),
    ("nul-consolidate", "consolidate", ("a\x00b",), {}, "user_id"),
]


def path_of(exc: ValidationError) -> list[str]:
    """The error's location without the leading ``body``, as strings (``turns[2].content`` -> turns, 2, content)."""
    loc = [str(part) for part in exc.errors[0]["loc"]]
    return loc[1:] if loc and loc[0] == "body" else loc


def split_path(name: str) -> list[str]:
    return name.replace("[", ".").replace("]", "").split(".")


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field"), [c[1:] for c in INVALID_CALLS], ids=[c[0] for c in INVALID_CALLS]
)
async def test_invalid_argument_is_refused_before_sending(
    make_client: MakeClient,
    httpx_mock: HTTPXMock,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    field: str,
) -> None:
    d = make_client()

    with pytest.raises(ValidationError) as info:
        if method == "read_stream":
            await d.stream(*args, **kwargs)
        else:
            await d.call(method, *args, **kwargs)

    exc = info.value
    assert httpx_mock.get_requests() == []
    assert field in exc.message
    assert field in exc.suggestion
    assert "Nothing was sent" in exc.suggestion
    assert path_of(exc) == split_path(field)
    if "[" not in field and "." not in field:
        assert exc.field == field
    assert exc.status_code is None  # found by the client, not by the server
    assert exc.request_id is None


# --------------------------------------------------------------------------- the limits themselves pass


@pytest.mark.anyio
@pytest.mark.parametrize("length", [1, 100_000])
async def test_content_at_the_limits_is_sent(make_client: MakeClient, httpx_mock: HTTPXMock, length: int) -> None:
    httpx_mock.add_response(json=write_body())
    d = make_client()

    result = await d.call("write", "x" * length)

    assert isinstance(result, WriteResult)
    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content) == {"content": "x" * length}


@pytest.mark.anyio
@pytest.mark.parametrize("max_results", [1, 50])
async def test_max_results_at_the_limits_is_sent(
    make_client: MakeClient, httpx_mock: HTTPXMock, max_results: int
) -> None:
    httpx_mock.add_response(json=read_body())
    d = make_client()

    await d.call("read", "q", max_results=max_results)

    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content)["max_results"] == max_results


@pytest.mark.anyio
@pytest.mark.parametrize("count", [1, 500])
async def test_batch_at_the_limits_is_sent(make_client: MakeClient, httpx_mock: HTTPXMock, count: int) -> None:
    httpx_mock.add_response(json={"success": True, "turns_processed": count, "chunks_created": count, "message": ""})
    d = make_client()

    result = await d.call("write_batch", turns(count))

    assert result.turns_processed == count
    (request,) = httpx_mock.get_requests()
    assert len(json.loads(request.content)["turns"]) == count


@pytest.mark.anyio
@pytest.mark.parametrize("memory_type", check.MEMORY_TYPES)
async def test_every_memory_type_is_accepted(make_client: MakeClient, httpx_mock: HTTPXMock, memory_type: str) -> None:
    httpx_mock.add_response(json=write_body())
    d = make_client()

    await d.call("write", "hello", memory_type=memory_type)

    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content)["memory_type"] == memory_type


@pytest.mark.anyio
async def test_aware_datetimes_in_any_zone_are_accepted(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=read_body())
    d = make_client()
    oslo_winter = dt.timezone(dt.timedelta(hours=1))

    await d.call("read", "q", since=AWARE, until=AWARE.astimezone(oslo_winter))

    (request,) = httpx_mock.get_requests()
    body = json.loads(request.content)
    assert body["since"] == "2026-11-21T21:54:44+00:00"
    assert body["until"] == "2026-11-21T22:54:44+01:00"


# --------------------------------------------------------------------------- the constants are the schema's


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    return document["components"]["schemas"]


def enum_values(schema: dict[str, Any]) -> list[str]:
    return list(schema["enum"])


def resolve(document: dict[str, Any], pointer: str) -> dict[str, Any]:
    """A JSON pointer of the limits table; a step into a ``parameters`` list names the parameter."""
    node: Any = document
    for raw in pointer.removeprefix("#/").split("/"):
        step = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            (node,) = [p for p in node if p.get("name") == step]
        else:
            node = node[step]
    return node


SCHEMA_LIMITS = [limit for limit in limits.LIMITS if limit.schema]


def test_the_table_names_a_source_for_every_limit() -> None:
    assert len({limit.name for limit in limits.LIMITS}) == len(limits.LIMITS)
    for limit in limits.LIMITS:
        assert limit.source, limit.name
        assert limit.source.startswith(("schema", "measured on 1.5.1 and 2.0.0", "the ", "JSON")), limit.name
        if limit.source.startswith("schema"):
            assert limit.schema, f"{limit.name} claims the schema but points nowhere in it"


@pytest.mark.parametrize("limit", SCHEMA_LIMITS, ids=[limit.name for limit in SCHEMA_LIMITS])
def test_each_schema_limit_is_the_schema_s(limit: limits.Limit) -> None:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    for pointer in limit.schema:
        schema = resolve(document, pointer)
        if limit.values:
            stated = schema.get("enum") or schema["pattern"].removeprefix("^(").removesuffix(")$").split("|")
            assert sorted(stated) == sorted(limit.values), pointer
            assert len(set(limit.values)) == len(limit.values)
            continue
        low = schema.get("minimum", schema.get("minLength", schema.get("minItems")))
        high = schema.get("maximum", schema.get("maxLength", schema.get("maxItems")))
        assert (low, high) == (limit.low, limit.high), pointer


def test_the_constants_callers_use_are_the_table_s() -> None:
    assert (check.CONTENT_MIN, check.CONTENT_MAX) == (1, 100_000)
    assert (check.MAX_RESULTS_MIN, check.MAX_RESULTS_MAX) == (1, 50)
    assert (check.BATCH_MIN, check.BATCH_MAX) == (1, 500)
    assert limits.READ_FORMAT.values == check.READ_FORMATS


# --------------------------------------------------------------------------- no invented limits


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("method", "args", "kwargs", "field", "sent"),
    [
        # the schema has no bound; measured on 1.5.1 and 2.0.0: all answer 200
        ("create_session", (), {"ttl_hours": 10_000}, "ttl_hours", 10_000),
        ("create_session", (), {"ttl_hours": 1_000_000}, "ttl_hours", 1_000_000),
        ("create_session", (), {"ttl_hours": 0}, "ttl_hours", 0),
        ("turn", ("hi",), {"max_context_tokens": 0}, "max_context_tokens", 0),
        ("turn", ("hi",), {"max_context_tokens": 10**9}, "max_context_tokens", 10**9),
        ("update", (MEMORY_ID,), {"text": ""}, "text", ""),
        ("update", (MEMORY_ID,), {"text": "x" * 100_001}, "text", "x" * 100_001),
        ("read", ("",), {}, "query", ""),
        ("write", ("hello",), {"metadata": {"k": "a\x00b"}}, "metadata", {"k": "a\x00b"}),
    ],
    ids=[
        "ttl-10k",
        "ttl-1m",
        "ttl-0",
        "tokens-0",
        "tokens-1e9",
        "update-empty",
        "update-long",
        "read-empty",
        "meta-nul",
    ],
)
async def test_what_the_servers_accept_is_sent(
    make_client: MakeClient,
    httpx_mock: HTTPXMock,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    field: str,
    sent: Any,
) -> None:
    answers = {
        "create_session": {
            "session_id": "s",
            "created_at": "2026-12-02T06:19:51Z",
            "expires_at": "2026-12-02T06:19:51Z",
        },
        "turn": {"memory_context": "", "memories_retrieved": 0, "memories_stored": 1, "reconsolidation_applied": False},
        "update": {"success": True, "memory_id": MEMORY_ID, "version": 2, "message": "Memory updated successfully"},
        "read": read_body(query=""),
        "write": write_body(),
    }
    httpx_mock.add_response(json=answers[method])
    d = make_client()

    await d.call(method, *args, **kwargs)

    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content)[field] == sent


def test_the_ttl_bound_is_where_the_server_s_expiry_passes_the_year_9999() -> None:
    now = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    most = limits.ttl_hours_max(now)
    # measured on both servers: 69,000,000 hours answered 200, 71,000,000 answered 500
    assert 69_000_000 < most < 71_000_000
    assert now + dt.timedelta(hours=most) < dt.datetime.max.replace(tzinfo=dt.UTC)
    with pytest.raises(OverflowError):  # what the server's `now + timedelta(hours=ttl_hours)` meets
        now + dt.timedelta(hours=most + 48)


def test_a_nul_in_the_client_s_tenant_or_user_is_refused_before_any_request() -> None:
    from cml_ergonomic import CognitiveMemoryLayer

    with pytest.raises(ValidationError, match="tenant_id") as info:
        CognitiveMemoryLayer(api_key="k" * 20, base_url="http://cml.test", tenant_id="a\x00b")
    assert "NUL" in info.value.message
    with CognitiveMemoryLayer(api_key="k" * 20, base_url="http://cml.test") as client:
        with pytest.raises(ValidationError, match="user_id"):
            client.set_user("u\r\nX-Injected: 1")
        with pytest.raises(ValidationError, match="tenant_id"):
            client.set_tenant("t\x00")
        assert client.config.tenant_id is None


# --------------------------------------------------------------------------- the checks themselves


def test_a_one_sided_limit_says_which_side() -> None:
    with pytest.raises(ValidationError, match="must be at most 50"):
        check.in_range(51, "max_results", limits.EXPLAIN_MAX_RESULTS)
    assert check.in_range(0, "max_results", limits.EXPLAIN_MAX_RESULTS) == 0  # no minimum in the schema
    at_least = limits.Limit("n", "n", "at least 1", "schema", low=1)
    with pytest.raises(ValidationError, match="must be at least 1"):
        check.in_range(0, "n", at_least)
    with pytest.raises(ValidationError, match="whole number"):
        check.in_range(True, "n", at_least)


def test_the_ttl_bound_follows_the_clock() -> None:
    assert limits.ttl_hours_max() < limits.ttl_hours_max(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert check.ttl_hours(limits.ttl_hours_max()) == limits.ttl_hours_max()


def test_a_nul_is_named_with_its_index() -> None:
    with pytest.raises(ValidationError) as info:
        check.text("abc\x00", "query")
    assert "index 3" in info.value.message
    assert info.value.errors[0]["type"] == "string_nul"
    assert check.header_value(None, "tenant_id") is None
    assert check.header_value("tenant-a", "tenant_id") == "tenant-a"


def test_the_cli_sends_what_the_servers_accept(httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.unit.conftest import API
    from tests.unit.test_cli import cml

    monkeypatch.setenv("CML_BASE_URL", API.removesuffix("/api/v1"))
    monkeypatch.setenv("CML_API_KEY", "k" * 20)
    monkeypatch.setenv("CML_MAX_RETRIES", "0")
    httpx_mock.add_response(
        url=f"{API}/session/create",
        json={"session_id": "s", "created_at": "2026-12-02T06:19:51Z", "expires_at": "2026-12-02T06:19:51Z"},
    )
    httpx_mock.add_response(
        url=f"{API}/memory/turn",
        json={"memory_context": "", "memories_retrieved": 0, "memories_stored": 1, "reconsolidation_applied": False},
    )
    assert cml("session", "create", "--ttl-hours", "0").code == 0
    assert cml("turn", "hi", "--max-context-tokens", "0").code == 0
    sent = [json.loads(r.content) for r in httpx_mock.get_requests()]
    assert sent[0]["ttl_hours"] == 0 and sent[1]["max_context_tokens"] == 0
