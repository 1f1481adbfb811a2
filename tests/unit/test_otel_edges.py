"""The tracing hooks at their edges: events of a call whose span is gone, answers without a request id or status,
and the server attributes taken from the base URL (or left out without one)."""

from __future__ import annotations

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from cml_ergonomic.hooks import CallDegraded, CallEnded, CallFailed, CallStarted, ResponseReceived, RetryScheduled
from cml_ergonomic.otel import TracingHooks, tracing_hooks

READ = {"operation": "read_memory", "method": "POST", "path": "/api/v1/memory/read"}


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


def _end(call_id: int, **changes: object) -> CallEnded:
    fields: dict[str, object] = {
        "status": 200,
        "request_id": "req-1",
        "retries": 0,
        "elapsed_ms": 3.0,
        "degraded": False,
        "error_type": None,
    }
    fields.update(changes)
    return CallEnded(call_id, **READ, **fields)  # type: ignore[arg-type]


def test_events_of_a_call_without_a_span_are_ignored(provider: TracerProvider, exporter: InMemorySpanExporter) -> None:
    """A call cancelled mid-way, or evicted past the open-span cap: its later events must not fail the call."""
    hooks = TracingHooks(provider)

    hooks.on_response(ResponseReceived(7, **READ, attempt=1, status=503, request_id="r", elapsed_ms=1.0))
    hooks.on_retry(RetryScheduled(7, **READ, retry=1, reason="HTTP 503", sleep=0.5))
    hooks.on_error(CallFailed(7, **READ, error_type="ServerError", status=503, request_id="r", retries=1, elapsed_ms=2))
    hooks.on_degraded(CallDegraded(7, **READ, reason="ServerError: boom"))
    hooks.on_call_end(_end(7))

    assert exporter.get_finished_spans() == ()


def test_an_answer_without_request_id_or_status_sets_neither(
    provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    hooks = TracingHooks(provider)
    hooks.on_call_start(CallStarted(1, **READ))
    hooks.on_response(ResponseReceived(1, **READ, attempt=1, status=200, request_id=None, elapsed_ms=1.0))
    hooks.on_call_end(_end(1, status=None, request_id=None, error_type="CMLConnectionError"))

    (span,) = exporter.get_finished_spans()
    attributes = dict(span.attributes or {})
    assert "cml.request_id" not in attributes
    assert attributes["http.response.status_code"] == 200  # from the answer; the end event had none to add
    assert attributes["cml.retries"] == 0


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://cml.example.com", {"server.address": "cml.example.com", "server.port": 443}),
        ("http://cml.example.com", {"server.address": "cml.example.com", "server.port": 80}),
        ("http://127.0.0.1:8000/", {"server.address": "127.0.0.1", "server.port": 8000}),
        (None, {}),
    ],
    ids=["https-default-port", "http-default-port", "explicit-port", "no-base-url"],
)
def test_server_attributes_come_from_the_base_url(
    provider: TracerProvider, exporter: InMemorySpanExporter, base_url: str | None, expected: dict[str, object]
) -> None:
    (hooks,) = tracing_hooks(provider, base_url=base_url).hooks
    hooks.on_call_start(CallStarted(1, **READ))
    hooks.on_call_end(_end(1))

    (span,) = exporter.get_finished_spans()
    server = {k: v for k, v in (span.attributes or {}).items() if k.startswith("server.")}
    assert server == expected
