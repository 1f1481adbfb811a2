"""The dashboard routes the command line needs: tenants, the memory listing and detail, retrieval explain.

They run through the client's own machinery (``RequestSpec`` and ``_execute``:
retries, deadline, error mapping, the admin key), so nothing here sends bytes
itself. The memory listing pages by ``written_at`` ascending, so memories
written during a listing land after the pages already read instead of
shifting them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic._operations import Operation
from cml_ergonomic._request import RequestSpec

PAGE_MAX = 200  # the server's per_page maximum

_LIST = Operation("dashboard_memories", "GET", "/api/v1/dashboard/memories", read_only=True, admin=True)
_DETAIL = Operation(
    "dashboard_memory_detail", "GET", "/api/v1/dashboard/memories/{memory_id}", read_only=True, admin=True
)
_TENANTS = Operation("dashboard_tenants", "GET", "/api/v1/dashboard/tenants", read_only=True, admin=True)
# A POST that changes nothing: safe to retry like a read.
_EXPLAIN = Operation("dashboard_retrieval_explain", "POST", "/api/v1/dashboard/retrieval/explain", True, admin=True)


def _untyped(data: Any) -> Any:
    return data


def memories_page(
    client: CognitiveMemoryLayer,
    tenant_id: str,
    *,
    page: int,
    per_page: int,
    memory_type: str | None = None,
    status: str | None = None,
    search: str | None = None,
    session_id: str | None = None,
) -> dict[str, Any]:
    """One page of a tenant's memories (``items``, ``total``, ``total_pages``); texts cut at 300 characters."""
    params: dict[str, Any] = {
        "page": page,
        "per_page": per_page,
        "tenant_id": tenant_id,
        "sort_by": "written_at",
        "order": "asc",
    }
    for name, value in (
        ("type", memory_type),
        ("status", status),
        ("search", search),
        ("source_session_id", session_id),
    ):
        if value is not None:
            params[name] = value
    result: dict[str, Any] = client._execute(RequestSpec(_LIST, _untyped, params=params))
    return result


def iter_memories(
    client: CognitiveMemoryLayer, tenant_id: str, *, per_page: int = PAGE_MAX, **filters: str | None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every memory of a tenant, page after page: ``(total, item)``, total as the last page reported it."""
    page = 1
    while True:
        answer = memories_page(client, tenant_id, page=page, per_page=per_page, **filters)
        items = answer.get("items") or []
        for item in items:
            yield int(answer.get("total", 0)), item
        if not items or page >= int(answer.get("total_pages", 1)):
            return
        page += 1


def memory_detail(client: CognitiveMemoryLayer, memory_id: str) -> dict[str, Any]:
    """One memory in full: whole text, metadata, session, timestamps."""
    result: dict[str, Any] = client._execute(RequestSpec(_DETAIL, _untyped, path_params={"memory_id": memory_id}))
    return result


def tenants(client: CognitiveMemoryLayer) -> list[dict[str, Any]]:
    """Every tenant with its memory counts."""
    answer = client._execute(RequestSpec(_TENANTS, _untyped))
    return list(answer.get("tenants") or [])


def explain(
    client: CognitiveMemoryLayer, tenant_id: str, query: str, *, max_results: int = 10, format: str = "list"
) -> dict[str, Any]:
    """How the server retrieves for ``query``: plan, steps, results."""
    body = {"tenant_id": tenant_id, "query": query, "max_results": max_results, "format": format}
    result: dict[str, Any] = client._execute(RequestSpec(_EXPLAIN, _untyped, body=body))
    return result
