"""What the command line takes from ``client.admin``, as plain JSON-able dicts.

The commands print and export dicts; this is the one place that turns the
admin resource's typed results into them. The memory listing walks by
``written_at`` ascending, so memories written during a listing land after the
pages already read instead of shifting them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cml_ergonomic import CognitiveMemoryLayer

PAGE_MAX = 200  # the server's per_page maximum


def iter_memories(
    client: CognitiveMemoryLayer,
    tenant_id: str,
    *,
    per_page: int = PAGE_MAX,
    memory_type: str | None = None,
    status: str | None = None,
    search: str | None = None,
    session_id: str | None = None,
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every memory of a tenant, oldest first, page after page: ``(total, item)``; texts cut at 300 characters.

    Raises:
        ValidationError: a bad filter (nothing was sent).
        CMLError: a page failed.
    """
    pager = client.admin.memories.list(
        tenant_id=tenant_id,
        type=memory_type,
        status=status,
        search=search,
        source_session_id=session_id,
        sort_by="written_at",
        order="asc",
        per_page=per_page,
    )
    for page in pager.pages():
        for item in page.items:
            yield page.total, item.to_dict()


def memory_detail(client: CognitiveMemoryLayer, memory_id: str) -> dict[str, Any]:
    """One memory in full: whole text, metadata, session, timestamps."""
    detail: dict[str, Any] = client.admin.memories.get(memory_id).to_dict()
    return detail


def tenants(client: CognitiveMemoryLayer) -> list[dict[str, Any]]:
    """Every tenant with its memory counts."""
    return [tenant.to_dict() for tenant in client.admin.tenants()]


def explain(client: CognitiveMemoryLayer, tenant_id: str, query: str, *, max_results: int = 10) -> dict[str, Any]:
    """How the server retrieves for ``query``: plan, steps, results."""
    result: dict[str, Any] = client.admin.retrieval.explain(
        query, tenant_id=tenant_id, max_results=max_results
    ).to_dict()
    return result
