"""``admin.jobs``, ``admin.consolidation``, ``admin.reconsolidation``, ``admin.forgetting``: the background jobs."""

from __future__ import annotations

from typing import Any, Generic, TypeVar, Unpack
from uuid import UUID

from cml_api_client.models.dashboard_forgetting_preview_response import DashboardForgettingPreviewResponse
from cml_api_client.models.dashboard_job_item import DashboardJobItem
from cml_api_client.models.dashboard_jobs_response import DashboardJobsResponse
from cml_api_client.models.dashboard_reconsolidation_sessions_response import (
    DashboardReconsolidationSessionsResponse,
)

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import endpoint
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic._results import parse_untyped
from cml_ergonomic.admin._base import (
    AdminResource,
    X,
    _flag,
    _id,
    _limit,
)
from cml_ergonomic.admin._results import (
    ConsolidationRun,
    ConsolidationStatus,
    ForgettingRun,
    ReconsolidationRun,
    parser,
)


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
            "max_memories": check.in_range(max_memories, "max_memories", limits.FORGETTING_PREVIEW),
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
            "max_memories": check.whole(max_memories, "max_memories"),
        }
        check.optional(body, "user_id", user_id, _id)
        return self._spec("dashboard_forget", parse_untyped, options, body=body)
