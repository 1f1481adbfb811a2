"""``read_many`` / ``write_many`` keep at most ``max_concurrency`` requests in flight, and use that many.

The mocked server counts the requests it is answering at the same time. In
the sync client they run on a thread pool: each request waits until
``max_concurrency`` were in flight together (it would time out with fewer),
then holds a little, so that any request beyond the limit shows up. In the
async client the requests are tasks on one loop, so the count is exact.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from tests.unit.conftest import Driver, read_body, write_body

MakeClient = Callable[..., Driver]
pytestmark = pytest.mark.anyio
REQUESTS = 12


class InFlight:
    """A mocked server that records how many requests it is answering at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.full = threading.Event()  # set once `limit` requests were in flight together

    def enter(self) -> None:
        with self.lock:
            self.now += 1
            self.peak = max(self.peak, self.now)
            if self.now == self.limit:
                self.full.set()

    def leave(self) -> None:
        with self.lock:
            self.now -= 1

    @staticmethod
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=read_body() if request.url.path.endswith("/read") else write_body())

    def sync(self, request: httpx.Request) -> httpx.Response:
        self.enter()
        try:
            if not self.full.wait(5):  # fewer than `limit` were ever in flight together
                raise httpx.ReadTimeout("never reached max_concurrency requests in flight")
            time.sleep(0.02)  # long enough for a request beyond the limit to arrive meanwhile
            return self.answer(request)
        finally:
            self.leave()

    async def asynchronous(self, request: httpx.Request) -> httpx.Response:
        self.enter()
        try:
            for _ in range(5):
                await asyncio.sleep(0)  # every other task that may run gets to enter
            return self.answer(request)
        finally:
            self.leave()


CALLS: dict[str, Callable[[int], tuple[str, tuple[Any, ...]]]] = {
    "read_many": lambda n: ("read_many", ([f"query {i}" for i in range(n)],)),
    # a memory_type is not a batch-turn field, so each item is its own write request
    "write_many": lambda n: (
        "write_many",
        ([{"content": f"memory {i}", "memory_type": "preference"} for i in range(n)],),
    ),
}


@pytest.mark.parametrize("limit", [1, 3, 8])
@pytest.mark.parametrize("method", CALLS)
async def test_max_concurrency_requests_are_in_flight_and_no_more(
    make_client: MakeClient, httpx_mock: HTTPXMock, method: str, limit: int
) -> None:
    d = make_client()
    server = InFlight(limit)
    httpx_mock.add_callback(server.asynchronous if d.is_async else server.sync, is_reusable=True)
    name, args = CALLS[method](REQUESTS)

    outcome = await d.call(name, *args, max_concurrency=limit)

    assert len(httpx_mock.get_requests()) == REQUESTS
    assert server.peak == limit, f"{method}(max_concurrency={limit}) had {server.peak} requests in flight"
    failures = outcome.failures if method == "write_many" else [r for r in outcome if isinstance(r, Exception)]
    assert not failures
