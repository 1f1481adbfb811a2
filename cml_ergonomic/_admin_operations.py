"""The operation map's rows for ``client.admin``: the dashboard and admin routes.

Kept apart from :mod:`cml_ergonomic._operations` so that importing the SDK
does not build them; ``_operations.OPERATIONS`` merges them in on first use.
Adding or removing a server operation is one row here (and one method in
:mod:`cml_ergonomic.admin`).
"""

from __future__ import annotations

from cml_ergonomic._operations import Operation


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
