"""The tenant rule: a ``tenant_id`` the requests will not reach is refused, never silently ignored.

The server reads ``X-Tenant-Id`` only from requests made with the admin key
(both 1.5.1 and 2.0.0; ``src/api/auth.py``). A request with the normal key
goes to the key's own tenant, the server's ``AUTH__DEFAULT_TENANT_ID``,
whatever the header says, and the answer shows no sign of it. So a client
whose memory calls use a key other than the admin key, and that names a
tenant, is checked once, before its first memory call is sent:

- with an admin key at hand, the key's own tenant is read from the
  dashboard's configuration (``GET /dashboard/config``,
  ``auth.default_tenant_id``): naming that tenant is fine, any other is
  refused;
- without one, the same route, asked with ``api_key``, tells whether
  ``api_key`` is the admin key (200) or not (403); if not, the tenant is
  refused, because no request of this client could reach it.

Nothing is sent before the check (constructing a client stays free of
I/O); a refusal is a ``ConfigurationError`` raised by every later memory
call until the tenant changes (``set_tenant``).
"""

from __future__ import annotations

import threading
from collections.abc import Generator
from typing import TYPE_CHECKING, Any

from cml_ergonomic.errors import AuthorizationError, ConfigurationError

if TYPE_CHECKING:
    from cml_ergonomic._config import ClientConfig
    from cml_ergonomic._operations import Operation
    from cml_ergonomic._request import RequestSpec

DEFAULT_TENANT_SETTING = "auth.default_tenant_id"
NEUTRAL_OPERATIONS = frozenset({"health_check", "openapi_document"})  # they touch no tenant's data


def _uses_admin_key(config: ClientConfig) -> bool:
    admin = config.admin_api_key
    return admin is not None and admin.reveal() == config.api_key.reveal()


def default_tenant(answer: Any) -> str | None:
    """``auth.default_tenant_id`` from a ``/dashboard/config`` answer (None when the answer lacks it)."""
    for section in answer.get("sections") or [] if isinstance(answer, dict) else []:
        for item in section.get("items") or []:
            if isinstance(item, dict) and item.get("key") == DEFAULT_TENANT_SETTING:
                value = item.get("value")
                return value if isinstance(value, str) and value else None
    return None


class TenantGuard:
    """One client's verdict on its tenant: checked once per tenant, refused for good if it cannot be reached."""

    __slots__ = ("_lock", "refused", "verified")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.verified: set[str] = set()
        self.refused: dict[str, ConfigurationError] = {}

    def wanted(self, config: ClientConfig, operation: Operation) -> bool:
        """Whether a request of ``operation`` must wait for the check (raises a refusal already made).

        Raises:
            ConfigurationError: this tenant was already found unreachable.
        """
        tenant = config.tenant_id
        if tenant is None or operation.admin or operation.key in NEUTRAL_OPERATIONS or _uses_admin_key(config):
            return False  # admin operations go with the admin key, which the server lets choose the tenant
        with self._lock:
            if tenant in self.verified:
                return False
            refusal = self.refused.get(tenant)
        if refusal is not None:
            raise ConfigurationError(refusal.message, suggestion=refusal.suggestion)
        return True

    def trust(self, tenant: str) -> None:
        """Take ``tenant`` as reachable without asking: for a caller that knows the server's rule (the fake)."""
        with self._lock:
            self.verified.add(tenant)
            self.refused.pop(tenant, None)

    def verdict(self, config: ClientConfig) -> Generator[RequestSpec[Any], Any, None]:
        """The check as a flow (one request, then the judgement), driven by either client's ``_run_flow`` driver.

        Raises:
            ConfigurationError: the tenant cannot be reached with this client's keys.
            CMLError: the probe failed otherwise (the check is tried again at the next call).
        """
        tenant = config.tenant_id
        if tenant is None:
            return
        try:
            answer: Any = yield self.probe()
        except AuthorizationError as exc:  # a 403 is an answer here: api_key is not the admin key
            answer = exc
        self.judge(config, tenant, answer)

    @staticmethod
    def probe() -> RequestSpec[Any]:
        """The request that tells the key's own tenant (admin key) or whether ``api_key`` is the admin key."""
        from cml_ergonomic._operations import OPERATIONS
        from cml_ergonomic._request import RequestSpec
        from cml_ergonomic._results import parse_untyped

        return RequestSpec(OPERATIONS["dashboard_config"], parse_untyped)

    def judge(self, config: ClientConfig, tenant: str, answer: Any) -> None:
        """Record the verdict on ``tenant`` from the probe's ``answer`` (or its ``AuthorizationError``).

        Raises:
            ConfigurationError: ``tenant`` cannot be reached with this client's ``api_key``.
        """
        refusal: ConfigurationError | None = None
        if config.admin_api_key is None:
            if isinstance(answer, AuthorizationError):
                refusal = ConfigurationError(
                    f"tenant_id={tenant!r} would be ignored: the server honours X-Tenant-Id only with the admin key, "
                    "and this api_key is not the admin key (an admin route answered 403), so every memory call "
                    "would go to the key's own tenant",
                    suggestion=f"Drop tenant_id to work in the key's own tenant, or pass the admin key as api_key "
                    f"to work in {tenant!r}. Nothing was sent.",
                )
        else:
            own = default_tenant(answer)
            if own != tenant:
                where = f"the key's own tenant {own!r}" if own else "the key's own tenant"
                refusal = ConfigurationError(
                    f"tenant_id={tenant!r} would be ignored: the server honours X-Tenant-Id only with the admin key, "
                    f"and api_key is not the admin key, so memory calls would go to {where}",
                    suggestion=f"Pass the admin key as api_key to work in {tenant!r}"
                    + (f", or tenant_id={own!r} (or none) to work in the key's own tenant" if own else "")
                    + ". Nothing was sent.",
                )
        with self._lock:
            if refusal is None:
                self.verified.add(tenant)
            else:
                self.refused[tenant] = refusal
        if refusal is not None:
            raise refusal
