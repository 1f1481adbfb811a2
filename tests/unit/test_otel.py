"""OpenTelemetry: one client span per call, retries as events, no content and no key, checked in memory."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

from cml_ergonomic import ServerError
from cml_ergonomic.otel import instrument
from cml_ergonomic.testing import FakeCML
from tests.unit.conftest import FakeClock

_GLOBAL_EXPORTER = InMemorySpanExporter()


@pytest.fixture
def exporter() -> InMemorySpanExporter:
    return InMemorySpanExporter()


@pytest.fixture
def provider(exporter: InMemorySpanExporter) -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    return provider


@pytest.fixture
def fake() -> FakeCML:
    return FakeCML()


@pytest.fixture
def memory(fake: FakeCML, provider: TracerProvider) -> Iterator[Any]:
    client = instrument(fake.client(max_retries=2), tracer_provider=provider)
    client.clock = FakeClock().clock()
    yield client
    client.close()


def test_one_client_span_per_call(memory: Any, exporter: InMemorySpanExporter) -> None:
    written = memory.write("User prefers dark mode in every editor")
    (span,) = exporter.get_finished_spans()
    assert span.name == "POST /api/v1/memory/write"
    assert span.kind is SpanKind.CLIENT
    attributes = dict(span.attributes or {})
    assert attributes["http.request.method"] == "POST"
    assert attributes["url.template"] == "/api/v1/memory/write"
    assert attributes["server.address"] == "fake-cml.test"
    assert attributes["server.port"] == 80
    assert attributes["http.response.status_code"] == 200
    assert attributes["cml.operation"] == "write_memory"
    assert attributes["cml.request_id"] == written.meta.request_id
    assert attributes["cml.retries"] == attributes["http.request.resend_count"] == 0
    assert attributes["cml.degraded"] is False
    assert span.status.status_code is StatusCode.UNSET
    assert not span.events


def test_retries_are_span_events(memory: Any, fake: FakeCML, exporter: InMemorySpanExporter) -> None:
    fake.fail_next(2, status=503, retry_after=0.5)
    memory.read("dark mode")
    (span,) = exporter.get_finished_spans()
    assert [event.name for event in span.events] == ["retry", "retry"]
    first = dict(span.events[0].attributes or {})
    assert first == {"cml.retry": 1, "cml.retry.reason": "HTTP 503", "cml.retry.sleep_s": 0.5}
    assert dict(span.attributes or {})["cml.retries"] == 2
    assert dict(span.attributes or {})["http.response.status_code"] == 200


def test_a_failed_call_is_an_error_span(memory: Any, fake: FakeCML, exporter: InMemorySpanExporter) -> None:
    fake.fail_next(3, status=500)
    with pytest.raises(ServerError):
        memory.read("dark mode")
    (span,) = exporter.get_finished_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert dict(span.attributes or {})["error.type"] == "ServerError"
    assert dict(span.attributes or {})["http.response.status_code"] == 500


def test_a_degraded_read_is_marked(memory: Any, fake: FakeCML, exporter: InMemorySpanExporter) -> None:
    fake.fail_next(3, status=500)
    assert memory.read_safe("dark mode").degraded
    (span,) = exporter.get_finished_spans()
    assert dict(span.attributes or {})["cml.degraded"] is True
    assert "degraded" in [event.name for event in span.events]


def test_streams_and_separate_calls_get_separate_spans(memory: Any, exporter: InMemorySpanExporter) -> None:
    memory.write("User streams jazz records")
    list(memory.read_stream("jazz"))
    names = [span.name for span in exporter.get_finished_spans()]
    assert names == ["POST /api/v1/memory/write", "POST /api/v1/memory/read/stream"]
    assert len({span.context.span_id for span in exporter.get_finished_spans()}) == 2


def test_spans_nest_under_the_callers_span(
    memory: Any, provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    with provider.get_tracer("app").start_as_current_span("handle-request"):
        memory.read("dark mode")
    inner, outer = exporter.get_finished_spans()
    assert inner.parent is not None
    assert inner.parent.span_id == outer.context.span_id


@pytest.mark.anyio
async def test_the_async_client_too(fake: FakeCML, provider: TracerProvider, exporter: InMemorySpanExporter) -> None:
    async with instrument(fake.async_client(), tracer_provider=provider) as client:
        await client.read("dark mode")
    (span,) = exporter.get_finished_spans()
    assert span.name == "POST /api/v1/memory/read"


def test_no_content_and_no_key_in_any_span(
    fake: FakeCML, provider: TracerProvider, exporter: InMemorySpanExporter
) -> None:
    content = "SECRET-CONTENT-7731 the user's diary entry"
    with instrument(fake.client(max_retries=1), tracer_provider=provider) as client:
        client.clock = FakeClock().clock()
        client.write(content)
        fake.fail_next(2, status=500)
        client.read_safe(content)
        list(client.read_stream(content))
    spans = exporter.get_finished_spans()
    assert len(spans) == 3
    for span in spans:
        dumped = span.to_json()
        for secret in (content, "SECRET-CONTENT", fake.api_key, fake.admin_api_key):
            assert secret not in dumped, f"{span.name} carries {secret!r}"


def test_the_constructor_flag_uses_the_global_provider(fake: FakeCML) -> None:
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        global_provider = TracerProvider()
        global_provider.add_span_processor(SimpleSpanProcessor(_GLOBAL_EXPORTER))
        trace.set_tracer_provider(global_provider)
    before = len(_GLOBAL_EXPORTER.get_finished_spans())
    with fake.client(otel=True) as client:
        assert client.with_options(max_retries=0).hooks is client.hooks
        client.read("dark mode")
    assert len(_GLOBAL_EXPORTER.get_finished_spans()) == before + 1


def test_import_cml_ergonomic_imports_neither_opentelemetry_nor_hooks_nor_the_fake() -> None:
    optional = ("opentelemetry", "cml_ergonomic.otel", "cml_ergonomic.hooks", "cml_ergonomic.testing", "pytest")
    code = f"import sys, cml_ergonomic; print(sorted(m for m in sys.modules if m.startswith({optional!r})))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
