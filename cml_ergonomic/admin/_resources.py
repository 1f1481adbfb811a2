"""``client.admin``: the server's operator API (``/api/v1/dashboard/...`` and ``/api/v1/admin/...``) as methods.

The sub-resources mirror the routes: ``GET /dashboard/memories/{id}/lineage``
is ``client.admin.memories.lineage(id)``. Every method is a builder, as in
:mod:`cml_ergonomic._methods`: it checks its arguments, then hands a
:class:`RequestSpec` to the client's own ``_execute`` (retries, deadline,
errors, logging); the operation map (:mod:`cml_ergonomic._operations`)
supplies method, path, retry class, the admin key and ``X-Requested-With``.
A method costs its signature, one or two checks and one ``return``.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Unpack, cast
from uuid import UUID

from cml_api_client.models.dashboard_components_response import DashboardComponentsResponse
from cml_api_client.models.dashboard_config_response import DashboardConfigResponse
from cml_api_client.models.dashboard_evaluation_summary import DashboardEvaluationSummary
from cml_api_client.models.dashboard_fact_detail import DashboardFactDetail
from cml_api_client.models.dashboard_fact_evidence_response import DashboardFactEvidenceResponse
from cml_api_client.models.dashboard_forgetting_preview_response import DashboardForgettingPreviewResponse
from cml_api_client.models.dashboard_job_item import DashboardJobItem
from cml_api_client.models.dashboard_jobs_response import DashboardJobsResponse
from cml_api_client.models.dashboard_labile_response import DashboardLabileResponse
from cml_api_client.models.dashboard_memory_lineage_response import DashboardMemoryLineageResponse
from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem
from cml_api_client.models.dashboard_memory_list_response import DashboardMemoryListResponse
from cml_api_client.models.dashboard_ops_response import DashboardOpsResponse
from cml_api_client.models.dashboard_quality_response import DashboardQualityResponse
from cml_api_client.models.dashboard_rate_limits_response import DashboardRateLimitsResponse
from cml_api_client.models.dashboard_reconsolidation_sessions_response import (
    DashboardReconsolidationSessionsResponse,
)
from cml_api_client.models.dashboard_retrieval_response import DashboardRetrievalResponse
from cml_api_client.models.dashboard_sessions_response import DashboardSessionsResponse
from cml_api_client.models.dashboard_timeline_response import DashboardTimelineResponse
from cml_api_client.models.dashboard_write_simulation_response import DashboardWriteSimulationResponse
from cml_api_client.models.fact_item import FactItem
from cml_api_client.models.fact_list_response import FactListResponse
from cml_api_client.models.graph_explore_response import GraphExploreResponse
from cml_api_client.models.graph_neo_4j_config_response import GraphNeo4JConfigResponse
from cml_api_client.models.graph_search_response import GraphSearchResponse
from cml_api_client.models.graph_stats_response import GraphStatsResponse
from cml_api_client.models.request_stats_response import RequestStatsResponse

from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import AsyncExecutor, Resource, SyncExecutor, endpoint
from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic._results import parse_untyped
from cml_ergonomic.admin._pager import PageWalk, paged_endpoint, pager_for
from cml_ergonomic.admin._results import (
    BulkActionResult,
    ConsolidationRun,
    ConsolidationStatus,
    EventItem,
    EventPage,
    Explanation,
    ExportedEvent,
    ExportedFact,
    ExportedMemory,
    ForgettingRun,
    MemoryDetail,
    ModelsStatus,
    Overview,
    ReconsolidationRun,
    SuccessMessage,
    Tenants,
    parse_list,
    parse_page,
    parser,
)
from cml_ergonomic.errors import ConfigurationError

if TYPE_CHECKING:
    from cml_ergonomic._config import ClientConfig

X = TypeVar("X", bound="SyncExecutor | AsyncExecutor", covariant=True)
T = TypeVar("T")

MEMORY_STATUSES = ("active", "silent", "compressed", "archived", "deleted")
MEMORY_SORTS = ("timestamp", "confidence", "importance", "access_count", "written_at", "type", "status")
BULK_ACTIONS = ("archive", "silence", "delete")
PAGE_SIZE_MAX = 200
DEFAULT_PAGE_SIZE = 100

MemorySort = Literal["timestamp", "confidence", "importance", "access_count", "written_at", "type", "status"]
BulkAction = Literal["archive", "silence", "delete"]
ReadFormat = Literal["packet", "list", "llm_context"]


def _query_value(value: object) -> str:
    return ("true" if value else "false") if isinstance(value, bool) else str(value)


def _flag(value: object, field: str) -> bool:
    if not isinstance(value, bool):
        raise check.invalid(field, "must be True or False", value, type_="bool_type")
    return value


def _id(value: object, field: str) -> str:
    text = check.text(value, field)
    if not text:
        raise check.invalid(field, "must not be empty", text, type_="string_too_short")
    return text


def _confirmed(confirm: object, what: str) -> None:
    if confirm is not True:
        raise check.invalid("confirm", f"must be True: {what}", confirm, type_="confirmation")


class AdminResource(Resource[X]):
    """What every admin resource shares: the admin key, the default tenant, the request spec."""

    def _spec(
        self,
        key: str,
        parse: Any,
        options: CallOptions,
        *,
        query: Mapping[str, object] | None = None,
        body: Any = None,
        path: Mapping[str, str] | None = None,
    ) -> RequestSpec[Any]:
        self._require_admin_key(key)
        params = {k: _query_value(v) for k, v in (query or {}).items() if v is not None}
        return RequestSpec(OPERATIONS[key], parse, body=body, path_params=path or {}, params=params, options=options)

    @property
    def _config(self) -> ClientConfig:
        return cast("ClientConfig", self._client.config)  # type: ignore[union-attr]

    def _require_admin_key(self, key: str) -> None:
        if self._config.admin_api_key is None:
            raise ConfigurationError(
                f"{OPERATIONS[key].methods[0]}() needs the admin key, and this client has none",
                suggestion="Pass admin_api_key=... to the client or set CML_ADMIN_API_KEY. Nothing was sent.",
            )

    def _tenant(self, tenant_id: object, *, required: bool = False) -> str | None:
        """``tenant_id``, else the client's tenant (the dashboard's ``tenant_id`` parameter)."""
        tenant = tenant_id if tenant_id is not None else self._config.tenant_id
        if tenant is None and required:
            raise check.invalid("tenant_id", "is required: pass tenant_id= or give the client a tenant_id", None)
        return None if tenant is None else _id(tenant, "tenant_id")

    def _paginate(self, walk: PageWalk[Any, Any]) -> Any:
        return pager_for(self._client, walk)


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
    ) -> PageWalk[DashboardMemoryListResponse, DashboardMemoryListItem]:
        """Every memory that matches, fetched page by page as you iterate (``for`` / ``async for``).

        Args:
            tenant_id: the tenant (default: the client's; None on both: every tenant).
            type: a memory type (``"preference"``, ...).
            status: ``active``, ``silent``, ``compressed``, ``archived`` or ``deleted``.
            search: text the memory contains.
            source_session_id: only memories written in this session.
            sort_by: ``timestamp`` (default), ``confidence``, ``importance``, ``access_count``, ``written_at``,
                ``type`` or ``status``.
            order: ``desc`` (default) or ``asc``.
            per_page: memories per request, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline`` (for each page).

        Returns:
            A pager of ``DashboardMemoryListItem``; ``.pages()`` gives the pages with ``total`` and ``total_pages``.

        Raises:
            ValidationError: a bad filter (nothing was sent).
            ConfigurationError: the client has no admin key.
            APIStatusError: a page failed while iterating; ``.page`` says which.

        Example:
            >>> for m in client.admin.memories.list(type="preference"):  # doctest: +SKIP
            ...     print(m.id, m.text)
        """
        query: dict[str, object] = {
            "tenant_id": self._tenant(tenant_id),
            "type": None if type is None else check.memory_type(type, "type"),
            "status": None if status is None else check.one_of(status, "status", MEMORY_STATUSES),
            "search": None if search is None else check.text(search, "search"),
            "source_session_id": None if source_session_id is None else _id(source_session_id, "source_session_id"),
            "sort_by": check.one_of(sort_by, "sort_by", MEMORY_SORTS),
            "order": check.one_of(order, "order", ("asc", "desc")),
            "per_page": check.int_range(per_page, "per_page", 1, PAGE_SIZE_MAX),
        }
        self._require_admin_key("dashboard_memories")
        return PageWalk(
            lambda n: self._spec(
                "dashboard_memories", parser(DashboardMemoryListResponse), options, query={**query, "page": n}
            ),
            lambda page: page.items,
            lambda page, n: n < page.total_pages,
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
        verb = check.one_of(action, "action", BULK_ACTIONS)
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
        size = check.int_range(per_page, "per_page", 1, PAGE_SIZE_MAX)
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
            "per_page": check.int_range(per_page, "per_page", 1, PAGE_SIZE_MAX),
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


def _limit(limit: object) -> int:
    return check.int_range(limit, "limit", 1, PAGE_SIZE_MAX)


class AdminJobs(AdminResource[X]):
    """``client.admin.jobs``: the consolidation, reconsolidation and forgetting jobs the server ran."""

    @endpoint
    def list(
        self,
        *,
        tenant_id: str | None = None,
        job_type: str | None = None,
        limit: int = 50,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[DashboardJobsResponse]:
        """The latest jobs, newest first.

        Args:
            tenant_id: the tenant (default: the client's).
            job_type: ``consolidate``, ``reconsolidate`` or ``forget``.
            limit: at most this many, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardJobsResponse`` (``items``, ``total``).

        Raises:
            ValidationError: a bad argument.
        """
        job = None if job_type is None else _id(job_type, "job_type")
        query = {"tenant_id": self._tenant(tenant_id), "job_type": job, "limit": _limit(limit)}
        return self._spec("dashboard_jobs", parser(DashboardJobsResponse), options, query=query)

    @endpoint
    def get(self, job_id: UUID | str, **options: Unpack[CallOptions]) -> RequestSpec[DashboardJobItem]:
        """One job with its result.

        Args:
            job_id: the job's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardJobItem``.

        Raises:
            NotFoundError: no such job.
        """
        path = {"job_id": check.uuid(job_id, "job_id")}
        return self._spec("dashboard_job_detail", parser(DashboardJobItem), options, path=path)


R = TypeVar("R")  # what running the job answers


class _Runs(AdminResource[X], Generic[X, R]):
    """Consolidation and reconsolidation: their routes differ only in name, so their methods are declared once."""

    _run_key: str
    _runs_key: str
    _detail_key: str

    @endpoint
    def run(
        self, *, tenant_id: str | None = None, user_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[R]:
        """Run the job for a tenant now. Not retried once it may have started.

        Args:
            tenant_id: the tenant (default: the client's; required one way or the other).
            user_id: only this user's memories.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            The job's counters (``ConsolidationRun`` or ``ReconsolidationRun``).

        Raises:
            ValidationError: no tenant.
        """
        body: dict[str, Any] = {"tenant_id": self._tenant(tenant_id, required=True)}
        check.optional(body, "user_id", user_id, _id)
        return self._spec(self._run_key, parse_untyped, options, body=body)

    @endpoint
    def runs(
        self, *, tenant_id: str | None = None, limit: int = 50, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardJobsResponse]:
        """The latest runs of the job, newest first.

        Args:
            tenant_id: the tenant (default: the client's).
            limit: at most this many, 1 to 200.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardJobsResponse``.

        Raises:
            ValidationError: a bad argument.
        """
        query = {"tenant_id": self._tenant(tenant_id), "limit": _limit(limit)}
        return self._spec(self._runs_key, parser(DashboardJobsResponse), options, query=query)

    @endpoint
    def get_run(self, job_id: UUID | str, **options: Unpack[CallOptions]) -> RequestSpec[DashboardJobItem]:
        """One run (servers before 2.0.0; on later ones use ``admin.jobs.get``).

        Args:
            job_id: the run's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardJobItem``.

        Raises:
            NotFoundError: no such run, or a server without this route (the suggestion names the version).
        """
        path = {"job_id": check.uuid(job_id, "job_id")}
        return self._spec(self._detail_key, parser(DashboardJobItem), options, path=path)


class AdminConsolidation(_Runs[X, ConsolidationRun]):
    """``client.admin.consolidation``: run consolidation, list its runs, and (2.0.0 on) the sweep's status."""

    _run_key = "dashboard_consolidate"
    _runs_key = "dashboard_consolidation_runs"
    _detail_key = "dashboard_consolidation_run_detail"

    @endpoint
    def status(self, **options: Unpack[CallOptions]) -> RequestSpec[ConsolidationStatus]:
        """Whether the background consolidation sweep runs, and how often it fired (server 2.0.0 on).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ConsolidationStatus``.

        Raises:
            NotFoundError: a server before 2.0.0 (the suggestion says so).
        """
        return self._spec("consolidation_status", parse_untyped, options)


class AdminReconsolidation(_Runs[X, ReconsolidationRun]):
    """``client.admin.reconsolidation``: release the labile memories of ended sessions."""

    _run_key = "dashboard_reconsolidate"
    _runs_key = "dashboard_reconsolidation_runs"
    _detail_key = "dashboard_reconsolidation_run_detail"

    @endpoint
    def sessions(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardReconsolidationSessionsResponse]:
        """Sessions with labile memories waiting for reconsolidation.

        Args:
            tenant_id: the tenant (default: the client's).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardReconsolidationSessionsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        query = {"tenant_id": self._tenant(tenant_id)}
        parse = parser(DashboardReconsolidationSessionsResponse)
        return self._spec("dashboard_reconsolidation_sessions", parse, options, query=query)


def _retrieval_body(
    resource: AdminResource[Any],
    query: object,
    tenant_id: object,
    max_results: object,
    memory_types: object,
    context_filter: object,
    format: object,
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "tenant_id": resource._tenant(tenant_id, required=True),
        "query": _id(query, "query"),
        "max_results": check.int_range(max_results, "max_results", check.MAX_RESULTS_MIN, check.MAX_RESULTS_MAX),
        "format": check.one_of(format, "format", check.READ_FORMATS),
    }
    if memory_types is not None:
        if isinstance(memory_types, str) or not isinstance(memory_types, Sequence):
            raise check.invalid("memory_types", "must be a list of memory types", memory_types, type_="list_type")
        body["memory_types"] = [check.memory_type(t, f"memory_types[{i}]") for i, t in enumerate(memory_types)]
    check.optional(body, "context_filter", context_filter, check.string_list)
    return body


class AdminRetrieval(AdminResource[X]):
    """``client.admin.retrieval``: try a query as a tenant would, and see why it recalled what it did."""

    @endpoint
    def explain(
        self,
        query: str,
        *,
        tenant_id: str | None = None,
        max_results: int = 10,
        memory_types: Sequence[str] | None = None,
        context_filter: Sequence[str] | None = None,
        format: ReadFormat = "list",
        **options: Unpack[CallOptions],
    ) -> RequestSpec[Explanation]:
        """How the server reads ``query``: its analysis, plan, the steps it ran and the results, ranked.

        Args:
            query: the query.
            tenant_id: the tenant (default: the client's; required one way or the other).
            max_results: 1 to 50.
            memory_types: only these memory types.
            context_filter: only memories with these context tags.
            format: ``list`` (default), ``packet`` or ``llm_context``.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``Explanation``; ``str()`` lists the intent and the top results.

        Raises:
            ValidationError: a bad argument (nothing was sent).
        """
        body = _retrieval_body(self, query, tenant_id, max_results, memory_types, context_filter, format)
        return self._spec("dashboard_retrieval_explain", Explanation.from_dict, options, body=body)

    @endpoint
    def test(
        self,
        query: str,
        *,
        tenant_id: str | None = None,
        max_results: int = 10,
        memory_types: Sequence[str] | None = None,
        context_filter: Sequence[str] | None = None,
        format: ReadFormat = "list",
        **options: Unpack[CallOptions],
    ) -> RequestSpec[DashboardRetrievalResponse]:
        """Run ``query`` as the tenant's read would, with relevance scores and sources.

        Args:
            query: the query.
            tenant_id: the tenant (default: the client's; required one way or the other).
            max_results: 1 to 50.
            memory_types: only these memory types.
            context_filter: only memories with these context tags.
            format: ``list`` (default), ``packet`` or ``llm_context``.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardRetrievalResponse``.

        Raises:
            ValidationError: a bad argument (nothing was sent).
        """
        body = _retrieval_body(self, query, tenant_id, max_results, memory_types, context_filter, format)
        return self._spec("dashboard_retrieval", parser(DashboardRetrievalResponse), options, body=body)


class AdminForgetting(AdminResource[X]):
    """``client.admin.forgetting``: preview or run the forgetting process of a tenant."""

    @endpoint
    def preview(
        self,
        *,
        tenant_id: str | None = None,
        user_id: str | None = None,
        max_memories: int = 200,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[DashboardForgettingPreviewResponse]:
        """What forgetting would do, memory by memory, without doing it.

        Args:
            tenant_id: the tenant (default: the client's; required one way or the other).
            user_id: only this user's memories.
            max_memories: look at most at this many, 1 to 5000.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardForgettingPreviewResponse``.

        Raises:
            ValidationError: a bad argument.
        """
        body: dict[str, Any] = {
            "tenant_id": self._tenant(tenant_id, required=True),
            "max_memories": check.int_range(max_memories, "max_memories", 1, 5000),
        }
        check.optional(body, "user_id", user_id, _id)
        return self._spec(
            "dashboard_forgetting_preview", parser(DashboardForgettingPreviewResponse), options, body=body
        )

    @endpoint
    def run(
        self,
        *,
        tenant_id: str | None = None,
        user_id: str | None = None,
        dry_run: bool = True,
        max_memories: int = 5000,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[ForgettingRun]:
        """Run forgetting for a tenant; by default only as a dry run. Not retried once it may have started.

        Args:
            tenant_id: the tenant (default: the client's; required one way or the other).
            user_id: only this user's memories.
            dry_run: True (default) reports without forgetting.
            max_memories: look at most at this many.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ForgettingRun`` counters.

        Raises:
            ValidationError: a bad argument.
        """
        body: dict[str, Any] = {
            "tenant_id": self._tenant(tenant_id, required=True),
            "dry_run": _flag(dry_run, "dry_run"),
            "max_memories": check.int_range(max_memories, "max_memories", 1, 1_000_000),
        }
        check.optional(body, "user_id", user_id, _id)
        return self._spec("dashboard_forget", parse_untyped, options, body=body)


class AdminGraph(AdminResource[X]):
    """``client.admin.graph``: the knowledge graph (Neo4j; empty answers when the server runs without it)."""

    @endpoint
    def stats(self, **options: Unpack[CallOptions]) -> RequestSpec[GraphStatsResponse]:
        """Node and edge counts.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``GraphStatsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._spec("dashboard_graph_stats", parser(GraphStatsResponse), options)

    @endpoint
    def overview(
        self, *, tenant_id: str | None = None, scope_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[GraphExploreResponse]:
        """The most connected part of a tenant's graph.

        Args:
            tenant_id: the tenant (default: the client's; required one way or the other).
            scope_id: the scope (default: the tenant).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``GraphExploreResponse`` (``nodes``, ``edges``).

        Raises:
            ValidationError: no tenant.
        """
        scope = None if scope_id is None else _id(scope_id, "scope_id")
        query = {"tenant_id": self._tenant(tenant_id, required=True), "scope_id": scope}
        return self._spec("dashboard_graph_overview", parser(GraphExploreResponse), options, query=query)

    @endpoint
    def explore(
        self,
        entity: str,
        *,
        tenant_id: str | None = None,
        scope_id: str | None = None,
        depth: int = 2,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[GraphExploreResponse]:
        """The neighbourhood of one entity.

        Args:
            entity: the entity's name.
            tenant_id: the tenant (default: the client's; required one way or the other).
            scope_id: the scope (default: the tenant).
            depth: hops, 1 to 5.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``GraphExploreResponse``.

        Raises:
            ValidationError: a bad argument.
        """
        query = {
            "tenant_id": self._tenant(tenant_id, required=True),
            "entity": _id(entity, "entity"),
            "scope_id": None if scope_id is None else _id(scope_id, "scope_id"),
            "depth": check.int_range(depth, "depth", 1, 5),
        }
        return self._spec("dashboard_graph_explore", parser(GraphExploreResponse), options, query=query)

    @endpoint
    def search(
        self, query: str, *, tenant_id: str | None = None, limit: int = 25, **options: Unpack[CallOptions]
    ) -> RequestSpec[GraphSearchResponse]:
        """Entities whose name matches ``query``.

        Args:
            query: a name pattern.
            tenant_id: the tenant (default: the client's).
            limit: at most this many, 1 to 100.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``GraphSearchResponse``.

        Raises:
            ValidationError: a bad argument.
        """
        params = {
            "query": _id(query, "query"),
            "tenant_id": self._tenant(tenant_id),
            "limit": check.int_range(limit, "limit", 1, 100),
        }
        return self._spec("dashboard_graph_search", parser(GraphSearchResponse), options, query=params)

    @endpoint
    def neo4j_config(self, **options: Unpack[CallOptions]) -> RequestSpec[GraphNeo4JConfigResponse]:
        """How the server connects to Neo4j (no password).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``GraphNeo4JConfigResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._spec("dashboard_graph_neo4j_config", parser(GraphNeo4JConfigResponse), options)


class AdminModels(AdminResource[X]):
    """``client.admin.models``: the server's local models (servers before 2.0.0)."""

    @endpoint
    def status(self, **options: Unpack[CallOptions]) -> RequestSpec[ModelsStatus]:
        """Which local models the server found and loaded.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ModelsStatus``.

        Raises:
            NotFoundError: the server is 2.0.0 or newer (the suggestion says so).
        """
        return self._spec("dashboard_models_status", parse_untyped, options)


class AdminConfig(AdminResource[X]):
    """``client.admin.config``: the server's settings."""

    @endpoint
    def get(self, **options: Unpack[CallOptions]) -> RequestSpec[DashboardConfigResponse]:
        """The server's settings, by section (secrets masked by the server).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardConfigResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._spec("dashboard_config", parser(DashboardConfigResponse), options)

    @endpoint
    def update(
        self, updates: Mapping[str, Any], *, confirm: bool = False, **options: Unpack[CallOptions]
    ) -> RequestSpec[SuccessMessage]:
        """Change the server's settings. The server writes them to its ``.env``; they apply after a restart.

        Args:
            updates: setting name to new value.
            confirm: must be True: this rewrites a live server's configuration file.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"success", "message"}``.

        Raises:
            ValidationError: ``confirm`` is not True or ``updates`` is not a dict (nothing was sent).
        """
        _confirmed(confirm, "config.update rewrites the live server's configuration")
        body = {"updates": check.mapping(updates, "updates")}
        return self._spec("dashboard_config_update", parse_untyped, options, body=body)


class AdminDatabase(AdminResource[X]):
    """``client.admin.database``: the server's database as a whole."""

    @endpoint
    def reset(self, *, confirm: bool = False, **options: Unpack[CallOptions]) -> RequestSpec[SuccessMessage]:
        """Drop every table and re-run the migrations: every tenant's data is gone. Never retried.

        Args:
            confirm: must be True.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"success", "message"}``.

        Raises:
            ValidationError: ``confirm`` is not True (nothing was sent).
        """
        _confirmed(confirm, "database.reset erases every tenant's data")
        return self._spec("dashboard_database_reset", parse_untyped, options)


class Admin(AdminResource[X]):
    """``client.admin``: the server's operator API. Needs the admin key (``admin_api_key`` / ``CML_ADMIN_API_KEY``).

    Sub-resources mirror the server's routes: ``memories``, ``facts``,
    ``events``, ``jobs``, ``consolidation``, ``reconsolidation``,
    ``retrieval``, ``forgetting``, ``graph``, ``models``, ``config``,
    ``database``. The dashboard's ``tenant_id`` defaults to the client's.

    Example:
        >>> print(client.admin.overview())  # doctest: +SKIP
        >>> for memory in client.admin.memories.list(type="preference"):  # doctest: +SKIP
        ...     print(memory.text)
    """

    @cached_property
    def memories(self) -> AdminMemories[X]:
        """Memories of any tenant: list (paginated), get, lineage, bulk_action, export."""
        return AdminMemories(self._client)

    @cached_property
    def facts(self) -> AdminFacts[X]:
        """Semantic facts: list (paginated), get, evidence, invalidate, export."""
        return AdminFacts(self._client)

    @cached_property
    def events(self) -> AdminEvents[X]:
        """The event log (servers before 2.0.0): list (paginated), export."""
        return AdminEvents(self._client)

    @cached_property
    def jobs(self) -> AdminJobs[X]:
        """Background jobs: list, get."""
        return AdminJobs(self._client)

    @cached_property
    def consolidation(self) -> AdminConsolidation[X]:
        """Consolidation: run, runs, get_run, status."""
        return AdminConsolidation(self._client)

    @cached_property
    def reconsolidation(self) -> AdminReconsolidation[X]:
        """Reconsolidation: run, runs, get_run, sessions."""
        return AdminReconsolidation(self._client)

    @cached_property
    def retrieval(self) -> AdminRetrieval[X]:
        """Retrieval: explain, test."""
        return AdminRetrieval(self._client)

    @cached_property
    def forgetting(self) -> AdminForgetting[X]:
        """Forgetting: preview, run."""
        return AdminForgetting(self._client)

    @cached_property
    def graph(self) -> AdminGraph[X]:
        """The knowledge graph: stats, overview, explore, search, neo4j_config."""
        return AdminGraph(self._client)

    @cached_property
    def models(self) -> AdminModels[X]:
        """Local models (servers before 2.0.0): status."""
        return AdminModels(self._client)

    @cached_property
    def config(self) -> AdminConfig[X]:
        """Server settings: get, update."""
        return AdminConfig(self._client)

    @cached_property
    def database(self) -> AdminDatabase[X]:
        """The database: reset."""
        return AdminDatabase(self._client)

    def _plain(self, key: str, parse: Any, options: CallOptions, **query: object) -> RequestSpec[Any]:
        return self._spec(key, parse, options, query=query)

    @endpoint
    def overview(self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]) -> RequestSpec[Overview]:
        """Counts of memories, facts and events; ``str()`` is a readable summary.

        Args:
            tenant_id: the tenant (default: the client's; None on both: every tenant).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``Overview``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_overview", Overview.from_dict, options, tenant_id=self._tenant(tenant_id))

    @endpoint
    def tenants(self, **options: Unpack[CallOptions]) -> RequestSpec[Tenants]:
        """Every tenant with its counts; iterable, and ``str()`` is a table.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``Tenants``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_tenants", Tenants.from_dict, options)

    @endpoint
    def sessions(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardSessionsResponse]:
        """Active sessions and their memory counts.

        Args:
            tenant_id: the tenant (default: the client's).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardSessionsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        parse = parser(DashboardSessionsResponse)
        return self._plain("dashboard_sessions", parse, options, tenant_id=self._tenant(tenant_id))

    @endpoint
    def timeline(
        self, *, days: int = 30, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardTimelineResponse]:
        """Memories written per day.

        Args:
            days: how far back, 1 to 365.
            tenant_id: the tenant (default: the client's).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardTimelineResponse``.

        Raises:
            ValidationError: ``days`` out of range.
        """
        days = check.int_range(days, "days", 1, 365)
        parse = parser(DashboardTimelineResponse)
        return self._plain("dashboard_timeline", parse, options, days=days, tenant_id=self._tenant(tenant_id))

    @endpoint
    def components(self, **options: Unpack[CallOptions]) -> RequestSpec[DashboardComponentsResponse]:
        """The health of each component behind the server (PostgreSQL, Redis, Neo4j, ...).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardComponentsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_components", parser(DashboardComponentsResponse), options)

    @endpoint
    def labile(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardLabileResponse]:
        """Memories open to change after recall, per tenant.

        Args:
            tenant_id: the tenant (default: the client's).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardLabileResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        parse = parser(DashboardLabileResponse)
        return self._plain("dashboard_labile", parse, options, tenant_id=self._tenant(tenant_id))

    @endpoint
    def quality(
        self, *, tenant_id: str | None = None, **options: Unpack[CallOptions]
    ) -> RequestSpec[DashboardQualityResponse]:
        """Memory quality indicators.

        Args:
            tenant_id: the tenant (default: the client's).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardQualityResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        parse = parser(DashboardQualityResponse)
        return self._plain("dashboard_quality_overview", parse, options, tenant_id=self._tenant(tenant_id))

    @endpoint
    def request_stats(self, *, hours: int = 24, **options: Unpack[CallOptions]) -> RequestSpec[RequestStatsResponse]:
        """Requests per hour.

        Args:
            hours: how far back, 1 to 48.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``RequestStatsResponse``.

        Raises:
            ValidationError: ``hours`` out of range.
        """
        hours = check.int_range(hours, "hours", 1, 48)
        return self._plain("dashboard_request_stats", parser(RequestStatsResponse), options, hours=hours)

    @endpoint
    def rate_limits(self, **options: Unpack[CallOptions]) -> RequestSpec[DashboardRateLimitsResponse]:
        """The rate limiter's state, per key.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardRateLimitsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_ratelimits", parser(DashboardRateLimitsResponse), options)

    @endpoint
    def ops_metrics(self, **options: Unpack[CallOptions]) -> RequestSpec[DashboardOpsResponse]:
        """Operational metrics (queues, latencies).

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardOpsResponse``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_ops_metrics", parser(DashboardOpsResponse), options)

    @endpoint
    def evaluation_summary(self, **options: Unpack[CallOptions]) -> RequestSpec[DashboardEvaluationSummary]:
        """How the server's write-time evaluation judged what it was sent.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardEvaluationSummary``.

        Raises:
            ConfigurationError: the client has no admin key.
        """
        return self._plain("dashboard_evaluation_summary", parser(DashboardEvaluationSummary), options)

    @endpoint
    def write_simulate(
        self,
        content: str,
        *,
        tenant_id: str | None = None,
        memory_type: str | None = None,
        context_tags: Sequence[str] | None = None,
        namespace: str | None = None,
        session_id: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        compare_extractors: bool = False,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[DashboardWriteSimulationResponse]:
        """What a write of ``content`` would store, without storing it.

        Args:
            content: the text, 1 to 100,000 characters.
            tenant_id: the tenant (default: the client's; required one way or the other).
            memory_type: the memory type to assume.
            context_tags: tags.
            namespace: a namespace.
            session_id: a session.
            metadata: any JSON-able details.
            compare_extractors: also compare the server's extractors.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``DashboardWriteSimulationResponse``.

        Raises:
            ValidationError: a bad argument (nothing was sent).
        """
        body: dict[str, Any] = {
            "tenant_id": self._tenant(tenant_id, required=True),
            "content": check.content(content),
            "compare_extractors": _flag(compare_extractors, "compare_extractors"),
        }
        check.optional(body, "memory_type", memory_type, check.memory_type)
        check.optional(body, "context_tags", context_tags, check.string_list)
        check.optional(body, "namespace", namespace, check.text)
        check.optional(body, "session_id", session_id, check.text)
        check.optional(body, "metadata", metadata, check.mapping)
        parse = parser(DashboardWriteSimulationResponse)
        return self._spec("dashboard_write_simulate", parse, options, body=body)
