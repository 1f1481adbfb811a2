"""The per-call deadline: derived from the timeout and the retries when none is given, and kept between events.

A body or a stream that arrives a little at a time resets httpx's read
timeout with every chunk; only the call's deadline ends it. These tests feed
such bodies from a pytest-httpx callback whose chunks advance the client's
fake clock, so "how long" is exact and costs no real time.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import CMLTimeoutError
from cml_ergonomic._config import DEFAULT_TIMEOUT
from cml_ergonomic._retry import BACKOFF_BASE, MAX_DERIVED_DEADLINE, derived_deadline
from tests.unit.conftest import SSE_HEADERS, Driver, FakeClock, memory_item

MakeClient = Callable[..., Driver]
pytestmark = pytest.mark.anyio


class Trickle(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body whose chunks each take ``step`` seconds of the client's fake clock to arrive."""

    def __init__(self, clock: FakeClock, chunks: list[bytes], step: float) -> None:
        self.clock, self.chunks, self.step = clock, chunks, step
        self.delivered = 0

    def _next(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.clock.t += self.step
            self.delivered += 1
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        return self._next()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._next():
            yield chunk


def trickle_forever(d: Driver, httpx_mock: HTTPXMock, step: float = 0.5) -> None:
    """A 200 whose JSON body never completes: one byte every ``step`` seconds, for 1,000 chunks."""

    def answer(request: httpx.Request) -> httpx.Response:
        chunks = [b"{"] + [b" "] * 1000
        return httpx.Response(200, headers={"content-type": "application/json"}, stream=Trickle(d.clock, chunks, step))

    httpx_mock.add_callback(answer)


async def cut_after(d: Driver, name: str, *args: object, **kwargs: object) -> tuple[float, CMLTimeoutError]:
    start = d.clock.t
    with pytest.raises(CMLTimeoutError) as info:
        await d.call(name, *args, **kwargs)
    return d.clock.t - start, info.value


# --------------------------------------------------------------------------- the rule


def test_the_derived_deadline_is_every_attempt_plus_every_backoff_capped_at_a_minute() -> None:
    assert derived_deadline(httpx.Timeout(2.0), 2) == 3 * 2.0 + BACKOFF_BASE + 2 * BACKOFF_BASE  # 7.5 s
    assert derived_deadline(httpx.Timeout(2.0), 0) == 2.0
    assert derived_deadline(httpx.Timeout(5.0, read=10.0), 1) == 2 * 10.0 + BACKOFF_BASE  # the longest phase
    assert derived_deadline(DEFAULT_TIMEOUT, 2) == MAX_DERIVED_DEADLINE  # the defaults keep the full minute
    assert derived_deadline(httpx.Timeout(None), 0) == MAX_DERIVED_DEADLINE  # no limit on a phase: the cap
    assert derived_deadline(httpx.Timeout(1.0), 40) == MAX_DERIVED_DEADLINE


# --------------------------------------------------------------------------- the rule, observed


async def test_a_trickling_body_is_cut_at_the_deadline_the_timeout_implies(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    d = make_client(timeout=2, max_retries=2)  # no deadline=: the "reads as a hang" case
    trickle_forever(d, httpx_mock)

    elapsed, exc = await cut_after(d, "read", "preferences")

    expected = derived_deadline(httpx.Timeout(2.0), 2)
    assert expected < 10.0
    assert expected <= elapsed <= expected + 0.5, f"cut after {elapsed:.1f}s, not at the {expected:g}s deadline"
    assert f"{expected:g}s deadline" in exc.message


async def test_an_explicit_client_deadline_wins(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    d = make_client(timeout=2, max_retries=2, deadline=3.0)
    trickle_forever(d, httpx_mock)

    elapsed, exc = await cut_after(d, "read", "preferences")

    assert 3.0 <= elapsed <= 3.5
    assert "3s deadline" in exc.message


async def test_an_explicit_call_deadline_wins_even_above_the_cap(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    d = make_client(timeout=2, max_retries=2, deadline=3.0)
    trickle_forever(d, httpx_mock, step=0.25)  # 1,000 chunks: 250 s of trickle

    elapsed, exc = await cut_after(d, "read", "preferences", deadline=90)

    assert 90.0 <= elapsed <= 90.5
    assert "90s deadline" in exc.message


async def test_a_call_timeout_derives_that_calls_deadline(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    d = make_client()  # the default timeout: 60 s
    trickle_forever(d, httpx_mock)

    elapsed, _ = await cut_after(d, "write", "User prefers dark mode", timeout=1.0, max_retries=1)

    expected = derived_deadline(httpx.Timeout(1.0), 1)  # 2.5 s
    assert expected <= elapsed <= expected + 0.5


async def test_the_default_client_keeps_a_minute(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    d = make_client()
    trickle_forever(d, httpx_mock)

    elapsed, _ = await cut_after(d, "read", "preferences")

    assert MAX_DERIVED_DEADLINE <= elapsed <= MAX_DERIVED_DEADLINE + 0.5


async def test_with_options_derives_the_copys_deadline_from_its_timeout(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    d = make_client()
    copy = Driver(d.client.with_options(timeout=1.0, max_retries=0), d.clock)
    trickle_forever(d, httpx_mock)

    elapsed, _ = await cut_after(copy, "read", "preferences")

    assert 1.0 <= elapsed <= 1.5
    assert d.client.config.call_deadline == MAX_DERIVED_DEADLINE  # the original is unchanged


# --------------------------------------------------------------------------- a stream that outlives its deadline


def sse_events(count: int) -> list[bytes]:
    events = [f"data: {json.dumps(memory_item(f'memory {i}'))}\n\n".encode() for i in range(count)]
    done = {"total_count": count, "elapsed_ms": 1.0, "retrieval_meta": {}}
    return [*events, f"event: done\ndata: {json.dumps(done)}\n\n".encode()]


async def test_read_stream_checks_the_deadline_between_events(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    d = make_client()
    stream = Trickle(d.clock, sse_events(10), step=1.0)  # one event a second, each in time, the whole too late
    httpx_mock.add_callback(lambda request: httpx.Response(200, headers=SSE_HEADERS, stream=stream))
    received: list[object] = []

    with pytest.raises(CMLTimeoutError) as info:
        await d.stream("preferences", deadline=3.5, into=received)

    assert len(received) == 3  # the events that arrived within 3.5 s, and none after
    assert stream.delivered == 4  # the fourth arrived at 4 s and was refused: the stream stopped there
    assert "3.5s deadline" in info.value.message
