"""Client-side argument checks: each raises ValidationError naming the field, and nothing is sent.

The limits come from the server's schema; the last tests read them back from
``openapi/cml-1.5.1.json`` so the constants cannot drift from it silently.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import ValidationError, WriteResult
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
    ("forget-no-selector-action", "forget", (), {"action": "archive"}, "memory_ids"),
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
    ("update-text-empty", "update", (MEMORY_ID,), {"text": ""}, "text"),
    ("update-confidence-str", "update", (MEMORY_ID,), {"confidence": "high"}, "confidence"),
    ("update-importance-bool", "update", (MEMORY_ID,), {"importance": True}, "importance"),
    ("turn-message-none", "turn", (None,), {}, "user_message"),
    ("turn-tokens-0", "turn", ("hi",), {"max_context_tokens": 0}, "max_context_tokens"),
    ("session-ttl-0", "create_session", (), {"ttl_hours": 0}, "ttl_hours"),
    ("session-ttl-str", "create_session", (), {"ttl_hours": "24"}, "ttl_hours"),
    ("session-context-empty", "get_session_context", ("",), {}, "session_id"),
    ("session-context-int", "get_session_context", (5,), {}, "session_id"),
    ("consolidate-empty", "consolidate", ("",), {}, "user_id"),
    ("forgetting-empty", "run_forgetting", ("",), {}, "user_id"),
    ("forgetting-dry_run-str", "run_forgetting", ("tenant-a",), {"dry_run": "false"}, "dry_run"),
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


def test_content_limits_match_the_schema(schemas: dict[str, Any]) -> None:
    for model in ("WriteMemoryRequest", "WriteBatchTurn"):
        content = schemas[model]["properties"]["content"]
        schema_limits = (content["minLength"], content["maxLength"])
        assert schema_limits == (check.CONTENT_MIN, check.CONTENT_MAX), model


def test_max_results_range_matches_the_schema(schemas: dict[str, Any]) -> None:
    max_results = schemas["ReadMemoryRequest"]["properties"]["max_results"]
    schema_range = (max_results["minimum"], max_results["maximum"])
    assert schema_range == (check.MAX_RESULTS_MIN, check.MAX_RESULTS_MAX)


def test_batch_limits_match_the_schema(schemas: dict[str, Any]) -> None:
    turns_schema = schemas["WriteBatchRequest"]["properties"]["turns"]
    schema_limits = (turns_schema["minItems"], turns_schema["maxItems"])
    assert schema_limits == (check.BATCH_MIN, check.BATCH_MAX)


def test_read_formats_match_the_schema(schemas: dict[str, Any]) -> None:
    allowed = enum_values(schemas["ReadMemoryRequest"]["properties"]["format"])
    assert sorted(check.READ_FORMATS) == sorted(allowed)
    assert len(set(check.READ_FORMATS)) == len(check.READ_FORMATS)


def test_forget_actions_match_the_schema(schemas: dict[str, Any]) -> None:
    allowed = enum_values(schemas["ForgetRequest"]["properties"]["action"])
    assert sorted(check.FORGET_ACTIONS) == sorted(allowed)
    assert len(set(check.FORGET_ACTIONS)) == len(check.FORGET_ACTIONS)


def test_memory_types_match_the_schema(schemas: dict[str, Any]) -> None:
    allowed = enum_values(schemas["MemoryType"])
    assert sorted(check.MEMORY_TYPES) == sorted(allowed)
    assert len(set(check.MEMORY_TYPES)) == len(check.MEMORY_TYPES)
