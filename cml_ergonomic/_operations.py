"""The wrapper's operation map: which server operation each public method calls.

This is the one place that ties ``cml_ergonomic`` to the server's API. The
clients take method, path, retry class and admin-ness from here; the schema
diff (``python -m codegen diff``) and ``check_compatibility()`` use it to say
which wrapper methods a schema change affects; the operation-map test proves
it matches the snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any


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


MEMORY_OPERATIONS: dict[str, Operation] = {
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
            methods=("read", "read_safe", "read_many", "SessionScope.read", "plan_forget"),
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


def operation_map() -> dict[str, Operation]:
    """Every wrapped operation (``OPERATIONS``): ``MEMORY_OPERATIONS`` and the admin resource's, built once."""
    built: dict[str, Operation] | None = globals().get("OPERATIONS")
    if built is None:
        from cml_ergonomic._admin_operations import ADMIN_OPERATIONS

        built = globals()["OPERATIONS"] = {**MEMORY_OPERATIONS, **ADMIN_OPERATIONS}
    return built


if TYPE_CHECKING:
    OPERATIONS: dict[str, Operation]  # every wrapped operation: MEMORY_OPERATIONS and the admin resource's


def __getattr__(name: str) -> Any:
    # The admin rows (cml_ergonomic/_admin_operations.py) are built when something first asks for the whole
    # map (the admin resource, the schema diff, the tests), so that `import cml_ergonomic` does not pay for them.
    if name == "OPERATIONS":
        return operation_map()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    for op in operation_map().values():
        if op.method == method.upper() and op.path == path:
            return op.methods
    return ()
