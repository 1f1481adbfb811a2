"""OpenTelemetry tracing for the clients: one client span per call (the ``otel`` extra).

Turn it on with ``CognitiveMemoryLayer(otel=True)`` or ``instrument(client)``.
Each call gets one span of kind CLIENT, named ``{method} {path template}``
and carrying the HTTP client conventions' attributes (``http.request.method``,
``url.template``, ``server.address``, ``server.port``,
``http.response.status_code``, ``http.request.resend_count``,
``error.type``) and the SDK's own (``cml.operation``, ``cml.request_id``,
``cml.retries``, ``cml.degraded``). Each retry is a span event. No content
and no key is ever recorded: the spans are built from hook events, which
carry neither.

Only ``opentelemetry-api`` is needed; spans go wherever the application's
tracer provider sends them. ``import cml_ergonomic`` never imports this module.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from cml_ergonomic.hooks import (
    CallDegraded,
    CallEnded,
    CallFailed,
    CallStarted,
    Hooks,
    HookSet,
    ResponseReceived,
    RetryScheduled,
)

try:
    from opentelemetry import trace
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("cml_ergonomic.otel needs OpenTelemetry's API: pip install 'cml-ergonomic[otel]'") from exc

if TYPE_CHECKING:
    from opentelemetry.trace import Span, TracerProvider

_MAX_OPEN_SPANS = 10_000  # a call cancelled mid-way never ends its span; do not keep such spans forever


class TracingHooks(Hooks):
    """Hooks that turn each call into an OpenTelemetry client span.

    Args:
        tracer_provider: where spans go (default: the global provider).
        server_address: the server's host, for ``server.address``.
        server_port: the server's port, for ``server.port``.
    """

    def __init__(
        self,
        tracer_provider: TracerProvider | None = None,
        *,
        server_address: str | None = None,
        server_port: int | None = None,
    ) -> None:
        from cml_ergonomic._version import __version__

        self._tracer = trace.get_tracer("cml_ergonomic", __version__, tracer_provider=tracer_provider)
        self._server: dict[str, Any] = {}
        if server_address:
            self._server["server.address"] = server_address
        if server_port:
            self._server["server.port"] = server_port
        self._spans: dict[int, Span] = {}
        self._lock = threading.Lock()

    def on_call_start(self, event: CallStarted) -> None:
        attributes = {
            "http.request.method": event.method,
            "url.template": event.path,
            "cml.operation": event.operation,
            **self._server,
        }
        span = self._tracer.start_span(
            f"{event.method} {event.path}", kind=trace.SpanKind.CLIENT, attributes=attributes
        )
        with self._lock:
            if len(self._spans) >= _MAX_OPEN_SPANS:
                self._spans.pop(next(iter(self._spans)))
            self._spans[event.call_id] = span

    def _span(self, call_id: int) -> Span | None:
        return self._spans.get(call_id)

    def on_response(self, event: ResponseReceived) -> None:
        span = self._span(event.call_id)
        if span is not None:
            span.set_attribute("http.response.status_code", event.status)
            if event.request_id:
                span.set_attribute("cml.request_id", event.request_id)

    def on_retry(self, event: RetryScheduled) -> None:
        span = self._span(event.call_id)
        if span is not None:
            span.add_event(
                "retry",
                {"cml.retry": event.retry, "cml.retry.reason": event.reason, "cml.retry.sleep_s": event.sleep},
            )

    def on_error(self, event: CallFailed) -> None:
        span = self._span(event.call_id)
        if span is not None:
            span.set_attribute("error.type", event.error_type)
            span.set_status(trace.Status(trace.StatusCode.ERROR, event.error_type))

    def on_degraded(self, event: CallDegraded) -> None:
        span = self._span(event.call_id)
        if span is not None:
            span.add_event("degraded", {"cml.degraded.reason": event.reason.split(":", 1)[0]})

    def on_call_end(self, event: CallEnded) -> None:
        with self._lock:
            span = self._spans.pop(event.call_id, None)
        if span is None:
            return
        attributes: dict[str, Any] = {
            "cml.retries": event.retries,
            "http.request.resend_count": event.retries,
            "cml.degraded": event.degraded,
        }
        if event.status is not None:
            attributes["http.response.status_code"] = event.status
        if event.request_id:
            attributes["cml.request_id"] = event.request_id
        span.set_attributes(attributes)
        span.end()


def tracing_hooks(tracer_provider: TracerProvider | None = None, *, base_url: str | None = None) -> HookSet:
    """The hooks ``otel=True`` installs: a :class:`TracingHooks` as a hook set.

    Args:
        tracer_provider: where spans go (default: the global provider).
        base_url: the server's URL, for ``server.address`` and ``server.port``.

    Returns:
        A hook set to add to a client's.
    """
    address: str | None = None
    port: int | None = None
    if base_url:
        import httpx

        url = httpx.URL(base_url)
        address, port = url.host or None, url.port or (443 if url.scheme == "https" else 80)
    return HookSet([TracingHooks(tracer_provider, server_address=address, server_port=port)])


def instrument(client: Any, tracer_provider: TracerProvider | None = None) -> Any:
    """Trace every later call of ``client`` (and of copies made from it afterwards) with OpenTelemetry.

    Args:
        client: a ``CognitiveMemoryLayer`` or ``AsyncCognitiveMemoryLayer``.
        tracer_provider: where spans go (default: the global provider).

    Returns:
        ``client`` itself.

    Example:
        >>> from cml_ergonomic.otel import instrument  # doctest: +SKIP
        >>> memory = instrument(CognitiveMemoryLayer())  # doctest: +SKIP
    """
    tracing = tracing_hooks(tracer_provider, base_url=client.config.base_url)
    client.hooks = tracing if client.hooks is None else client.hooks + tracing
    return client
