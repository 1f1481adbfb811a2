"""Hooks: callbacks on what a client does, for metrics, tracing and alerts.

Subclass :class:`Hooks`, override the methods you need, and pass an instance
as ``hooks=`` to either client (or to ``with_options``)::

    class CountCalls(Hooks):
        def on_call_end(self, event: CallEnded) -> None:
            metrics.timing(f"cml.{event.operation}", event.elapsed_ms, status=event.status)

Each event names the operation, method and path template, the attempt,
status, elapsed time and request id, and never carries the API key or any
request or response body (content stays out of metrics pipelines). A hook
that raises is logged and ignored: observing a call must not break it.

One call emits, in order: ``on_call_start``; per attempt ``on_request`` then
``on_response`` (when an HTTP answer came); ``on_retry`` before each sleep;
``on_error`` when the call fails; ``on_degraded`` when a ``*_safe`` call
returns its degraded result; ``on_call_end`` last, once. ``on_circuit_change``
fires when the breaker guarding the ``*_safe`` calls changes state.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cml_ergonomic._logging import get_logger

log = get_logger("hooks")

_call_ids = itertools.count(1)


def next_call_id() -> int:
    """A process-unique id for one call (ties together the events of that call)."""
    return next(_call_ids)


@dataclass(frozen=True, slots=True)
class CallEvent:
    """What every per-call event carries.

    Attributes:
        call_id: unique per call within the process: the events of one call share it.
        operation: the server operation's short id (``read_memory``, ``write_memory`` ...).
        method: the HTTP method.
        path: the path template (``/api/v1/session/{session_id}/context``), never filled in.
    """

    call_id: int
    operation: str
    method: str
    path: str


@dataclass(frozen=True, slots=True)
class CallStarted(CallEvent):
    """A call begins (before its first attempt, or before it is refused by an open circuit)."""


@dataclass(frozen=True, slots=True)
class RequestSent(CallEvent):
    """An attempt is about to be sent.

    Attributes:
        attempt: 1 for the first attempt, 2 for the first retry, ...
    """

    attempt: int


@dataclass(frozen=True, slots=True)
class ResponseReceived(CallEvent):
    """An attempt got an HTTP answer (any status).

    Attributes:
        attempt: which attempt.
        status: the HTTP status.
        request_id: the server's ``X-Request-ID``.
        elapsed_ms: time since the call started.
    """

    attempt: int
    status: int
    request_id: str | None
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class RetryScheduled(CallEvent):
    """A failed attempt will be retried after a sleep.

    Attributes:
        retry: the retry's number (1 for the first retry).
        reason: why (``HTTP 503``, ``ConnectError`` ...).
        sleep: seconds the client sleeps first.
    """

    retry: int
    reason: str
    sleep: float


@dataclass(frozen=True, slots=True)
class CallFailed(CallEvent):
    """The call failed for good (a ``*_safe`` call may still return a degraded result next).

    Attributes:
        error_type: the exception's class name (``ServerError``, ``CMLTimeoutError`` ...).
        status: the HTTP status, when there was an answer.
        request_id: the server's request id, when there was an answer.
        retries: retries made.
        elapsed_ms: time since the call started.
    """

    error_type: str
    status: int | None
    request_id: str | None
    retries: int
    elapsed_ms: float


@dataclass(frozen=True, slots=True)
class CallDegraded(CallEvent):
    """A ``*_safe`` call returned its degraded (empty) result.

    Attributes:
        reason: why (``the circuit is open``, ``ServerError: ...``).
    """

    reason: str


@dataclass(frozen=True, slots=True)
class CallEnded(CallEvent):
    """The call is over: one per call, whatever happened. The event to build per-call metrics on.

    Attributes:
        status: the last HTTP status seen (None when no answer came).
        request_id: the last request id seen.
        retries: retries made.
        elapsed_ms: the call's whole duration.
        degraded: a degraded result was returned.
        error_type: the class name of the error raised or degraded on, else None.
    """

    status: int | None
    request_id: str | None
    retries: int
    elapsed_ms: float
    degraded: bool
    error_type: str | None


@dataclass(frozen=True, slots=True)
class CircuitChanged:
    """The circuit breaker of the ``*_safe`` calls moved.

    Attributes:
        old: the state it left (``closed``, ``open``, ``half_open``).
        new: the state it entered.
        operation: the operation whose outcome moved it.
    """

    old: str
    new: str
    operation: str


class Hooks:
    """Callbacks on a client's calls; every method does nothing unless overridden.

    Example:
        >>> from cml_ergonomic.hooks import Hooks, CallEnded
        >>> class Print(Hooks):
        ...     def on_call_end(self, event: CallEnded) -> None:
        ...         print(event.operation, event.status, f"{event.elapsed_ms:.0f} ms")
    """

    def on_call_start(self, event: CallStarted) -> None:
        """A call begins."""

    def on_request(self, event: RequestSent) -> None:
        """An attempt is about to be sent."""

    def on_response(self, event: ResponseReceived) -> None:
        """An attempt got an HTTP answer."""

    def on_retry(self, event: RetryScheduled) -> None:
        """A retry is scheduled."""

    def on_error(self, event: CallFailed) -> None:
        """The call failed for good."""

    def on_degraded(self, event: CallDegraded) -> None:
        """A ``*_safe`` call returned its degraded result."""

    def on_circuit_change(self, event: CircuitChanged) -> None:
        """The circuit breaker changed state."""

    def on_call_end(self, event: CallEnded) -> None:
        """The call is over (once per call)."""


class HookSet:
    """The hooks of one client, called in order; a hook that raises is logged and skipped."""

    __slots__ = ("hooks",)

    def __init__(self, hooks: Sequence[Hooks]) -> None:
        self.hooks = tuple(hooks)

    def emit(self, name: str, event: object) -> None:
        """Call ``name(event)`` on every hook, logging (never raising) what a hook raises."""
        for hook in self.hooks:
            try:
                getattr(hook, name)(event)
            except Exception as exc:
                log.warning("hook %s.%s raised %s: %s", type(hook).__name__, name, type(exc).__name__, exc)

    def __add__(self, other: HookSet) -> HookSet:
        return HookSet(self.hooks + other.hooks)


def hook_set(hooks: Hooks | Sequence[Hooks] | None) -> HookSet | None:
    """Normalise the ``hooks=`` argument: None (no cost at all), or a :class:`HookSet`.

    Raises:
        ConfigurationError: something that is not a ``Hooks`` (or a sequence of them).
    """
    if hooks is None:
        return None
    if isinstance(hooks, HookSet):
        return hooks
    items: list[object] = [hooks] if isinstance(hooks, Hooks) else _listed(hooks)
    for item in items:
        if not isinstance(item, Hooks):
            from cml_ergonomic.errors import ConfigurationError

            raise ConfigurationError(
                f"hooks= takes cml_ergonomic.hooks.Hooks instances, not {type(item).__name__}",
                suggestion="Subclass cml_ergonomic.hooks.Hooks and pass an instance (or a list of them).",
            )
    return HookSet([item for item in items if isinstance(item, Hooks)]) if items else None


def _listed(value: object) -> list[object]:
    if isinstance(value, str | bytes):
        return [value]
    if isinstance(value, Iterable):
        return list(value)
    return [value]
