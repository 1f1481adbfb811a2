"""What the sync and async clients share: configuration, headers, the pool's setup, ``raw``, ``repr``.

Nothing here does I/O; the two clients in :mod:`cml_ergonomic._client`
differ only in how they send bytes (and in ``await``).
"""

from __future__ import annotations

import copy
import threading
import warnings
from collections.abc import Generator, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, overload

import httpx

from cml_ergonomic import _validation as check
from cml_ergonomic._breaker import CircuitBreaker, CircuitState
from cml_ergonomic._config import (
    DEFAULT_RETRY_AFTER_CAP,
    ClientConfig,
    check_deadline,
    check_retries,
    resolve_config,
    resolve_timeout,
)
from cml_ergonomic._logging import redactor
from cml_ergonomic._operations import Operation
from cml_ergonomic._pool import deferred_ssl_context, load_httpcore, negotiates_http2, shared_ssl_context
from cml_ergonomic._request import OWN_REQUEST
from cml_ergonomic._retry import Clock
from cml_ergonomic._tenant import TenantGuard
from cml_ergonomic._version import __version__
from cml_ergonomic.errors import ConfigurationError

if TYPE_CHECKING:
    from cml_ergonomic._endpoint import AsyncExecutor, SyncExecutor
    from cml_ergonomic.admin import Admin
    from cml_ergonomic.hooks import Hooks, HookSet

API_KEY_HEADER = "X-API-Key"
TENANT_HEADER = "X-Tenant-Id"
USER_HEADER = "X-User-Id"
# The dashboard refuses POST/PUT/DELETE without it (its CSRF guard): "403 Missing CSRF header".
CSRF_HEADERS = {"X-Requested-With": "XMLHttpRequest"}
ADMIN_PREFIXES = ("/api/v1/admin/", "/api/v1/dashboard/")
# Idle connections are dropped before uvicorn's 5 s keep-alive timeout, so reuse never meets a closing socket.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=4.0)


def _hook_set(hooks: Hooks | Sequence[Hooks]) -> HookSet | None:
    from cml_ergonomic.hooks import hook_set  # loaded only by clients that use hooks

    return hook_set(hooks)


@cache
def user_agent() -> str:
    """``cml-ergonomic/<version> python/<version> httpx/<version>``."""
    import platform  # ~3 ms: the first client pays it, not the import

    return f"cml-ergonomic/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"


def _merge_headers(*layers: Mapping[str, str]) -> dict[str, str]:
    """Later layers win, names compared case-insensitively (a dict would keep both "user-agent" and "User-Agent")."""
    merged: dict[str, tuple[str, str]] = {}
    for layer in layers:
        for name, value in layer.items():
            merged[name.lower()] = (name, value)
    return dict(merged.values())


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


class _IdentityAuth(httpx.Auth):
    """Adds the key, tenant and user to requests that lack them: those of ``client.raw``.

    The wrapper's own requests already carry a snapshot of these headers
    (taken when the call starts); this only fills in for the generated
    client, which shares the pool but knows nothing of our identity.
    """

    def __init__(self, core: ClientCore) -> None:
        self.core = core
        self._origin: tuple[str, str, int | None] | None = None

    def _same_origin(self, url: httpx.URL) -> bool:
        """Whether ``url`` is on the client's server: the key never goes to another origin (an absolute URL)."""
        if self._origin is None:
            self._origin = _origin(httpx.URL(self.core.config.base_url))
        return _origin(url) == self._origin

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if (
            OWN_REQUEST not in request.extensions
            and API_KEY_HEADER not in request.headers
            and self._same_origin(request.url)
        ):
            path = request.url.path
            admin = path.startswith(ADMIN_PREFIXES)  # operator routes get the admin key, when there is one
            for name, value in self.core._headers_for(None, admin=admin).items():
                request.headers.setdefault(name, value)
            if admin and request.method != "GET" and path.startswith("/api/v1/dashboard/"):
                for name, value in CSRF_HEADERS.items():
                    request.headers.setdefault(name, value)
        yield request


class _AdminAccessor:
    """``client.admin``: built on first use (the admin package is not imported before), then kept."""

    @overload
    def __get__(self, obj: None, owner: type) -> _AdminAccessor: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> Admin[SyncExecutor]: ...
    @overload
    def __get__(self, obj: AsyncExecutor, owner: type) -> Admin[AsyncExecutor]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        if obj is None:
            return self
        admin = obj.__dict__.get("_admin")
        if admin is None:
            from cml_ergonomic.admin import Admin

            admin = obj.__dict__["_admin"] = Admin(obj)
        return admin


class ClientCore:
    """State and behaviour shared by ``CognitiveMemoryLayer`` and ``AsyncCognitiveMemoryLayer``."""

    _http_class: ClassVar[type[httpx.Client] | type[httpx.AsyncClient]]
    _raw_setter: ClassVar[str]
    admin = _AdminAccessor()

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | None = None,
        tenant_id: str | None = None,
        user_id: str | None = None,
        admin_api_key: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        retry_after_cap: float = DEFAULT_RETRY_AFTER_CAP,
        http2: bool = True,
        limits: httpx.Limits | None = None,
        http_client: httpx.Client | None = None,
        async_http_client: httpx.AsyncClient | None = None,
        default_headers: Mapping[str, str] | None = None,
        check_server: bool = False,
        hooks: Hooks | Sequence[Hooks] | None = None,
        otel: bool = False,
    ) -> None:
        """Create a client; every argument falls back to its ``CML_*`` environment variable.

        Args:
            api_key: the server's API key (``CML_API_KEY``). Required.
            base_url: the server's root URL (``CML_BASE_URL``, default ``http://localhost:8000``).
            tenant_id: sent as ``X-Tenant-Id`` (``CML_TENANT_ID``). The server honours it only with the admin key:
                with another ``api_key``, a tenant other than the key's own is refused (``ConfigurationError``,
                raised by the first memory call, before anything is sent; see ``docs/clients.md``).
            user_id: sent as ``X-User-Id`` (``CML_USER_ID``).
            admin_api_key: used only for admin operations (``CML_ADMIN_API_KEY``).
            timeout: seconds or ``httpx.Timeout`` per attempt (``CML_TIMEOUT``; default 5 s connect, 30 s read).
            max_retries: retries after the first attempt (``CML_MAX_RETRIES``, default 2).
            deadline: seconds a whole call may take, retries included. Default: derived from ``timeout`` and
                ``max_retries`` (every attempt at its full timeout plus the backoffs), at most 60 s.
            retry_after_cap: the longest ``Retry-After`` the client will sleep for (default 60 s).
            http2: negotiate HTTP/2 where the server offers it (default True).
            limits: the connection pool's limits.
            http_client: your own ``httpx.Client`` (sync client only); it is not closed for you.
            async_http_client: your own ``httpx.AsyncClient`` (async client only); it is not closed for you.
            default_headers: extra headers for every request.
            check_server: on first use, compare the server's API with this SDK's (one WARNING if they differ).
            hooks: callbacks on every call (see ``cml_ergonomic.hooks``); kept by ``with_options`` copies.
            otel: trace every call with OpenTelemetry (needs the ``otel`` extra; see ``cml_ergonomic.otel``).

        Raises:
            ConfigurationError: a missing key, a base URL without a scheme, a negative timeout or retry count,
                an injected httpx client of the wrong kind, ``hooks`` that are not ``Hooks``, or ``otel=True``
                without the ``otel`` extra.
        """
        self._closed = True  # until the pool exists, there is nothing to warn about in __del__
        self._owns_http = False
        self.config: ClientConfig = resolve_config(
            api_key=api_key,
            base_url=base_url,
            tenant_id=tenant_id,
            user_id=user_id,
            admin_api_key=admin_api_key,
            timeout=timeout,
            max_retries=max_retries,
            deadline=deadline,
            retry_after_cap=retry_after_cap,
            http2=http2,
            default_headers=default_headers,
        )
        check.header_value(self.config.tenant_id, "tenant_id")
        check.header_value(self.config.user_id, "user_id")
        self._register_secrets()
        self.clock = Clock()
        self.hooks: HookSet | None = None if hooks is None else _hook_set(hooks)
        if otel:
            try:
                from cml_ergonomic.otel import tracing_hooks
            except ImportError as exc:  # the documented error of a missing extra, not an import traceback
                raise ConfigurationError(f"otel=True: {exc}") from exc

            tracing = tracing_hooks(base_url=self.config.base_url)
            self.hooks = tracing if self.hooks is None else self.hooks + tracing
        self.breaker = CircuitBreaker(lambda: self.clock.now())  # via self: tests swap the clock
        self.degraded = False
        self._check_server_pending = bool(check_server)
        self._tenant_guard = TenantGuard()  # checked before the first memory call, never at construction
        self._identity_lock = threading.Lock()
        self._pool_headers: dict[str, str] = {}
        self._headers: tuple[dict[str, str], dict[str, str], dict[str, str]] = self._build_headers(
            self.config.tenant_id, self.config.user_id
        )
        self._raw: Any = None
        self._http = self._make_http(http_client, async_http_client, limits)
        self._urls: dict[str, httpx.URL] = {}
        # The wrapper builds its requests itself, so the pool's own defaults (Accept, Accept-Encoding,
        # an injected client's headers) are folded in here, once.
        self._pool_headers = dict(self._http.headers)
        self._headers = self._build_headers(self.config.tenant_id, self.config.user_id)
        self._closed = False

    def _register_secrets(self) -> None:
        # Known to the log filter while this client (or a copy, which registers too) is alive.
        for secret in (self.config.api_key, self.config.admin_api_key):
            if secret is not None:
                redactor.register(secret.reveal(), self)

    # -- the pool

    def _make_http(
        self, http_client: httpx.Client | None, async_http_client: httpx.AsyncClient | None, limits: httpx.Limits | None
    ) -> Any:
        wanted = self._http_class
        given, wrong = (http_client, async_http_client) if wanted is httpx.Client else (async_http_client, http_client)
        if wrong is not None:
            right = "http_client" if wanted is httpx.Client else "async_http_client"
            raise ConfigurationError(
                f"{type(self).__name__} got an httpx client of the wrong kind",
                suggestion=f"Pass {right}= a {wanted.__name__}.",
            )
        if given is not None:
            if not isinstance(given, wanted):
                raise ConfigurationError(f"expected an {wanted.__name__}, got {type(given).__name__}")
            given.auth = _IdentityAuth(self)  # so that client.raw on the injected pool is authenticated too
            if not str(given.base_url):
                given.base_url = self.config.base_url  # the generated client sends relative URLs
            return given
        self._owns_http = True
        limits = limits or DEFAULT_LIMITS
        # http2=True keeps its meaning ("when the server offers it"), which only TLS can: see _pool.
        http2 = negotiates_http2(self.config.base_url, self.config.http2)
        load_httpcore()
        tls = self.config.base_url.lower().startswith("https://")
        options: dict[str, Any] = {
            "base_url": self.config.base_url,
            "timeout": self.config.timeout,
            "limits": limits,
            "http2": http2,
            "headers": {"User-Agent": user_agent()},
            "auth": _IdentityAuth(self),
            "verify": (shared_ssl_context if tls else deferred_ssl_context)(http2),
        }
        # No transport= for either: httpx then honours HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY itself.
        if wanted is httpx.Client:
            from cml_ergonomic._deadline import deadline_client

            return deadline_client(**options)
        return wanted(**options)

    # -- headers

    def _build_headers(
        self, tenant_id: str | None, user_id: str | None
    ) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        config = self.config
        identity = {TENANT_HEADER: tenant_id, USER_HEADER: user_id}
        normal = _merge_headers(
            self._pool_headers,
            {"User-Agent": user_agent()},
            config.default_headers,
            {API_KEY_HEADER: config.api_key.reveal()},
            {k: v for k, v in identity.items() if v},
        )
        admin = normal
        if config.admin_api_key is not None:
            admin = _merge_headers(normal, {API_KEY_HEADER: config.admin_api_key.reveal()})
        return normal, admin, _merge_headers(admin, CSRF_HEADERS)

    def _url_for(self, path: str) -> httpx.URL:
        """The full URL of ``path`` on this client's server, parsed once and then reused."""
        url = self._urls.get(path)
        if url is None:
            url = self._urls[path] = httpx.URL(self.config.base_url + path)
        return url

    def _headers_for(self, operation: Operation | None, *, admin: bool = False) -> dict[str, str]:
        """The headers for a request of ``operation``: the admin key only on admin operations.

        ``X-Requested-With`` goes with the operations that need it (the
        dashboard's POST, PUT and DELETE). The dicts are rebuilt, never
        mutated, by ``set_tenant``/``set_user``, so callers may keep a
        reference for the whole call.
        """
        normal, with_admin_key, with_csrf = self._headers
        if operation is None:
            return with_admin_key if admin else normal
        if operation.csrf:
            return with_csrf
        return with_admin_key if operation.admin else normal

    def set_tenant(self, tenant_id: str | None) -> None:
        """Send ``X-Tenant-Id: tenant_id`` on later requests (None: stop sending it).

        Thread-safe: calls already started keep the headers they started with.
        The server honours the header only with the admin key: with another
        ``api_key``, the next memory call checks the new tenant first and raises
        ``ConfigurationError`` if it is not the key's own (see ``tenant_id``).

        Args:
            tenant_id: the tenant, or None.

        Raises:
            Nothing: it only changes what later requests send.

        Example:
            >>> memory.set_tenant("tenant-b")  # doctest: +SKIP
        """
        self._set_identity(tenant_id=tenant_id)

    def set_user(self, user_id: str | None) -> None:
        """Send ``X-User-Id: user_id`` on later requests (None: stop sending it). Thread-safe like ``set_tenant``.

        Args:
            user_id: the user, or None.

        Raises:
            Nothing: it only changes what later requests send.

        Example:
            >>> memory.set_user("user-42")  # doctest: +SKIP
        """
        self._set_identity(user_id=user_id)

    def _set_identity(self, **change: str | None) -> None:
        # New header dicts are built, then swapped in with one assignment: a call that
        # already took its snapshot keeps it, a later one sees both dicts changed.
        for name, value in change.items():
            check.header_value(value, name)
        with self._identity_lock:
            self.config = self.config.evolve(**change)
            self._headers = self._build_headers(self.config.tenant_id, self.config.user_id)

    @property
    def circuit_state(self) -> CircuitState:
        """The state of the circuit breaker that guards ``read_safe``, ``turn_safe`` and ``get_context_safe``."""
        return self.breaker.state

    # -- copies

    def with_options(
        self,
        *,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int | None = None,
        deadline: float | None = None,
        hooks: Hooks | Sequence[Hooks] | None = None,
    ) -> Any:
        """A light copy with other defaults that shares this client's connection pool.

        Closing the copy does not close the pool; close the original. The copy
        keeps this client's hooks unless ``hooks`` replaces them.

        Args:
            timeout: the copy's per-attempt timeout.
            max_retries: the copy's retry count.
            deadline: the copy's per-call deadline.
            hooks: the copy's hooks, instead of this client's.

        Returns:
            A client of the same class.

        Raises:
            ConfigurationError: a value is out of range.

        Example:
            >>> patient = memory.with_options(timeout=120, max_retries=5)  # doctest: +SKIP
        """
        changes: dict[str, Any] = {}
        if timeout is not None:
            changes["timeout"] = resolve_timeout(timeout)
        if max_retries is not None:
            changes["max_retries"] = check_retries(max_retries)
        if deadline is not None:
            changes["deadline"] = check_deadline(deadline)
        clone = copy.copy(self)
        clone.config = self.config.evolve(**changes)
        if hooks is not None:
            clone.hooks = _hook_set(hooks)
        clone._owns_http = False
        clone._identity_lock = threading.Lock()
        clone._register_secrets()
        clone.__dict__.pop("_admin", None)  # the original's admin resource would run calls on the original
        return clone

    def with_namespace(self, namespace: str) -> Any:
        """A light copy that writes into ``namespace`` (it shares this client's pool, like ``with_options``).

        Writes made through it carry ``namespace`` unless they pass their own.
        The 1.5.1 server has no namespace filter on ``/memory/read`` (its
        request has no such field), so reads are not filtered: the copy reads
        what the tenant holds.

        Args:
            namespace: the namespace.

        Returns:
            A client of the same class.

        Raises:
            ValidationError: ``namespace`` is not a non-empty string.

        Example:
            >>> billing = memory.with_namespace("billing")  # doctest: +SKIP
            >>> billing.write("Invoice 42 was paid late")  # doctest: +SKIP
        """
        if not isinstance(namespace, str) or not namespace:
            raise check.invalid("namespace", "must be a non-empty string", namespace)
        clone = self.with_options()
        clone._namespace = namespace
        return clone

    # -- the generated client

    @property
    def raw(self) -> Any:
        """The generated client (``cml_api_client.AuthenticatedClient``) on this client's pool.

        Same connection pool, headers, key, tenant, timeouts and transport: use
        it with any module of ``cml_api_client.api`` for what the wrapper does
        not cover (the dashboard, say).

        Example:
            >>> from cml_api_client.api.dashboard import dashboard_overview  # doctest: +SKIP
            >>> dashboard_overview.sync(client=memory.raw)  # doctest: +SKIP
        """
        if self._raw is None:
            from cml_api_client import authenticated_client

            # The real key travels through the pool's auth; the generated client only sees a placeholder.
            raw = authenticated_client(base_url=self.config.base_url, api_key="***", timeout=self.config.timeout)
            getattr(raw, self._raw_setter)(self._http)
            self._raw = raw
        return self._raw

    # -- lifecycle bookkeeping

    def __repr__(self) -> str:
        tenant = f", tenant_id={self.config.tenant_id!r}" if self.config.tenant_id else ""
        return f"{type(self).__name__}(base_url={self.config.base_url!r}{tenant})"

    def _warn_unclosed(self) -> bool:
        if getattr(self, "_closed", True) or not getattr(self, "_owns_http", False):
            return False
        self._closed = True
        warnings.warn(
            f"{self!r} was never closed; use it as a context manager or call close()/aclose()",
            ResourceWarning,
            stacklevel=3,
            source=self,
        )
        return True
