"""``VirtualClock``: time in which the SDK's waits are skipped, so tests with ``FakeCML`` never sleep.

A client's retry backoff, a ``Retry-After`` wait and a ``hang_next()`` fault
each advance the clock instead of sleeping; the clients' deadlines and
circuit breaker read the same clock, so they see the skipped time and behave
exactly as they would in real time. Real time still passes underneath
(``now()`` is the monotonic clock plus what was skipped).
"""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from cml_ergonomic._retry import Clock


class VirtualClock:
    """Monotonic time plus every wait that was skipped; the waits are recorded in ``sleeps``.

    Args:
        wall_start: the wall-clock time it starts at (default: now).

    Attributes:
        sleeps: every skipped wait, in seconds, in order (the clients' backoffs and ``hang_next()``'s).
        skipped: the total of the skipped waits.
    """

    def __init__(self, wall_start: datetime | None = None) -> None:
        self.sleeps: list[float] = []
        self.skipped = 0.0
        self._lock = threading.Lock()
        self._wall_start = wall_start or datetime.now(UTC)

    def now(self) -> float:
        """Seconds on the clients' clock: the real monotonic time plus the skipped waits."""
        return time.monotonic() + self.skipped

    def sleep(self, seconds: float) -> None:
        """Skip ``seconds`` instead of waiting, and record it."""
        with self._lock:
            self.sleeps.append(seconds)
            self.skipped += max(0.0, seconds)

    async def async_sleep(self, seconds: float) -> None:
        """``sleep`` for the async client; it still yields to the event loop once."""
        import asyncio

        self.sleep(seconds)
        await asyncio.sleep(0)

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass without recording a wait (e.g. a circuit breaker's cooldown in a test)."""
        with self._lock:
            self.skipped += max(0.0, seconds)

    def wall(self) -> datetime:
        """The wall-clock time the clients see (for HTTP-date ``Retry-After``): only skipped time moves it.

        So a ``Retry-After`` date is read exactly, however long the test really took.
        """
        return self._wall_start + timedelta(seconds=self.skipped)

    def clock(self) -> Clock:
        """This clock in the form a client takes (``client.clock = fake.clock.clock()``)."""
        return Clock(now=self.now, sleep=self.sleep, async_sleep=self.async_sleep, wall=self.wall)
