"""The wrapper's operation map: which server operation each public method calls.

This is the one place that ties ``cml_ergonomic`` to the server's API. The
clients take method, path, retry class and admin-ness from here; the schema
diff (``python -m codegen diff``) and ``check_compatibility()`` use it to say
which wrapper methods a schema change affects; the operation-map test proves
it matches the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Operation:
    """One server operation as the wrapper uses it.

    Attributes:
        key: the short operation id (the generated module's name).
        method: the HTTP method, upper case.
        path: the path template, as in the OpenAPI document.
        read_only: True when repeating it cannot change server state; such
            operations are retried on any transient failure, others only when
            the server cannot have applied them.
        admin: True when it needs the admin key.
        methods: the public wrapper methods that call it (``Client.method``).
        sends: the request-body fields the wrapper can send.
        reads: the response fields the wrapper reads (``a.b`` for a nested one;
            ``a[].b`` for a field of the items of an array).
        csrf: True when the server wants ``X-Requested-With: XMLHttpRequest``
            (the dashboard's POST, PUT and DELETE).
        added: the first server version that serves it (None: every version we know).
        removed: the first server version that no longer serves it (None: still served).
    """

    key: str
    method: str
    path: str
    read_only: bool
    admin: bool = False
    methods: tuple[str, ...] = ()
    sends: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    csrf: bool = False
    added: str | None = None
    removed: str | None = None

    @property
    def label(self) -> str:
        """``METHOD /path``, the way the diff report and logs name it."""
        return f"{self.method} {self.path}"

    def served_by(self, version: str) -> bool:
        """Whether a server of ``version`` (``"1.5.1"``) serves this operation, as far as the map knows."""
        v = _version_key(version)
        return (self.added is None or v >= _version_key(self.added)) and (
            self.removed is None or v < _version_key(self.removed)
        )

    def version_note(self) -> str | None:
        """What to tell a user whose server answers 404 for the route itself (None: the route is in every version)."""
        if self.added is None and self.removed is None:
            return None
        name = f"{self.methods[0]}(), " if self.methods else ""
        if self.added is not None:
            return f"This server version has no {name}{self.label}: it was added in server {self.added}."
        return f"This server version has no {name}{self.label}: it was removed in server {self.removed}."


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("+")[0].split(".") if part.isdigit())


_MEMORY_ITEM = ("id", "text", "type", "confidence", "relevance", "timestamp", "metadata")


def _items(array: str) -> tuple[str, ...]:
    return tuple(f"{array}[].{field}" for field in _MEMORY_ITEM)


OPERATIONS: dict[str, Operation] = {
    op.key: op
    for op in (
        Operation("health_check", "GET", "/api/v1/health", read_only=True, methods=("health",)),
        Operation(
            "write_memory",
            "POST",
            "/api/v1/memory/write",
            read_only=False,
            methods=("write", "store", "write_many", "SessionScope.write"),
            sends=(
                "content",
                "context_tags",
                "session_id",
                "memory_type",
                "namespace",
                "metadata",
                "turn_id",
                "agent_id",
                "timestamp",
            ),
            reads=("success", "memory_id", "chunks_created", "message", "eval_outcome", "eval_reason"),
        ),
        Operation(
            "write_memory_batch",
            "POST",
            "/api/v1/memory/write_batch",
            read_only=False,
            methods=("write_batch", "write_many"),
            sends=(
                "turns",
                "turns[].content",
                "turns[].metadata",
                "turns[].session_id",
                "turns[].timestamp",
                "turns[].turn_id",
            ),
            reads=("success", "turns_processed", "chunks_created", "message"),
        ),
        Operation(
            "read_memory",
            "POST",
            "/api/v1/memory/read",
            read_only=True,
            methods=("read", "read_safe", "read_many", "SessionScope.read"),
            sends=(
                "query",
                "max_results",
                "context_filter",
                "memory_types",
                "since",
                "until",
                "format",
                "user_timezone",
            ),
            reads=(
                "query",
                "total_count",
                "elapsed_ms",
                "llm_context",
                "retrieval_meta",
                *_items("memories"),
                *_items("facts"),
                *_items("preferences"),
                *_items("episodes"),
                *_items("constraints"),
            ),
        ),
        Operation(
            "read_memory_stream",
            "POST",
            "/api/v1/memory/read/stream",
            read_only=True,
            methods=("read_stream",),
            sends=(
                "query",
                "max_results",
                "context_filter",
                "memory_types",
                "since",
                "until",
                "format",
                "user_timezone",
            ),
        ),
        Operation(
            "process_turn",
            "POST",
            "/api/v1/memory/turn",
            read_only=False,
            methods=("turn", "turn_safe", "SessionScope.turn"),
            sends=(
                "user_message",
                "assistant_response",
                "session_id",
                "max_context_tokens",
                "timestamp",
                "user_timezone",
            ),
            reads=("memory_context", "memories_retrieved", "memories_stored", "reconsolidation_applied"),
        ),
        Operation(
            "update_memory",
            "POST",
            "/api/v1/memory/update",
            read_only=False,
            methods=("update",),
            sends=("memory_id", "text", "confidence", "importance", "metadata", "feedback"),
            reads=("success", "memory_id", "version", "message"),
        ),
        Operation(
            "forget_memory",
            "POST",
            "/api/v1/memory/forget",
            read_only=False,
            methods=("forget",),
            sends=("memory_ids", "query", "before", "action"),
            reads=("success", "affected_count", "message"),
        ),
        Operation(
            "get_memory_stats",
            "GET",
            "/api/v1/memory/stats",
            read_only=True,
            methods=("stats",),
            reads=(
                "total_memories",
                "active_memories",
                "silent_memories",
                "archived_memories",
                "by_type",
                "avg_confidence",
                "avg_importance",
                "estimated_size_mb",
                "oldest_memory",
                "newest_memory",
            ),
        ),
        Operation(
            "create_session",
            "POST",
            "/api/v1/session/create",
            read_only=False,
            methods=("create_session", "session"),
            sends=("name", "ttl_hours", "metadata"),
            reads=("session_id", "created_at", "expires_at"),
        ),
        Operation(
            "session_context",
            "GET",
            "/api/v1/session/{session_id}/context",
            read_only=True,
            methods=("get_session_context", "get_context_safe", "SessionScope.context"),
            reads=(
                "session_id",
                "context_string",
                *_items("messages"),
                *_items("tool_results"),
                *_items("scratch_pad"),
            ),
        ),
        Operation(
            "delete_all_memories", "DELETE", "/api/v1/memory/all", read_only=False, admin=True, methods=("delete_all",)
        ),
        Operation(
            "trigger_consolidation",
            "POST",
            "/api/v1/admin/consolidate/{user_id}",
            read_only=False,
            admin=True,
            methods=("consolidate",),
        ),
        Operation(
            "trigger_forgetting",
            "POST",
            "/api/v1/admin/forget/{user_id}",
            read_only=False,
            admin=True,
            methods=("run_forgetting",),
        ),
    )
}


def _dashboard(
    key: str,
    method: str,
    route: str,
    methods: str,
    *,
    read_only: bool | None = None,
    added: str | None = None,
    removed: str | None = None,
) -> Operation:
    # The dashboard is the server's operator API: admin key everywhere, X-Requested-With on what is not a GET.
    # A POST that only computes (an explain, a preview, a simulation) is read-only, so it is retried like a read.
    return Operation(
        key,
        method,
        "/api/v1/dashboard" + route,
        read_only=method == "GET" if read_only is None else read_only,
        admin=True,
        methods=(methods,),
        csrf=method != "GET",
        added=added,
        removed=removed,
    )


# ``client.admin``: one row per operation (cml_ergonomic/admin/ declares the methods).
ADMIN_OPERATIONS: dict[str, Operation] = {
    op.key: op
    for op in (
        _dashboard("dashboard_overview", "GET", "/overview", "admin.overview"),
        _dashboard("dashboard_tenants", "GET", "/tenants", "admin.tenants"),
        _dashboard("dashboard_sessions", "GET", "/sessions", "admin.sessions"),
        _dashboard("dashboard_timeline", "GET", "/timeline", "admin.timeline"),
        _dashboard("dashboard_components", "GET", "/components", "admin.components"),
        _dashboard("dashboard_labile", "GET", "/labile", "admin.labile"),
        _dashboard("dashboard_quality_overview", "GET", "/quality/overview", "admin.quality"),
        _dashboard("dashboard_request_stats", "GET", "/request-stats", "admin.request_stats"),
        _dashboard("dashboard_ratelimits", "GET", "/ratelimits", "admin.rate_limits"),
        _dashboard("dashboard_ops_metrics", "GET", "/ops/metrics", "admin.ops_metrics"),
        _dashboard("dashboard_evaluation_summary", "GET", "/evaluation/summary", "admin.evaluation_summary"),
        _dashboard("dashboard_write_simulate", "POST", "/write/simulate", "admin.write_simulate", read_only=True),
        _dashboard("dashboard_memories", "GET", "/memories", "admin.memories.list"),
        _dashboard("dashboard_memory_detail", "GET", "/memories/{memory_id}", "admin.memories.get"),
        _dashboard("dashboard_memory_lineage", "GET", "/memories/{memory_id}/lineage", "admin.memories.lineage"),
        _dashboard("dashboard_bulk_action", "POST", "/memories/bulk-action", "admin.memories.bulk_action"),
        _dashboard("dashboard_export_memories", "GET", "/export/memories", "admin.memories.export"),
        _dashboard("dashboard_facts", "GET", "/facts", "admin.facts.list"),
        _dashboard("dashboard_fact_detail", "GET", "/facts/{fact_id}", "admin.facts.get"),
        _dashboard("dashboard_fact_evidence", "GET", "/facts/{fact_id}/evidence", "admin.facts.evidence"),
        _dashboard("dashboard_invalidate_fact", "POST", "/facts/{fact_id}/invalidate", "admin.facts.invalidate"),
        _dashboard("dashboard_export_facts", "GET", "/facts/export", "admin.facts.export"),
        _dashboard("dashboard_events", "GET", "/events", "admin.events.list", removed="2.0.0"),
        _dashboard("dashboard_export_events", "GET", "/events/export", "admin.events.export", removed="2.0.0"),
        _dashboard("dashboard_jobs", "GET", "/jobs", "admin.jobs.list"),
        _dashboard("dashboard_job_detail", "GET", "/jobs/{job_id}", "admin.jobs.get"),
        _dashboard("dashboard_consolidate", "POST", "/consolidate", "admin.consolidation.run"),
        _dashboard("dashboard_consolidation_runs", "GET", "/consolidation/runs", "admin.consolidation.runs"),
        _dashboard(
            "dashboard_consolidation_run_detail",
            "GET",
            "/consolidation/runs/{job_id}",
            "admin.consolidation.get_run",
            removed="2.0.0",
        ),
        _dashboard("dashboard_reconsolidate", "POST", "/reconsolidate", "admin.reconsolidation.run"),
        _dashboard("dashboard_reconsolidation_runs", "GET", "/reconsolidation/runs", "admin.reconsolidation.runs"),
        _dashboard(
            "dashboard_reconsolidation_run_detail",
            "GET",
            "/reconsolidation/runs/{job_id}",
            "admin.reconsolidation.get_run",
            removed="2.0.0",
        ),
        _dashboard(
            "dashboard_reconsolidation_sessions", "GET", "/reconsolidation/sessions", "admin.reconsolidation.sessions"
        ),
        _dashboard("dashboard_retrieval", "POST", "/retrieval", "admin.retrieval.test", read_only=True),
        _dashboard(
            "dashboard_retrieval_explain", "POST", "/retrieval/explain", "admin.retrieval.explain", read_only=True
        ),
        _dashboard(
            "dashboard_forgetting_preview", "POST", "/forgetting/preview", "admin.forgetting.preview", read_only=True
        ),
        _dashboard("dashboard_forget", "POST", "/forget", "admin.forgetting.run"),
        _dashboard("dashboard_graph_stats", "GET", "/graph/stats", "admin.graph.stats"),
        _dashboard("dashboard_graph_overview", "GET", "/graph/overview", "admin.graph.overview"),
        _dashboard("dashboard_graph_explore", "GET", "/graph/explore", "admin.graph.explore"),
        _dashboard("dashboard_graph_search", "GET", "/graph/search", "admin.graph.search"),
        _dashboard("dashboard_graph_neo4j_config", "GET", "/graph/neo4j-config", "admin.graph.neo4j_config"),
        _dashboard("dashboard_models_status", "GET", "/models/status", "admin.models.status", removed="2.0.0"),
        _dashboard("dashboard_config", "GET", "/config", "admin.config.get"),
        _dashboard("dashboard_config_update", "PUT", "/config", "admin.config.update"),
        _dashboard("dashboard_database_reset", "POST", "/database/reset", "admin.database.reset"),
        Operation(
            "consolidation_status",
            "GET",
            "/api/v1/admin/consolidation/status",
            read_only=True,
            admin=True,
            methods=("admin.consolidation.status",),
            added="2.0.0",
        ),
    )
}
OPERATIONS.update(ADMIN_OPERATIONS)

# Operations of the snapshot the wrapper deliberately leaves to ``client.raw``, with the reason.
RAW_ONLY: dict[str, str] = {
    "POST /api/v1/session/{session_id}/write": "the same as write(session_id=...), which goes to /memory/write",
    "POST /api/v1/session/{session_id}/read": "deprecated by the server in favour of /memory/read, which read() calls",
    "/dashboard/": "the dashboard web app serves HTML, not API; codegen leaves it out",
}


def raw_only_reason(method: str, path: str) -> str | None:
    """Why an operation is raw-only, or None when the wrapper should cover it.

    Args:
        method: the HTTP method.
        path: the path template.

    Returns:
        The reason, or None.
    """
    label = f"{method.upper()} {path}"
    if label in RAW_ONLY:
        return RAW_ONLY[label]
    for prefix, reason in RAW_ONLY.items():
        if prefix.startswith("/") and path.startswith(prefix):
            return reason
    return None


def methods_for(method: str, path: str) -> tuple[str, ...]:
    """The wrapper methods that call ``method path`` (empty when none does)."""
    for op in OPERATIONS.values():
        if op.method == method.upper() and op.path == path:
            return op.methods
    return ()
