"""The results of ``client.admin``: the generated models, readable ``str()`` where people print them.

The four results people print (overview, tenants, a memory's detail, an
explain) subclass their generated model, as :mod:`cml_ergonomic._results`
does, and add ``str()`` and ``meta``; the others are the generated models
themselves. Operations the schema leaves untyped (``{}``) return TypedDicts
written from what the real server sends. The models of routes that a newer
server removed are TypedDicts too, so that this module imports whichever
schema the client was generated from.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from functools import cache
from typing import Any, TypedDict, TypeVar, cast

import attrs
from cml_api_client.models.dashboard_memory_detail import DashboardMemoryDetail
from cml_api_client.models.dashboard_overview import DashboardOverview
from cml_api_client.models.dashboard_retrieval_explain_response import DashboardRetrievalExplainResponse
from cml_api_client.models.dashboard_tenants_response import DashboardTenantsResponse
from cml_api_client.types import Unset, parse_datetime

from cml_ergonomic._logging import preview
from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import parse_untyped as parse_object  # an untyped body that must be a JSON object

_TOP = 5
M = TypeVar("M")


def _meta() -> Any:
    return attrs.field(default=None, init=False, repr=False, eq=False)


def _set(value: Any, default: Any = None) -> Any:
    return default if isinstance(value, Unset) else value


def _field(model: Any, name: str) -> Any:
    """A field the schema of some server versions has (the event counts, gone in 2.0.0): None when absent."""
    value = getattr(model, name, None)
    if value is None:
        value = model.additional_properties.get(name)
    return _set(value)


@cache
def _with_meta(model: type[Any]) -> type[Any]:
    namespace = {"__annotations__": {"meta": "ResponseMeta | None"}, "meta": _meta(), "__module__": __name__}
    return attrs.define(type(model.__name__, (model,), namespace))


def parser(model: type[M]) -> Callable[[Any], M]:
    """The parser of a generated model's answer: a subclass of ``model`` that adds the ``meta`` slot (made once)."""
    built: Callable[[Any], M] = _with_meta(cast(Any, model)).from_dict
    return built


@attrs.define
class Overview(DashboardOverview):
    """``admin.overview()``: counts of memories, facts and events (of one tenant, or of all)."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        by_type = _set(self.by_type)
        types = by_type.to_dict() if by_type is not None else {}
        top = ", ".join(f"{name} {count}" for name, count in sorted(types.items(), key=lambda kv: -kv[1])[:_TOP])
        lines = [
            f"{_set(self.total_memories, 0)} memories ({_set(self.active_memories, 0)} active, "
            f"{_set(self.silent_memories, 0)} silent, {_set(self.archived_memories, 0)} archived, "
            f"{_set(self.labile_memories, 0)} labile), {_set(self.estimated_size_mb, 0.0):.2f} MB",
            f"{_set(self.current_semantic_facts, 0)} current facts of {_set(self.total_semantic_facts, 0)}"
            + ("" if (events := _field(self, "total_events")) is None else f"; {events} events"),
        ]
        if top:
            lines.append(f"by type: {top}")
        return "\n".join(lines)


@attrs.define
class Tenants(DashboardTenantsResponse):
    """``admin.tenants()``: every tenant with its memory, fact and event counts; iterable."""

    meta: ResponseMeta | None = _meta()

    def __iter__(self) -> Any:
        return iter(self.tenants)

    def __len__(self) -> int:
        return len(self.tenants)

    def __str__(self) -> str:
        if not self.tenants:
            return "no tenants"
        width = max(len(t.tenant_id) for t in self.tenants)
        rows = [
            f"{t.tenant_id:<{width}}  {_set(t.memory_count, 0):>6} memories ({_set(t.active_memory_count, 0)} active)"
            f"  {_set(t.fact_count, 0):>5} facts"
            + ("" if (events := _field(t, "event_count")) is None else f"  {events:>6} events")
            for t in self.tenants
        ]
        return "\n".join(rows)


@attrs.define
class MemoryDetail(DashboardMemoryDetail):
    """``admin.memories.get(memory_id)``: one memory with its provenance, relations and events."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        tags = _set(self.context_tags, [])
        lines = [
            f"[{self.type_}] {preview(self.text, 200)}",
            f"id={self.id} tenant={self.tenant_id} status={self.status} version={_set(self.version, 1)}",
            f"confidence={_set(self.confidence, 0.5):.2f} importance={_set(self.importance, 0.5):.2f} "
            f"accessed {_set(self.access_count, 0)}x" + (f" tags={','.join(tags)}" if tags else ""),
        ]
        if _set(self.timestamp) is not None:
            lines.append(f"timestamp={self.timestamp}")
        return "\n".join(lines)


@attrs.define
class Explanation(DashboardRetrievalExplainResponse):
    """``admin.retrieval.explain(query)``: how the server understood a query, what it ran, what it found."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        results = _set(self.results, [])
        analysis = self.analysis
        sources = ", ".join(_set(analysis.suggested_sources, []))
        lines = [
            f"explain {self.query!r}: intent {analysis.intent} ({analysis.confidence:.2f}), "
            f"sources {sources or '-'}, {len(results)} result(s) in {_set(self.elapsed_ms, 0.0):.0f} ms"
        ]
        for i, item in enumerate(results[:_TOP], 1):
            source = _set(item.retrieval_source, "")
            lines.append(
                f"  {i}. [{item.type_}] {preview(item.text, 100)} (relevance {item.relevance_score:.2f}"
                + (f", via {source})" if source else ")")
            )
        if len(results) > _TOP:
            lines.append(f"  ... and {len(results) - _TOP} more")
        return "\n".join(lines)


# -- untyped in the schema: the shapes the real server returns


class ExportedMemory(TypedDict, total=False):
    """One memory of ``admin.memories.export()``."""

    id: str
    tenant_id: str
    type: str
    status: str
    text: str
    key: str | None
    confidence: float
    importance: float
    access_count: int
    timestamp: str | None  # ISO 8601 with its offset (+00:00)


class ExportedFact(TypedDict, total=False):
    """One fact of ``admin.facts.export()``."""

    id: str
    tenant_id: str
    category: str
    key: str
    value: str
    confidence: float
    evidence_count: int
    is_current: bool
    version: int
    created_at: str | None
    updated_at: str | None


class ExportedEvent(TypedDict, total=False):
    """One event of ``admin.events.export()`` (servers before 2.0.0)."""

    id: str
    tenant_id: str
    scope_id: str | None
    agent_id: str | None
    event_type: str
    operation: str | None
    payload: Any
    memory_ids: list[str]
    created_at: str | None


class BulkActionResult(TypedDict, total=False):
    """``admin.memories.bulk_action(...)``."""

    success: bool
    affected: int
    action: str


class SuccessMessage(TypedDict, total=False):
    """``admin.facts.invalidate``, ``admin.config.update``, ``admin.database.reset``."""

    success: bool
    message: str


class ConsolidationRun(TypedDict, total=False):
    """``admin.consolidation.run(...)``: the counters of one consolidation."""

    status: str
    tenant_id: str
    user_id: str
    episodes_sampled: int
    clusters_formed: int
    gists_extracted: int
    gists_processed: int
    facts_created: int
    facts_updated: int
    episodes_marked: int
    errors: list[Any]
    elapsed_seconds: float
    artifacts: dict[str, Any]


class ReconsolidationRun(TypedDict, total=False):
    """``admin.reconsolidation.run(...)``."""

    status: str
    tenant_id: str
    sessions_released: int


class ForgettingRun(TypedDict, total=False):
    """``admin.forgetting.run(...)``: what a forgetting run found and did (nothing when ``dry_run``)."""

    status: str
    tenant_id: str
    user_id: str
    dry_run: bool
    memories_scanned: int
    memories_scored: int
    operations_planned: int
    operations_applied: int
    deleted: int
    decayed: int
    silenced: int
    compressed: int
    duplicates_found: int
    duplicates_resolved: int
    elapsed_seconds: float
    errors: list[Any]


class ConsolidationStatus(TypedDict, total=False):
    """``admin.consolidation.status()`` (server 2.0.0 on): the background consolidation sweep."""

    running: bool
    sweeps_run: int
    tasks_enqueued: int
    consolidations_run: int
    pending_tasks: int


# -- routes removed in server 2.0.0: typed here, since a newer schema has no model for them


class EventItem(ExportedEvent, total=False):
    """One event of ``admin.events.list()`` (servers before 2.0.0)."""

    parent_event_id: str | None


class EventPage(TypedDict):
    """One page of ``admin.events.list().pages()`` (servers before 2.0.0)."""

    items: list[EventItem]
    total: int
    page: int
    per_page: int
    total_pages: int


class ModelsStatus(TypedDict, total=False):
    """``admin.models.status()`` (servers before 2.0.0): the server's local models."""

    available: bool
    models_dir: str
    families: list[Any]
    task_models: list[Any]
    load_errors: list[Any]


# The time fields of the untyped answers (exports, events): the server sends them naive, meaning UTC.
TIME_FIELDS = frozenset({"timestamp", "created_at", "updated_at", "written_at", "valid_from", "valid_to"})


def _aware_times(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` with each time field as an ISO string with its offset (``+00:00``), like every time the SDK returns.

    They stay strings, so that an export can be written out as JSON as it came.
    """
    for name in TIME_FIELDS & item.keys():
        value = item[name]
        if isinstance(value, str) and value:
            with contextlib.suppress(ValueError):  # not a time after all: left as the server sent it
                item[name] = parse_datetime(value).isoformat()
    return item


def parse_list(data: Any) -> Any:
    """An untyped body that must be a JSON array of objects (an export); its times get their offset.

    Raises:
        TypeError: it is not.
    """
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise TypeError(f"expected a JSON array of objects, got {type(data).__name__}")
    return [_aware_times(item) for item in data]


def parse_page(data: Any) -> Any:
    """A page of a listing the client types itself (events): an object with ``items`` and the totals.

    Raises:
        TypeError: it is not.
    """
    parse_object(data)
    if not isinstance(data.get("items"), list) or not all(
        isinstance(data.get(name), int) for name in ("total", "page", "per_page", "total_pages")
    ):
        raise TypeError("expected a page: items, total, page, per_page, total_pages")
    data["items"] = [_aware_times(item) if isinstance(item, dict) else item for item in data["items"]]
    return data
