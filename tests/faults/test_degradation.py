"""A server that dies mid-run: ``read_safe`` degrades, the circuit opens, then everything recovers."""

from __future__ import annotations

import logging
import statistics
import time

import pytest

from cml_ergonomic._breaker import DEFAULT_COOLDOWN, DEFAULT_FAILURE_THRESHOLD, CircuitState
from tests.faults.conftest import Driver, FaultServers, MakeClient, real_sleeps
from tests.faults.faultserver import READ_PATH, reply

pytestmark = pytest.mark.anyio

CALLS_WHILE_OPEN = 100
DEGRADED_PREFIX = "POST /api/v1/memory/read degraded: "
DEGRADED_SUFFIX = "; returning empty results until the server recovers"


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def warnings_since(caplog: pytest.LogCaptureFixture, mark: int) -> list[logging.LogRecord]:
    return [r for r in caplog.records[mark:] if r.name.startswith("cml_ergonomic") and r.levelno >= logging.WARNING]


def transitions(records: list[logging.LogRecord]) -> list[str]:
    """``closed -> open`` ... from the circuit's log records."""
    return [" ".join(r.getMessage().split()[1:4]) for r in records if r.name == "cml_ergonomic.circuit"]


def about_the_outage(records: list[logging.LogRecord]) -> list[str]:
    """Every warning but the circuit's state changes: what a user watching the logs is told about the outage."""
    return [r.getMessage() for r in records if r.name != "cml_ergonomic.circuit"]


async def degrade_until_open(d: Driver, reason: str) -> None:
    """read_safe until the circuit opens; every answer is degraded for ``reason``."""
    for _ in range(DEFAULT_FAILURE_THRESHOLD):
        result = await d.call("read_safe", "preferences")
        assert result.degraded is True
        assert result.degraded_reason.startswith(reason), result.degraded_reason
    assert d.client.circuit_state is CircuitState.OPEN


async def test_server_dies_mid_run_then_comes_back(
    make_client: MakeClient, fault_servers: FaultServers, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    caplog.set_level(logging.DEBUG, logger="cml_ergonomic")
    server = fault_servers.start()
    port = server.port
    d = make_client(server.url)  # read_safe's own budget: a 2 s deadline, one retry

    # -- healthy
    healthy = await d.call("read_safe", "preferences")
    assert healthy.degraded is False
    assert server.count(READ_PATH) == 1
    assert d.client.circuit_state is CircuitState.CLOSED

    # -- the server dies: no listener on its port any more, its connections closed
    server.stop()
    mark = len(caplog.records)
    sent, slept = d.sent, len(d.clock.sleeps)
    started = time.perf_counter()
    first = await d.call("read_safe", "preferences")
    first_down_ms = (time.perf_counter() - started) * 1000
    backoff_ms = sum(d.clock.sleeps[slept:]) * 1000  # skipped by the test clock; a real client sleeps it
    assert first.degraded is True
    assert first.memories == [] and first.total_count == 0
    assert first.degraded_reason.startswith("CMLConnectionError")
    assert d.sent - sent == 2  # read_safe's one retry
    assert d.client.circuit_state is CircuitState.CLOSED  # one failure of five
    for _ in range(DEFAULT_FAILURE_THRESHOLD - 1):
        assert (await d.call("read_safe", "preferences")).degraded is True
    assert d.client.circuit_state is CircuitState.OPEN

    # -- the circuit is open: read_safe answers at once, without a request: nothing is sent and nothing waits
    sent, slept = d.sent, len(d.clock.sleeps)
    latencies = []
    for _ in range(CALLS_WHILE_OPEN):
        started = time.perf_counter()
        with real_sleeps() as slept_for_real:
            result = await d.call("read_safe", "preferences")
        latencies.append((time.perf_counter() - started) * 1000)
        assert result.degraded is True
        assert result.degraded_reason == "the circuit is open"
        assert slept_for_real == []
    assert d.sent == sent, "a read_safe call reached the transport while the circuit was open"
    assert d.clock.sleeps[slept:] == [], "a read_safe call waited while the circuit was open"
    median, slow = statistics.median(latencies), p95(latencies)
    print(
        f"\n[{kind}] read_safe, server down: first call {first_down_ms:.2f} ms (+ {backoff_ms:.0f} ms backoff); "
        "circuit open, "
        f"{CALLS_WHILE_OPEN} calls: median {median:.4f} ms, p95 {slow:.4f} ms, max {max(latencies):.4f} ms"
    )

    # -- the server comes back on the same port; the circuit stays open until its cooldown has passed
    back = fault_servers.start(port=port)
    still = await d.call("read_safe", "preferences")
    assert still.degraded is True
    assert back.count() == 0
    d.clock.advance(DEFAULT_COOLDOWN)
    assert d.client.circuit_state is CircuitState.HALF_OPEN
    recovered = await d.call("read_safe", "preferences")
    assert recovered.degraded is False
    assert recovered.total_count == 1
    assert back.count(READ_PATH) == 1  # the one trial call
    assert d.client.circuit_state is CircuitState.CLOSED
    again = await d.call("read_safe", "preferences")
    assert again.degraded is False
    assert back.count(READ_PATH) == 2

    # -- the logs: one "degraded" warning for the outage, one "recovered", each state change at WARNING
    records = warnings_since(caplog, mark)
    assert all(r.levelno == logging.WARNING for r in records)
    assert transitions(records) == ["closed -> open", "open -> half_open", "half_open -> closed"]
    degraded = [m for m in about_the_outage(records) if "degraded" in m]
    assert len(degraded) == 1, degraded
    assert degraded[0].startswith(DEGRADED_PREFIX + "CMLConnectionError: ")
    assert degraded[0].endswith(DEGRADED_SUFFIX)
    assert [m for m in about_the_outage(records) if "recovered" in m] == [
        "POST /api/v1/memory/read recovered: the server answers again"
    ]


async def test_each_outage_logs_exactly_one_warning(
    make_client: MakeClient, fault_servers: FaultServers, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="cml_ergonomic")
    server = fault_servers.start()
    port = server.port
    d = make_client(server.url)
    assert (await d.call("read_safe", "preferences")).degraded is False

    # first outage: the server is gone
    server.stop()
    mark = len(caplog.records)
    await degrade_until_open(d, "CMLConnectionError")
    for _ in range(10):
        await d.call("read_safe", "preferences")
    first_outage = warnings_since(caplog, mark)
    back = fault_servers.start(port=port)
    d.clock.advance(DEFAULT_COOLDOWN)
    assert (await d.call("read_safe", "preferences")).degraded is False

    # second outage: the server answers 503
    back.always(READ_PATH, reply(503))
    mark = len(caplog.records)
    await degrade_until_open(d, "ServiceUnavailableError")
    second_outage = warnings_since(caplog, mark)

    assert transitions(first_outage) == ["closed -> open"]
    assert transitions(second_outage) == ["closed -> open"]
    told = {"server gone": about_the_outage(first_outage), "server answers 503": about_the_outage(second_outage)}
    assert all(len(messages) == 1 for messages in told.values()), f"one warning per outage, got {told}"
    assert all(messages[0].startswith(DEGRADED_PREFIX) for messages in told.values()), told
