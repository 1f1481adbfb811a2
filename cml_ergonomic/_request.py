"""One API call, from its description to its typed result: everything but the I/O.

A public method builds a :class:`RequestSpec` (what to send, how to parse the
answer). The client turns it into a :class:`Call`, which holds the call's
state (deadline, retries, headers) and does every step that is not I/O:
building each attempt's request, reading the body against the deadline,
mapping errors, parsing, logging. The sync and async clients only move bytes.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypedDict, TypeVar
from urllib.parse import quote

import httpx

from cml_ergonomic._config import check_deadline, check_retries, resolve_timeout
from cml_ergonomic._logging import get_logger
from cml_ergonomic._operations import Operation
from cml_ergonomic._retry import annotate, derived_deadline, parse_retry_after
from cml_ergonomic._serialize import dumps, loads
from cml_ergonomic._shape import check_shape
from cml_ergonomic.errors import (
    READ_BACK_FIRST,
    APIStatusError,
    CMLConnectionError,
    CMLError,
    CMLTimeoutError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    ValidationError,
    connection_error,
    error_from_response,
)

if TYPE_CHECKING:
    from cml_ergonomic._base import ClientCore
    from cml_ergonomic.hooks import HookSet

T = TypeVar("T")
R = TypeVar("R")
ROUTE_NOT_FOUND = {"detail": "Not Found"}  # FastAPI's answer for a path it has no route for
OWN_REQUEST = "cml_ergonomic"  # marks the wrapper's own requests, which carry their identity headers already
log = get_logger("http")


class CallOptions(TypedDict, total=False):
    """Per-call options every public method accepts.

    Attributes:
        timeout: seconds (or ``httpx.Timeout``) for each attempt, instead of the client's.
        max_retries: retries for this call, instead of the client's.
        deadline: seconds for the whole call, retries and sleeps included.
        idempotent: True marks a mutating call as safe to repeat, so it is
            retried like a read (only when you know a duplicate does no harm).
    """

    timeout: float | httpx.Timeout
    max_retries: int
    deadline: float
    idempotent: bool


@dataclass(frozen=True, slots=True)
class ResponseMeta:
    """What the transport knows about a result: ``result.meta``.

    Attributes:
        request_id: the server's ``X-Request-ID`` (of the last failed answer, for a degraded result).
        status_code: the HTTP status; for a degraded result the last failed answer's, or None when none came
            (a transport failure, an open circuit).
        retries: retries made before this answer (or before degrading).
        elapsed_ms: time from the first attempt to the parsed result (or to the degraded one).
    """

    request_id: str | None
    status_code: int | None
    retries: int
    elapsed_ms: float


@dataclass(slots=True)
class RequestSpec(Generic[T]):
    """What a public method asks for: an operation, its inputs, and how to read its answer."""

    operation: Operation
    parse: Callable[[Any], T]
    body: Any = None
    path_params: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] | None = None
    options: CallOptions = field(default_factory=lambda: CallOptions())
    # Set for the degradable calls (read_safe ...): builds the degraded result from a reason.
    fallback: Callable[[str], T] | None = None
    # Set where any 2xx answer is a finding (check_compatibility): a body that is not JSON reaches parse as text.
    text_body: bool = False


_NO_HOOKS: AbstractContextManager[None] = nullcontext()


def _fit(limit: float | None, remaining: float) -> float:
    return remaining if limit is None else min(limit, remaining)


class Call(Generic[T]):
    """The state and the I/O-free steps of one call (all attempts of it)."""

    __slots__ = (
        "call_id",
        "content",
        "core",
        "deadline",
        "deadline_at",
        "failure",
        "finished",
        "give_up_note",
        "headers",
        "hooks",
        "label",
        "last_reason",
        "last_request_id",
        "last_status",
        "max_retries",
        "may_repeat",
        "path",
        "retries",
        "retry_after_cap",
        "spec",
        "started",
        "timeout",
    )

    def __init__(self, core: ClientCore, spec: RequestSpec[T]) -> None:
        options = spec.options
        config = core.config
        op = spec.operation
        self.core = core
        self.spec = spec
        self.label = op.label
        self.timeout = resolve_timeout(options["timeout"]) if "timeout" in options else config.timeout
        self.max_retries = check_retries(options["max_retries"]) if "max_retries" in options else config.max_retries
        if "deadline" in options:
            self.deadline = check_deadline(options["deadline"])
        elif config.deadline is None and ("timeout" in options or "max_retries" in options):
            self.deadline = derived_deadline(self.timeout, self.max_retries)  # follows this call's own timeout
        else:
            self.deadline = config.call_deadline
        self.retry_after_cap = config.retry_after_cap
        self.may_repeat = op.read_only or bool(options.get("idempotent", False))
        self.retries = 0
        self.last_reason: str | None = None
        self.give_up_note = ""
        self.finished = False  # a stream's last event has been read
        self.started = core.clock.now()
        self.deadline_at = self.started + self.deadline
        # Snapshot now: a set_tenant() in another thread applies to later calls, never half to this one.
        self.headers = core._headers_for(op)
        self.path = (
            op.path.format(**{k: quote(v, safe="") for k, v in spec.path_params.items()})
            if spec.path_params
            else op.path
        )
        self.content = dumps(spec.body) if spec.body is not None else None
        # Hooks cost one attribute test per step when unset; everything below runs only when they are set.
        self.hooks: HookSet | None = core.hooks
        if self.hooks is not None:
            from cml_ergonomic.hooks import CallStarted, next_call_id  # only clients with hooks load the module

            self.call_id = next_call_id()
            self.last_status: int | None = None
            self.last_request_id: str | None = None
            self.failure: str | None = None
            self.hooks.emit("on_call_start", CallStarted(*self._where()))

    # -- hooks (every method below is called only when self.hooks is set)

    def _where(self) -> tuple[int, str, str, str]:
        op = self.spec.operation
        return self.call_id, op.key, op.method, op.path

    def _elapsed_ms(self) -> float:
        return (self.core.clock.now() - self.started) * 1000

    def _emit_end(self, *, degraded: bool) -> None:
        from cml_ergonomic.hooks import CallEnded

        assert self.hooks is not None
        event = CallEnded(
            *self._where(),
            status=self.last_status,
            request_id=self.last_request_id,
            retries=self.retries,
            elapsed_ms=self._elapsed_ms(),
            degraded=degraded,
            error_type=self.failure,
        )
        self.hooks.emit("on_call_end", event)

    def _emit_error(self, exc: CMLError) -> None:
        from cml_ergonomic.hooks import CallFailed

        assert self.hooks is not None
        self.failure = type(exc).__name__
        status = getattr(exc, "status_code", None)
        if isinstance(status, int):
            self.last_status = status
        if exc.request_id:
            self.last_request_id = exc.request_id
        event = CallFailed(
            *self._where(),
            error_type=self.failure,
            status=self.last_status,
            request_id=self.last_request_id,
            retries=self.retries,
            elapsed_ms=self._elapsed_ms(),
        )
        self.hooks.emit("on_error", event)

    def _emit_circuit(self, before: str) -> None:
        from cml_ergonomic.hooks import CircuitChanged

        assert self.hooks is not None
        after = self.core.breaker.state.value
        if after != before:
            self.hooks.emit("on_circuit_change", CircuitChanged(before, after, self.spec.operation.key))

    def emit_retry(self, reason: str, sleep: float) -> None:
        """Tell the hooks that a retry is scheduled (``self.retries`` already counts it)."""
        if self.hooks is not None:
            from cml_ergonomic.hooks import RetryScheduled

            event = RetryScheduled(*self._where(), self.retries, reason, sleep)
            self.hooks.emit("on_retry", event)

    def stream_opened(self, response: httpx.Response) -> None:
        """Tell the hooks that the stream's answer came (``complete`` sees only a stream that failed to open)."""
        if self.hooks is not None:
            self._emit_response(response.status_code, response.headers.get("x-request-id"), self._elapsed_ms())

    def _emit_response(self, status: int, request_id: str | None, elapsed_ms: float) -> None:
        from cml_ergonomic.hooks import ResponseReceived

        assert self.hooks is not None
        self.last_status, self.last_request_id = status, request_id
        event = ResponseReceived(*self._where(), self.retries + 1, status, request_id, elapsed_ms)
        self.hooks.emit("on_response", event)

    def observe_stream(self) -> AbstractContextManager[None]:
        """Around a whole streamed call: tells the hooks how it ended (nothing at all without hooks)."""
        return _NO_HOOKS if self.hooks is None else self._observed_stream()

    @contextmanager
    def _observed_stream(self) -> Iterator[None]:
        try:
            yield
        except CMLError as exc:
            self._emit_error(exc)
            self._emit_end(degraded=False)
            raise
        except GeneratorExit:  # the caller stopped reading early: the call still ends
            self._emit_end(degraded=False)
            raise
        self._emit_end(degraded=False)

    # -- graceful degradation (only for specs with a fallback)

    def blocked(self) -> bool:
        """True when the circuit is open and a degradable call must not touch the network."""
        if self.spec.fallback is None:
            return False
        if self.hooks is None:
            return not self.core.breaker.allow()
        before = self.core.breaker.state.value
        allowed = self.core.breaker.allow()
        self._emit_circuit(before)
        return not allowed

    def degraded(self, reason: str, error: CMLError | None = None) -> T:
        """The degraded result (with its ``meta``: retries, elapsed time), logged once per outage, not per call."""
        assert self.spec.fallback is not None
        if not self.core.degraded:
            self.core.degraded = True
            log.warning("%s degraded: %s; returning empty results until the server recovers", self.label, reason)
        else:
            log.debug("%s degraded: %s", self.label, reason)
        if self.hooks is not None:
            from cml_ergonomic.hooks import CallDegraded

            self.hooks.emit("on_degraded", CallDegraded(*self._where(), reason))
            self._emit_end(degraded=True)
        result = self.spec.fallback(reason)
        elapsed_ms = (self.core.clock.now() - self.started) * 1000
        status = getattr(error, "status_code", None)
        request_id = error.request_id if error is not None else None
        result.meta = ResponseMeta(request_id, status, self.retries, elapsed_ms)  # type: ignore[attr-defined]
        return result

    def succeeded(self, result: R) -> R:
        """Note a success (it closes the circuit of degradable calls)."""
        if self.spec.fallback is not None:
            before = self.core.breaker.state.value if self.hooks is not None else ""
            self.core.breaker.record_success()
            if self.hooks is not None:
                self._emit_circuit(before)
            if self.core.degraded:
                self.core.degraded = False
                log.warning("%s recovered: the server answers again", self.label)
        if self.hooks is not None:
            self._emit_end(degraded=False)
        return result

    def failed(self, exc: CMLError) -> T:
        """Raise the final error, or return the degraded result when the call may degrade.

        Auth and validation errors always raise: they are bugs, not outages.
        """
        annotate(exc, self)
        if self.hooks is not None:
            self._emit_error(exc)
            if self.spec.fallback is None or not isinstance(exc, CMLConnectionError | ServerError | RateLimitError):
                self._emit_end(degraded=False)
        if self.spec.fallback is None:
            raise exc
        if isinstance(exc, CMLConnectionError | ServerError):
            before = self.core.breaker.state.value if self.hooks is not None else ""
            self.core.breaker.record_failure()
            if self.hooks is not None:
                self._emit_circuit(before)
        elif not isinstance(exc, RateLimitError):
            self.core.breaker.release()
            raise exc
        return self.degraded(f"{type(exc).__name__}: {exc.message}", exc)

    def remaining(self) -> float:
        """Seconds left before the call's deadline."""
        return self.deadline_at - self.core.clock.now()

    def build_request(self, http: httpx.Client | httpx.AsyncClient) -> httpx.Request:
        """The next attempt's request, its timeouts shortened to fit the deadline.

        Built directly rather than through ``http.build_request``: the headers
        (the pool's defaults included) and the URL are prepared once per client,
        which saves most of the cost of building a request.

        Raises:
            CMLTimeoutError: the deadline has already passed.
        """
        remaining = self.remaining()
        if remaining <= 0:
            raise self._deadline_error()
        t = self.timeout
        timeout = {
            "connect": _fit(t.connect, remaining),
            "read": _fit(t.read, remaining),
            "write": _fit(t.write, remaining),
            "pool": _fit(t.pool, remaining),
        }
        headers = self.headers if self.content is None else {**self.headers, "Content-Type": "application/json"}
        url = self.core._url_for(self.path)
        if self.spec.params:
            url = url.copy_merge_params(self.spec.params)
        if self.hooks is not None:
            from cml_ergonomic.hooks import RequestSent

            self.hooks.emit("on_request", RequestSent(*self._where(), self.retries + 1))
        return httpx.Request(
            self.spec.operation.method,
            url,
            content=self.content,
            headers=headers,
            extensions={"timeout": timeout, OWN_REQUEST: True},
        )

    def _deadline_error(self) -> CMLTimeoutError:
        mutating = not self.spec.operation.read_only
        suggestion = f"The call's {self.deadline:g}s deadline passed" + (
            f": {READ_BACK_FIRST}" if mutating else "; raise deadline= if the server is just slow."
        )
        return CMLTimeoutError(
            f"{self.label} did not finish within its {self.deadline:g}s deadline",
            may_have_been_applied=mutating,
            suggestion=suggestion,
        )

    def check_deadline(self) -> None:
        """Stop the call when its deadline has passed.

        A server that trickles bytes resets the read timeout with every chunk;
        only this check, made after each chunk, can cut it.

        Raises:
            CMLTimeoutError: the deadline has passed.
        """
        if self.core.clock.now() > self.deadline_at:
            raise self._deadline_error()

    def collect(self, chunks: Iterable[bytes]) -> bytes:
        """The whole body, read chunk by chunk against the deadline.

        The deadline is checked before each chunk after the first, so a body
        that is complete is never thrown away for arriving just late.
        """
        buffer: list[bytes] = []
        for chunk in chunks:
            if buffer:
                self.check_deadline()
            buffer.append(chunk)
        return b"".join(buffer)

    async def acollect(self, chunks: AsyncIterator[bytes]) -> bytes:
        """``collect`` for an async body."""
        buffer: list[bytes] = []
        async for chunk in chunks:
            if buffer:
                self.check_deadline()
            buffer.append(chunk)
        return b"".join(buffer)

    def socket_deadline(self) -> AbstractContextManager[None]:
        """Within the block, no socket read of the sync client's own pool waits past the deadline."""
        from cml_ergonomic._deadline import attempt_deadline

        return attempt_deadline(self.remaining())

    @contextmanager
    def cut_at_deadline(self) -> Iterator[None]:
        """Turn ``asyncio.timeout``'s plain TimeoutError, raised when the deadline passes, into ours."""
        try:
            yield
        except TimeoutError as exc:
            if isinstance(exc, CMLError):
                raise
            raise self._deadline_error() from None

    @contextmanager
    def io(self, request: httpx.Request) -> Iterator[None]:
        """Map httpx failures inside the block to our errors (never carrying credentials).

        Besides transport failures, a body that its ``content-encoding`` cannot
        decode (a corrupt gzip from a proxy) raises ``httpx.DecodingError``,
        which is not a transport error: it becomes a ``ResponseValidationError``.
        """
        try:
            yield
        except httpx.TransportError as exc:
            raise self.transport_error(exc, request) from exc
        except httpx.DecodingError as exc:
            error = ResponseValidationError(
                f"{self.label} answered with a body that could not be decoded ({exc})", response_body=None
            )
            error.suggestion = (
                "The answer's compression (content-encoding) is corrupt: a proxy between you and the server, or the "
                "server itself, sent a broken body. Retry; if it persists, check the proxy."
            )
            if not self.spec.operation.read_only:
                error.suggestion += f" The server answered, so {READ_BACK_FIRST}"
            raise error from exc

    def transport_error(self, exc: httpx.TransportError, request: httpx.Request) -> CMLError:
        """Our error for an httpx transport failure (never carries credentials)."""
        if isinstance(exc, httpx.TimeoutException) and self.remaining() <= 0:
            error: CMLError = self._deadline_error()  # the socket's read was cut by the call's deadline
            error.__cause__ = exc
            return error
        url = request.url.copy_with(username=None, password=None, query=None)
        error = connection_error(exc, method=request.method, url=str(url), mutating=not self.spec.operation.read_only)
        error.__cause__ = exc
        return error

    def complete(self, response: httpx.Response, body: bytes) -> T:
        """Map the answer to a result or raise the matching error.

        Raises:
            APIStatusError: non-2xx (a subclass by status).
            ValidationError: 422.
            ResponseValidationError: a 2xx body that does not match the schema.
        """
        status = response.status_code
        request_id = response.headers.get("x-request-id")
        elapsed_ms = (self.core.clock.now() - self.started) * 1000
        log.debug("%s → %d (%.0f ms) request_id=%s", self.label, status, elapsed_ms, request_id)
        if self.hooks is not None:
            self._emit_response(status, request_id, elapsed_ms)
        if not 200 <= status < 300:
            # The body is already decoded: without its content-encoding, so that it is not decoded (and fails) again.
            headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() != "content-encoding"]
            full = httpx.Response(status, headers=headers, content=body, request=response.request)
            error = error_from_response(
                full,
                admin=self.spec.operation.admin,
                mutating=not self.spec.operation.read_only,
                retry_after=parse_retry_after(response.headers, self.core.clock.wall()),
            )
            note = self.spec.operation.version_note()
            if note and status == 404 and getattr(error, "response_body", None) == ROUTE_NOT_FOUND:
                error.suggestion = note  # the route itself is missing: this server version does not serve it
            if status >= 500:
                _name_known_bug(error, self.spec.operation.key)
            raise error
        try:
            data = loads(body) if body else None
        except ValueError as exc:
            if not self.spec.text_body:
                raise ResponseValidationError(
                    f"{self.label} answered {status} with a body that is not JSON ({exc})",
                    response_body=body[:500].decode(errors="replace"),
                    request_id=request_id,
                ) from None
            data = body.decode(errors="replace")
        try:
            result = self.spec.parse(data)
            check_shape(result, data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, ValidationError):
                raise
            raise ResponseValidationError(
                f"{self.label} answered {status} with a body that does not match the schema: "
                f"{type(exc).__name__}: {exc}",
                response_body=data,
                request_id=request_id,
            ) from None
        meta = getattr(result, "meta", False)
        if meta is None:  # typed results carry a meta slot; TypedDicts and plain values do not
            result.meta = ResponseMeta(request_id, status, self.retries, elapsed_ms)  # type: ignore[attr-defined]
        return result


def _name_known_bug(error: APIStatusError | ValidationError, operation: str) -> None:
    """Say so when a 5xx is a known bug of the server's version (it is then not retried)."""
    if not isinstance(error, APIStatusError):
        return
    from cml_ergonomic._known_bugs import known_bug  # only after a 5xx

    bug = known_bug(operation, error.status_code, error.response_body)
    if bug is not None:
        error.known_bug = bug
        error.message = (
            f"{error.method} {httpx.URL(error.url).path} failed with {error.status_code}: "
            f"a known bug of CML server {bug.versions}: {bug.what}"
        )
        error.args = (error.message,)
        error.suggestion = bug.advice
