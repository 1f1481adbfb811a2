"""What every admin resource shares: the admin key, the default tenant, the request spec, the checks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._endpoint import AsyncExecutor, Resource, SyncExecutor
from cml_ergonomic._operations import OPERATIONS
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic.admin._pager import PageWalk, pager_for
from cml_ergonomic.errors import ConfigurationError

if TYPE_CHECKING:
    from cml_ergonomic._config import ClientConfig

X = TypeVar("X", bound="SyncExecutor | AsyncExecutor", covariant=True)

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
    # an empty filter is ignored or matches nothing (measured): limits.EMPTY_FILTER
    return check.non_empty(value, field)


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


def _limit(limit: object) -> int:
    return check.in_range(limit, "limit", limits.PAGE_SIZE)
