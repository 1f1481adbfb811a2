"""The retry policy, observed from outside: requests the server saw, sleeps taken, retries reported.

Reads are retried on any transient failure; writes only when the server
cannot have applied them. Every client runs on a fake clock, so no test
sleeps and every sleep can be asserted exactly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import (
    APIStatusError,
    AuthenticationError,
    AuthorizationError,
    CMLConnectionError,
    CMLError,
    CMLTimeoutError,
    NotFoundError,
    RateLimitError,
    ServerError,
    ServiceUnavailableError,
    ValidationError,
)
from cml_ergonomic._retry import backoff
from tests.unit.conftest import (
    READ_OPS,
    WALL_START,
    WRITE_OPS,
    Driver,
    OpCall,
    error_body,
    fastapi_422_body,
    stats_body,
    write_body,
)

MakeClient = Callable[..., Driver]

TRANSPORT_ERRORS: dict[str, Callable[[], Exception]] = {
    "ConnectError": lambda: httpx.ConnectError("[Errno 111] Connection refused"),
    "ConnectTimeout": lambda: httpx.ConnectTimeout("timed out while connecting"),
    "PoolTimeout": lambda: httpx.PoolTimeout("no connection available in the pool"),
    "ReadTimeout": lambda: httpx.ReadTimeout("timed out while reading"),
    "RemoteProtocolError": lambda: httpx.RemoteProtocolError("Server disconnected without sending a response."),
}
Failure = str | int

READ_RETRIED: tuple[Failure, ...] = (
    "ConnectError",
    "ConnectTimeout",
    "ReadTimeout",
    "RemoteProtocolError",
    408,
    429,
    500,
    502,
    503,
    504,
)
WRITE_RETRIED: tuple[Failure, ...] = ("ConnectError", "ConnectTimeout", "PoolTimeout", 408, 429, 503)
WRITE_NOT_RETRIED: tuple[Failure, ...] = ("ReadTimeout", "RemoteProtocolError", 500, 502, 504)
NEVER_RETRIED = (
    (401, AuthenticationError),
    (403, AuthorizationError),
    (404, NotFoundError),
    (422, ValidationError),
)


def add_failure(httpx_mock: HTTPXMock, failure: Failure, *, reusable: bool = False, **headers: str) -> None:
    if isinstance(failure, str):
        httpx_mock.add_exception(TRANSPORT_ERRORS[failure](), is_reusable=reusable)
    else:
        body = fastapi_422_body() if failure == 422 else error_body(f"HTTP {failure} from the test server")
        httpx_mock.add_response(
            status_code=failure, json=body, headers={"x-request-id": f"req-{failure}", **headers}, is_reusable=reusable
        )


def expected_error(failure: Failure) -> type[CMLError]:
    if isinstance(failure, str):
        return CMLTimeoutError if "Timeout" in failure else CMLConnectionError
    return {429: RateLimitError, 503: ServiceUnavailableError}.get(
        failure, ServerError if failure >= 500 else APIStatusError
    )


def requests_seen(httpx_mock: HTTPXMock) -> int:
    return len(httpx_mock.get_requests())


def assert_backoff(sleeps: list[float]) -> None:
    """Each sleep lies within [0.5*base, base] with base = 0.5 * 2**(n-1), capped at 8 s."""
    for n, slept in enumerate(sleeps, start=1):
        base = min(8.0, 0.5 * 2 ** (n - 1))
        assert 0.5 * base <= slept <= base, (n, slept, base)


# --------------------------------------------------------------------------- reads


@pytest.mark.anyio
@pytest.mark.parametrize("failure", READ_RETRIED, ids=str)
@pytest.mark.parametrize("op", READ_OPS, ids=str)
async def test_read_is_retried_then_succeeds(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall, failure: Failure
) -> None:
    add_failure(httpx_mock, failure)
    httpx_mock.add_response(json=op.body(), headers={"x-request-id": "req-ok"})
    d = make_client()

    result = await d.call_op(op)

    assert requests_seen(httpx_mock) == 2
    assert len(d.clock.sleeps) == 1
    assert_backoff(d.clock.sleeps)
    if hasattr(result, "meta"):
        assert result.meta.retries == 1
        assert result.meta.request_id == "req-ok"


@pytest.mark.anyio
@pytest.mark.parametrize("failure", READ_RETRIED, ids=str)
async def test_read_gives_up_after_max_retries(
    make_client: MakeClient, httpx_mock: HTTPXMock, failure: Failure
) -> None:
    add_failure(httpx_mock, failure, reusable=True)
    d = make_client()

    with pytest.raises(CMLError) as info:
        await d.call("read", "preferences")

    assert type(info.value) is expected_error(failure)
    assert requests_seen(httpx_mock) == 3  # default max_retries=2: three attempts
    assert len(d.clock.sleeps) == 2
    assert info.value.retries == 2


# --------------------------------------------------------------------------- writes


@pytest.mark.anyio
@pytest.mark.parametrize("failure", WRITE_RETRIED, ids=str)
@pytest.mark.parametrize("op", WRITE_OPS, ids=str)
async def test_write_is_retried_when_it_cannot_have_been_applied(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall, failure: Failure
) -> None:
    add_failure(httpx_mock, failure)
    httpx_mock.add_response(json=op.body(), headers={"x-request-id": "req-ok"})
    d = make_client()

    result = await d.call_op(op)

    assert requests_seen(httpx_mock) == 2
    assert len(d.clock.sleeps) == 1
    if hasattr(result, "meta"):
        assert result.meta.retries == 1


@pytest.mark.anyio
@pytest.mark.parametrize("failure", WRITE_NOT_RETRIED, ids=str)
@pytest.mark.parametrize("op", WRITE_OPS, ids=str)
async def test_write_is_not_retried_when_it_may_have_been_applied(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall, failure: Failure
) -> None:
    add_failure(httpx_mock, failure)
    d = make_client()

    with pytest.raises(CMLError) as info:
        await d.call_op(op)

    assert type(info.value) is expected_error(failure)
    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retries == 0
    if isinstance(info.value, CMLConnectionError):
        assert info.value.may_have_been_applied is True
        assert "may have been applied" in info.value.suggestion


@pytest.mark.anyio
@pytest.mark.parametrize("failure", ["ReadTimeout", "RemoteProtocolError", 500, 502, 504], ids=str)
@pytest.mark.parametrize("op", WRITE_OPS, ids=str)
async def test_idempotent_write_is_retried_like_a_read(
    make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall, failure: Failure
) -> None:
    add_failure(httpx_mock, failure)
    httpx_mock.add_response(json=op.body())
    d = make_client()

    result = await d.call_op(op, idempotent=True)

    assert requests_seen(httpx_mock) == 2
    assert len(d.clock.sleeps) == 1
    if hasattr(result, "meta"):
        assert result.meta.retries == 1


@pytest.mark.anyio
async def test_write_gives_up_after_max_retries(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, "ConnectError", reusable=True)
    d = make_client()

    with pytest.raises(CMLConnectionError) as info:
        await d.call("write", "hello")

    assert requests_seen(httpx_mock) == 3
    assert len(d.clock.sleeps) == 2
    assert info.value.retries == 2
    assert info.value.may_have_been_applied is False


# --------------------------------------------------------------------------- how many times


@pytest.mark.anyio
async def test_max_retries_zero_on_the_client(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 503)
    d = make_client(max_retries=0)

    with pytest.raises(ServiceUnavailableError) as info:
        await d.call("stats")

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retries == 0


@pytest.mark.anyio
@pytest.mark.parametrize(("client_retries", "call_retries"), [(2, 0), (0, 1), (0, 4), (5, 3)])
async def test_per_call_max_retries_overrides_the_client(
    make_client: MakeClient, httpx_mock: HTTPXMock, client_retries: int, call_retries: int
) -> None:
    add_failure(httpx_mock, 503, reusable=True)
    d = make_client(max_retries=client_retries)

    with pytest.raises(ServiceUnavailableError) as info:
        await d.call("stats", max_retries=call_retries)

    assert requests_seen(httpx_mock) == call_retries + 1
    assert len(d.clock.sleeps) == call_retries
    assert info.value.retries == call_retries


@pytest.mark.anyio
async def test_default_is_two_retries_three_attempts(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 502, reusable=True)
    d = make_client()

    with pytest.raises(ServerError) as info:
        await d.call("stats")

    assert d.client.config.max_retries == 2
    assert requests_seen(httpx_mock) == 3
    assert info.value.retries == 2


@pytest.mark.anyio
async def test_success_after_two_retries_reports_them(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 503)
    add_failure(httpx_mock, "ConnectError")
    httpx_mock.add_response(json=stats_body(), headers={"x-request-id": "req-third"})
    d = make_client()

    result = await d.call("stats")

    assert requests_seen(httpx_mock) == 3
    assert result.meta.retries == 2
    assert result.meta.request_id == "req-third"
    assert result.meta.status_code == 200


# --------------------------------------------------------------------------- how long


def test_backoff_formula() -> None:
    low, high = (lambda: 0.0), (lambda: 1.0)
    assert [backoff(n, rng=low) for n in range(1, 8)] == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
    assert [backoff(n, rng=high) for n in range(1, 8)] == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert backoff(30, rng=high) == 8.0
    assert backoff(3, rng=lambda: 0.5) == 1.5


@pytest.mark.anyio
async def test_backoff_is_exponential_with_jitter_and_capped(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 503, reusable=True)
    d = make_client(max_retries=7, deadline=1000)

    with pytest.raises(ServiceUnavailableError):
        await d.call("stats")

    sleeps = d.clock.sleeps
    assert len(sleeps) == 7
    assert requests_seen(httpx_mock) == 8
    assert_backoff(sleeps)
    assert max(sleeps) <= 8.0
    assert sleeps[5] >= 4.0 and sleeps[6] >= 4.0  # capped at 8 s, jittered down to at most half
    bases = [min(8.0, 0.5 * 2**n) for n in range(7)]
    assert len({round(s / b, 9) for s, b in zip(sleeps, bases, strict=True)}) > 1  # jitter: not a fixed fraction


@pytest.mark.anyio
@pytest.mark.parametrize("status", [429, 503])
async def test_retry_after_seconds_is_honoured_exactly(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int
) -> None:
    add_failure(httpx_mock, status, **{"Retry-After": "3"})
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    result = await d.call("stats")

    assert d.clock.sleeps == [3.0]
    assert result.meta.retries == 1


@pytest.mark.anyio
async def test_retry_after_http_date_is_honoured_exactly(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    when = format_datetime(WALL_START + timedelta(seconds=7), usegmt=True)
    add_failure(httpx_mock, 429, **{"Retry-After": when})
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    assert d.clock.sleeps == [7.0]


@pytest.mark.anyio
async def test_retry_after_ms_is_honoured_exactly(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"retry-after-ms": "1500"})
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    assert d.clock.sleeps == [1.5]


@pytest.mark.anyio
async def test_retry_after_ms_wins_over_retry_after(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"retry-after-ms": "250", "Retry-After": "9"})
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    assert d.clock.sleeps == [0.25]


@pytest.mark.anyio
async def test_retry_after_on_a_write_429_is_honoured(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"Retry-After": "2"})
    httpx_mock.add_response(json=write_body())
    d = make_client()

    result = await d.call("write", "hello")

    assert d.clock.sleeps == [2.0]
    assert result.meta.retries == 1


@pytest.mark.anyio
async def test_absent_retry_after_uses_backoff(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429)
    add_failure(httpx_mock, 429)
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    assert len(d.clock.sleeps) == 2
    assert_backoff(d.clock.sleeps)


@pytest.mark.anyio
async def test_retry_after_above_the_cap_raises_at_once(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"Retry-After": "120"})
    d = make_client()

    with pytest.raises(RateLimitError) as info:
        await d.call("stats")

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retry_after == 120.0
    assert info.value.retries == 0


@pytest.mark.anyio
async def test_retry_after_cap_is_configurable(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"Retry-After": "6"})
    d = make_client(retry_after_cap=5)

    with pytest.raises(RateLimitError) as info:
        await d.call("stats")

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retry_after == 6.0


@pytest.mark.anyio
async def test_retry_after_at_the_cap_is_slept(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"Retry-After": "60"})
    httpx_mock.add_response(json=stats_body())
    d = make_client(deadline=120)

    await d.call("stats")

    assert d.clock.sleeps == [60.0]


@pytest.mark.anyio
async def test_retry_after_beyond_the_deadline_raises_at_once(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, 429, **{"Retry-After": "30"})
    d = make_client()

    with pytest.raises(RateLimitError) as info:
        await d.call("stats", deadline=10)

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retry_after == 30.0
    assert "deadline" in info.value.suggestion


@pytest.mark.anyio
async def test_deadline_stops_retries_when_the_next_sleep_would_pass_it(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    add_failure(httpx_mock, 503, reusable=True, **{"Retry-After": "2"})
    d = make_client(max_retries=10)

    with pytest.raises(ServiceUnavailableError) as info:
        await d.call("stats", deadline=5)

    # t=0 attempt, sleep 2; t=2 attempt, sleep 2; t=4 attempt: 1 s left < 2 s sleep -> give up
    assert d.clock.sleeps == [2.0, 2.0]
    assert requests_seen(httpx_mock) == 3
    assert info.value.retries == 2
    assert "deadline" in info.value.suggestion


@pytest.mark.anyio
async def test_deadline_shorter_than_the_first_backoff(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    add_failure(httpx_mock, "ConnectError", reusable=True)
    d = make_client(deadline=0.2)

    with pytest.raises(CMLConnectionError) as info:
        await d.call("stats")

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retries == 0


# --------------------------------------------------------------------------- never retried


@pytest.mark.anyio
@pytest.mark.parametrize(("status", "cls"), NEVER_RETRIED, ids=[str(s) for s, _ in NEVER_RETRIED])
@pytest.mark.parametrize(("name", "args", "kwargs"), [("stats", (), {}), ("write", ("hi",), {"idempotent": True})])
async def test_client_errors_are_never_retried(
    make_client: MakeClient,
    httpx_mock: HTTPXMock,
    status: int,
    cls: type[CMLError],
    name: str,
    args: tuple[str, ...],
    kwargs: dict[str, bool],
) -> None:
    add_failure(httpx_mock, status)
    d = make_client(max_retries=5)

    with pytest.raises(cls) as info:
        await d.call(name, *args, **kwargs)

    assert requests_seen(httpx_mock) == 1
    assert d.clock.sleeps == []
    assert info.value.retries == 0


# --------------------------------------------------------------------------- logging


@pytest.mark.anyio
async def test_each_retry_is_logged_at_warning(
    make_client: MakeClient, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cml_ergonomic")
    add_failure(httpx_mock, 503, **{"Retry-After": "2"})
    add_failure(httpx_mock, "ConnectError")
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name.startswith("cml_ergonomic")]
    assert len(warnings) == 2
    first, second = (r.getMessage() for r in warnings)
    assert "GET /api/v1/memory/stats" in first
    assert "retry 1 of 2" in first
    assert "HTTP 503" in first
    assert "2.00s" in first
    assert "retry 2 of 2" in second
    assert "ConnectError" in second
    assert f"{d.clock.sleeps[1]:.2f}s" in second


@pytest.mark.anyio
async def test_no_warning_when_nothing_is_retried(
    make_client: MakeClient, httpx_mock: HTTPXMock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cml_ergonomic")
    add_failure(httpx_mock, 500)
    d = make_client()

    with pytest.raises(ServerError):
        await d.call("write", "hello")

    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
