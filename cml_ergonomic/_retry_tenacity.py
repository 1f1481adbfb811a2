"""The retry policy of :mod:`._retry` expressed as tenacity strategies (imported after a first failure)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import tenacity

from cml_ergonomic._retry import MIN_ATTEMPT, backoff, log, retry_reason
from cml_ergonomic.errors import APIStatusError, CMLError

if TYPE_CHECKING:
    from cml_ergonomic._request import Call


class _Wait(tenacity.wait.wait_base):
    def __init__(self, call: Call[Any]) -> None:
        self.call = call

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = getattr(exc, "retry_after", None)
        if asked is not None:
            return float(asked)
        return backoff(self.call.retries + 1)


class _Stop(tenacity.stop.stop_base):
    def __init__(self, call: Call[Any]) -> None:
        self.call = call

    def __call__(self, retry_state: tenacity.RetryCallState) -> bool:
        call = self.call
        if call.retries >= call.max_retries:
            return True
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        sleep = retry_state.upcoming_sleep
        if isinstance(exc, APIStatusError) and exc.retry_after is not None and sleep > call.retry_after_cap:
            call.give_up_note = f"the server asked to wait {sleep:.1f}s, more than the {call.retry_after_cap:g}s cap"
            return True
        if sleep + MIN_ATTEMPT >= call.remaining():
            call.give_up_note = f"waiting {sleep:.1f}s would pass the call's {call.deadline:g}s deadline"
            return True
        return False


def _retryable(call: Call[Any]) -> Callable[[BaseException], bool]:
    def check(exc: BaseException) -> bool:
        reason = retry_reason(exc, may_repeat=call.may_repeat)
        call.last_reason = reason
        return reason is not None

    return check


def _before_sleep(call: Call[Any]) -> Callable[[tenacity.RetryCallState], None]:
    # A degradable call (read_safe ...) logs one warning per outage itself; its retries are details.
    level = logging.DEBUG if call.spec.fallback is not None else logging.WARNING

    def log_retry(retry_state: tenacity.RetryCallState) -> None:
        call.retries += 1
        log.log(
            level,
            "retrying %s (retry %d of %d) after %s; sleeping %.2fs",
            call.label,
            call.retries,
            call.max_retries,
            call.last_reason,
            retry_state.upcoming_sleep,
        )
        call.emit_retry(call.last_reason or "", retry_state.upcoming_sleep)

    return log_retry


def strategies(call: Call[Any]) -> dict[str, Any]:
    """The tenacity arguments for one call; the same for ``Retrying`` and ``AsyncRetrying``."""
    return {
        "stop": _Stop(call),
        "wait": _Wait(call),
        "retry": tenacity.retry_if_exception(_retryable(call)),
        "before_sleep": _before_sleep(call),
        "reraise": True,
    }


def first_retry(call: Call[Any], exc: CMLError) -> float:
    """After a call's first attempt failed: how long to sleep before the second, or raise ``exc``.

    The first attempt runs without any retry machinery (most calls succeed at
    once); this applies the same policy to its failure as tenacity applies to
    the later ones, which then run in a ``Retrying`` loop.

    Raises:
        CMLError: ``exc`` itself, when the policy says not to retry it.
    """
    if not _retryable(call)(exc):
        raise exc
    state = tenacity.RetryCallState(cast(Any, None), None, (), {})  # no Retrying owns this first decision
    state.set_exception((type(exc), exc, exc.__traceback__))
    state.upcoming_sleep = _Wait(call)(state)
    if _Stop(call)(state):
        raise exc
    _before_sleep(call)(state)
    return state.upcoming_sleep
