"""``read_stream`` against server-sent events that break the stream's promise: each is a StreamError, never a crash.

The read stream promises ``data: <memory item JSON>`` per memory, then ``event: done`` with a JSON object. A
proxy, a truncated write or a server bug can send anything else; the caller must get a ``StreamError`` (a
``CMLError``) that shows what arrived, and keep the items that came before it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import MemoryItem, StreamError
from tests.unit.conftest import SSE_HEADERS, Driver, memory_item

pytestmark = pytest.mark.anyio

MakeClient = Any


def _events(*events: tuple[str | None, str]) -> bytes:
    """Server-sent events: ``(name or None, data)`` each."""
    out = []
    for name, data in events:
        head = f"event: {name}\n" if name else ""
        out.append(f"{head}data: {data}\n\n")
    return "".join(out).encode()


async def _fails(d: Driver, seen: list[Any]) -> StreamError:
    with pytest.raises(StreamError) as info:
        await d.stream("preferences", into=seen)
    return info.value


@pytest.mark.parametrize("done", ["[1, 2]", '"finished"', "42", "null"], ids=["list", "string", "number", "null"])
async def test_a_done_event_that_is_not_an_object(make_client: MakeClient, httpx_mock: HTTPXMock, done: str) -> None:
    body = _events((None, json.dumps(memory_item("User lives in Oslo"))), ("done", done))
    httpx_mock.add_response(content=body, headers=SSE_HEADERS)
    d = make_client()
    seen: list[Any] = []

    error = await _fails(d, seen)

    assert [item.text for item in seen] == ["User lives in Oslo"]  # what came before the bad event is kept
    assert error.data == json.loads(done)
    assert "done" in error.message
    assert done in error.message  # the user sees what arrived


@pytest.mark.parametrize("event", [None, "done"], ids=["memory", "done"])
async def test_an_event_that_is_not_json(make_client: MakeClient, httpx_mock: HTTPXMock, event: str | None) -> None:
    cut = json.dumps(memory_item("User lives in Oslo"))[:25]  # a JSON object cut short
    body = _events((None, json.dumps(memory_item("first"))), (event, cut))
    httpx_mock.add_response(content=body, headers=SSE_HEADERS)
    d = make_client()
    seen: list[Any] = []

    error = await _fails(d, seen)

    assert [item.text for item in seen] == ["first"]
    assert error.data == cut
    assert "JSON" in error.message
    assert cut in error.message


async def test_an_error_event_that_is_not_json_still_shows_the_servers_text(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(content=_events(("error", "upstream timed out")), headers=SSE_HEADERS)
    d = make_client()

    error = await _fails(d, [])

    assert "upstream timed out" in error.message
    assert error.data == "upstream timed out"


@pytest.mark.parametrize(
    ("payload", "shown"),
    [
        ('"vector store unavailable"', "vector store unavailable"),
        ('{"error": "index rebuilding"}', "index rebuilding"),
        ('["shard 3 down"]', "shard 3 down"),
    ],
    ids=["string", "error-key", "list"],
)
async def test_an_error_event_of_any_json_shape_names_its_cause(
    make_client: MakeClient, httpx_mock: HTTPXMock, payload: str, shown: str
) -> None:
    httpx_mock.add_response(content=_events(("error", payload)), headers=SSE_HEADERS)
    d = make_client()

    error = await _fails(d, [])

    assert shown in error.message
    if isinstance(error.data, dict):
        assert "{" not in error.message  # the cause, not the raw JSON
    assert error.data == json.loads(payload)
    assert error.suggestion  # a retry hint, not a bare message


@pytest.mark.parametrize(
    "data",
    ['{"text": "no id, no type"}', "[1, 2, 3]", '{"id": "not-a-uuid", "text": "x", "type": "preference"}'],
    ids=["missing-fields", "list", "bad-id"],
)
async def test_a_memory_event_that_is_not_a_memory_item(
    make_client: MakeClient, httpx_mock: HTTPXMock, data: str
) -> None:
    body = _events((None, json.dumps(memory_item("first"))), (None, data))
    httpx_mock.add_response(content=body, headers=SSE_HEADERS)
    d = make_client()
    seen: list[Any] = []

    error = await _fails(d, seen)

    assert [type(item) for item in seen] == [MemoryItem]
    assert error.data == json.loads(data)
    assert "memory item" in error.message
    assert "check_compatibility" in error.suggestion


async def test_an_event_with_empty_data_is_skipped(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = (
        b"data: \n\n"  # a keep-alive some proxies send as an empty data line
        + _events((None, json.dumps(memory_item("only one"))), ("done", '{"total_count": 1, "elapsed_ms": 2.0}'))
    )
    httpx_mock.add_response(content=body, headers=SSE_HEADERS)
    d = make_client()

    items = await d.stream("q")

    assert [type(item) for item in items] == [MemoryItem, dict]
    assert items[0].text == "only one"
