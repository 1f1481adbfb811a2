"""Fixtures of the fault-injection suite: fault servers, a test clock, and one driver for both clients.

Every test body is written once and runs against ``CognitiveMemoryLayer`` and
``AsyncCognitiveMemoryLayer`` (the ``kind`` fixture). The clients get a
:class:`TestClock`: real monotonic time (sockets and timeouts are real) plus
whatever the client slept, since sleeps are recorded and skipped. So retry
backoffs and ``Retry-After`` waits cost no real time, yet the call's deadline
sees them.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from unittest import mock

import httpx
import pytest

import cml_ergonomic._results  # noqa: F401  # imported lazily by the first call: no test should pay for it
from cml_ergonomic.testing import VirtualClock
from tests.drivers import SHARED_SSL, ClientDriver, ClientFactory
from tests.faults.faultserver import READ_PATH, WRITE_PATH, FaultServer, refusing_port

API_KEY = "sk-fault-SECRETKEY-0001"
WALL_START = datetime(2026, 11, 21, 21, 54, 44, tzinfo=UTC)


# --------------------------------------------------------------------------- time


class TestClock(VirtualClock):
    """Real monotonic time plus skipped sleeps (the fake's ``VirtualClock``): sockets stay real, waits cost nothing."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self) -> None:
        super().__init__(wall_start=WALL_START)


# --------------------------------------------------------------------------- counting what the client sends


class CountingTransport(httpx.BaseTransport):
    """Counts every request the client hands to its transport (an attempt), then passes it on."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.count = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()


class AsyncCountingTransport(httpx.AsyncBaseTransport):
    """``CountingTransport`` for the async client."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.count = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.count += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


# --------------------------------------------------------------------------- one test body, both clients


@dataclass
class Outcome:
    """What one call did: its result or error, and how long it took."""

    result: Any
    error: BaseException | None
    total: float  # on the client's clock: real time plus skipped sleeps (what the deadline sees)
    real: float  # wall time the call really took
    sleeps: list[float] = field(default_factory=list)
    real_sleeps: list[float] = field(default_factory=list)  # time.sleep / asyncio.sleep the call itself made

    @property
    def slept(self) -> float:
        return sum(self.sleeps)


@contextmanager
def real_sleeps() -> Iterator[list[float]]:
    """Every real ``time.sleep`` / ``asyncio.sleep`` longer than zero that the calling thread makes inside the block.

    A client must wait on its clock (the test clock skips and records it); a real sleep is a bug whatever the
    machine's load, so the fault tests check this list instead of bounding the real time a call took.
    """
    seen: list[float] = []
    caller = threading.get_ident()
    real_sleep, real_async_sleep = time.sleep, asyncio.sleep

    def sleep(seconds: float) -> None:
        if seconds > 0 and threading.get_ident() == caller:
            seen.append(seconds)
        real_sleep(seconds)

    async def async_sleep(seconds: float, result: Any = None) -> Any:
        if seconds > 0 and threading.get_ident() == caller:
            seen.append(seconds)
        return await real_async_sleep(seconds, result)

    with mock.patch.object(time, "sleep", sleep), mock.patch.object(asyncio, "sleep", async_sleep):
        yield seen


class Driver(ClientDriver):
    """A sync or async client behind one interface: ``await driver.call("read", "q")``."""

    def __init__(self, client: Any, clock: TestClock, transport: Any) -> None:
        super().__init__(client)
        self.own(client)
        self.clock = clock
        self.transport = transport

    @property
    def sent(self) -> int:
        """Attempts the client made (requests handed to its transport)."""
        if self.transport is None:
            raise AssertionError("this driver's client owns its pool: attempts are not counted")
        return int(self.transport.count)

    async def run(self, name: str, *args: Any, **kwargs: Any) -> Outcome:
        """Call and capture the result or the error, with timings and any real sleep the call made."""
        before = len(self.clock.sleeps)
        start, real_start = self.clock.now(), time.perf_counter()
        result: Any = None
        error: BaseException | None = None
        with real_sleeps() as slept_for_real:
            try:
                result = await self.call(name, *args, **kwargs)
            except Exception as exc:
                error = exc
        return Outcome(
            result,
            error,
            total=self.clock.now() - start,
            real=time.perf_counter() - real_start,
            sleeps=self.clock.sleeps[before:],
            real_sleeps=slept_for_real,
        )


@pytest.fixture(params=["sync", "async"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


MakeClient = Callable[..., Driver]


@pytest.fixture
async def make_client(kind: str) -> AsyncIterator[MakeClient]:
    """A factory of drivers (sync or async, per ``kind``), each closed after the test.

    ``make_client(base_url, transport=None, owned=False, **client_kwargs)``: by default the client
    gets a pool on a real transport wrapped in a counter (``driver.sent``); ``transport=`` wraps
    that one instead (an ``httpx.MockTransport``); ``owned=True`` lets the client build its own pool.
    """
    made = ClientFactory(kind)

    def factory(base_url: str, *, transport: Any = None, owned: bool = False, **kwargs: Any) -> Driver:
        kwargs.setdefault("api_key", API_KEY)
        counting: Any = None
        if not owned:
            if made.is_async:
                counting = AsyncCountingTransport(transport or httpx.AsyncHTTPTransport(verify=SHARED_SSL))
            else:
                counting = CountingTransport(transport or httpx.HTTPTransport(verify=SHARED_SSL))
            made.inject_pool(kwargs, counting)
        client = made.client_class(base_url=base_url, **kwargs)
        clock = TestClock()
        client.clock = clock.clock()
        driver: Driver = made.keep(Driver(client, clock, counting))
        return driver

    yield factory
    await made.aclose()


# --------------------------------------------------------------------------- servers


class FaultServers:
    """Starts fault servers for a test and stops every one of them at its end."""

    def __init__(self) -> None:
        self.started: list[FaultServer] = []

    def start(self, port: int = 0, **kwargs: Any) -> FaultServer:
        server = FaultServer(port, **kwargs).start()
        self.started.append(server)
        return server

    def stop_all(self) -> None:
        errors = []
        for server in self.started:
            try:
                server.stop()
            except RuntimeError as exc:
                errors.append(str(exc))
        assert not errors, errors


@pytest.fixture
def fault_servers() -> Iterator[FaultServers]:
    servers = FaultServers()
    yield servers
    servers.stop_all()
    leftovers = [t.name for t in threading.enumerate() if t.name.startswith("fault-")]
    assert not leftovers, f"fault server threads outlived the test: {leftovers}"


@pytest.fixture
def server(fault_servers: FaultServers) -> FaultServer:
    """One running fault server (valid answers until a test scripts its faults)."""
    return fault_servers.start()


@pytest.fixture
def refused_url() -> Iterator[str]:
    """A base URL on 127.0.0.1 whose port refuses connections (bound, never listening)."""
    sock, port = refusing_port()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        sock.close()


# --------------------------------------------------------------------------- the operations under test


@dataclass(frozen=True)
class Op:
    """A public method called with realistic arguments, and the path it posts to."""

    name: str
    args: tuple[Any, ...]
    path: str
    mutating: bool

    def __str__(self) -> str:
        return self.name


READ = Op("read", ("preferences",), READ_PATH, mutating=False)
WRITE = Op("write", ("User prefers dark mode",), WRITE_PATH, mutating=True)
OPS = (READ, WRITE)
