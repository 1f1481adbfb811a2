"""The retry policy: which failures are retried, how long to wait, and when to give up.

One policy serves the sync and the async client; tenacity drives it
(``Retrying`` or ``AsyncRetrying``, built from the same strategies).

The rule that matters most: a retry must never duplicate a write. So a
read-only operation is retried on any transient failure, while a mutating
one only when the server cannot have applied it: the request never left
(connect error, connect or pool timeout) or the server refused it outright
(408, 429, 503). After a read timeout, a dropped connection or a 500/502/504
a write may have been applied, and the error says to read it back first.
"""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from cml_ergonomic._logging import get_logger
from cml_ergonomic.errors import APIStatusError, CMLConnectionError, CMLError

if TYPE_CHECKING:
    from cml_ergonomic._request import Call

log = get_logger("retry")

BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
MAX_DERIVED_DEADLINE = 60.0  # a call with no deadline= never runs longer than this
MIN_ATTEMPT = 0.1  # a retry must leave this long for its attempt, or it would only meet the deadline
ALWAYS_RETRIED_STATUSES = frozenset({408, 429, 503})  # refused: nothing was applied
READ_ONLY_RETRIED_STATUSES = frozenset({500, 502, 504})  # may have been applied


async def _async_sleep(seconds: float) -> None:
    import asyncio  # imported when an async client first sleeps, not with the SDK

    await asyncio.sleep(seconds)


@dataclass(frozen=True, slots=True)
class Clock:
    """Time as the retry machinery sees it; tests swap in a fake one."""

    now: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    async_sleep: Callable[[float], Awaitable[None]] = _async_sleep
    wall: Callable[[], datetime] = lambda: datetime.now(UTC)


def retry_reason(exc: BaseException, *, may_repeat: bool) -> str | None:
    """Why ``exc`` deserves another attempt, or None when it must be raised at once.

    Args:
        exc: what the attempt raised.
        may_repeat: whether repeating the operation is harmless (read-only,
            or marked ``idempotent=True`` by the caller).

    Returns:
        A short reason for the log, or None.
    """
    if isinstance(exc, APIStatusError):
        if exc.known_bug is not None:  # a known server bug answers the same every time
            return None
        if exc.status_code in ALWAYS_RETRIED_STATUSES:
            return f"HTTP {exc.status_code}"
        if may_repeat and exc.status_code in READ_ONLY_RETRIED_STATUSES:
            return f"HTTP {exc.status_code}"
        return None
    if isinstance(exc, CMLConnectionError) and (may_repeat or not exc.may_have_been_applied):
        return type(exc.__cause__).__name__ if exc.__cause__ else type(exc).__name__
    return None


def parse_retry_after(headers: httpx.Headers, now: datetime) -> float | None:
    """The delay a response asks for, in seconds, from ``retry-after-ms`` or ``Retry-After``.

    ``Retry-After`` may be seconds or an HTTP date; ``retry-after-ms`` (milliseconds) wins when both are present.

    Args:
        headers: the response headers.
        now: the current wall-clock time, for HTTP dates.

    Returns:
        Seconds (never negative), or None when absent or unreadable.
    """
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000.0)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def backoff(retry_number: int, rng: Callable[[], float] = random.random) -> float:
    """Exponential backoff with jitter: between half and all of ``0.5 * 2**(n-1)`` seconds, capped at 8 s."""
    ceiling = min(BACKOFF_CAP, BACKOFF_BASE * (2.0 ** (retry_number - 1)))
    return ceiling * (0.5 + rng() / 2)  # half-jitter keeps a floor, so a retry storm still spreads out


def derived_deadline(timeout: httpx.Timeout, max_retries: int) -> float:
    """The deadline of a call for which none was set: every attempt at its full timeout, plus the backoffs.

    ``(max_retries + 1)`` times the longest timeout phase, plus the longest
    backoff before each retry, at most ``MAX_DERIVED_DEADLINE`` (60 s). So
    ``timeout=2, max_retries=2`` gives 3 x 2 + 0.5 + 1 = 7.5 s, and the default
    timeout (30 s) the full 60 s. A phase without a limit (None) gives 60 s.

    Args:
        timeout: the call's per-attempt timeout.
        max_retries: the call's retries.

    Returns:
        Seconds.
    """
    phases = (timeout.connect, timeout.read, timeout.write, timeout.pool)
    if any(phase is None for phase in phases):
        return MAX_DERIVED_DEADLINE
    attempt = max(phase for phase in phases if phase is not None)
    sleeps = sum(min(BACKOFF_CAP, BACKOFF_BASE * 2.0 ** (n - 1)) for n in range(1, max_retries + 1))
    return min(MAX_DERIVED_DEADLINE, (max_retries + 1) * attempt + sleeps)


def strategies(call: Call[Any]) -> dict[str, Any]:
    """The tenacity arguments for one call; the same for ``Retrying`` and ``AsyncRetrying``."""
    from cml_ergonomic._retry_tenacity import strategies

    return strategies(call)


def first_retry(call: Call[Any], exc: CMLError) -> float:
    """After a call's first attempt failed: how long to sleep before the second, or raise ``exc``.

    The first attempt runs without any retry machinery (most calls succeed at
    once); this applies the same policy to its failure as tenacity applies to
    the later ones, which then run in a ``Retrying`` loop. tenacity is
    imported here, by the first failure, not by ``import cml_ergonomic``.

    Raises:
        CMLError: ``exc`` itself, when the policy says not to retry it.
    """
    from cml_ergonomic._retry_tenacity import first_retry

    return first_retry(call, exc)


def annotate(exc: CMLError, call: Call[Any]) -> CMLError:
    """Record on the final error how many retries were made and why the client stopped."""
    exc.retries = call.retries
    if call.give_up_note and call.give_up_note not in exc.suggestion:
        exc.suggestion = f"{exc.suggestion} (not retried: {call.give_up_note})".strip()
    return exc
