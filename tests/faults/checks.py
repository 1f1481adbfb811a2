"""Assertions shared by the fault tests."""

from __future__ import annotations

from typing import Any

from cml_ergonomic._retry import BACKOFF_BASE, BACKOFF_CAP
from tests.faults.conftest import Outcome


def expect_error(outcome: Outcome, cls: type[BaseException]) -> Any:
    """The outcome's error, which must be exactly of type ``cls``."""
    assert outcome.error is not None, f"expected {cls.__name__}, the call returned {outcome.result!r}"
    assert type(outcome.error) is cls, f"expected {cls.__name__}, got {type(outcome.error).__name__}: {outcome.error}"
    return outcome.error


def expect_result(outcome: Outcome) -> Any:
    """The outcome's result (the call must not have raised)."""
    assert outcome.error is None, f"the call raised {type(outcome.error).__name__}: {outcome.error}"
    return outcome.result


def assert_backoffs(sleeps: list[float]) -> None:
    """Each sleep is the policy's jittered backoff: between half and all of ``0.5 * 2**(n-1)`` (cap 8 s)."""
    for number, slept in enumerate(sleeps, start=1):
        ceiling = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (number - 1))
        assert ceiling / 2 <= slept <= ceiling, f"retry {number} slept {slept:.3f}s, outside [{ceiling / 2}, {ceiling}]"


def assert_within(outcome: Outcome, deadline: float, *, real_at_most: float | None = None) -> None:
    """The call ended before its deadline (real time plus skipped sleeps) and waited only on its clock.

    Whether the client slept for real is checked directly (``outcome.real_sleeps``), not through a bound on
    the real time the call took, which a loaded machine stretches. Pass ``real_at_most`` only where time is
    the behaviour under test, with a margin that holds at load 8.
    """
    assert outcome.total <= deadline, f"the call took {outcome.total:.3f}s on its clock, past its {deadline}s deadline"
    assert outcome.real_sleeps == [], f"the call slept for real: {outcome.real_sleeps}"
    if real_at_most is not None:
        assert outcome.real <= real_at_most, f"the call took {outcome.real:.3f}s of real time (limit {real_at_most}s)"
    assert abs(outcome.total - outcome.real - outcome.slept) < 0.05, "the clock moved by more than real time + sleeps"
