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

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any, Unpack

from cml_api_client.models.dashboard_components_response import DashboardComponentsResponse
from cml_api_client.models.dashboard_evaluation_summary import DashboardEvaluationSummary
from cml_api_client.models.dashboard_labile_response import DashboardLabileResponse
from cml_api_client.models.dashboard_ops_response import DashboardOpsResponse
from cml_api_client.models.dashboard_quality_response import DashboardQualityResponse
from cml_api_client.models.dashboard_rate_limits_response import DashboardRateLimitsResponse
from cml_api_client.models.dashboard_sessions_response import DashboardSessionsResponse
from cml_api_client.models.dashboard_timeline_response import DashboardTimelineResponse
from cml_api_client.models.dashboard_write_simulation_response import DashboardWriteSimulationResponse
from cml_api_client.models.request_stats_response import RequestStatsResponse

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import endpoint
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic.admin._base import (
    AdminResource,
    X,
    _flag,
)
from cml_ergonomic.admin._jobs import AdminConsolidation, AdminForgetting, AdminJobs, AdminReconsolidation
from cml_ergonomic.admin._records import AdminEvents, AdminFacts, AdminMemories
from cml_ergonomic.admin._results import (
    Overview,
    Tenants,
    parser,
)
from cml_ergonomic.admin._tools import AdminConfig, AdminDatabase, AdminGraph, AdminModels, AdminRetrieval


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
        days = check.in_range(days, "days", limits.TIMELINE_DAYS)
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
        hours = check.in_range(hours, "hours", limits.REQUEST_STATS_HOURS)
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
