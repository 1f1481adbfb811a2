"""``read_safe``, ``turn_safe`` and ``get_context_safe``: degrade on outages, raise on bugs, and the circuit.

An outage (no connection, no answer in time, a 5xx, a 429) gives an empty
result marked ``degraded`` with its ``meta``; a mistake of the caller (a bad
key, a missing permission, a bad argument, an unknown session) still raises,
whatever the state of the server. The circuit breaker counts failed *calls*,
not attempts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import (
    AuthenticationError,
    AuthorizationError,
    BadRequestError,
    CMLError,
    NotFoundError,
    ReadResult,
    SessionContext,
    TurnResult,
    ValidationError,
)
from cml_ergonomic._breaker import DEFAULT_FAILURE_THRESHOLD, CircuitState
from cml_ergonomic._methods import SAFE_DEADLINE, SAFE_MAX_RETRIES
from tests.unit.conftest import (
    BASE_URL,
    OP_CALLS,
    Driver,
    OpCall,
    error_body,
    fastapi_422_body,
    read_body,
)

MakeClient = Callable[..., Driver]
pytestmark = pytest.mark.anyio


@dataclass(frozen=True)
class Safe:
    """A ``*_safe`` method: the plain operation it degrades (its arguments, path and body) and its result type."""

    name: str
    op: OpCall
    result: type

    def __str__(self) -> str:
        return self.name

    @property
    def url(self) -> str:
        return BASE_URL + self.op.path

    @property
    def repeatable(self) -> bool:  # read-only: a 5xx or a dropped connection is retried
        return self.op.read_only


_OPS = {op.name: op for op in OP_CALLS}
SAFE = (
    Safe("read_safe", _OPS["read"], ReadResult),
    Safe("turn_safe", _OPS["turn"], TurnResult),
    Safe("get_context_safe", _OPS["get_session_context"], SessionContext),
)

# failure -> (how the mock answers, the status the degraded meta reports, whether a read-only call retries it)
OUTAGES: dict[str, tuple[Callable[[HTTPXMock, str], None], int | None, bool]] = {
    "500": (lambda m, url: m.add_response(url=url, status_code=500, json=error_body(), is_reusable=True), 500, True),
    "502": (lambda m, url: m.add_response(url=url, status_code=502, text="<html>", is_reusable=True), 502, True),
    "503": (lambda m, url: m.add_response(url=url, status_code=503, json=error_body(), is_reusable=True), 503, True),
    "504": (lambda m, url: m.add_response(url=url, status_code=504, json=error_body(), is_reusable=True), 504, True),
    "429": (lambda m, url: m.add_response(url=url, status_code=429, json=error_body(), is_reusable=True), 429, True),
    "refused": (
        lambda m, url: m.add_exception(httpx.ConnectError("[Errno 111] Connection refused"), is_reusable=True),
        None,
        True,
    ),
    "read timeout": (
        lambda m, url: m.add_exception(httpx.ReadTimeout("timed out"), url=url, is_reusable=True),
        None,
        True,
    ),
}
ALWAYS_RETRIED = {"503", "429", "refused"}  # the server refused it or never got it: even a turn is retried

BUGS: dict[int, type[CMLError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: AuthorizationError,
    404: NotFoundError,
    422: ValidationError,
}


async def call(d: Driver, safe: Safe) -> Any:
    return await d.call(safe.name, *safe.op.args, **safe.op.kwargs)


@pytest.mark.parametrize("safe", SAFE, ids=str)
async def test_the_real_result_when_the_server_answers(
    make_client: MakeClient, httpx_mock: HTTPXMock, safe: Safe
) -> None:
    httpx_mock.add_response(url=safe.url, json=safe.op.body(), headers={"x-request-id": "req-ok"})
    d = make_client()

    result = await call(d, safe)

    assert type(result) is safe.result
    assert result.degraded is False
    assert result.meta.request_id == "req-ok"
    assert d.client.circuit_state is CircuitState.CLOSED


@pytest.mark.parametrize("status", BUGS)
@pytest.mark.parametrize("safe", SAFE, ids=str)
async def test_a_callers_mistake_raises_instead_of_degrading(
    make_client: MakeClient, httpx_mock: HTTPXMock, safe: Safe, status: int
) -> None:
    body = fastapi_422_body() if status == 422 else error_body("Invalid API key" if status == 401 else "no")
    httpx_mock.add_response(url=safe.url, status_code=status, json=body, is_reusable=True)
    d = make_client()

    for _ in range(DEFAULT_FAILURE_THRESHOLD + 1):  # as often as it takes to open a circuit, were they counted
        with pytest.raises(BUGS[status]) as info:
            await call(d, safe)
        assert info.value.status_code == status

    assert len(httpx_mock.get_requests()) == DEFAULT_FAILURE_THRESHOLD + 1  # never retried
    assert d.client.circuit_state is CircuitState.CLOSED  # a bug is not an outage
    assert d.client.degraded is False


BAD_ARGUMENTS = {
    "read_safe": (("preferences",), {"max_results": 0}, "max_results"),
    "turn_safe": (("Hi",), {"session_id": "s-1", "max_context_tokens": "many"}, "max_context_tokens"),
    "get_context_safe": (("",), {}, "session_id"),
}


@pytest.mark.parametrize("safe", SAFE, ids=str)
async def test_a_bad_argument_raises_before_sending(make_client: MakeClient, httpx_mock: HTTPXMock, safe: Safe) -> None:
    args, kwargs, field = BAD_ARGUMENTS[safe.name]
    d = make_client()

    with pytest.raises(ValidationError) as info:
        await d.call(safe.name, *args, **kwargs)

    assert info.value.field == field

    assert httpx_mock.get_requests() == []


@pytest.mark.parametrize("outage", OUTAGES)
@pytest.mark.parametrize("safe", SAFE, ids=str)
async def test_an_outage_degrades_with_meta(
    make_client: MakeClient, httpx_mock: HTTPXMock, safe: Safe, outage: str
) -> None:
    answer, status, read_retries = OUTAGES[outage]
    answer(httpx_mock, safe.url)
    d = make_client(max_retries=5, deadline=60)  # the safe budget applies, not the client's

    result = await call(d, safe)

    assert type(result) is safe.result
    assert result.degraded is True
    assert result.degraded_reason
    retried = read_retries if safe.repeatable else outage in ALWAYS_RETRIED
    assert len(httpx_mock.get_requests()) == (1 + SAFE_MAX_RETRIES if retried else 1)
    assert result.meta is not None
    assert result.meta.retries == len(httpx_mock.get_requests()) - 1
    assert result.meta.status_code == status
    assert result.meta.elapsed_ms == pytest.approx(sum(d.clock.sleeps) * 1000)
    assert sum(d.clock.sleeps) < SAFE_DEADLINE


async def test_an_open_circuit_degrades_read_safe_at_once_with_meta(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_exception(httpx.ConnectError("refused"), is_reusable=True)
    d = make_client()
    for _ in range(DEFAULT_FAILURE_THRESHOLD):
        await d.call("read_safe", "preferences")
    sent = len(httpx_mock.get_requests())

    result = await d.call("read_safe", "preferences")

    assert d.client.circuit_state is CircuitState.OPEN
    assert len(httpx_mock.get_requests()) == sent  # not sent
    assert result.degraded is True and "circuit" in (result.degraded_reason or "")
    assert (result.meta.retries, result.meta.status_code, result.meta.elapsed_ms) == (0, None, 0.0)


# --------------------------------------------------------------------------- the circuit counts calls, not attempts


async def test_the_circuit_counts_failed_read_safe_calls_not_attempts(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=500, json=error_body(), is_reusable=True)
    d = make_client()

    for _ in range(DEFAULT_FAILURE_THRESHOLD - 1):
        await d.call("read_safe", "preferences")
    attempts = len(httpx_mock.get_requests())

    assert attempts == (DEFAULT_FAILURE_THRESHOLD - 1) * (1 + SAFE_MAX_RETRIES)  # 8 failed attempts...
    assert attempts >= DEFAULT_FAILURE_THRESHOLD
    assert d.client.circuit_state is CircuitState.CLOSED  # ...in 4 failed calls: still closed

    await d.call("read_safe", "preferences")  # the fifth failed call

    assert d.client.circuit_state is CircuitState.OPEN


async def test_a_read_safe_call_that_succeeds_on_its_retry_resets_the_count(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    d = make_client()
    for _ in range(DEFAULT_FAILURE_THRESHOLD - 1):
        httpx_mock.add_response(status_code=500, json=error_body())
        httpx_mock.add_response(status_code=500, json=error_body())
        assert (await d.call("read_safe", "preferences")).degraded
    httpx_mock.add_response(status_code=500, json=error_body())
    httpx_mock.add_response(json=read_body())

    recovered = await d.call("read_safe", "preferences")  # one more failed attempt, but the call succeeded

    assert recovered.degraded is False
    assert recovered.meta.retries == 1
    for _ in range(DEFAULT_FAILURE_THRESHOLD - 1):
        httpx_mock.add_response(status_code=500, json=error_body())
        httpx_mock.add_response(status_code=500, json=error_body())
        await d.call("read_safe", "preferences")
    assert d.client.circuit_state is CircuitState.CLOSED  # the count started again after the success
