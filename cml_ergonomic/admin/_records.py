"""``admin.memories``, ``admin.facts``, ``admin.events``: the stored records, listed page by page and exported."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from typing import Literal, Unpack
from uuid import UUID

from cml_api_client.models.dashboard_fact_detail import DashboardFactDetail
from cml_api_client.models.dashboard_fact_evidence_response import DashboardFactEvidenceResponse
from cml_api_client.models.dashboard_memory_lineage_response import DashboardMemoryLineageResponse
from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem
from cml_api_client.models.dashboard_memory_list_response import DashboardMemoryListResponse
from cml_api_client.models.fact_item import FactItem
from cml_api_client.models.fact_list_response import FactListResponse

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import endpoint
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic._results import parse_untyped
from cml_ergonomic.admin._base import (
    DEFAULT_PAGE_SIZE,
    AdminResource,
    BulkAction,
    MemorySort,
    X,
    _confirmed,
    _flag,
    _id,
)
from cml_ergonomic.admin._memory_walk import STABLE_SORT, ExactMemoryWalk
from cml_ergonomic.admin._pager import PageWalk, Walk, paged_endpoint
from cml_ergonomic.admin._results import (
    BulkActionResult,
    EventItem,
    EventPage,
    ExportedEvent,
    ExportedFact,
    ExportedMemory,
    MemoryDetail,
    SuccessMessage,
    parse_list,
    parse_page,
    parser,
)


class AdminMemories(AdminResource[X]):
    """``client.admin.memories``: list, read, export and act on the memories of any tenant."""

    @paged_endpoint
    def list(
        self,
        *,
        tenant_id: str | None = None,
        type: str | None = None,
        status: str | None = None,
        search: str | None = None,
        source_session_id: str | None = None,
        sort_by: MemorySort = "timestamp",
        order: Literal["asc", "desc"] = "desc",
        per_page: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[CallOptions],
    ) -> Walk[DashboardMemoryListResponse, DashboardMemoryListItem]:
        """Every memory that matches, each exactly once, in the order asked for (``for`` / ``async for``).

        The server pages by offset and breaks no ties, so the pager walks by
        ``written_at`` (set once per memory, never changed), checks at every
        page that nothing before it moved, and orders on the client: each
        memory that matches for the whole walk is listed exactly once, also
        when many share a ``confidence`` or ``type`` and while memories are
        written. Sorted by ``written_at`` ascending, pages arrive as they are
        fetched; sorted any other way, the whole listing is read before the
        first item (equal values stay in the order they were written).

        Args:
            tenant_id: the tenant (default: the client's; None on both: every tenant).
            type: a memory type (``"preference"``, ...).
            status: ``active``, ``silent``, ``compressed``, ``archived`` or ``deleted``.
            search: text the memory contains.
            source_session_id: only memories written in this session.
            sort_by: ``timestamp`` (default), ``confidence``, ``importance``, ``access_count``, ``written_at``,
                ``type`` or ``status``.
            order: ``desc`` (default) or ``asc``.
            per_page: memories per request and per page handed out, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline`` (for each page).

        Returns:
            A pager of ``DashboardMemoryListItem``; ``.pages()`` gives the pages with ``total`` and ``total_pages``.

        Raises:
            ValidationError: a bad filter (nothing was sent).
            ConfigurationError: the client has no admin key.
            APIStatusError: a page failed while iterating; ``.page`` says which.
            ListingChangedError: memories kept disappearing from the listing while it was walked.

        Example:
            >>> for m in client.admin.memories.list(type="preference"):  # doctest: +SKIP
            ...     print(m.id, m.text)
        """
        size = check.in_range(per_page, "per_page", limits.PAGE_SIZE)
        column = check.one_of(sort_by, "sort_by", limits.MEMORY_SORT)
        direction = check.one_of(order, "order", limits.SORT_ORDER)
        query: dict[str, object] = {
            "tenant_id": self._tenant(tenant_id),
            "type": None if type is None else check.memory_type(type, "type"),
            "status": None if status is None else check.one_of(status, "status", limits.MEMORY_STATUS),
            "search": None if search is None else check.text(search, "search"),
            "source_session_id": None if source_session_id is None else _id(source_session_id, "source_session_id"),
            "sort_by": STABLE_SORT,  # the walk's own order; the one asked for is applied on the client
            "order": "asc",
        }
        self._require_admin_key("dashboard_memories")
        return ExactMemoryWalk(
            lambda page, n: self._spec(
                "dashboard_memories",
                parser(DashboardMemoryListResponse),
                options,
                query={**query, "page": page, "per_page": n},
            ),
            per_page=size,
            sort_by=column,
            order=direction,
        )

    @endpoint
    def get(self, memory_id: UUID | str, **options: Unpack[CallOptions]) -> RequestSpec[MemoryDetail]:
        """One memory with everything the server keeps about it; ``str()`` is a readable summary.

        Args:
            memory_id: the memory's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``MemoryDetail``.

        Raises:
            ValidationError: ``memory_id`` is not a UUID.
            NotFoundError: no such memory.
        """
        path = {"memory_id": check.uuid(memory_id, "memory_id")}
        return self._spec("dashboard_memory_detail", MemoryDetail.from_dict, options, path=path)

    @endpoint
    def lineage(
        self, memory_id: UUID | str, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardMemoryLineageResponse]:
        """Where a memory came from and what came of it: ancestors, descendants, evidence, jobs.

        Args:
            memory_id: the memory's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardMemoryLineageResponse``.

        Raises:
            ValidationError: ``memory_id`` is not a UUID.
            NotFoundError: no such memory.
        """
        path = {"memory_id": check.uuid(memory_id, "memory_id")}
        return self._spec("dashboard_memory_lineage", parser(DashboardMemoryLineageResponse), options, path=path)

    @endpoint
    def bulk_action(
        self,
        memory_ids: Sequence[UUID | str],
        action: BulkAction,
        *,
        confirm: bool = False,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[BulkActionResult]:
        """Archive, silence or delete many memories at once (``delete`` needs ``confirm=True``).

        It acts on exactly the ids given, nothing chosen by the server. To pick
        them by query or age, look first: ``client.plan_forget(...)`` lists them.

        Args:
            memory_ids: the memories' ids.
            action: ``archive``, ``silence`` or ``delete``.
            confirm: must be True for ``delete``.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"success", "affected", "action"}``.

        Raises:
            ValidationError: a bad id or action, or a delete without ``confirm=True`` (nothing was sent).
        """
        ids = check.uuid_list(memory_ids, "memory_ids")
        verb = check.one_of(action, "action", limits.BULK_ACTION)
        if verb == "delete":
            _confirmed(confirm, "a bulk delete cannot be undone")
        body = {"memory_ids": ids, "action": verb}
        return self._spec("dashboard_bulk_action", parse_untyped, options, body=body)

    @endpoint
    def export(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[builtins.list[ExportedMemory]]:
        """Every memory of a tenant (default: the client's; None on both: all tenants) in one JSON list.

        Args:
            tenant_id: the tenant.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            A list of ``ExportedMemory`` dicts.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        query = {"tenant_id": self._tenant(tenant_id)}
        return self._spec("dashboard_export_memories", parse_list, options, query=query)


class AdminFacts(AdminResource[X]):
    """``client.admin.facts``: the semantic facts the server distilled from memories."""

    @paged_endpoint
    def list(
        self,
        *,
        tenant_id: str | None = None,
        category: str | None = None,
        current_only: bool = True,
        per_page: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[CallOptions],
    ) -> PageWalk[FactListResponse, FactItem]:
        """Every fact that matches, fetched page by page as you iterate (``for`` / ``async for``).

        Args:
            tenant_id: the tenant (default: the client's).
            category: a fact category (``preference``, ``identity``, ...).
            current_only: only facts still held true (default True).
            per_page: facts per request, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline`` (for each page).

        Returns:
            A pager of ``FactItem``; ``.pages()`` gives the pages with ``total``.

        Raises:
            ValidationError: a bad filter (nothing was sent).
            APIStatusError: a page failed while iterating; ``.page`` says which.
        """
        size = check.in_range(per_page, "per_page", limits.PAGE_SIZE)
        query: dict[str, object] = {
            "tenant_id": self._tenant(tenant_id),
            "category": None if category is None else _id(category, "category"),
            "current_only": _flag(current_only, "current_only"),
            "limit": size,
        }
        self._require_admin_key("dashboard_facts")
        return PageWalk(
            lambda n: self._spec(
                "dashboard_facts", parser(FactListResponse), options, query={**query, "offset": (n - 1) * size}
            ),
            lambda page: page.items if isinstance(page.items, list) else [],
            lambda page, n: isinstance(page.total, int) and n * size < page.total,
        )

    @endpoint
    def get(self, fact_id: UUID | str, **options: Unpack[CallOptions]) -> RequestSpec[DashboardFactDetail]:
        """One fact with its history.

        Args:
            fact_id: the fact's id (a UUID).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardFactDetail``.

        Raises:
            ValidationError: ``fact_id`` is not a UUID (the server would answer 500).
            NotFoundError: no such fact.
        """
        path = {"fact_id": check.uuid(fact_id, "fact_id")}
        return self._spec("dashboard_fact_detail", parser(DashboardFactDetail), options, path=path)

    @endpoint
    def evidence(
        self, fact_id: UUID | str, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardFactEvidenceResponse]:
        """The memories a fact was drawn from.

        Args:
            fact_id: the fact's id (a UUID).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardFactEvidenceResponse``.

        Raises:
            ValidationError: ``fact_id`` is not a UUID (the server would answer 500).
            NotFoundError: no such fact.
        """
        path = {"fact_id": check.uuid(fact_id, "fact_id")}
        return self._spec("dashboard_fact_evidence", parser(DashboardFactEvidenceResponse), options, path=path)

    @endpoint
    def invalidate(self, fact_id: UUID | str, **options: Unpack[CallOptions]) -> RequestSpec[SuccessMessage]:
        """Mark a fact as no longer true.

        Args:
            fact_id: the fact's id (a UUID).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"success", "message"}``.

        Raises:
            ValidationError: ``fact_id`` is not a UUID (the server would answer 500).
            NotFoundError: no such fact.
        """
        path = {"fact_id": check.uuid(fact_id, "fact_id")}
        return self._spec("dashboard_invalidate_fact", parse_untyped, options, path=path)

    @endpoint
    def export(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[builtins.list[ExportedFact]]:
        """Every fact of a tenant (default: the client's) in one JSON list.

        Args:
            tenant_id: the tenant.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            A list of ``ExportedFact`` dicts.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        query = {"tenant_id": self._tenant(tenant_id)}
        return self._spec("dashboard_export_facts", parse_list, options, query=query)


class AdminEvents(AdminResource[X]):
    """``client.admin.events``: the server's event log (servers before 2.0.0, which removed these routes)."""

    @paged_endpoint
    def list(
        self,
        *,
        tenant_id: str | None = None,
        event_type: str | None = None,
        operation: str | None = None,
        per_page: int = DEFAULT_PAGE_SIZE,
        **options: Unpack[CallOptions],
    ) -> PageWalk[EventPage, EventItem]:
        """Every event that matches, fetched page by page as you iterate.

        Args:
            tenant_id: the tenant (default: the client's).
            event_type: only events of this type.
            operation: only events of this operation.
            per_page: events per request, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline`` (for each page).

        Returns:
            A pager of ``EventItem`` dicts.

        Raises:
            ValidationError: a bad filter (nothing was sent).
            NotFoundError: the server is 2.0.0 or newer, which has no event log route.
        """
        query: dict[str, object] = {
            "tenant_id": self._tenant(tenant_id),
            "event_type": None if event_type is None else _id(event_type, "event_type"),
            "operation": None if operation is None else _id(operation, "operation"),
            "per_page": check.in_range(per_page, "per_page", limits.PAGE_SIZE),
        }
        self._require_admin_key("dashboard_events")
        return PageWalk(
            lambda n: self._spec("dashboard_events", parse_page, options, query={**query, "page": n}),
            lambda page: page["items"],
            lambda page, n: n < page["total_pages"],
        )

    @endpoint
    def export(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[builtins.list[ExportedEvent]]:
        """Every event of a tenant (default: the client's) in one JSON list (servers before 2.0.0).

        Args:
            tenant_id: the tenant.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            A list of ``ExportedEvent`` dicts.

        Raises:
            NotFoundError: the server is 2.0.0 or newer.
        """
        query = {"tenant_id": self._tenant(tenant_id)}
        return self._spec("dashboard_export_events", parse_list, options, query=query)
