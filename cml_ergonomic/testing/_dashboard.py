"""The fake server's operator routes (``/dashboard/...``), answered from its own store.

Each answer has every field the snapshot's response model declares (its
default, or the empty value of its type), so the SDK parses it exactly as it
parses a real server's; the fields the fake can know (counts, tenants,
sessions, memories, jobs, retrieval) are filled from the store. What needs
machinery the fake does not have (facts, the knowledge graph, evaluations,
background consolidation, forgetting scores) answers as a real server with
none of it would: empty lists and zero counters, never a 404.
"""

from __future__ import annotations

import copy
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cml_ergonomic.testing._store import Record, Store, now
from cml_ergonomic.testing._wire import Answer, Call, Handler, detail

JSON = dict[str, Any]
DASHBOARD = "/api/v1/dashboard"

_EMPTY: dict[str, Any] = {"array": [], "object": {}, "string": "", "integer": 0, "number": 0.0, "boolean": False}
_ACTIONS = {"delete": "deleted", "archive": "archived", "silence": "silent"}


class Skeletons:
    """The empty answer of each response model of a snapshot: every declared field at its default."""

    def __init__(self, schemas: dict[str, JSON]) -> None:
        self.schemas = schemas

    def model(self, name: str) -> JSON:
        """An object of the model ``name`` with every property at its default (``{}`` if the snapshot lacks it)."""
        built = self.value({"$ref": f"#/components/schemas/{name}"}, frozenset())
        return built if isinstance(built, dict) else {}

    def items(self, model: str, field: str) -> JSON:
        """An empty item of the array ``field`` of ``model``."""
        schema = self.schemas.get(model, {}).get("properties", {}).get(field, {})
        built = self.value(schema.get("items", {}), frozenset())
        return built if isinstance(built, dict) else {}

    def value(self, schema: JSON, seen: frozenset[str]) -> Any:
        if "default" in schema:
            return copy.deepcopy(schema["default"])
        if "$ref" in schema:
            name = schema["$ref"].rsplit("/", 1)[-1]
            if name in seen or name not in self.schemas:
                return {}
            return self.value(self.schemas[name], seen | {name})
        options = schema.get("anyOf", [])
        if schema.get("type") == "null" or any(option.get("type") == "null" for option in options):
            return None
        if options:
            return self.value(options[0], seen)
        if schema.get("type") == "object" and "properties" in schema:
            return {name: self.value(sub, seen) for name, sub in schema["properties"].items()}
        kind = schema.get("type")
        if kind == "string" and schema.get("format") == "date-time":
            return _zulu(datetime.now(UTC))  # a required time has a value ("" would not parse)
        return copy.deepcopy(_EMPTY.get(kind)) if isinstance(kind, str) else None

    def field(self, model: str, name: str) -> Any:
        """The default of the field ``name`` of ``model``."""
        return self.value(self.schemas.get(model, {}).get("properties", {}).get(name, {}), frozenset())


def _stamp(value: datetime) -> str:
    """A naive-UTC timestamp as the server's dashboard sends it."""
    return value.isoformat()


def _zulu(value: datetime) -> str:
    """An aware timestamp as the server's dashboard sends it (``...Z``)."""
    return value.astimezone(UTC).replace(tzinfo=None).isoformat() + "Z"


def _int(params: dict[str, str], name: str, default: int) -> int:
    return int(params.get(name, default))


class Dashboard:
    """The ``/dashboard`` routes of one :class:`~cml_ergonomic.testing.FakeCML`.

    Args:
        store: how to reach the fake's current store (``FakeCML.reset()`` replaces it).
        requests: how many requests the fake has received so far.
        skeletons: the snapshot's response models.
        detail_of: the dashboard's ``DashboardMemoryDetail`` of a record.
    """

    def __init__(
        self,
        store: Callable[[], Store],
        requests: Callable[[], list[Any]],
        skeletons: Skeletons,
        detail_of: Callable[[Record], JSON],
    ) -> None:
        self._store = store
        self._requests = requests
        self._skeletons = skeletons
        self._detail_of = detail_of

    def routes(self) -> dict[tuple[str, str], Handler]:
        """Every dashboard route this module answers, by method and path template."""
        table: dict[tuple[str, str], Handler] = {
            ("GET", "/overview"): self.overview,
            ("GET", "/tenants"): self.tenants,
            ("GET", "/sessions"): self.sessions,
            ("GET", "/timeline"): self.timeline,
            ("GET", "/components"): self.components,
            ("GET", "/labile"): self._empty("DashboardLabileResponse"),
            ("GET", "/quality/overview"): self._empty("DashboardQualityResponse"),
            ("GET", "/request-stats"): self.request_stats,
            ("GET", "/ratelimits"): self.rate_limits,
            ("GET", "/ops/metrics"): self.ops_metrics,
            ("GET", "/evaluation/summary"): self.evaluation_summary,
            ("POST", "/write/simulate"): self.write_simulate,
            ("GET", "/memories/{memory_id}/lineage"): self.lineage,
            ("POST", "/memories/bulk-action"): self.bulk_action,
            ("GET", "/facts"): self._empty("FactListResponse"),
            ("GET", "/facts/export"): lambda call: Answer(200, []),
            ("GET", "/facts/{fact_id}"): self.no_fact,
            ("GET", "/facts/{fact_id}/evidence"): self.no_fact,
            ("POST", "/facts/{fact_id}/invalidate"): self.no_fact,
            ("GET", "/events"): self.events,
            ("GET", "/events/export"): lambda call: Answer(200, []),
            ("GET", "/jobs"): self.jobs,
            ("GET", "/jobs/{job_id}"): self.job,
            ("POST", "/consolidate"): self.consolidate,
            ("GET", "/consolidation/runs"): self._runs("consolidate"),
            ("GET", "/consolidation/runs/{job_id}"): self._run("consolidate"),
            ("POST", "/reconsolidate"): self.reconsolidate,
            ("GET", "/reconsolidation/runs"): self._runs("reconsolidate"),
            ("GET", "/reconsolidation/runs/{job_id}"): self._run("reconsolidate"),
            ("GET", "/reconsolidation/sessions"): self._empty("DashboardReconsolidationSessionsResponse"),
            ("POST", "/retrieval"): self.retrieval,
            ("POST", "/retrieval/explain"): self.explain,
            ("POST", "/forgetting/preview"): self.forgetting_preview,
            ("POST", "/forget"): self.forget,
            ("GET", "/graph/stats"): self._empty("GraphStatsResponse"),
            ("GET", "/graph/overview"): self._empty("GraphExploreResponse"),
            ("GET", "/graph/explore"): self.graph_explore,
            ("GET", "/graph/search"): self._empty("GraphSearchResponse"),
            ("GET", "/graph/neo4j-config"): self._empty("GraphNeo4jConfigResponse"),
            ("GET", "/models/status"): self.models_status,
            ("GET", "/config"): self._empty("DashboardConfigResponse"),
            ("PUT", "/config"): self.config_update,
            ("POST", "/database/reset"): self.database_reset,
        }
        return {(method, DASHBOARD + path): handler for (method, path), handler in table.items()}

    # ------------------------------------------------------------------ helpers

    def _empty(self, model: str) -> Handler:
        def answer(call: Call) -> Answer:
            return Answer(200, self._skeletons.model(model))

        return answer

    def _scope(self, tenant_id: str | None) -> list[Record]:
        records = list(self._store().records.values())
        return records if not tenant_id else [r for r in records if r.tenant_id == tenant_id]

    def _job(self, call: Call, job_type: str, tenant_id: str, result: JSON, *, dry_run: bool = False) -> JSON:
        started = now()
        job: JSON = {
            **self._skeletons.model("DashboardJobItem"),
            "id": str(uuid.uuid4()),
            "job_type": job_type,
            "tenant_id": tenant_id,
            "user_id": result.get("user_id", tenant_id),
            "dry_run": dry_run,
            "status": "completed",
            "result": result,
            "error": None,
            "started_at": _stamp(started),
            "completed_at": _stamp(now()),
            "duration_seconds": 0.0,
        }
        self._store().jobs.insert(0, job)  # newest first, as the server orders them
        return job

    # ------------------------------------------------------------------ counts

    def overview(self, call: Call) -> Answer:
        records = self._scope(call.params.get("tenant_id"))
        answer = self._skeletons.model("DashboardOverview")
        by_type: dict[str, int] = {}
        by_status: dict[str, int] = {}
        for record in records:
            by_type[record.type] = by_type.get(record.type, 0) + 1
            by_status[record.status] = by_status.get(record.status, 0) + 1
        stamps = sorted(r.timestamp for r in records)

        def mean(values: list[float]) -> float:
            return round(sum(values) / len(values), 4) if values else 0.0

        answer.update(
            total_memories=len(records),
            active_memories=by_status.get("active", 0),
            silent_memories=by_status.get("silent", 0),
            archived_memories=by_status.get("archived", 0),
            deleted_memories=by_status.get("deleted", 0),
            by_type=by_type,
            by_status=by_status,
            avg_confidence=mean([r.confidence for r in records]),
            avg_importance=mean([r.importance for r in records]),
            avg_access_count=mean([float(r.access_count) for r in records]),
            avg_decay_rate=0.01 if records else 0.0,
            oldest_memory=_stamp(stamps[0]) if stamps else None,
            newest_memory=_stamp(stamps[-1]) if stamps else None,
            estimated_size_mb=round(sum(len(r.text) for r in records) / 1_000_000, 2),
        )
        return Answer(200, answer)

    def tenants(self, call: Call) -> Answer:
        by_tenant: dict[str, list[Record]] = {}
        for record in self._store().records.values():
            by_tenant.setdefault(record.tenant_id, []).append(record)
        rows = []
        for tenant_id in sorted(by_tenant):
            records = by_tenant[tenant_id]
            row = self._skeletons.items("DashboardTenantsResponse", "tenants")
            row.update(
                tenant_id=tenant_id,
                memory_count=len(records),
                active_memory_count=sum(r.status == "active" for r in records),
                last_memory_at=_stamp(max(r.timestamp for r in records)),
            )
            rows.append(row)
        return Answer(200, {"tenants": rows})

    def sessions(self, call: Call) -> Answer:
        tenant_id = call.params.get("tenant_id")
        store = self._store()
        moment = datetime.now(UTC)
        records = self._scope(tenant_id)
        rows = []
        for session in store.sessions.values():
            if (tenant_id and session.tenant_id != tenant_id) or session.expires_at <= moment:
                continue
            row = self._skeletons.items("DashboardSessionsResponse", "sessions")
            row.update(
                session_id=session.id,
                tenant_id=session.tenant_id,
                created_at=_zulu(session.created_at),
                expires_at=_zulu(session.expires_at),
                ttl_seconds=int((session.expires_at - moment).total_seconds()),
                memory_count=sum(r.source_session_id == session.id for r in records),
                metadata={},
            )
            rows.append(row)
        answer = {
            "sessions": rows,
            "total_active": len(rows),
            "total_memories_with_session": sum(r.source_session_id is not None for r in records),
        }
        return Answer(200, answer)

    def timeline(self, call: Call) -> Answer:
        since = now() - timedelta(days=_int(call.params, "days", 30))
        counts: dict[str, int] = {}
        for record in self._scope(call.params.get("tenant_id")):
            if record.timestamp >= since:
                day = record.timestamp.date().isoformat()
                counts[day] = counts.get(day, 0) + 1
        points = [{"date": day, "count": counts[day]} for day in sorted(counts)]
        return Answer(200, {"points": points, "total": sum(counts.values())})

    def components(self, call: Call) -> Answer:
        store = self._store()
        component = {
            "name": "FakeCML",
            "status": "ok",
            "latency_ms": 0.0,
            "details": {"memory_records": len(store.records), "sessions": len(store.sessions)},
            "error": None,
        }
        return Answer(200, {"components": [component]})

    def request_stats(self, call: Call) -> Answer:
        # A fake lives for one test: every request it received counts in the current hour.
        hour = now().replace(minute=0, second=0, microsecond=0)
        received = len(self._requests())
        hours = _int(call.params, "hours", 24)
        points = [
            {"hour": (hour - timedelta(hours=back)).strftime("%Y-%m-%dT%H:00"), "count": 0 if back else received}
            for back in range(hours - 1, -1, -1)
        ]
        return Answer(200, {"points": points, "total_last_24h": received})

    def rate_limits(self, call: Call) -> Answer:
        return Answer(200, {"entries": [], "configured_rpm": 0})

    def ops_metrics(self, call: Call) -> Answer:
        requests = self._requests()
        highlights = {
            "memory_reads_total": float(sum(r.path.startswith("/api/v1/memory/read") for r in requests)),
            "memory_writes_total": float(sum(r.path.startswith("/api/v1/memory/write") for r in requests)),
        }
        return Answer(200, {"generated_at": _zulu(datetime.now(UTC)), "highlights": highlights, "metrics": []})

    def evaluation_summary(self, call: Call) -> Answer:
        answer = self._skeletons.model("DashboardEvaluationSummary")
        answer["generated_at"] = _zulu(datetime.now(UTC))
        return Answer(200, answer)

    def events(self, call: Call) -> Answer:
        page, per_page = _int(call.params, "page", 1), _int(call.params, "per_page", 25)
        return Answer(200, {"items": [], "total": 0, "page": page, "per_page": per_page, "total_pages": 1})

    def models_status(self, call: Call) -> Answer:
        return Answer(200, {"available": False, "families": [], "task_models": [], "load_errors": []})

    # ------------------------------------------------------------------ memories and facts

    def write_simulate(self, call: Call) -> Answer:
        body = call.body
        chunk = self._skeletons.items("DashboardWriteSimulationResponse", "chunks")
        chunk.update(
            chunk_id=uuid.uuid5(uuid.NAMESPACE_OID, body["content"]).hex[:16],
            text=body["content"],
            chunk_type="statement",
            would_store=True,
            write_decision="store",
            chosen_memory_type=body.get("memory_type") or "episodic_event",
            confidence=0.8,
            importance=0.5,
            context_tags=list(body.get("context_tags") or []),
            redacted_text=body["content"],
            timestamp=_zulu(datetime.now(UTC)),
        )
        summary = self._skeletons.value(
            self._skeletons.schemas.get("DashboardWriteSimulationResponse", {})
            .get("properties", {})
            .get("summary", {}),
            frozenset(),
        )
        return Answer(200, {"tenant_id": body["tenant_id"], "chunks": [chunk], "summary": summary})

    def _record(self, memory_id: str) -> Record | None:
        return self._store().records.get(str(uuid.UUID(memory_id)))

    def lineage(self, call: Call) -> Answer:
        record = self._record(call.path_params["memory_id"])
        if record is None:
            return detail(404, "Memory not found")
        answer = self._skeletons.model("DashboardMemoryLineageResponse")
        answer["memory"] = self._detail_of(record)
        return Answer(200, answer)

    def bulk_action(self, call: Call) -> Answer:
        # As on both servers: the ids are looked up in every tenant, and a delete only marks the memory deleted.
        action = call.body["action"]
        if action not in _ACTIONS:
            return detail(400, f"Unknown action: {action}")
        affected = 0
        for memory_id in call.body["memory_ids"]:
            record = self._record(memory_id)
            if record is not None:
                record.status = _ACTIONS[action]
                affected += 1
        return Answer(200, {"success": True, "affected": affected, "action": action})

    def no_fact(self, call: Call) -> Answer:
        return detail(404, f"Fact {call.path_params['fact_id']} not found")  # the fake extracts no facts

    # ------------------------------------------------------------------ jobs

    def jobs(self, call: Call) -> Answer:
        p = call.params
        jobs = [
            job
            for job in self._store().jobs
            if (not p.get("tenant_id") or job["tenant_id"] == p["tenant_id"])
            and (not p.get("job_type") or job["job_type"] == p["job_type"])
        ]
        return Answer(200, {"items": jobs[: _int(p, "limit", 50)], "total": len(jobs)})

    def job(self, call: Call) -> Answer:
        wanted = str(uuid.UUID(call.path_params["job_id"]))
        found = next((job for job in self._store().jobs if job["id"] == wanted), None)
        return Answer(200, found) if found else detail(404, "Job not found")

    def _runs(self, job_type: str) -> Handler:
        def runs(call: Call) -> Answer:
            return self.jobs(Call(call.method, call.path, {**call.params, "job_type": job_type}, None, "", True))

        return runs

    def _run(self, job_type: str) -> Handler:
        def run(call: Call) -> Answer:
            answer = self.job(call)
            if answer.status == 200 and answer.body["job_type"] != job_type:
                return detail(404, "Job not found")
            return answer

        return run

    def consolidate(self, call: Call) -> Answer:
        tenant_id = call.body["tenant_id"]
        episodes = [r for r in self._scope(tenant_id) if r.status == "active"]  # the servers sample every type
        result = {
            "status": "completed",
            "tenant_id": tenant_id,
            "user_id": call.body.get("user_id") or tenant_id,
            "episodes_sampled": len(episodes),
            "clusters_formed": 0,
            "gists_extracted": 0,
            "gists_processed": 0,
            "facts_created": 0,
            "facts_updated": 0,
            "episodes_marked": 0,
            "errors": [],
            "elapsed_seconds": 0.0,
        }
        self._job(call, "consolidate", tenant_id, result)
        return Answer(200, result)

    def reconsolidate(self, call: Call) -> Answer:
        tenant_id = call.body["tenant_id"]
        result = {"status": "completed", "tenant_id": tenant_id, "sessions_released": 0}
        self._job(call, "reconsolidate", tenant_id, {**result, "user_id": call.body.get("user_id") or tenant_id})
        return Answer(200, result)

    def forget(self, call: Call) -> Answer:
        body = call.body
        tenant_id = body["tenant_id"]
        scanned = [r for r in self._scope(tenant_id) if r.status == "active"][: body.get("max_memories", 5000)]
        result = {
            "status": "completed",
            "tenant_id": tenant_id,
            "user_id": body.get("user_id") or tenant_id,
            "dry_run": body.get("dry_run", True),
            "memories_scanned": len(scanned),
            "memories_scored": len(scanned),
            "operations_planned": 0,
            "operations_applied": 0,
            "deleted": 0,
            "decayed": 0,
            "silenced": 0,
            "compressed": 0,
            "duplicates_found": 0,
            "duplicates_resolved": 0,
            "elapsed_seconds": 0.0,
            "errors": [],
        }
        self._job(call, "forget", tenant_id, result, dry_run=result["dry_run"])
        return Answer(200, result)

    def forgetting_preview(self, call: Call) -> Answer:
        body = call.body
        tenant_id = body["tenant_id"]
        scanned = [r for r in self._scope(tenant_id) if r.status == "active"][: body.get("max_memories", 200)]
        answer = self._skeletons.model("DashboardForgettingPreviewResponse")
        answer.update(tenant_id=tenant_id, user_id=body.get("user_id") or tenant_id, scanned_count=len(scanned))
        return Answer(200, answer)

    # ------------------------------------------------------------------ retrieval and the rest

    def _results(self, call: Call, model: str) -> list[JSON]:
        body = call.body
        hits = self._store().search(
            body["tenant_id"],
            body["query"],
            limit=body.get("max_results", 10),
            memory_types=body.get("memory_types"),
            context_filter=body.get("context_filter"),
        )
        results = []
        for record, score in hits:
            item = self._skeletons.items(model, "results")
            item.update(
                id=record.id,
                text=record.text,
                type=record.type,
                confidence=record.confidence,
                relevance_score=score,
                retrieval_source="lexical",
                timestamp=_stamp(record.timestamp),
                metadata=record.metadata,
            )
            results.append(item)
        return results

    def retrieval(self, call: Call) -> Answer:
        started = time.perf_counter()
        results = self._results(call, "DashboardRetrievalResponse")
        answer = {
            "query": call.body["query"],
            "results": results,
            "llm_context": None,
            "total_count": len(results),
            "elapsed_ms": (time.perf_counter() - started) * 1000,
        }
        return Answer(200, answer)

    def explain(self, call: Call) -> Answer:
        started = time.perf_counter()
        answer = self._skeletons.model("DashboardRetrievalExplainResponse")
        results = self._results(call, "DashboardRetrievalExplainResponse")
        answer.update(
            query=call.body["query"],
            results=results,
            total_count=len(results),
            retrieval_meta={"sources_completed": ["lexical"], "sources_timed_out": []},
            elapsed_ms=(time.perf_counter() - started) * 1000,
        )
        return Answer(200, answer)

    def graph_explore(self, call: Call) -> Answer:
        answer = self._skeletons.model("GraphExploreResponse")
        answer["center_entity"] = call.params.get("entity")
        return Answer(200, answer)

    def config_update(self, call: Call) -> Answer:
        # The fake has no settings (``config.get()`` lists none), so none is editable, as the server says of unknowns.
        for key in (call.body or {}).get("updates") or {}:
            return detail(400, f"Setting '{key}' is not editable")
        return Answer(200, {"success": True, "message": "Nothing to change."})

    def database_reset(self, call: Call) -> Answer:
        store = self._store()
        store.records.clear()
        store.sessions.clear()
        store.jobs.clear()
        return Answer(200, {"success": True, "message": "Database reset and recreated."})
