"""``admin.retrieval``, ``admin.graph``, ``admin.models``, ``admin.config``, ``admin.database``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Unpack

from cml_api_client.models.dashboard_config_response import DashboardConfigResponse
from cml_api_client.models.dashboard_retrieval_response import DashboardRetrievalResponse
from cml_api_client.models.graph_explore_response import GraphExploreResponse
from cml_api_client.models.graph_neo_4j_config_response import GraphNeo4JConfigResponse
from cml_api_client.models.graph_search_response import GraphSearchResponse
from cml_api_client.models.graph_stats_response import GraphStatsResponse

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import endpoint
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic._results import parse_untyped
from cml_ergonomic.admin._base import (
    AdminResource,
    ReadFormat,
    X,
    _confirmed,
    _id,
)
from cml_ergonomic.admin._results import (
    Explanation,
    ModelsStatus,
    SuccessMessage,
    parser,
)


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
        "query": check.text(query, "query"),
        "max_results": check.in_range(max_results, "max_results", limits.EXPLAIN_MAX_RESULTS),
        "format": check.one_of(format, "format", limits.READ_FORMAT),
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
            "depth": check.in_range(depth, "depth", limits.GRAPH_DEPTH),
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
            "limit": check.in_range(limit, "limit", limits.GRAPH_SEARCH_LIMIT),
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
