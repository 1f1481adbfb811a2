"""Every limit the SDK checks before sending, and where it comes from.

A client-side check saves a request and names the field, but a check the
server does not make is a bug: it refuses what would have worked. So each
limit here has a source, either the server's schema (a JSON pointer into
``openapi/``; a unit test reads each one back) or behaviour measured on the
real servers (1.5.1 and 2.0.0), said in words. Nothing else is checked.

:data:`LIMITS` is the table; ``docs/errors.md`` shows it to users.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

MEASURED = "measured on 1.5.1 and 2.0.0"
SCHEMAS = "#/components/schemas/"


@dataclass(frozen=True)
class Limit:
    """One client-side limit.

    Attributes:
        name: a short name (the table's key).
        applies_to: the arguments it checks.
        rule: what a value must be.
        source: ``schema`` or the measured behaviour, in words.
        schema: JSON pointers into the OpenAPI document that state the limit
            (a parameter is named by its ``name``, not its index).
        low: the smallest allowed number or length (None: none).
        high: the largest allowed number or length (None: none).
        values: the allowed values of an enumeration.
    """

    name: str
    applies_to: str
    rule: str
    source: str
    schema: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    values: tuple[str, ...] = ()


def _param(path: str, method: str, name: str) -> str:
    return f"#/paths/{path.replace('/', '~1')}/{method}/parameters/{name}/schema"


CONTENT: Final = Limit(
    "content",
    "write(content), write_batch(turns[].content), session.write(content), admin.memories.simulate_write(content)",
    "1 to 100,000 characters",
    "schema",
    (SCHEMAS + "WriteMemoryRequest/properties/content", SCHEMAS + "WriteBatchTurn/properties/content"),
    low=1,
    high=100_000,
)
MAX_RESULTS: Final = Limit(
    "max_results",
    "read, read_stream, session.read, admin.retrieval.explain (max_results)",
    "a whole number from 1 to 50",
    "schema",
    (SCHEMAS + "ReadMemoryRequest/properties/max_results",),
    low=1,
    high=50,
)
BATCH: Final = Limit(
    "turns",
    "write_batch(turns)",
    "1 to 500 turns",
    "schema",
    (SCHEMAS + "WriteBatchRequest/properties/turns",),
    low=1,
    high=500,
)
EXPLAIN_MAX_RESULTS: Final = Limit(
    "max_results (explain)",
    "admin.retrieval.explain(max_results)",
    "a whole number of at most 50",
    f"schema (no minimum there; {MEASURED}: 0 answers 200 with no results)",
    (SCHEMAS + "DashboardRetrievalRequest/properties/max_results",),
    high=50,
)
READ_FORMAT: Final = Limit(
    "format",
    "read(format), admin.retrieval.explain(format)",
    "packet, list or llm_context",
    "schema",
    (SCHEMAS + "ReadMemoryRequest/properties/format",),
    values=("packet", "list", "llm_context"),
)
FORGET_ACTION: Final = Limit(
    "action",
    "forget(action)",
    "delete, archive or silence",
    "schema",
    (SCHEMAS + "ForgetRequest/properties/action",),
    values=("delete", "archive", "silence"),
)
FORGET_ACTION_DONE: Final = Limit(
    "action (what forget does)",
    "forget(action), the CLI's forget --action",
    "delete; archive and silence are refused",
    f"{MEASURED}: forget with archive or silence answers 'archived' or 'silenced' but sets the memory's status to "
    "deleted; only admin.memories.bulk_action archives or silences",
    values=("delete",),
)
BULK_ACTION: Final = Limit(
    "action (bulk)",
    "admin.memories.bulk_action(action)",
    "archive, silence or delete",
    "schema",
    (SCHEMAS + "BulkActionRequest/properties/action",),
    values=("archive", "silence", "delete"),
)
MEMORY_TYPE: Final = Limit(
    "memory_type",
    "write(memory_type), read(memory_types[]), admin.memories.list(type)",
    "a member of MemoryType",
    "schema",
    (SCHEMAS + "MemoryType",),
    values=(
        "episodic_event",
        "semantic_fact",
        "procedure",
        "constraint",
        "hypothesis",
        "preference",
        "task_state",
        "conversation",
        "message",
        "tool_result",
        "reasoning_step",
        "scratch",
        "knowledge",
        "observation",
        "plan",
    ),
)
MEMORY_STATUS: Final = Limit(
    "status",
    "admin.memories.list(status)",
    "active, silent, compressed, archived or deleted",
    f"the server's MemoryStatus (the schema types the parameter as any string); {MEASURED}: an unknown status "
    "answers 200 with no items, as does an unknown type",
    values=("active", "silent", "compressed", "archived", "deleted"),
)
MEMORY_SORT: Final = Limit(
    "sort_by",
    "admin.memories.list(sort_by)",
    "timestamp, confidence, importance, access_count, written_at, type or status",
    "schema (a pattern)",
    (_param("/api/v1/dashboard/memories", "get", "sort_by"),),
    values=("timestamp", "confidence", "importance", "access_count", "written_at", "type", "status"),
)
SORT_ORDER: Final = Limit(
    "order",
    "admin.memories.list(order)",
    "asc or desc",
    "schema (a pattern)",
    (_param("/api/v1/dashboard/memories", "get", "order"),),
    values=("asc", "desc"),
)
PAGE_SIZE: Final = Limit(
    "per_page",
    "admin listings (per_page, limit)",
    "a whole number from 1 to 200",
    "schema",
    (
        _param("/api/v1/dashboard/memories", "get", "per_page"),
        _param("/api/v1/dashboard/facts", "get", "limit"),
        _param("/api/v1/dashboard/jobs", "get", "limit"),
        _param("/api/v1/dashboard/consolidation/runs", "get", "limit"),
        _param("/api/v1/dashboard/reconsolidation/runs", "get", "limit"),
    ),
    low=1,
    high=200,
)
FORGETTING_PREVIEW: Final = Limit(
    "max_memories",
    "admin.forgetting.preview(max_memories)",
    "a whole number from 1 to 5,000",
    "schema",
    (SCHEMAS + "DashboardForgettingPreviewRequest/properties/max_memories",),
    low=1,
    high=5000,
)
GRAPH_DEPTH: Final = Limit(
    "depth",
    "admin.graph.explore(depth)",
    "a whole number from 1 to 5",
    "schema",
    (_param("/api/v1/dashboard/graph/explore", "get", "depth"),),
    low=1,
    high=5,
)
GRAPH_SEARCH_LIMIT: Final = Limit(
    "limit",
    "admin.graph.search(limit)",
    "a whole number from 1 to 100",
    "schema",
    (_param("/api/v1/dashboard/graph/search", "get", "limit"),),
    low=1,
    high=100,
)
GRAPH_SEARCH_QUERY: Final = Limit(
    "query",
    "admin.graph.search(query)",
    "at least 1 character",
    "schema",
    (_param("/api/v1/dashboard/graph/search", "get", "query"),),
    low=1,
)
TIMELINE_DAYS: Final = Limit(
    "days",
    "admin.timeline(days)",
    "a whole number from 1 to 365",
    "schema",
    (_param("/api/v1/dashboard/timeline", "get", "days"),),
    low=1,
    high=365,
)
REQUEST_STATS_HOURS: Final = Limit(
    "hours",
    "admin.request_stats(hours)",
    "a whole number from 1 to 48",
    "schema",
    (_param("/api/v1/dashboard/request-stats", "get", "hours"),),
    low=1,
    high=48,
)
TTL_HOURS: Final = Limit(
    "ttl_hours",
    "create_session(ttl_hours), session(ttl_hours)",
    "a whole number; the expiry (now + ttl_hours) must fall before the year 10000",
    f"{MEASURED}: the schema has no bound; 1,000,000 and 69,000,000 hours are accepted, 71,000,000 and 1e8 "
    "answer 500 (the server adds ttl_hours to the current time, and a Python datetime ends at 9999-12-31). "
    "0 and negative values are accepted (the session expires at once) and are sent as given",
)
NO_NUL: Final = Limit(
    "NUL",
    "every string argument and query parameter, except the values inside metadata",
    "no NUL character (\\x00)",
    f"{MEASURED}: PostgreSQL text cannot hold NUL. With one, write/turn/write_batch answer 200 and store nothing "
    "(chunks_created 0), read finds nothing, update and the admin filters (search, tenant_id, job_type) answer "
    "500. Metadata values are stored as JSON and come back intact, so they are not checked",
)
UNICODE: Final = Limit(
    "Unicode",
    "every string argument",
    "valid Unicode (no lone surrogate such as '\\ud800')",
    "JSON is sent as UTF-8 (RFC 8259), and a lone surrogate has no UTF-8 form: it cannot be sent at all",
)
PATH_ID: Final = Limit(
    "path id",
    "get_session_context(session_id), consolidate(user_id), run_forgetting(user_id), session ids in paths",
    "not empty",
    "the URL: an empty path segment names another route (404), never this operation",
    low=1,
)
EMPTY_FILTER: Final = Limit(
    "admin filter",
    "the admin filters and ids (tenant_id, source_session_id, job_type, category, event_type, operation, user_id, "
    "entity, scope_id)",
    "not empty",
    f"{MEASURED}: an empty filter is either ignored (tenant_id='' lists every tenant; status and "
    "source_session_id likewise) or matches nothing (job_type, category)",
    low=1,
)
AWARE_DATETIME: Final = Limit(
    "datetime",
    "read(since, until), write(timestamp), turn(timestamp), write_batch(turns[].timestamp), forget(before)",
    "a timezone-aware datetime (every datetime the SDK returns is one: aware, in UTC)",
    "the SDK's rule, not the server's: a naive time names no instant, and guessing a zone would shift it",
)
FORGET_PLAN_SIZE: Final = Limit(
    "limit (forget plan)",
    "plan_forget(limit)",
    "a whole number from 1 to 10,000",
    "the SDK's own setting: the dashboard export's cap, so that every planned memory can be shown; it is never sent",
    low=1,
    high=10_000,
)
MAX_CONCURRENCY: Final = Limit(
    "max_concurrency",
    "write_many, read_many (max_concurrency)",
    "a whole number from 1 to 256",
    "the SDK's own setting (threads or tasks on this machine); it is never sent",
    low=1,
    high=256,
)

LIMITS: Final[tuple[Limit, ...]] = (
    CONTENT,
    MAX_RESULTS,
    EXPLAIN_MAX_RESULTS,
    BATCH,
    READ_FORMAT,
    FORGET_ACTION,
    FORGET_ACTION_DONE,
    BULK_ACTION,
    MEMORY_TYPE,
    MEMORY_STATUS,
    MEMORY_SORT,
    SORT_ORDER,
    PAGE_SIZE,
    FORGETTING_PREVIEW,
    GRAPH_DEPTH,
    GRAPH_SEARCH_LIMIT,
    GRAPH_SEARCH_QUERY,
    TIMELINE_DAYS,
    REQUEST_STATS_HOURS,
    TTL_HOURS,
    NO_NUL,
    UNICODE,
    PATH_ID,
    EMPTY_FILTER,
    AWARE_DATETIME,
    FORGET_PLAN_SIZE,
    MAX_CONCURRENCY,
)


def ttl_hours_max(now: dt.datetime | None = None) -> int:
    """The largest ``ttl_hours`` whose expiry the server can still compute (see :data:`TTL_HOURS`).

    A day is kept in hand for the difference between this machine's clock and the server's.

    Args:
        now: the current time (default: now, UTC).

    Returns:
        Whole hours from ``now`` to a day before 9999-12-31.
    """
    now = now or dt.datetime.now(dt.UTC)
    end = dt.datetime.max.replace(tzinfo=dt.UTC) - dt.timedelta(days=1)
    return int((end - now).total_seconds() // 3600)
