"""The schema diff on a real server move: the recorded 1.5.1 document and the one that followed it.

The oldest document in ``tests/data/openapi`` (server 1.5.1's own) is fixed
test data. Its successor is the next recorded snapshot in ``tests/data/openapi``
or, while there is none, the snapshot the SDK is built from
(``codegen.schema.current_snapshot()``): the pair stays the same when the SDK
moves on, because ``codegen upgrade`` records the snapshot it leaves there.

The expected report below was read change by change against both documents:
2.0.0 removes five dashboard routes and eleven dashboard response fields,
adds the consolidation-status route and three read-response fields, and
rewrites three dashboard descriptions; 26 changes, nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._schemadiff import Audience, Severity, compatibility_issues
from codegen.diff import compare_named
from codegen.names import GeneratedClient
from codegen.schema import current_snapshot, load_document

RECORDED = Path(__file__).resolve().parents[1] / "data" / "openapi"
B, C, INFO = Severity.BREAKING, Severity.COMPATIBLE, Severity.INFORMATIONAL


def _version(snapshot: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", snapshot.stem))


OLD = min(RECORDED.glob("cml-*.json"), key=_version)  # the oldest recorded server document: 1.5.1


def _successor(old: Path) -> Path:
    later = sorted((p for p in RECORDED.glob("cml-*.json") if _version(p) > _version(old)), key=_version)
    return later[0] if later else current_snapshot()


REMOVED_ROUTES = [
    "GET /api/v1/dashboard/consolidation/runs/{job_id}",
    "GET /api/v1/dashboard/events",
    "GET /api/v1/dashboard/events/export",
    "GET /api/v1/dashboard/models/status",
    "GET /api/v1/dashboard/reconsolidation/runs/{job_id}",
]
REMOVED_FIELDS = [
    ("GET /api/v1/dashboard/labile", "response.tenants[].db_labile_count"),
    ("GET /api/v1/dashboard/labile", "response.total_db_labile"),
    ("GET /api/v1/dashboard/memories/{memory_id}", "response.related_events"),
    ("GET /api/v1/dashboard/memories/{memory_id}/lineage", "response.memory.related_events"),
    ("GET /api/v1/dashboard/overview", "response.events_by_operation"),
    ("GET /api/v1/dashboard/overview", "response.events_by_type"),
    ("GET /api/v1/dashboard/overview", "response.total_events"),
    ("POST /api/v1/dashboard/retrieval/explain", "response.analysis.query_domain"),
    ("POST /api/v1/dashboard/retrieval/explain", "response.plan_steps[].query_domain"),
    ("GET /api/v1/dashboard/tenants", "response.tenants[].event_count"),
    ("GET /api/v1/dashboard/tenants", "response.tenants[].last_event_at"),
]
# (operation, location, rule, wrapper severity, raw severity), in report order
EXPECTED = [
    ("GET /api/v1/admin/consolidation/status", "operation", "operation-added", C, C),
    ("GET /api/v1/dashboard/consolidation/runs/{job_id}", "operation", "operation-removed", B, B),
    ("GET /api/v1/dashboard/events", "operation", "operation-removed", B, B),
    ("GET /api/v1/dashboard/events/export", "operation", "operation-removed", B, B),
    ("GET /api/v1/dashboard/labile", "operation", "documentation-changed", INFO, INFO),
    ("GET /api/v1/dashboard/labile", "response.tenants[].db_labile_count", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/labile", "response.total_db_labile", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/memories/{memory_id}", "operation", "documentation-changed", INFO, INFO),
    ("GET /api/v1/dashboard/memories/{memory_id}", "response.related_events", "unread-response-field-removed", C, B),
    (
        "GET /api/v1/dashboard/memories/{memory_id}/lineage",
        "response.memory.related_events",
        "unread-response-field-removed",
        C,
        B,
    ),
    ("GET /api/v1/dashboard/models/status", "operation", "operation-removed", B, B),
    ("GET /api/v1/dashboard/overview", "operation", "documentation-changed", INFO, INFO),
    ("GET /api/v1/dashboard/overview", "response.events_by_operation", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/overview", "response.events_by_type", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/overview", "response.total_events", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/reconsolidation/runs/{job_id}", "operation", "operation-removed", B, B),
    (
        "POST /api/v1/dashboard/retrieval/explain",
        "response.analysis.query_domain",
        "unread-response-field-removed",
        C,
        B,
    ),
    (
        "POST /api/v1/dashboard/retrieval/explain",
        "response.plan_steps[].query_domain",
        "unread-response-field-removed",
        C,
        B,
    ),
    ("GET /api/v1/dashboard/tenants", "response.tenants[].event_count", "unread-response-field-removed", C, B),
    ("GET /api/v1/dashboard/tenants", "response.tenants[].last_event_at", "unread-response-field-removed", C, B),
    ("POST /api/v1/memory/read", "response.open_questions", "response-field-added", C, C),
    ("POST /api/v1/memory/read", "response.sufficiency", "response-field-added", C, C),
    ("POST /api/v1/memory/read", "response.warnings", "response-field-added", C, C),
    ("POST /api/v1/session/{session_id}/read", "response.open_questions", "response-field-added", C, C),
    ("POST /api/v1/session/{session_id}/read", "response.sufficiency", "response-field-added", C, C),
    ("POST /api/v1/session/{session_id}/read", "response.warnings", "response-field-added", C, C),
]


@pytest.fixture(scope="module")
def documents() -> tuple[dict[str, Any], dict[str, Any]]:
    new = _successor(OLD)
    assert new != OLD
    return load_document(OLD), load_document(new)


def test_every_real_change_is_found_and_none_is_invented(documents: tuple[dict[str, Any], dict[str, Any]]) -> None:
    diff = compare_named(*documents)

    found = [(c.operation, c.location, c.rule, c.severity, c.raw_severity) for c in diff.changes]
    assert found == EXPECTED


def test_the_dashboard_removals_break_raw_callers_and_the_admin_methods_kept_for_older_servers(
    documents: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    diff = compare_named(*documents)

    raw_breaking = diff.of_severity(B, Audience.RAW)
    assert sorted(c.operation for c in raw_breaking if c.kind == "operation-removed") == REMOVED_ROUTES
    assert sorted((c.operation, c.location) for c in raw_breaking if c.kind == "response-field-removed") == sorted(
        REMOVED_FIELDS
    )
    assert len(raw_breaking) == len(REMOVED_ROUTES) + len(REMOVED_FIELDS)
    # client.admin keeps a method for each removed route (it works against 1.5.1): those break for the wrapper too,
    # and each names its method; the removed fields are ones no wrapper method reads.
    assert sorted(c.operation for c in diff.breaking) == REMOVED_ROUTES
    assert all(c.methods and all(m.startswith("admin.") for m in c.methods) for c in diff.breaking)
    assert all(c.severity is C for c in raw_breaking if c.kind == "response-field-removed")


def test_summary_per_audience(documents: tuple[dict[str, Any], dict[str, Any]]) -> None:
    diff = compare_named(*documents)

    counts = {audience: [len(diff.of_severity(s, audience)) for s in Severity] for audience in Audience}
    assert counts == {Audience.WRAPPER: [5, 18, 3], Audience.RAW: [16, 7, 3]}


def test_each_change_names_the_generated_code_it_touches(documents: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = documents
    diff = compare_named(old, new)
    old_client, new_client = GeneratedClient(old), GeneratedClient(new)

    for change in diff.changes:
        modules = {*old_client.module_files, *new_client.module_files}
        assert change.module in modules, change
        if change.kind.startswith("response-field"):
            assert change.models, change
    named = {name for change in diff.changes for name in change.models}
    # every model the regeneration deletes or adds is named by the change that deletes or adds it
    assert old_client.model_files ^ new_client.model_files <= named
    overview = next(c for c in diff.changes if c.location == "response.total_events")
    assert [Path(name).name for name in overview.models] == ["dashboard_overview.py"]
    assert Path(overview.module).name == "dashboard_overview.py"


def test_check_compatibility_against_the_old_server_names_only_what_it_lacks_that_the_sdk_calls(
    documents: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    old, new = documents
    # the SDK is built from the new document; the server at hand serves the old one
    issues = compatibility_issues(new, old)

    assert all(issue.methods for issue in issues)
    assert not {issue.operation for issue in issues} & set(REMOVED_ROUTES)  # what the old server has extra
    assert not any(issue.location == "response.total_events" for issue in issues)
