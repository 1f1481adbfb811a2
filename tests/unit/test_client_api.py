"""The public surface: sync/async parity, docstrings, exact request bodies, typed results, streaming."""

from __future__ import annotations

import asyncio
import datetime as dt
import inspect
import json
import pydoc
import re
from collections.abc import Callable
from typing import Any
from uuid import UUID

import httpx
import pytest
from cml_api_client.models.memory_type import MemoryType
from cml_api_client.models.write_batch_turn import WriteBatchTurn
from pytest_httpx import HTTPXMock

from cml_ergonomic import (
    AsyncCognitiveMemoryLayer,
    CognitiveMemoryLayer,
    ConfigurationError,
    CreateSessionResult,
    ForgetResult,
    LLMContextReadResult,
    MemoryItem,
    ReadResult,
    ResponseMeta,
    ResponseValidationError,
    SessionContext,
    Stats,
    StreamError,
    TurnResult,
    UpdateResult,
    WriteBatchResult,
    WriteResult,
)
from cml_ergonomic._endpoint import _ClientMethod
from tests.unit.conftest import (
    API_KEY,
    BASE_URL,
    MEMORY_ID,
    OP_CALLS,
    SSE_HEADERS,
    Driver,
    OpCall,
    memory_item,
    read_body,
    sse_body,
    stats_body,
    write_body,
)

MakeClient = Callable[..., Driver]
CLIENT_CLASSES = [CognitiveMemoryLayer, AsyncCognitiveMemoryLayer]
LIFECYCLE = {CognitiveMemoryLayer: "close", AsyncCognitiveMemoryLayer: "aclose"}
AT = dt.datetime(2026, 11, 21, 21, 54, 44, tzinfo=dt.UTC)
OSLO = dt.timezone(dt.timedelta(hours=1))
OTHER_ID = "8a2d6c3b-51f0-4e7e-9c1a-6f5b4e3d2c10"


# --------------------------------------------------------------------------- parity and documentation


def public_method_names(cls: type) -> list[str]:
    names = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        static = inspect.getattr_static(cls, name)
        if inspect.isfunction(static) or isinstance(static, _ClientMethod):
            names.append(name)
    return sorted(names)


def bound_methods(cls: type) -> dict[str, Any]:
    client = cls(api_key=API_KEY, base_url=BASE_URL)
    try:
        return {name: getattr(client, name) for name in public_method_names(cls)}
    finally:
        if isinstance(client, AsyncCognitiveMemoryLayer):
            asyncio.run(client.aclose())
        else:
            client.close()


def test_both_clients_expose_the_same_methods_with_the_same_signatures() -> None:
    sync = bound_methods(CognitiveMemoryLayer)
    asynchronous = bound_methods(AsyncCognitiveMemoryLayer)

    assert set(sync) - {"close"} == set(asynchronous) - {"aclose"}
    for name in sorted(set(sync) - {"close"}):
        # The same parameters; the return types differ by kind (T and Awaitable[T]: tests/unit/test_introspection.py).
        assert inspect.signature(sync[name]).parameters == inspect.signature(asynchronous[name]).parameters, name
    assert inspect.signature(sync["close"]) == inspect.signature(asynchronous["aclose"])
    assert "read" in sync and "write" in sync and "read_stream" in sync  # the comparison is not vacuous
    assert len(sync) >= 18


@pytest.mark.anyio
async def test_async_methods_return_awaitables_and_sync_methods_results(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    returned = d.client.stats()

    if d.is_async:
        assert inspect.isawaitable(returned)
        returned = await returned
    assert type(returned) is Stats


CLASS_LEVEL_CASES = [
    (cls, name) for cls in CLIENT_CLASSES for name in public_method_names(cls) if name not in LIFECYCLE.values()
]


@pytest.mark.parametrize(("cls", "name"), CLASS_LEVEL_CASES, ids=[f"{c.__name__}.{n}" for c, n in CLASS_LEVEL_CASES])
def test_methods_read_on_the_class_show_their_signature_and_docstring(cls: type, name: str) -> None:
    """``help(CognitiveMemoryLayer)``, IPython's ``?``, ``inspect`` and doc generators see each real method."""
    on_class = getattr(cls, name)
    static = inspect.getattr_static(cls, name)
    source = static.build if isinstance(static, _ClientMethod) else static
    expected = [(p.name, p.kind, p.default) for p in inspect.signature(source).parameters.values()]

    signature = inspect.signature(on_class)  # raised TypeError for the descriptor-built methods

    # The annotations are resolved types, not the builder's strings: tests/unit/test_introspection.py
    assert [(p.name, p.kind, p.default) for p in signature.parameters.values()] == expected
    assert next(iter(signature.parameters)) == "self"
    assert inspect.getdoc(on_class) == inspect.getdoc(source)
    assert on_class.__doc__ == source.__doc__ and on_class.__doc__
    text = pydoc.render_doc(cls, renderer=pydoc.plaintext)
    first_line = inspect.getdoc(source).splitlines()[0]
    shown = re.search(rf"^ \|  {name}(\(.*)\n \|      (.*)$", text, re.MULTILINE)
    assert shown is not None, f"help({cls.__name__}) does not list {name}"
    assert shown.group(1) == str(signature), f"help() shows {name}{shown.group(1)}"
    assert shown.group(2) == first_line


@pytest.mark.anyio
async def test_a_method_called_through_the_class_runs_on_the_given_client(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json=stats_body(total_memories=7))
    d = make_client()

    returned = type(d.client).stats(d.client)

    result = await returned if d.is_async else returned
    assert result.total_memories == 7


DOC_CASES = [(cls, name) for cls in CLIENT_CLASSES for name in public_method_names(cls)]


@pytest.mark.parametrize(("cls", "name"), DOC_CASES, ids=[f"{c.__name__}.{n}" for c, n in DOC_CASES])
def test_every_public_method_is_documented(cls: type, name: str) -> None:
    """Args, Returns, Raises and Example sections (Args only when it takes arguments, Returns only when not None)."""
    method = getattr(cls, name)
    doc = inspect.getdoc(method) or ""
    signature = inspect.signature(getattr(cls, name) if inspect.isfunction(method) else method.build)
    params = [p for p in signature.parameters if p != "self"]
    missing = []
    if params and "Args:" not in doc:
        missing.append("Args")
    if signature.return_annotation not in ("None", None) and "Returns:" not in doc:
        missing.append("Returns")
    if "Raises:" not in doc:
        missing.append("Raises")
    if "Example:" not in doc and "Examples:" not in doc:
        missing.append("Example")
    assert doc, f"{cls.__name__}.{name} has no docstring"
    assert missing == [], f"{cls.__name__}.{name} lacks {missing}"


# --------------------------------------------------------------------------- exactly what is sent

BODY_CASES: list[tuple[str, str, tuple[Any, ...], dict[str, Any], str, str, dict[str, str], Any, Any]] = [
    # id, method, args, kwargs, HTTP method, raw path, query, request JSON (None: no body), answer
    ("health", "health", (), {}, "GET", "/api/v1/health", {}, None, {"status": "healthy"}),
    (
        "write-all-fields",
        "write",
        ("User prefers dark mode",),
        {
            "context_tags": ["preferences", "ui"],
            "session_id": "sess-7f3a",
            "memory_type": "preference",
            "namespace": "app",
            "metadata": {"source": "chat", "score": 1, "nested": {"a": [1, 2]}},
            "turn_id": "turn-1",
            "agent_id": "agent-9",
            "timestamp": AT,
        },
        "POST",
        "/api/v1/memory/write",
        {},
        {
            "content": "User prefers dark mode",
            "context_tags": ["preferences", "ui"],
            "session_id": "sess-7f3a",
            "memory_type": "preference",
            "namespace": "app",
            "metadata": {"source": "chat", "score": 1, "nested": {"a": [1, 2]}},
            "turn_id": "turn-1",
            "agent_id": "agent-9",
            "timestamp": "2026-11-21T21:54:44+00:00",
        },
        write_body(),
    ),
    (
        "write-none-omitted",
        "write",
        ("x",),
        {"session_id": None, "metadata": None, "memory_type": None, "timestamp": None, "context_tags": None},
        "POST",
        "/api/v1/memory/write",
        {},
        {"content": "x"},
        write_body(),
    ),
    (
        "write-enum-and-offset",
        "write",
        ("x",),
        {"memory_type": MemoryType.SEMANTIC_FACT, "timestamp": AT.astimezone(OSLO), "context_tags": ("a", "b")},
        "POST",
        "/api/v1/memory/write",
        {},
        {
            "content": "x",
            "memory_type": "semantic_fact",
            "timestamp": "2026-11-21T22:54:44+01:00",
            "context_tags": ["a", "b"],
        },
        write_body(),
    ),
    (
        "write_batch",
        "write_batch",
        (
            [
                {"content": "Likes tea", "timestamp": AT, "session_id": "sess-7f3a"},
                {"content": "Lives in Oslo", "metadata": {"k": 1}, "turn_id": "t2"},
                WriteBatchTurn(content="Has a cat"),
            ],
        ),
        {},
        "POST",
        "/api/v1/memory/write_batch",
        {},
        {
            "turns": [
                {"content": "Likes tea", "timestamp": "2026-11-21T21:54:44+00:00", "session_id": "sess-7f3a"},
                {"content": "Lives in Oslo", "metadata": {"k": 1}, "turn_id": "t2"},
                {"content": "Has a cat"},
            ]
        },
        {"success": True, "turns_processed": 3, "chunks_created": 3, "message": ""},
    ),
    (
        "read-defaults",
        "read",
        ("preferences",),
        {},
        "POST",
        "/api/v1/memory/read",
        {},
        {"query": "preferences", "max_results": 10, "format": "packet"},
        read_body(),
    ),
    (
        "read-all-fields",
        "read",
        ("travel plans",),
        {
            "max_results": 5,
            "context_filter": ["travel"],
            "memory_types": ["preference", MemoryType.EPISODIC_EVENT],
            "since": AT,
            "until": AT.astimezone(OSLO),
            "format": "list",
            "user_timezone": "Europe/Oslo",
        },
        "POST",
        "/api/v1/memory/read",
        {},
        {
            "query": "travel plans",
            "max_results": 5,
            "format": "list",
            "context_filter": ["travel"],
            "memory_types": ["preference", "episodic_event"],
            "since": "2026-11-21T21:54:44+00:00",
            "until": "2026-11-21T22:54:44+01:00",
            "user_timezone": "Europe/Oslo",
        },
        read_body(),
    ),
    (
        "turn",
        "turn",
        ("What do I like?",),
        {
            "assistant_response": "You like tea.",
            "session_id": "sess-7f3a",
            "max_context_tokens": 800,
            "timestamp": AT,
            "user_timezone": "Europe/Oslo",
        },
        "POST",
        "/api/v1/memory/turn",
        {},
        {
            "user_message": "What do I like?",
            "assistant_response": "You like tea.",
            "session_id": "sess-7f3a",
            "max_context_tokens": 800,
            "timestamp": "2026-11-21T21:54:44+00:00",
            "user_timezone": "Europe/Oslo",
        },
        {"memory_context": "", "memories_retrieved": 0, "memories_stored": 1},
    ),
    (
        "update",
        "update",
        (UUID(MEMORY_ID),),
        {
            "text": "User prefers light mode",
            "confidence": 0.9,
            "importance": 1,
            "metadata": {"k": "v"},
            "feedback": "correct",
        },
        "POST",
        "/api/v1/memory/update",
        {},
        {
            "memory_id": MEMORY_ID,
            "text": "User prefers light mode",
            "confidence": 0.9,
            "importance": 1.0,
            "metadata": {"k": "v"},
            "feedback": "correct",
        },
        {"success": True, "memory_id": MEMORY_ID, "version": 2, "message": ""},
    ),
    (
        "update-uppercase-str-id",
        "update",
        (MEMORY_ID.upper(),),
        {"confidence": 0.5},
        "POST",
        "/api/v1/memory/update",
        {},
        {"memory_id": MEMORY_ID, "confidence": 0.5},
        {"success": True, "memory_id": MEMORY_ID, "version": 3, "message": ""},
    ),
    (
        "forget-ids",
        "forget",
        (),
        {"memory_ids": [UUID(MEMORY_ID), OTHER_ID], "action": "delete"},
        "POST",
        "/api/v1/memory/forget",
        {},
        {"action": "delete", "memory_ids": [MEMORY_ID, OTHER_ID]},
        {"success": True, "affected_count": 2, "message": ""},
    ),
    (
        "forget-query-before",
        "forget",
        (),
        {"query": "old address", "before": AT, "confirm": True},
        "POST",
        "/api/v1/memory/forget",
        {},
        {"action": "delete", "query": "old address", "before": "2026-11-21T21:54:44+00:00"},
        {"success": True, "affected_count": 0, "message": ""},
    ),
    ("stats", "stats", (), {}, "GET", "/api/v1/memory/stats", {}, None, stats_body()),
    (
        "create_session",
        "create_session",
        (),
        {"name": "onboarding", "ttl_hours": 48, "metadata": {"channel": "web"}},
        "POST",
        "/api/v1/session/create",
        {},
        {"ttl_hours": 48, "name": "onboarding", "metadata": {"channel": "web"}},
        {"session_id": "s1", "created_at": "2026-11-21T21:54:44+00:00"},
    ),
    (
        "create_session-defaults",
        "create_session",
        (),
        {},
        "POST",
        "/api/v1/session/create",
        {},
        {"ttl_hours": 24},
        {"session_id": "s1", "created_at": "2026-11-21T21:54:44+00:00"},
    ),
    (
        "get_session_context-quoted",
        "get_session_context",
        ("sess/with space",),
        {},
        "GET",
        "/api/v1/session/sess%2Fwith%20space/context",
        {},
        None,
        {"session_id": "sess/with space"},
    ),
    (
        "delete_all",
        "delete_all",
        (),
        {"confirm": True},
        "DELETE",
        "/api/v1/memory/all",
        {},
        None,
        {"affected_count": 3},
    ),
    (
        "consolidate",
        "consolidate",
        ("tenant-a",),
        {},
        "POST",
        "/api/v1/admin/consolidate/tenant-a",
        {},
        None,
        {"status": "completed"},
    ),
    (
        "run_forgetting-dry-run",
        "run_forgetting",
        ("tenant-a",),
        {},
        "POST",
        "/api/v1/admin/forget/tenant-a",
        {"dry_run": "true"},
        None,
        {"dry_run": True},
    ),
    (
        "run_forgetting-for-real",
        "run_forgetting",
        ("tenant-a",),
        {"dry_run": False},
        "POST",
        "/api/v1/admin/forget/tenant-a",
        {"dry_run": "false"},
        None,
        {"dry_run": False},
    ),
]


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "args", "kwargs", "http_method", "raw_path", "query", "expected", "answer"),
    [c[1:] for c in BODY_CASES],
    ids=[c[0] for c in BODY_CASES],
)
async def test_request_is_exactly_what_the_server_expects(
    make_client: MakeClient,
    httpx_mock: HTTPXMock,
    name: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    http_method: str,
    raw_path: str,
    query: dict[str, str],
    expected: Any,
    answer: Any,
) -> None:
    httpx_mock.add_response(json=answer)
    d = make_client()

    await d.call(name, *args, **kwargs)

    (request,) = httpx_mock.get_requests()
    assert request.method == http_method
    assert request.url.raw_path.split(b"?")[0] == raw_path.encode()
    assert f"{request.url.scheme}://{request.url.netloc.decode()}" == BASE_URL
    assert dict(request.url.params) == query
    if expected is None:
        assert request.content == b""
        assert "content-type" not in request.headers
    else:
        assert request.headers["content-type"] == "application/json"
        assert json.loads(request.content) == expected


@pytest.mark.anyio
async def test_metadata_null_values_are_sent_as_given(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    """``None`` arguments are omitted, but a null inside the caller's metadata is data and must reach the server."""
    httpx_mock.add_response(json=write_body())
    d = make_client()
    metadata = {"reviewed_by": None, "labels": ["a", None], "source": "chat"}

    await d.call("write", "hello", metadata=metadata)

    (request,) = httpx_mock.get_requests()
    assert json.loads(request.content) == {"content": "hello", "metadata": metadata}


@pytest.mark.anyio
async def test_read_stream_request(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=sse_body([]), headers=SSE_HEADERS)
    d = make_client()

    await d.stream("travel", max_results=3, since=AT)

    (request,) = httpx_mock.get_requests()
    assert request.method == "POST"
    assert request.url.path == "/api/v1/memory/read/stream"
    assert json.loads(request.content) == {
        "query": "travel",
        "max_results": 3,
        "format": "packet",
        "since": "2026-11-21T21:54:44+00:00",
    }


# --------------------------------------------------------------------------- typed results

RESULT_TYPES: dict[str, type | None] = {
    "health": None,
    "read": ReadResult,
    "stats": Stats,
    "get_session_context": SessionContext,
    "write": WriteResult,
    "write_batch": WriteBatchResult,
    "turn": TurnResult,
    "update": UpdateResult,
    "forget": ForgetResult,
    "create_session": CreateSessionResult,
    "delete_all": None,
    "consolidate": None,
    "run_forgetting": None,
}


@pytest.mark.anyio
@pytest.mark.parametrize("op", OP_CALLS, ids=str)
async def test_every_method_returns_its_typed_result_with_meta(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall
) -> None:
    body = op.body()
    httpx_mock.add_response(json=body, headers={"x-request-id": f"req-{op.name}"})
    d = make_client()

    result = await d.call_op(op)

    expected = RESULT_TYPES[op.name]
    if expected is None:  # the schema leaves these untyped: the body itself
        assert type(result) is dict
        assert result == body
    else:
        assert type(result) is expected
        assert isinstance(result.meta, ResponseMeta)
        assert result.meta.request_id == f"req-{op.name}"
        assert result.meta.retries == 0
        assert result.meta.status_code == 200
        assert result.meta.elapsed_ms >= 0


@pytest.mark.anyio
async def test_read_returns_memory_items(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    item = memory_item("User prefers dark mode", id=MEMORY_ID)
    httpx_mock.add_response(json=read_body("UI preferences", memories=[item]))
    d = make_client()

    result = await d.call("read", "UI preferences")

    assert type(result) is ReadResult
    assert len(result) == 1
    (memory,) = list(result)
    assert isinstance(memory, MemoryItem)
    assert memory.id == UUID(MEMORY_ID)
    assert memory.text == "User prefers dark mode"
    assert memory.type_ == "episodic_event"
    assert memory.relevance == 0.61
    assert memory.confidence == 0.8
    assert memory.timestamp == dt.datetime(2026, 11, 21, 21, 54, 44, 498721, tzinfo=dt.UTC)  # the server means UTC
    assert all(isinstance(m, MemoryItem) for m in result.episodes)
    assert result.total_count == 1
    assert result.query == "UI preferences"


@pytest.mark.anyio
async def test_read_llm_context_format(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    context = "## Preferences\n- User prefers dark mode"
    httpx_mock.add_response(json=read_body(llm_context=context))
    d = make_client()

    result = await d.call("read", "preferences", format="llm_context")

    assert type(result) is LLMContextReadResult
    assert isinstance(result, ReadResult)
    assert result.llm_context == context
    assert json.loads(httpx_mock.get_requests()[0].content)["format"] == "llm_context"
    assert "as llm_context" in str(result)


@pytest.mark.anyio
@pytest.mark.parametrize(
    "body", [read_body(llm_context=None), {k: v for k, v in read_body().items() if k != "llm_context"}]
)
async def test_read_llm_context_without_it_is_a_response_validation_error(
    make_client: MakeClient, httpx_mock: HTTPXMock, body: dict[str, Any]
) -> None:
    httpx_mock.add_response(json=body, headers={"x-request-id": "req-llm"})
    d = make_client()

    with pytest.raises(ResponseValidationError) as info:
        await d.call("read", "preferences", format="llm_context")

    assert "llm_context" in info.value.message
    assert info.value.request_id == "req-llm"


@pytest.mark.anyio
async def test_str_of_read_lists_the_top_memories(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    items = [
        memory_item(f"memory number {i}", type="semantic_fact" if i % 2 else "preference", relevance=0.9 - i / 10)
        for i in range(7)
    ]
    httpx_mock.add_response(json=read_body("what do I like", memories=items))
    d = make_client()

    text = str(await d.call("read", "what do I like"))

    lines = text.splitlines()
    assert "what do I like" in lines[0]
    assert "7 memories" in lines[0]
    assert "[preference] 0.90  memory number 0" in lines[1]
    assert "[semantic_fact] 0.80  memory number 1" in lines[2]
    assert "memory number 4" in text
    assert "memory number 5" not in text  # only the top five
    assert "2 more" in lines[-1]


@pytest.mark.anyio
async def test_str_of_write_shows_success_and_chunks(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=write_body(MEMORY_ID))
    httpx_mock.add_response(json=write_body(chunks_created=3))
    httpx_mock.add_response(json=write_body(success=False, chunks_created=0, memory_id=None, message="Rejected"))
    d = make_client()

    stored = str(await d.call("write", "hello"))
    three = str(await d.call("write", "hello"))
    failed = str(await d.call("write", "hello"))

    assert "stored" in stored
    assert "1 chunk" in stored and "1 chunks" not in stored
    assert MEMORY_ID in stored
    assert "\n" not in stored
    assert "3 chunks" in three
    assert "stored: " not in failed
    assert "fail" in failed or "not stored" in failed


@pytest.mark.anyio
async def test_str_of_stats_is_one_line(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body(by_type={"episodic_event": 3, "preference": 2}))
    d = make_client()

    text = str(await d.call("stats"))

    assert "\n" not in text
    assert text.startswith("5 memories")
    assert "episodic_event=3" in text and "preference=2" in text
    assert "5 active" in text


# --------------------------------------------------------------------------- per-call timeout


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("timeout", "expected"),
    [
        (7, dict.fromkeys(("connect", "read", "write", "pool"), 7.0)),
        (httpx.Timeout(45.0, connect=2.0), {"connect": 2.0, "read": 45.0, "write": 45.0, "pool": 45.0}),
        (100, dict.fromkeys(("connect", "read", "write", "pool"), 60.0)),  # never past the 60 s deadline
    ],
    ids=["seconds", "httpx.Timeout", "cut-to-deadline"],
)
async def test_per_call_timeout_reaches_the_request(
    make_client: MakeClient, httpx_mock: HTTPXMock, timeout: Any, expected: dict[str, float]
) -> None:
    httpx_mock.add_response(json=read_body(), is_reusable=True)
    d = make_client()

    await d.call("read", "q", timeout=timeout)
    await d.call("read", "q")

    with_timeout, default = httpx_mock.get_requests()
    assert with_timeout.extensions["timeout"] == expected
    assert default.extensions["timeout"] == {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


@pytest.mark.anyio
async def test_per_call_deadline_shortens_the_timeout(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats", deadline=12)

    (request,) = httpx_mock.get_requests()
    assert request.extensions["timeout"] == {"connect": 5.0, "read": 12.0, "write": 12.0, "pool": 12.0}


@pytest.mark.anyio
@pytest.mark.parametrize("timeout", [0, -3])
async def test_bad_per_call_timeout_sends_nothing(make_client: MakeClient, httpx_mock: HTTPXMock, timeout: int) -> None:
    d = make_client()

    with pytest.raises(ConfigurationError):
        await d.call("stats", timeout=timeout)

    assert httpx_mock.get_requests() == []


# --------------------------------------------------------------------------- read_stream


@pytest.mark.anyio
async def test_read_stream_yields_memory_items_then_done(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    first, second = memory_item("User prefers dark mode", id=MEMORY_ID), memory_item("User lives in Oslo")
    httpx_mock.add_response(content=sse_body([first, second]), headers=SSE_HEADERS)
    d = make_client()

    items = await d.stream("preferences")

    assert len(items) == 3
    assert all(isinstance(item, MemoryItem) for item in items[:2])
    assert items[0].id == UUID(MEMORY_ID)
    assert [item.text for item in items[:2]] == ["User prefers dark mode", "User lives in Oslo"]
    assert items[2] == {"total_count": 2, "elapsed_ms": 41.2, "retrieval_meta": {"sources_completed": ["vector"]}}


@pytest.mark.anyio
async def test_read_stream_error_event_raises_stream_error(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    payload = {"detail": "retrieval failed: vector store timeout"}
    httpx_mock.add_response(content=sse_body([memory_item("first")], error=payload), headers=SSE_HEADERS)
    d = make_client()
    seen: list[Any] = []

    with pytest.raises(StreamError) as info:
        await d.stream("preferences", into=seen)

    assert [item.text for item in seen] == ["first"]
    assert info.value.data == payload
    assert "retrieval failed: vector store timeout" in str(info.value)
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.anyio
async def test_read_stream_that_is_not_server_sent_events(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=read_body())
    d = make_client()

    with pytest.raises(ResponseValidationError):
        await d.stream("preferences")


@pytest.mark.anyio
async def test_read_stream_ignores_comments_and_blank_data(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = (
        b": keep-alive\n\n"
        + f"data: {json.dumps(memory_item('only one'))}\n\n".encode()
        + b'event: done\ndata: {"total_count": 1, "elapsed_ms": 3.0}\n\n'
    )
    httpx_mock.add_response(content=body, headers=SSE_HEADERS)
    d = make_client()

    items = await d.stream("q")

    assert [type(i) for i in items] == [MemoryItem, dict]
    assert items[1]["total_count"] == 1


@pytest.mark.anyio
async def test_read_stream_refused_raises_the_mapped_error(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    from cml_ergonomic import AuthenticationError

    httpx_mock.add_response(status_code=401, json={"detail": "Invalid API key"}, headers={"x-request-id": "req-s401"})
    d = make_client()

    with pytest.raises(AuthenticationError) as info:
        await d.stream("q")

    assert info.value.request_id == "req-s401"
    assert re.search(r"POST /api/v1/memory/read/stream failed with 401", info.value.message)
