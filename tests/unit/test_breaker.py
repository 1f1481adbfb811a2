"""The circuit breaker's state machine, on a clock the test moves."""

from __future__ import annotations

import logging
import threading

import pytest

from cml_ergonomic._breaker import CircuitBreaker, CircuitState


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def test_opens_after_the_threshold_of_consecutive_failures(caplog: pytest.LogCaptureFixture) -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=3, cooldown=30)
    with caplog.at_level(logging.WARNING, logger="cml_ergonomic"):
        for _ in range(2):
            assert breaker.allow()
            breaker.record_failure()
        assert breaker.state is CircuitState.CLOSED
        breaker.record_success()  # a success resets the count
        for _ in range(3):
            breaker.record_failure()
    assert breaker.state is CircuitState.OPEN
    assert not breaker.allow()
    assert [r.getMessage() for r in caplog.records] == ["circuit closed -> open after 3 consecutive failures"]


def test_half_open_lets_exactly_one_trial_through_then_closes_on_success() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=1, cooldown=30)
    breaker.record_failure()
    clock.t = 29.9
    assert not breaker.allow()
    clock.t = 30.0
    assert breaker.state is CircuitState.HALF_OPEN
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # others wait for its verdict
    breaker.record_success()
    assert breaker.state is CircuitState.CLOSED and breaker.allow()


def test_a_failed_trial_reopens_for_a_full_cooldown() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=5, cooldown=10)
    for _ in range(5):
        breaker.record_failure()
    clock.t = 10
    assert breaker.allow()
    breaker.record_failure()  # one failure in half-open is enough
    assert breaker.state is CircuitState.OPEN
    clock.t = 19.9
    assert not breaker.allow()
    clock.t = 20
    assert breaker.allow()


def test_a_trial_without_verdict_is_released() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=1, cooldown=1)
    breaker.record_failure()
    clock.t = 1
    assert breaker.allow()
    breaker.release()  # e.g. the trial hit an auth error: neither success nor outage
    assert breaker.allow()


def test_only_one_trial_under_concurrency() -> None:
    clock = Clock()
    breaker = CircuitBreaker(clock, threshold=1, cooldown=1)
    breaker.record_failure()
    clock.t = 1
    allowed: list[bool] = []
    barrier = threading.Barrier(8)

    def race() -> None:
        barrier.wait()
        allowed.append(breaker.allow())

    threads = [threading.Thread(target=race) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert allowed.count(True) == 1
