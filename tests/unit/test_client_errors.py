"""How every server answer and transport failure becomes a typed error, for the sync and the async client.

Each error must carry what a user needs to act on it (status, body, request
id, method, URL, message, a specific suggestion) and must never be a raw
``JSONDecodeError``/``KeyError``/``TypeError``, whatever the body looks like.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import (
    APIStatusError,
    AuthenticationError,
    AuthorizationError,
    BadRequestError,
    CMLConnectionError,
    CMLError,
    CMLTimeoutError,
    ConflictError,
    NotFoundError,
    RateLimitError,
    ReadResult,
    ResponseValidationError,
    ServerError,
    ServiceUnavailableError,
    Stats,
    ValidationError,
    WriteResult,
)
from tests.unit.conftest import (
    ADMIN_KEY,
    API,
    BASE_URL,
    WRITE_OPS,
    Driver,
    OpCall,
    error_body,
    fastapi_422_body,
    memory_item,
    read_body,
    request_id,
    stats_body,
    write_body,
)

MakeClient = Callable[..., Driver]
WRITE_URL = API + "/memory/write"
MEMORY_ID = "3f1c2a7e-9b1d-4c55-8e0a-2b6f4d9c1e77"

# status -> (class, the server's string detail)
ERROR_TABLE: dict[int, tuple[type[CMLError], str]] = {
    400: (BadRequestError, "Invalid request: namespace must not contain '/'"),
    401: (AuthenticationError, "Invalid API key"),
    403: (AuthorizationError, "Admin API key required"),
    404: (NotFoundError, "Memory not found"),
    409: (ConflictError, "Memory was modified concurrently"),
    422: (ValidationError, "content must not be empty"),
    429: (RateLimitError, "Rate limit exceeded"),
    500: (ServerError, "Internal server error"),
    502: (ServerError, "Bad gateway"),
    503: (ServiceUnavailableError, "Database unavailable"),
    504: (ServerError, "Gateway timeout"),
}

NOT_RAW_PARSE_ERRORS = (json.JSONDecodeError, KeyError, TypeError, AttributeError, IndexError)


def assert_str_shows_everything(exc: CMLError, rid: str | None) -> None:
    text = str(exc)
    assert exc.message and exc.message in text
    assert exc.suggestion and exc.suggestion in text
    if rid is not None:
        assert rid in text


# --------------------------------------------------------------------------- the error table


@pytest.mark.anyio
@pytest.mark.parametrize("status", sorted(ERROR_TABLE))
async def test_string_detail_maps_to_typed_error(make_client: MakeClient, httpx_mock: HTTPXMock, status: int) -> None:
    cls, detail = ERROR_TABLE[status]
    rid = request_id()
    httpx_mock.add_response(status_code=status, json=error_body(detail), headers={"x-request-id": rid})
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("write", "User prefers dark mode")

    exc = info.value
    assert type(exc) is cls
    assert exc.status_code == status
    assert exc.response_body == {"detail": detail}
    assert exc.request_id == rid
    assert exc.method == "POST"
    assert exc.url == WRITE_URL
    assert str(status) in exc.message
    assert detail in exc.message
    assert_str_shows_everything(exc, rid)
    if status == 422:
        assert exc.errors == []
    else:
        assert isinstance(exc, APIStatusError)
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.anyio
@pytest.mark.parametrize("status", sorted(ERROR_TABLE))
async def test_fastapi_list_detail_maps_to_typed_error(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int
) -> None:
    cls, _ = ERROR_TABLE[status]
    rid = request_id()
    body = fastapi_422_body("content")
    httpx_mock.add_response(status_code=status, json=body, headers={"x-request-id": rid})
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("write", "User prefers dark mode")

    exc = info.value
    assert type(exc) is cls
    assert exc.status_code == status
    assert exc.response_body == body
    assert exc.request_id == rid
    assert exc.method == "POST"
    assert exc.url == WRITE_URL
    assert "content: String should have at least 1 character" in exc.message
    assert_str_shows_everything(exc, rid)


@pytest.mark.anyio
async def test_422_exposes_errors_and_field(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    body = fastapi_422_body("content")
    httpx_mock.add_response(status_code=422, json=body, headers={"x-request-id": "req-422"})
    d = make_client()

    with pytest.raises(ValidationError) as info:
        await d.call("write", "x")

    exc = info.value
    assert exc.errors == body["detail"]
    assert exc.field == "content"
    assert "content" in exc.suggestion
    assert "String should have at least 1 character" in exc.suggestion
    assert len(httpx_mock.get_requests()) == 1  # a 422 is never retried


# --------------------------------------------------------------------------- bodies that are not the server's JSON

HTML_PAGE = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
TRUNCATED = b'{"detail": "Database unavai'


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "cls"), [(502, ServerError), (401, AuthenticationError), (404, NotFoundError), (429, RateLimitError)]
)
async def test_html_error_page_from_a_proxy(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int, cls: type[APIStatusError]
) -> None:
    httpx_mock.add_response(status_code=status, html=HTML_PAGE, headers={"x-request-id": "req-html"})
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("stats")

    exc = info.value
    assert type(exc) is cls
    assert not isinstance(exc, NOT_RAW_PARSE_ERRORS)
    assert exc.response_body == HTML_PAGE
    assert "HTML page" in exc.message
    assert exc.request_id == "req-html"
    assert exc.status_code == status


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "cls"), [(500, ServerError), (503, ServiceUnavailableError), (400, BadRequestError)]
)
async def test_empty_error_body(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int, cls: type[APIStatusError]
) -> None:
    httpx_mock.add_response(status_code=status, content=b"", headers={"x-request-id": "req-empty"})
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("write", "hello")

    exc = info.value
    assert type(exc) is cls
    assert exc.response_body is None
    assert "no body" in exc.message
    assert exc.request_id == "req-empty"
    assert_str_shows_everything(exc, "req-empty")


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "cls"), [(503, ServiceUnavailableError), (409, ConflictError)])
async def test_truncated_json_error_body(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int, cls: type[APIStatusError]
) -> None:
    httpx_mock.add_response(
        status_code=status, content=TRUNCATED, headers={"x-request-id": "req-trunc", "content-type": "application/json"}
    )
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("write", "hello")

    exc = info.value
    assert type(exc) is cls
    assert not isinstance(exc, NOT_RAW_PARSE_ERRORS)
    assert exc.response_body == TRUNCATED.decode()
    assert TRUNCATED.decode() in exc.message


@pytest.mark.anyio
@pytest.mark.parametrize(
    "content",
    [HTML_PAGE.encode(), b"", TRUNCATED, b'{"success": true, "memory_id": "3f1c'],
    ids=["html", "empty", "truncated-error", "truncated-success"],
)
async def test_unreadable_2xx_body_is_response_validation_error(
    make_client: MakeClient, httpx_mock: HTTPXMock, content: bytes
) -> None:
    httpx_mock.add_response(status_code=200, content=content, headers={"x-request-id": "req-2xx"})
    d = make_client()

    with pytest.raises(ResponseValidationError) as info:
        await d.call("write", "hello")

    exc = info.value
    assert not isinstance(exc, NOT_RAW_PARSE_ERRORS)
    assert exc.request_id == "req-2xx"
    assert exc.suggestion
    assert len(httpx_mock.get_requests()) == 1  # a bad 2xx body is not a reason to resend a write


# --------------------------------------------------------------------------- specific suggestions


@pytest.mark.anyio
async def test_401_suggestion_names_both_ways_to_pass_the_key(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=401, json=error_body("Invalid API key"), headers={"x-request-id": "r1"})
    d = make_client()

    with pytest.raises(AuthenticationError) as info:
        await d.call("read", "preferences")

    assert "CML_API_KEY" in info.value.suggestion
    assert "api_key" in info.value.suggestion
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("delete_all", (), {"confirm": True}),
        ("consolidate", ("tenant-a",), {}),
        ("run_forgetting", ("tenant-a",), {}),
    ],
)
async def test_403_on_admin_operation_names_the_admin_key(
    make_client: MakeClient, httpx_mock: HTTPXMock, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> None:
    httpx_mock.add_response(status_code=403, json=error_body("Forbidden"), headers={"x-request-id": "r403"})
    d = make_client()

    with pytest.raises(AuthorizationError) as info:
        await d.call(name, *args, **kwargs)

    assert "admin_api_key" in info.value.suggestion
    assert "CML_ADMIN_API_KEY" in info.value.suggestion
    assert info.value.request_id == "r403"


@pytest.mark.anyio
async def test_404_on_update_names_the_memory(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=404, json=error_body("Memory not found"), headers={"x-request-id": "r404"})
    d = make_client()

    with pytest.raises(NotFoundError) as info:
        await d.call("update", MEMORY_ID, text="User prefers light mode")

    suggestion = info.value.suggestion
    assert "memory" in suggestion.lower()
    assert "resource" not in suggestion.lower()
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.anyio
async def test_404_on_session_names_the_session(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=404, json=error_body("Session not found"))
    d = make_client()

    with pytest.raises(NotFoundError) as info:
        await d.call("get_session_context", "sess-unknown")

    assert "session" in info.value.suggestion.lower()


@pytest.mark.anyio
async def test_429_with_retry_after_says_when_to_retry(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(
        status_code=429, json=error_body("Rate limit exceeded"), headers={"x-request-id": "r429", "Retry-After": "7"}
    )
    d = make_client(max_retries=0)

    with pytest.raises(RateLimitError) as info:
        await d.call("stats")

    assert info.value.retry_after == 7.0
    assert "7s" in info.value.suggestion
    assert "7s" in str(info.value)


@pytest.mark.anyio
async def test_429_without_retry_after_suggests_slowing_down(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=429, json=error_body("Rate limit exceeded"))
    d = make_client(max_retries=0)

    with pytest.raises(RateLimitError) as info:
        await d.call("stats")

    assert info.value.retry_after is None
    assert "retry" in info.value.suggestion.lower()


@pytest.mark.anyio
async def test_503_suggestion_mentions_the_backing_services(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=503, json=error_body("Service unavailable"))
    d = make_client(max_retries=0)

    with pytest.raises(ServiceUnavailableError) as info:
        await d.call("read", "preferences")

    assert "PostgreSQL" in info.value.suggestion
    assert "Redis" in info.value.suggestion


# --------------------------------------------------------------------------- transport failures


@pytest.mark.anyio
async def test_connection_refused_names_the_base_url(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ConnectError("[Errno 111] Connection refused"))
    d = make_client(max_retries=0)

    with pytest.raises(CMLConnectionError) as info:
        await d.call("stats")

    exc = info.value
    assert type(exc) is CMLConnectionError
    assert isinstance(exc, ConnectionError)
    assert not isinstance(exc, CMLTimeoutError)
    assert BASE_URL in exc.suggestion
    assert exc.may_have_been_applied is False
    assert "ConnectError" in exc.message
    assert isinstance(exc.__cause__, httpx.ConnectError)
    assert_str_shows_everything(exc, None)


@pytest.mark.anyio
async def test_read_timeout_on_a_write_says_it_may_have_been_applied(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"))
    d = make_client()

    with pytest.raises(CMLTimeoutError) as info:
        await d.call("write", "User prefers dark mode")

    exc = info.value
    assert isinstance(exc, TimeoutError)
    assert isinstance(exc, ConnectionError)
    assert exc.may_have_been_applied is True
    assert "may have been applied" in exc.suggestion
    assert "read it back" in exc.suggestion.lower()
    assert len(httpx_mock.get_requests()) == 1


@pytest.mark.anyio
async def test_read_timeout_on_a_read_is_a_timeout_error(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_exception(httpx.ReadTimeout("timed out"))
    d = make_client(max_retries=0)

    with pytest.raises(TimeoutError) as info:
        await d.call("read", "preferences")

    assert type(info.value) is CMLTimeoutError
    assert "may have been applied" not in info.value.suggestion


def test_connection_errors_are_builtin_exceptions() -> None:
    assert issubclass(CMLConnectionError, ConnectionError)
    assert issubclass(CMLTimeoutError, TimeoutError)
    assert issubclass(CMLTimeoutError, CMLConnectionError)
    assert issubclass(CMLConnectionError, CMLError)
    assert not issubclass(CMLConnectionError, TimeoutError)


# --------------------------------------------------------------------------- 2xx bodies against the schema


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "args", "body"),
    [
        ("write", ("hello",), {k: v for k, v in write_body().items() if k != "success"}),
        ("read", ("q",), {k: v for k, v in read_body().items() if k != "total_count"}),
        ("read", ("q",), read_body(memories=[{k: v for k, v in memory_item().items() if k != "id"}])),
        ("stats", (), {k: v for k, v in stats_body().items() if k != "by_type"}),
        ("stats", (), {}),
        ("write", ("hello",), []),
        ("write", ("hello",), "stored"),
    ],
    ids=[
        "write-no-success",
        "read-no-total_count",
        "memory-no-id",
        "stats-no-by_type",
        "stats-empty",
        "write-list",
        "write-string",
    ],
)
async def test_2xx_body_missing_a_required_field(
    make_client: MakeClient, httpx_mock: HTTPXMock, name: str, args: tuple[Any, ...], body: Any
) -> None:
    httpx_mock.add_response(json=body, headers={"x-request-id": "req-schema"})
    d = make_client()

    with pytest.raises(ResponseValidationError) as info:
        await d.call(name, *args)

    assert not isinstance(info.value, NOT_RAW_PARSE_ERRORS)
    assert info.value.response_body == body
    assert info.value.request_id == "req-schema"


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("name", "args", "body"),
    [
        ("read", ("q",), read_body(memories="none")),
        ("read", ("q",), read_body(memories=[memory_item(id=42)])),
        ("read", ("q",), read_body(memories=[memory_item(timestamp=12345)])),
        ("write", ("hello",), write_body(success="yes")),
        ("write", ("hello",), write_body(chunks_created="one")),
        ("read", ("q",), read_body(total_count="1")),
        ("stats", (), stats_body(total_memories="five")),
    ],
    ids=[
        "memories-not-a-list",
        "memory-id-int",
        "memory-timestamp-int",
        "write-success-str",
        "write-chunks-str",
        "read-total_count-str",
        "stats-total-str",
    ],
)
async def test_2xx_body_with_a_wrong_type(
    make_client: MakeClient, httpx_mock: HTTPXMock, name: str, args: tuple[Any, ...], body: Any
) -> None:
    httpx_mock.add_response(json=body, headers={"x-request-id": "req-type"})
    d = make_client()

    with pytest.raises(ResponseValidationError) as info:
        await d.call(name, *args)

    assert not isinstance(info.value, NOT_RAW_PARSE_ERRORS)
    assert info.value.request_id == "req-type"


@pytest.mark.anyio
async def test_unknown_extra_fields_are_accepted(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    mid = "5d0f1f5e-3b44-4a39-9a51-0d7f6f0c8a11"
    httpx_mock.add_response(json=write_body(mid, new_server_field={"x": 1}, trace="abc"))
    httpx_mock.add_response(json=read_body(memories=[memory_item(embedding_model="e5", score_breakdown={})]))
    httpx_mock.add_response(json=stats_body(by_namespace={"default": 5}))
    d = make_client()

    written = await d.call("write", "hello")
    read = await d.call("read", "preferences")
    stats = await d.call("stats")

    assert isinstance(written, WriteResult)
    assert written.success is True
    assert str(written.memory_id) == mid
    assert written.additional_properties == {"new_server_field": {"x": 1}, "trace": "abc"}
    assert isinstance(read, ReadResult)
    assert read.memories[0].text == "User prefers dark mode"
    assert read.memories[0].additional_properties == {"embedding_model": "e5", "score_breakdown": {}}
    assert isinstance(stats, Stats)
    assert stats.total_memories == 5


# ------------------------------------------------------------------ advice after a failure that may have applied


def tells_to_read_back_first(suggestion: str) -> bool:
    """The advice for a change that may have been applied: look first, never "retry"."""
    text = suggestion.lower()
    return (
        "may have been applied" in text
        and re.search(r"read it back before you resend", text) is not None
        and re.search(r"\bretry\b", text) is None  # "retry later" is what duplicates a write
    )


def tells_to_retry(suggestion: str) -> bool:
    text = suggestion.lower()
    return re.search(r"\bretry\b", text) is not None and "may have been applied" not in text


AFTER_SENDING: dict[str, Callable[[HTTPXMock], None]] = {
    "500": lambda mock: mock.add_response(status_code=500, json=error_body("Internal server error")),
    "502": lambda mock: mock.add_response(status_code=502, json=error_body("Bad gateway")),
    "504": lambda mock: mock.add_response(status_code=504, json=error_body("Gateway timeout")),
    "reset after sending": lambda mock: mock.add_exception(httpx.ReadError("[Errno 104] Connection reset by peer")),
    "disconnected": lambda mock: mock.add_exception(
        httpx.RemoteProtocolError("Server disconnected without sending a response.")
    ),
    "read timeout": lambda mock: mock.add_exception(httpx.ReadTimeout("timed out")),
}


@pytest.mark.anyio
@pytest.mark.parametrize("failure", AFTER_SENDING)
@pytest.mark.parametrize("op", WRITE_OPS, ids=str)
async def test_a_mutating_call_that_may_have_been_applied_says_to_read_back_first(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall, failure: str
) -> None:
    AFTER_SENDING[failure](httpx_mock)
    d = make_client(admin_api_key=ADMIN_KEY)

    with pytest.raises(CMLError) as info:
        await d.call_op(op)

    exc = info.value
    assert tells_to_read_back_first(exc.suggestion), f"{op} after {failure}: {exc.suggestion!r}"
    assert exc.suggestion in str(exc)
    if isinstance(exc, CMLConnectionError):
        assert exc.may_have_been_applied is True
    assert len(httpx_mock.get_requests()) == 1  # and it was not retried


@pytest.mark.anyio
@pytest.mark.parametrize("failure", AFTER_SENDING)
async def test_a_read_that_failed_the_same_way_says_to_retry(
    make_client: MakeClient, httpx_mock: HTTPXMock, failure: str
) -> None:
    AFTER_SENDING[failure](httpx_mock)
    d = make_client(max_retries=0)

    with pytest.raises(CMLError) as info:
        await d.call("read", "preferences")

    assert tells_to_retry(info.value.suggestion), info.value.suggestion


@pytest.mark.anyio
@pytest.mark.parametrize("status", [408, 429, 503])
async def test_a_write_the_server_refused_may_be_retried(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int
) -> None:
    httpx_mock.add_response(status_code=status, json=error_body("busy"), is_reusable=True)
    d = make_client(max_retries=0)

    with pytest.raises(APIStatusError) as info:
        await d.call("write", "User prefers dark mode")

    assert "may have been applied" not in info.value.suggestion  # refused: nothing was applied


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("memories", "", r"field 'memories' is str '', expected a list of memory objects"),
        ("memories", "User prefers dark mode", r"field 'memories' is str 'User prefers .*expected a list of memory"),
        ("memories", ["User prefers dark mode"], r"field 'memories'\[0\] is str 'User pre.*expected a memory object"),
        ("memories", {"id": "x"}, r"field 'memories' is dict .*expected a list of memory objects"),
        ("facts", ["a fact"], r"field 'facts'\[0\] is str .*expected a memory object"),
        ("episodes", "oops", r"field 'episodes' is str .*expected a list of memory objects"),
    ],
    ids=["empty-string", "string", "list-of-strings", "object", "facts-list-of-strings", "episodes-string"],
)
@pytest.mark.parametrize("format", ["packet", "llm_context"])
async def test_a_read_whose_memories_are_not_objects_names_the_field(
    make_client: MakeClient, httpx_mock: HTTPXMock, field: str, value: Any, expected: str, format: str
) -> None:
    body = read_body(llm_context="## Memories", **{field: value})
    httpx_mock.add_response(json=body, headers={"x-request-id": "req-shape"})
    d = make_client()

    with pytest.raises(ResponseValidationError) as info:
        await d.call("read", "q", format=format)

    assert re.search(expected, info.value.message), info.value.message
    assert "dictionary update sequence" not in info.value.message
    assert info.value.request_id == "req-shape"
