"""Status codes and 2xx bodies from the fault server: what is retried, how long the client waits, what it raises."""

from __future__ import annotations

import json
from datetime import timedelta
from email.utils import format_datetime
from typing import Any

import pytest

from cml_ergonomic import (
    AuthenticationError,
    AuthorizationError,
    CMLError,
    NotFoundError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    ServiceUnavailableError,
    ValidationError,
)
from tests.faults.checks import assert_backoffs, assert_within, expect_error, expect_result
from tests.faults.conftest import OPS, READ, WALL_START, WRITE, MakeClient, Op
from tests.faults.faultserver import READ_PATH, WRITE_PATH, FaultServer, memory_item, ok, reply, without

pytestmark = pytest.mark.anyio

DEADLINE = 10.0
RETRIES = 2


# --------------------------------------------------------------------------- 5xx


@pytest.mark.parametrize("status", [500, 502, 503, 504])
async def test_5xx_twice_then_success_on_a_read(make_client: MakeClient, server: FaultServer, status: int) -> None:
    server.script(READ_PATH, reply(status), reply(status))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(READ.name, *READ.args, deadline=DEADLINE)

    result = expect_result(out)
    assert result.meta.retries == 2
    assert result.meta.status_code == 200
    assert result.meta.request_id == "req-1-3"  # the third answer on the one keep-alive connection
    assert server.count(READ_PATH) == 3
    assert len(out.sleeps) == 2
    assert_backoffs(out.sleeps)
    assert_within(out, DEADLINE)


async def test_503_twice_then_success_on_a_write_is_retried(make_client: MakeClient, server: FaultServer) -> None:
    server.script(WRITE_PATH, reply(503), reply(503))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(WRITE.name, *WRITE.args, deadline=DEADLINE)

    result = expect_result(out)
    assert result.success is True
    assert result.meta.retries == 2
    # A 503 is a refusal: nothing was applied, so the two refused copies and the accepted one are all there is.
    assert server.copies(WRITE_PATH, content=WRITE.args[0]) == 3
    assert_backoffs(out.sleeps)
    assert len(out.sleeps) == 2
    assert_within(out, DEADLINE)


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_5xx_on_a_write_raises_at_once(make_client: MakeClient, server: FaultServer, status: int) -> None:
    server.script(WRITE_PATH, reply(status))  # then a success, which must never be asked for
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(WRITE.name, *WRITE.args, deadline=DEADLINE)

    exc = expect_error(out, ServerError)
    assert exc.status_code == status
    assert exc.retries == 0
    assert server.copies(WRITE_PATH, content=WRITE.args[0]) == 1
    assert out.sleeps == []
    assert_within(out, DEADLINE)


async def test_503_on_every_attempt_of_a_read_raises_after_the_retries(
    make_client: MakeClient, server: FaultServer
) -> None:
    server.always(READ_PATH, reply(503))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(READ.name, *READ.args, deadline=DEADLINE)

    exc = expect_error(out, ServiceUnavailableError)
    assert exc.retries == RETRIES
    assert server.count(READ_PATH) == RETRIES + 1
    assert_backoffs(out.sleeps)
    assert_within(out, DEADLINE)


# --------------------------------------------------------------------------- 429 and Retry-After


def http_date(seconds: float) -> str:
    """An HTTP date ``seconds`` after the test clock's wall time at the start of a test."""
    return format_datetime(WALL_START + timedelta(seconds=seconds), usegmt=True)


RETRY_AFTER_CASES: dict[str, tuple[dict[str, str], float | None]] = {
    # name: (headers of the 429, the sleep expected before the retry; None: the jittered backoff)
    "seconds": ({"Retry-After": "2"}, 2.0),
    "http-date": ({"Retry-After": http_date(3)}, 3.0),
    "milliseconds": ({"retry-after-ms": "1500"}, 1.5),
    "absent": ({}, None),
}


@pytest.mark.parametrize("op", OPS, ids=str)
@pytest.mark.parametrize("case", list(RETRY_AFTER_CASES))
async def test_429_waits_as_asked_then_succeeds(
    make_client: MakeClient, server: FaultServer, op: Op, case: str
) -> None:
    headers, expected_sleep = RETRY_AFTER_CASES[case]
    server.script(op.path, reply(429, {"detail": "Rate limit exceeded"}, headers=headers))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(op.name, *op.args, deadline=DEADLINE)

    result = expect_result(out)
    assert result.meta.retries == 1
    assert server.count(op.path) == 2  # a 429 is a refusal: a write is retried too
    assert len(out.sleeps) == 1
    if expected_sleep is None:
        assert_backoffs(out.sleeps)
    else:
        assert out.sleeps[0] == pytest.approx(expected_sleep)
    assert_within(out, DEADLINE)


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_429_asking_for_more_than_the_cap_raises_at_once(
    make_client: MakeClient, server: FaultServer, op: Op
) -> None:
    server.script(op.path, reply(429, {"detail": "Rate limit exceeded"}, headers={"Retry-After": "3600"}))
    d = make_client(server.url, max_retries=RETRIES)  # retry_after_cap: the default 60 s

    out = await d.run(op.name, *op.args, deadline=4000)  # the deadline would allow it; the cap does not

    exc = expect_error(out, RateLimitError)
    assert exc.retry_after == 3600
    assert exc.retries == 0
    assert "cap" in exc.suggestion
    assert server.count(op.path) == 1
    assert out.sleeps == []
    assert_within(out, 4000)


# --------------------------------------------------------------------------- 4xx: never retried

FASTAPI_422 = {"detail": [{"loc": ["body", "content"], "msg": "Field required", "type": "missing"}]}
CLIENT_ERRORS: dict[int, tuple[type[CMLError], Any]] = {
    401: (AuthenticationError, {"detail": "Invalid API key"}),
    403: (AuthorizationError, {"detail": "Admin API key required"}),
    404: (NotFoundError, {"detail": "Not Found"}),
    422: (ValidationError, FASTAPI_422),
}


@pytest.mark.parametrize("op", OPS, ids=str)
@pytest.mark.parametrize("status", sorted(CLIENT_ERRORS))
async def test_4xx_is_never_retried(make_client: MakeClient, server: FaultServer, op: Op, status: int) -> None:
    cls, body = CLIENT_ERRORS[status]
    server.always(op.path, reply(status, body))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(op.name, *op.args, deadline=DEADLINE)

    exc = expect_error(out, cls)
    assert exc.status_code == status
    assert exc.retries == 0
    assert server.count(op.path) == 1
    assert out.sleeps == []
    assert_within(out, DEADLINE)


# --------------------------------------------------------------------------- 2xx bodies that break the schema

UUID_TEXT = "3f1c2a7e-9b1d-4c55-8e0a-2b6f4d9c1e77"
BAD_BODIES: dict[str, tuple[Op, Any]] = {
    # missing required fields
    "read-missing-memories": (READ, without("memories")),
    "read-missing-total_count": (READ, without("total_count")),
    "write-missing-success": (WRITE, without("success")),
    # wrong types
    "read-memories-is-a-string": (READ, ok(memories="none")),
    "read-memories-is-an-object": (READ, ok(memories={})),
    "read-total_count-is-a-string": (READ, ok(total_count="many")),
    "read-item-id-is-not-a-uuid": (READ, ok(memories=[memory_item(id="mem-1")])),
    "read-item-text-is-a-number": (READ, ok(memories=[memory_item(text=42)])),
    "write-success-is-a-string": (WRITE, ok(success="yes")),
    "write-chunks_created-is-a-string": (WRITE, ok(chunks_created="one")),
    "write-memory_id-is-not-a-uuid": (WRITE, ok(memory_id="mem-1")),
}


@pytest.mark.parametrize("case", list(BAD_BODIES))
async def test_2xx_body_that_breaks_the_schema(make_client: MakeClient, server: FaultServer, case: str) -> None:
    op, behaviour = BAD_BODIES[case]
    server.always(op.path, behaviour)
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(op.name, *op.args, deadline=DEADLINE)

    exc = expect_error(out, ResponseValidationError)
    assert "does not match the schema" in exc.message
    assert isinstance(exc.response_body, dict)
    assert server.count(op.path) == 1  # never retried: asking again gets the same body
    assert out.sleeps == []


@pytest.mark.parametrize("op", OPS, ids=str)
async def test_2xx_body_with_unknown_extra_fields_is_accepted(
    make_client: MakeClient, server: FaultServer, op: Op
) -> None:
    extra = {"added_in_a_later_server": {"nested": [1, 2]}, "shard": 7}
    if op is READ:
        server.always(op.path, ok(memories=[memory_item(score_breakdown={"vector": 0.5})], **extra))
    else:
        server.always(op.path, ok(memory_id=UUID_TEXT, **extra))
    d = make_client(server.url, max_retries=RETRIES)

    out = await d.run(op.name, *op.args, deadline=DEADLINE)

    result = expect_result(out)
    assert result.additional_properties == extra
    if op is READ:
        assert result.total_count == 1
        assert result.memories[0].text == "User prefers dark mode"
        assert result.memories[0].additional_properties == {"score_breakdown": {"vector": 0.5}}
    else:
        assert str(result.memory_id) == UUID_TEXT
        assert result.chunks_created == 1
    assert server.count(op.path) == 1
    assert json.loads(server.received(op.path)[0].body)  # the request itself was well formed
