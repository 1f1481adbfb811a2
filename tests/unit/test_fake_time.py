"""Tests with the fake do not sleep: ``FakeCML(virtual_time=True)``, on in the pytest fixtures.

The retry policy still runs (the backoffs are chosen and recorded), the
deadline still cuts a hung request, but the waits are skipped. Each check
compares the real time a call took with the waits it skipped: a client that
really slept could not finish faster than its own sleeps.
"""

from __future__ import annotations

import asyncio
import time

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic.testing import FakeCML, VirtualClock


def test_the_fixtures_run_on_virtual_time(cml_fake: FakeCML, cml_client: CognitiveMemoryLayer) -> None:
    assert isinstance(cml_fake.clock, VirtualClock)
    assert cml_client.clock.now == cml_fake.clock.now


def test_a_503_retried_twice_does_not_sleep(cml_fake: FakeCML, cml_client: CognitiveMemoryLayer) -> None:
    assert cml_fake.clock is not None
    cml_client.write("User prefers dark mode")
    cml_fake.fail_next(2, status=503)
    started = time.perf_counter()
    result = cml_client.read("dark mode")
    real = time.perf_counter() - started
    assert result.memories[0].text == "User prefers dark mode" and result.meta.retries == 2
    skipped = cml_fake.clock.sleeps
    assert len(skipped) == 2 and all(s > 0 for s in skipped)  # the backoff policy ran
    assert real < sum(skipped)  # 0.25 s or more of backoff (1.02 s measured before), skipped


def test_hang_next_and_read_safe_do_not_wait(cml_fake: FakeCML, cml_client: CognitiveMemoryLayer) -> None:
    assert cml_fake.clock is not None
    cml_fake.hang_next(5)
    started = time.perf_counter()
    result = cml_client.read_safe("anything")
    real = time.perf_counter() - started
    assert result.degraded and "Timeout" in (result.degraded_reason or "")
    assert cml_fake.clock.skipped > 1.9  # read_safe's 2 s budget (less the real time spent) passed on the clock
    assert real < cml_fake.clock.skipped  # 2.0 s measured before: no real second went by


def test_the_async_client_does_not_sleep_either(cml_fake: FakeCML, cml_async_client: AsyncCognitiveMemoryLayer) -> None:
    assert cml_fake.clock is not None

    async def scenario() -> None:
        await cml_async_client.write("User prefers tea")
        cml_fake.fail_next(2, status=503)
        result = await cml_async_client.read("tea")
        assert result.meta.retries == 2
        cml_fake.hang_next(5)
        assert (await cml_async_client.read_safe("tea")).degraded
        await cml_async_client.aclose()

    started = time.perf_counter()
    asyncio.run(scenario())
    assert len(cml_fake.clock.sleeps) >= 3
    assert time.perf_counter() - started < cml_fake.clock.skipped


def test_retry_after_is_skipped_but_honoured() -> None:
    fake = FakeCML(virtual_time=True)
    assert fake.clock is not None
    with fake.client() as memory:
        fake.fail_next(1, status=429, retry_after=3)
        memory.stats()
    assert fake.clock.sleeps == [3.0]


def test_without_virtual_time_the_fake_waits_as_a_server_would() -> None:
    fake = FakeCML()
    assert fake.clock is None
    with fake.client() as memory:
        fake.hang_next(1, seconds=0.05)
        started = time.perf_counter()
        memory.stats()
        assert time.perf_counter() - started >= 0.05


def test_only_a_virtual_fake_puts_its_clients_on_its_clock() -> None:
    virtual, real = FakeCML(virtual_time=True), FakeCML()
    with virtual.client() as on_virtual, real.client() as on_real:
        assert virtual.clock is not None and on_virtual.clock.sleep == virtual.clock.sleep
        assert on_real.clock.sleep is time.sleep
