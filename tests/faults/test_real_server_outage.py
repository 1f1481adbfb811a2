"""The real CML server goes down mid-loop and comes back: ``read_safe`` never raises and recovers.

A separate API process is started for this test (the shared one is never
disturbed), stopped in the middle of two loops of ``read_safe`` calls (one
with the sync client in a thread, one with the async client in another
thread with its own event loop), and restarted on the same port.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic._breaker import DEFAULT_COOLDOWN, DEFAULT_FAILURE_THRESHOLD, CircuitState
from cml_ergonomic.server.harness import ApiServer, Stack
from tests.faults.conftest import TestClock

pytestmark = pytest.mark.integration

LOOP_PAUSE = 0.05
LOOP_LIMIT = 120.0  # seconds: a loop never outlives a stuck test by more than this
WAIT_LIMIT = 30.0
TIMEOUT = httpx.Timeout(30.0)  # the first write after a start takes ~2 s (model warm-up)


@dataclass
class LoopLog:
    """What one read_safe loop saw, in order: True for a degraded answer, False for a real one."""

    answers: list[bool] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    read_back: dict[str, set[str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, degraded: bool) -> None:
        with self.lock:
            self.answers.append(degraded)

    def since(self, mark: int) -> list[bool]:
        with self.lock:
            return self.answers[mark:]

    def mark(self) -> int:
        with self.lock:
            return len(self.answers)


def wait_for(what: str, condition: Callable[[], bool], timeout: float = WAIT_LIMIT) -> None:
    ends = time.monotonic() + timeout
    while time.monotonic() < ends:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def ids_of(result: Any, phrase: str) -> set[str]:
    return {str(item.id) for item in result.memories if phrase in item.text}


def sync_loop(client: CognitiveMemoryLayer, phrases: list[str], log: LoopLog, stop: threading.Event) -> None:
    ends, n = time.monotonic() + LOOP_LIMIT, 0
    try:
        while not stop.is_set() and time.monotonic() < ends:
            log.add(client.read_safe(phrases[n % len(phrases)]).degraded)
            n += 1
            stop.wait(LOOP_PAUSE)
        for phrase in phrases:
            log.read_back[phrase] = ids_of(client.read(phrase, max_results=20), phrase)
    except Exception as exc:
        log.errors.append(exc)


def async_loop(
    server: ApiServer, clock: TestClock, phrases: list[str], log: LoopLog, stop: threading.Event, ready: list[Any]
) -> None:
    async def main() -> None:
        async with AsyncCognitiveMemoryLayer(api_key=server.api_key, base_url=server.base_url, timeout=TIMEOUT) as c:
            c.clock = clock.clock()
            ready.append(c)
            ends, n = time.monotonic() + LOOP_LIMIT, 0
            while not stop.is_set() and time.monotonic() < ends:
                log.add((await c.read_safe(phrases[n % len(phrases)])).degraded)
                n += 1
                await asyncio.sleep(LOOP_PAUSE)
            for phrase in phrases:
                log.read_back[phrase] = ids_of(await c.read(phrase, max_results=20), phrase)

    try:
        asyncio.run(main())
    except Exception as exc:
        log.errors.append(exc)


def test_read_safe_rides_out_a_restart_of_the_real_server(cml_stack: Stack | None) -> None:
    if cml_stack is None:
        pytest.skip(
            "an external server (--base-url / CML_BASE_URL) is in use: this test must stop and restart "
            "an API process of its own, which only the harness can do"
        )
    timings: dict[str, float] = {}
    started = time.monotonic()
    server = cml_stack.start_api()
    timings["start_api"] = time.monotonic() - started
    stop = threading.Event()
    threads: list[threading.Thread] = []
    try:
        with CognitiveMemoryLayer(api_key=server.api_key, base_url=server.base_url, timeout=TIMEOUT) as sync_client:
            sync_clock = TestClock()
            sync_client.clock = sync_clock.clock()

            # -- a few writes; keep the acknowledged ones
            written: dict[str, str] = {}
            for n in range(3):
                phrase = f"the heron zq{secrets.token_hex(5)} collects red buttons {n}"
                result = sync_client.write(phrase)
                if result.chunks_created and result.chunks_created >= 1:
                    written[phrase] = str(result.memory_id)
            assert written, "the server acknowledged none of the writes"
            phrases = list(written)

            # -- two read_safe loops, sync and async
            sync_log, async_log, async_client = LoopLog(), LoopLog(), []
            async_clock = TestClock()
            threads = [
                threading.Thread(target=sync_loop, args=(sync_client, phrases, sync_log, stop), name="loop-sync"),
                threading.Thread(
                    target=async_loop,
                    args=(server, async_clock, phrases, async_log, stop, async_client),
                    name="loop-async",
                ),
            ]
            for thread in threads:
                thread.start()
            logs = {"sync": sync_log, "async": async_log}

            def all_logs(check: Callable[[LoopLog], bool]) -> Callable[[], bool]:
                return lambda: all(check(log) for log in logs.values())

            wait_for("real answers before the outage", all_logs(lambda log: log.since(0).count(False) >= 3))
            assert not any(sync_log.since(0) + async_log.since(0)), "degraded answers while the server was up"

            # -- the outage
            marks = {name: log.mark() for name, log in logs.items()}
            started = time.monotonic()
            cml_stack.stop_api(server)
            timings["stop_api"] = time.monotonic() - started
            wait_for(
                "degraded answers and an open circuit during the outage",
                lambda: (
                    all(logs[name].since(marks[name]).count(True) >= DEFAULT_FAILURE_THRESHOLD + 3 for name in logs)
                    and sync_client.circuit_state is CircuitState.OPEN
                    and async_client[0].circuit_state is CircuitState.OPEN
                ),
            )
            assert not sync_log.errors and not async_log.errors, (sync_log.errors, async_log.errors)

            # -- the server comes back on the same port; the cooldown passes on the clients' clocks
            marks = {name: log.mark() for name, log in logs.items()}
            started = time.monotonic()
            cml_stack.restart_api(server)
            timings["restart_api"] = time.monotonic() - started
            sync_clock.advance(DEFAULT_COOLDOWN)
            async_clock.advance(DEFAULT_COOLDOWN)
            wait_for("real answers after the restart", all_logs(lambda log: log.since(0)[-3:] == [False] * 3))
            assert sync_client.circuit_state is CircuitState.CLOSED
            assert async_client[0].circuit_state is CircuitState.CLOSED
            stop.set()
            for thread in threads:
                thread.join(WAIT_LIMIT)
            assert not any(thread.is_alive() for thread in threads)

            print("\n" + ", ".join(f"{step} {seconds:.1f}s" for step, seconds in timings.items()))
            for name, log in logs.items():
                assert not log.errors, f"the {name} loop raised: {log.errors!r}"
                answers = log.since(0)
                print(f"[{name}] {len(answers)} read_safe calls, {answers.count(True)} degraded, none raised")
                # every acknowledged write is readable afterwards
                for phrase, memory_id in written.items():
                    assert memory_id in log.read_back[phrase], f"{name}: the write {phrase!r} ({memory_id}) is gone"
    finally:
        stop.set()
        for thread in threads:
            thread.join(WAIT_LIMIT)
        cml_stack.stop_api(server)
