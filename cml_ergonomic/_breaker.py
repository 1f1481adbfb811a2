"""A small circuit breaker for the degradable calls (``read_safe``, ``turn_safe``, ``get_context_safe``).

closed ──N consecutive failures──▶ open ──cooldown passes──▶ half-open
  ▲                                  ▲                          │
  └──────── the trial succeeds ──────┴──── the trial fails ─────┘

While open, a degradable call returns its degraded result at once, without
touching the network. After the cooldown one trial call goes through.

Why not a library: pybreaker is sync-only (async through Tornado), aiobreaker
async-only; one breaker must serve a sync and an async client alike, and
the whole state machine is the forty lines below. Thread-safe.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import StrEnum

from cml_ergonomic._logging import get_logger

log = get_logger("circuit")

DEFAULT_FAILURE_THRESHOLD = 5
DEFAULT_COOLDOWN = 30.0


class CircuitState(StrEnum):
    """Where a circuit breaker stands."""

    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"


class CircuitBreaker:
    """Counts consecutive failed degradable *calls* (not attempts) and opens after ``threshold`` of them.

    Args:
        now: the clock (seconds, monotonic).
        threshold: consecutive transport or 5xx failures that open the circuit.
        cooldown: seconds the circuit stays open before one trial call.
    """

    def __init__(
        self, now: Callable[[], float], threshold: int = DEFAULT_FAILURE_THRESHOLD, cooldown: float = DEFAULT_COOLDOWN
    ) -> None:
        self._now = now
        self.threshold = threshold
        self.cooldown = cooldown
        self._state = CircuitState.CLOSED
        self._failures = 0
        self._opened_at = 0.0
        self._trial_in_flight = False
        self._lock = threading.Lock()

    @property
    def state(self) -> CircuitState:
        """The current state (an open circuit whose cooldown has passed reads as half-open)."""
        with self._lock:
            if self._state is CircuitState.OPEN and self._now() - self._opened_at >= self.cooldown:
                return CircuitState.HALF_OPEN
            return self._state

    def allow(self) -> bool:
        """Whether a call may go to the network now (in half-open: only the one trial)."""
        with self._lock:
            if self._state is CircuitState.CLOSED:
                return True
            if self._state is CircuitState.OPEN:
                if self._now() - self._opened_at < self.cooldown:
                    return False
                self._move(CircuitState.HALF_OPEN)
            if self._trial_in_flight:
                return False
            self._trial_in_flight = True
            return True

    def record_success(self) -> None:
        """A degradable call succeeded: close the circuit."""
        with self._lock:
            self._failures = 0
            self._trial_in_flight = False
            if self._state is not CircuitState.CLOSED:
                self._move(CircuitState.CLOSED)

    def record_failure(self) -> None:
        """A degradable call failed with a transport error or a 5xx."""
        with self._lock:
            self._failures += 1
            self._trial_in_flight = False
            if self._state is CircuitState.HALF_OPEN or self._failures >= self.threshold:
                self._opened_at = self._now()
                if self._state is not CircuitState.OPEN:
                    self._move(CircuitState.OPEN)

    def release(self) -> None:
        """A trial call ended without a verdict (e.g. an auth error): let the next one try."""
        with self._lock:
            self._trial_in_flight = False

    def _move(self, state: CircuitState) -> None:
        log.warning("circuit %s -> %s after %d consecutive failures", self._state.value, state.value, self._failures)
        self._state = state
