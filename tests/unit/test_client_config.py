"""Configuration: environment fallbacks, constructor checks, headers, copies, the pool, ``raw``, and lifecycle."""

from __future__ import annotations

import asyncio
import gc
import json
import platform
import re
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import (
    AsyncCognitiveMemoryLayer,
    CMLError,
    CognitiveMemoryLayer,
    ConfigurationError,
    ServiceUnavailableError,
    __version__,
)
from codegen.schema import current_snapshot
from tests.unit.conftest import (
    ADMIN_KEY,
    API_KEY,
    BASE_URL,
    OP_CALLS,
    SSE_HEADERS,
    Driver,
    OpCall,
    create_session_body,
    error_body,
    fastapi_422_body,
    read_body,
    session_context_body,
    sse_body,
    stats_body,
    turn_body,
    write_batch_body,
    write_body,
)

MakeClient = Callable[..., Driver]
CLIENT_CLASSES = [CognitiveMemoryLayer, AsyncCognitiveMemoryLayer]
ClientClass = type[CognitiveMemoryLayer] | type[AsyncCognitiveMemoryLayer]
DEFAULT_TIMEOUT = {"connect": 5.0, "read": 30.0, "write": 30.0, "pool": 30.0}


def only_request(httpx_mock: HTTPXMock) -> httpx.Request:
    requests = httpx_mock.get_requests()
    assert len(requests) == 1, requests
    return requests[0]


def close(client: Any) -> None:
    if isinstance(client, AsyncCognitiveMemoryLayer):
        asyncio.run(client.aclose())
    else:
        client.close()


# --------------------------------------------------------------------------- environment fallbacks


@pytest.mark.anyio
async def test_env_api_key_and_base_url(
    make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CML_API_KEY", "sk-env-key-000000000")
    monkeypatch.setenv("CML_BASE_URL", "https://env.cml.test:9443/")
    httpx_mock.add_response(json=stats_body())
    d = make_client(api_key=None, base_url=None)

    await d.call("stats")

    request = only_request(httpx_mock)
    assert str(request.url) == "https://env.cml.test:9443/api/v1/memory/stats"
    assert request.headers["X-API-Key"] == "sk-env-key-000000000"
    assert d.client.config.base_url == "https://env.cml.test:9443"


@pytest.mark.anyio
async def test_default_base_url_is_localhost(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client(base_url=None)

    await d.call("stats")

    assert str(only_request(httpx_mock).url) == "http://localhost:8000/api/v1/memory/stats"


@pytest.mark.anyio
async def test_env_tenant_and_user(
    make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CML_TENANT_ID", "tenant-env")
    monkeypatch.setenv("CML_USER_ID", "user-env")
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    request = only_request(httpx_mock)
    assert request.headers["X-Tenant-Id"] == "tenant-env"
    assert request.headers["X-User-Id"] == "user-env"


@pytest.mark.anyio
async def test_env_admin_key(make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_ADMIN_API_KEY", "adm-env-key-11111111")
    httpx_mock.add_response(json={"affected_count": 0})
    d = make_client()

    await d.call("delete_all", confirm=True)

    assert only_request(httpx_mock).headers["X-API-Key"] == "adm-env-key-11111111"


@pytest.mark.anyio
async def test_env_timeout(make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_TIMEOUT", "12.5")
    httpx_mock.add_response(json=stats_body())
    d = make_client()

    await d.call("stats")

    assert only_request(httpx_mock).extensions["timeout"] == dict.fromkeys(DEFAULT_TIMEOUT, 12.5)
    assert d.client.config.timeout == httpx.Timeout(12.5)


@pytest.mark.anyio
async def test_env_max_retries(make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_MAX_RETRIES", "4")
    httpx_mock.add_response(status_code=503, json=error_body("Service unavailable"), is_reusable=True)
    d = make_client(deadline=600)

    with pytest.raises(ServiceUnavailableError) as info:
        await d.call("stats")

    assert len(httpx_mock.get_requests()) == 5
    assert info.value.retries == 4


@pytest.mark.anyio
async def test_arguments_win_over_the_environment(
    make_client: MakeClient, httpx_mock: HTTPXMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in {
        "CML_API_KEY": "sk-env-key-000000000",
        "CML_BASE_URL": "http://env.cml.test:9000",
        "CML_TENANT_ID": "tenant-env",
        "CML_USER_ID": "user-env",
        "CML_TIMEOUT": "99",
        "CML_MAX_RETRIES": "7",
    }.items():
        monkeypatch.setenv(name, value)
    httpx_mock.add_response(json=stats_body())
    d = make_client(tenant_id="tenant-arg", user_id="user-arg", timeout=3, max_retries=1)

    await d.call("stats")

    request = only_request(httpx_mock)
    assert str(request.url) == BASE_URL + "/api/v1/memory/stats"
    assert request.headers["X-API-Key"] == API_KEY
    assert request.headers["X-Tenant-Id"] == "tenant-arg"
    assert request.headers["X-User-Id"] == "user-arg"
    assert request.extensions["timeout"] == dict.fromkeys(DEFAULT_TIMEOUT, 3.0)
    assert d.client.config.max_retries == 1


# --------------------------------------------------------------------------- ConfigurationError


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("api_key", [None, ""])
def test_missing_api_key(cls: ClientClass, api_key: str | None) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls(api_key=api_key, base_url=BASE_URL)

    assert "api_key=" in str(info.value)
    assert "CML_API_KEY" in str(info.value)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("base_url", ["localhost:8000", "cml.test", "ftp://cml.test", "http://"])
def test_base_url_needs_scheme_and_host(cls: ClientClass, base_url: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls(api_key=API_KEY, base_url=base_url)

    assert "base_url" in str(info.value)
    assert API_KEY not in str(info.value)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("timeout", [0, -1, -0.5, httpx.Timeout(0.0), httpx.Timeout(10.0, connect=-1.0), "30"])
def test_bad_timeout(cls: ClientClass, timeout: Any) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls(api_key=API_KEY, base_url=BASE_URL, timeout=timeout)

    assert "timeout" in str(info.value)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("value", ["0", "-5", "soon"])
def test_bad_env_timeout_names_the_variable(cls: ClientClass, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_TIMEOUT", value)

    with pytest.raises(ConfigurationError) as info:
        cls(api_key=API_KEY, base_url=BASE_URL)

    assert "CML_TIMEOUT" in str(info.value)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("max_retries", [-1, 1.5, "2", True])
def test_bad_max_retries(cls: ClientClass, max_retries: Any) -> None:
    with pytest.raises(ConfigurationError) as info:
        cls(api_key=API_KEY, base_url=BASE_URL, max_retries=max_retries)

    assert "max_retries" in str(info.value)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize("value", ["-1", "two"])
def test_bad_env_max_retries_names_the_variable(cls: ClientClass, value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CML_MAX_RETRIES", value)

    with pytest.raises(ConfigurationError) as info:
        cls(api_key=API_KEY, base_url=BASE_URL)

    assert "CML_MAX_RETRIES" in str(info.value)


@pytest.mark.parametrize(
    ("cls", "kwargs_factory"),
    [
        (CognitiveMemoryLayer, lambda: {"async_http_client": httpx.AsyncClient()}),
        (CognitiveMemoryLayer, lambda: {"http_client": httpx.AsyncClient()}),
        (AsyncCognitiveMemoryLayer, lambda: {"http_client": httpx.Client()}),
        (AsyncCognitiveMemoryLayer, lambda: {"async_http_client": httpx.Client()}),
    ],
    ids=["sync-given-async_http_client", "sync-given-AsyncClient", "async-given-http_client", "async-given-Client"],
)
def test_injected_httpx_client_of_the_wrong_kind(
    cls: ClientClass, kwargs_factory: Callable[[], dict[str, Any]]
) -> None:
    kwargs = kwargs_factory()
    (pool,) = kwargs.values()
    try:
        with pytest.raises(ConfigurationError) as info:
            cls(api_key=API_KEY, base_url=BASE_URL, **kwargs)
        wanted = "Client" if cls is CognitiveMemoryLayer else "AsyncClient"
        assert wanted in str(info.value)
    finally:
        if isinstance(pool, httpx.AsyncClient):
            asyncio.run(pool.aclose())
        else:
            pool.close()


@pytest.mark.anyio
@pytest.mark.parametrize("options", [{"timeout": -1}, {"timeout": 0}, {"max_retries": -1}, {"deadline": 0}])
async def test_with_options_checks_its_values(make_client: MakeClient, options: dict[str, Any]) -> None:
    d = make_client()

    with pytest.raises(ConfigurationError):
        d.client.with_options(**options)


# --------------------------------------------------------------------------- timeouts and headers


@pytest.mark.anyio
async def test_default_timeout_is_5s_connect_30s_read(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client(owned=True)

    await d.call("stats")

    assert d.client.config.timeout == httpx.Timeout(30.0, connect=5.0)
    assert only_request(httpx_mock).extensions["timeout"] == DEFAULT_TIMEOUT


@pytest.mark.anyio
async def test_headers_without_tenant_or_user(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client(owned=True)

    await d.call("stats")

    headers = only_request(httpx_mock).headers
    assert headers["X-API-Key"] == API_KEY
    assert "X-Tenant-Id" not in headers
    assert "X-User-Id" not in headers
    expected_agent = f"cml-ergonomic/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
    assert headers.get_list("User-Agent") == [expected_agent]


@pytest.mark.anyio
async def test_headers_with_tenant_user_and_defaults(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client(owned=True, tenant_id="tenant-a", user_id="user-7", default_headers={"X-Trace-Id": "trace-42"})

    await d.call("stats")

    headers = only_request(httpx_mock).headers
    assert headers["X-API-Key"] == API_KEY
    assert headers["X-Tenant-Id"] == "tenant-a"
    assert headers["X-User-Id"] == "user-7"
    assert headers["X-Trace-Id"] == "trace-42"


@pytest.mark.anyio
@pytest.mark.parametrize("op", OP_CALLS, ids=str)
async def test_admin_key_only_on_admin_operations(make_client: MakeClient, httpx_mock: HTTPXMock, op: OpCall) -> None:
    httpx_mock.add_response(json=op.body())
    d = make_client(admin_api_key=ADMIN_KEY, tenant_id="tenant-a")

    await d.call_op(op)

    request = only_request(httpx_mock)
    assert request.headers["X-API-Key"] == (ADMIN_KEY if op.admin else API_KEY)
    assert request.headers["X-Tenant-Id"] == "tenant-a"
    assert request.method == op.method
    assert request.url.path == op.path


OPENAPI_SNAPSHOT = current_snapshot()  # the snapshot the SDK is built from, whatever its version


def route(request: httpx.Request) -> httpx.Response:
    """A fake server for the composite methods: the realistic answer for each path."""
    path = request.url.path
    answers: dict[str, Callable[[], Any]] = {
        "/api/v1/memory/read": read_body,
        "/api/v1/memory/turn": turn_body,
        "/api/v1/memory/write": write_body,
        "/api/v1/memory/write_batch": write_batch_body,
        "/api/v1/session/create": create_session_body,
        "/openapi.json": lambda: json.loads(OPENAPI_SNAPSHOT.read_text(encoding="utf-8")),
    }
    if path.startswith("/api/v1/session/") and path.endswith("/context"):
        return httpx.Response(200, json=session_context_body())
    return httpx.Response(200, json=answers[path]())


async def _use_session(d: Driver) -> None:
    if d.is_async:
        async with d.client.session(name="onboarding") as s:
            await s.write("User prefers dark mode")
            await s.read("preferences")
            await s.context()
    else:
        with d.client.session(name="onboarding") as s:
            s.write("User prefers dark mode")
            s.read("preferences")
            s.context()


async def _use_store(d: Driver) -> None:
    with pytest.warns(DeprecationWarning):
        await d.call("store", "User prefers dark mode")


async def _use_namespace(d: Driver) -> None:
    copy = Driver(d.client.with_namespace("billing"), d.clock)
    await copy.call("write", "Invoice 42 was paid late")


COMPOSITE_USES: dict[str, Callable[[Driver], Any]] = {
    "read_safe": lambda d: d.call("read_safe", "preferences"),
    "turn_safe": lambda d: d.call("turn_safe", "What do I like?", session_id="sess-7f3a"),
    "get_context_safe": lambda d: d.call("get_context_safe", "sess-7f3a"),
    "read_many": lambda d: d.call("read_many", ["diet", "travel"]),
    "write_many": lambda d: d.call("write_many", ["Likes tea", {"content": "No coffee", "context_tags": ["diet"]}]),
    "check_compatibility": lambda d: d.call("check_compatibility"),
    "session": _use_session,
    "store": _use_store,
    "with_namespace": _use_namespace,
}


@pytest.mark.anyio
@pytest.mark.parametrize("use", COMPOSITE_USES.values(), ids=COMPOSITE_USES.keys())
async def test_admin_key_never_on_the_other_ordinary_methods(
    make_client: MakeClient, httpx_mock: HTTPXMock, use: Callable[[Driver], Any]
) -> None:
    httpx_mock.add_callback(route, is_reusable=True)
    d = make_client(admin_api_key=ADMIN_KEY)

    await use(d)

    requests = httpx_mock.get_requests()
    assert requests
    assert [r.headers["X-API-Key"] for r in requests] == [API_KEY] * len(requests)


@pytest.mark.anyio
async def test_admin_key_never_on_read_stream(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(content=sse_body(), headers=SSE_HEADERS)
    d = make_client(admin_api_key=ADMIN_KEY)

    items = await d.stream("preferences")

    assert len(items) == 3
    assert only_request(httpx_mock).headers["X-API-Key"] == API_KEY


@pytest.mark.anyio
async def test_admin_operation_without_admin_key_sends_the_normal_key(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json={"affected_count": 0})
    d = make_client()

    await d.call("delete_all", confirm=True)

    assert only_request(httpx_mock).headers["X-API-Key"] == API_KEY


@pytest.mark.anyio
async def test_set_tenant_and_set_user_apply_to_later_requests(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body(), is_reusable=True)
    d = make_client()

    await d.call("stats")
    d.client.set_tenant("tenant-b")
    d.client.set_user("user-9")
    await d.call("stats")
    d.client.set_tenant(None)
    await d.call("stats")
    d.client.set_user(None)
    await d.call("stats")

    first, second, third, fourth = (r.headers for r in httpx_mock.get_requests())
    assert "X-Tenant-Id" not in first and "X-User-Id" not in first
    assert second["X-Tenant-Id"] == "tenant-b" and second["X-User-Id"] == "user-9"
    assert "X-Tenant-Id" not in third and third["X-User-Id"] == "user-9"
    assert "X-Tenant-Id" not in fourth and "X-User-Id" not in fourth
    assert all(h["X-API-Key"] == API_KEY for h in (first, second, third, fourth))
    assert d.client.config.tenant_id is None


@pytest.mark.anyio
async def test_set_tenant_keeps_the_admin_key_on_admin_operations(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(json={"affected_count": 0})
    httpx_mock.add_response(json=stats_body())
    d = make_client(admin_api_key=ADMIN_KEY)

    d.client.set_tenant("tenant-c")
    await d.call("delete_all", confirm=True)
    await d.call("stats")

    admin, normal = httpx_mock.get_requests()
    assert admin.headers["X-API-Key"] == ADMIN_KEY and admin.headers["X-Tenant-Id"] == "tenant-c"
    assert normal.headers["X-API-Key"] == API_KEY and normal.headers["X-Tenant-Id"] == "tenant-c"


# --------------------------------------------------------------------------- with_options


@pytest.mark.anyio
async def test_with_options_copy_shares_the_pool_and_has_its_own_defaults(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    httpx_mock.add_response(status_code=503, json=error_body("Service unavailable"))
    httpx_mock.add_response(json=stats_body(), is_reusable=True)
    d = make_client(owned=True)

    copy = d.client.with_options(timeout=120, max_retries=0)
    copy_driver = Driver(copy, d.clock)

    assert type(copy) is type(d.client)
    assert copy._http is d.client._http
    assert copy.config.timeout == httpx.Timeout(120.0)
    assert copy.config.max_retries == 0
    assert d.client.config.timeout == httpx.Timeout(30.0, connect=5.0)
    assert d.client.config.max_retries == 2

    with pytest.raises(ServiceUnavailableError):
        await copy_driver.call("stats")  # max_retries=0: one attempt only
    await copy_driver.call("stats")
    await d.call("stats")

    first, second, third = httpx_mock.get_requests()
    assert first.extensions["timeout"] == dict.fromkeys(DEFAULT_TIMEOUT, 60.0)  # 120 s cut to the 60 s deadline
    assert second.extensions["timeout"] == dict.fromkeys(DEFAULT_TIMEOUT, 60.0)
    assert third.extensions["timeout"] == DEFAULT_TIMEOUT
    assert second.headers["X-API-Key"] == API_KEY


@pytest.mark.anyio
async def test_closing_the_copy_does_not_close_the_pool(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    d = make_client(owned=True)
    copy_driver = Driver(d.client.with_options(max_retries=5), d.clock)

    await copy_driver.close()

    assert d.client._http.is_closed is False
    result = await d.call("stats")
    assert result.total_memories == 5

    await d.close()
    assert d.client._http.is_closed is True


@pytest.mark.anyio
async def test_copy_follows_set_tenant_of_its_own_only(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body(), is_reusable=True)
    d = make_client(tenant_id="tenant-a")
    copy_driver = Driver(d.client.with_options(max_retries=1), d.clock)

    copy_driver.client.set_tenant("tenant-b")
    await d.call("stats")
    await copy_driver.call("stats")

    original, copied = httpx_mock.get_requests()
    assert original.headers["X-Tenant-Id"] == "tenant-a"
    assert copied.headers["X-Tenant-Id"] == "tenant-b"


# --------------------------------------------------------------------------- nothing shows the key


@pytest.mark.anyio
async def test_repr_shows_base_url_and_tenant_but_never_the_key(make_client: MakeClient) -> None:
    d = make_client(tenant_id="tenant-a", admin_api_key=ADMIN_KEY)
    texts = [
        repr(d.client),
        str(d.client),
        repr(d.client.config),
        str(d.client.config),
        repr(d.client.raw),
        repr(d.client.with_options(max_retries=1)),
    ]

    assert BASE_URL in repr(d.client)
    assert "tenant-a" in repr(d.client)
    assert type(d.client).__name__ in repr(d.client)
    for text in texts:
        assert API_KEY not in text
        assert ADMIN_KEY not in text


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "body"),
    [(401, error_body("Invalid API key")), (403, error_body("Admin API key required")), (422, fastapi_422_body())],
)
async def test_errors_never_show_the_key(
    make_client: MakeClient, httpx_mock: HTTPXMock, status: int, body: dict[str, Any]
) -> None:
    httpx_mock.add_response(status_code=status, json=body, headers={"x-request-id": "req-k"})
    d = make_client(admin_api_key=ADMIN_KEY)

    with pytest.raises(CMLError) as info:
        await d.call("delete_all", confirm=True)

    exc = info.value
    for text in (str(exc), repr(exc), exc.message, exc.suggestion, repr(vars(exc))):
        assert API_KEY not in text
        assert ADMIN_KEY not in text


# --------------------------------------------------------------------------- lifecycle


@pytest.fixture
def record_warnings() -> Iterator[list[warnings.WarningMessage]]:
    gc.collect()  # garbage of earlier tests must not warn inside this one
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def resource_warnings(caught: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]


def _abandon(cls: ClientClass) -> None:
    cls(api_key=API_KEY, base_url=BASE_URL)


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
def test_unclosed_client_warns_once(cls: ClientClass, record_warnings: list[warnings.WarningMessage]) -> None:
    _abandon(cls)
    gc.collect()

    found = resource_warnings(record_warnings)
    assert len(found) == 1, found
    assert "never closed" in found[0]
    assert cls.__name__ in found[0]
    assert API_KEY not in found[0]


def _open_and_close(cls: ClientClass) -> None:
    client = cls(api_key=API_KEY, base_url=BASE_URL)
    close(client)


def _context_managed(cls: ClientClass) -> None:
    if cls is CognitiveMemoryLayer:
        with CognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL):
            pass
    else:

        async def use() -> None:
            async with AsyncCognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL):
                pass

        asyncio.run(use())


def _closed_with_unclosed_copy(cls: ClientClass) -> None:
    client = cls(api_key=API_KEY, base_url=BASE_URL)
    client.with_options(max_retries=0)
    close(client)


def _injected_pool_not_closed(cls: ClientClass) -> None:
    if cls is CognitiveMemoryLayer:
        pool = httpx.Client()
        CognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL, http_client=pool)
        gc.collect()
        assert pool.is_closed is False  # the user's pool is the user's to close
        pool.close()
    else:
        async_pool = httpx.AsyncClient()
        AsyncCognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL, async_http_client=async_pool)
        gc.collect()
        assert async_pool.is_closed is False
        asyncio.run(async_pool.aclose())


@pytest.mark.parametrize("cls", CLIENT_CLASSES)
@pytest.mark.parametrize(
    "scenario", [_open_and_close, _context_managed, _closed_with_unclosed_copy, _injected_pool_not_closed]
)
def test_closed_client_does_not_warn(
    cls: ClientClass, scenario: Callable[[ClientClass], None], record_warnings: list[warnings.WarningMessage]
) -> None:
    scenario(cls)
    gc.collect()

    assert resource_warnings(record_warnings) == []


def test_closed_sync_client_closes_its_pool() -> None:
    client = CognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL)
    pool = client._http
    client.close()
    client.close()  # idempotent

    assert pool.is_closed is True


# --------------------------------------------------------------------------- client.raw


@pytest.mark.anyio
async def test_raw_shares_the_pool_and_authenticates_generated_operations(
    make_client: MakeClient, httpx_mock: HTTPXMock
) -> None:
    from cml_api_client import AuthenticatedClient
    from cml_api_client.api.memory import get_memory_stats

    httpx_mock.add_response(json=stats_body(), is_reusable=True)
    d = make_client(owned=True, tenant_id="tenant-a", admin_api_key=ADMIN_KEY)
    raw = d.client.raw

    assert isinstance(raw, AuthenticatedClient)
    assert d.client.raw is raw
    if d.is_async:
        assert raw.get_async_httpx_client() is d.client._http
        response = await get_memory_stats.asyncio_detailed(client=raw)
    else:
        assert raw.get_httpx_client() is d.client._http
        response = get_memory_stats.sync_detailed(client=raw)

    assert response.status_code == 200
    assert response.parsed.total_memories == 5
    request = only_request(httpx_mock)
    assert str(request.url) == BASE_URL + "/api/v1/memory/stats"
    assert request.headers["X-API-Key"] == API_KEY  # the real key, never the placeholder, never the admin key
    assert request.headers.get_list("X-API-Key") == [API_KEY]
    assert request.headers["X-Tenant-Id"] == "tenant-a"


@pytest.mark.anyio
async def test_raw_follows_set_tenant(make_client: MakeClient, httpx_mock: HTTPXMock) -> None:
    from cml_api_client.api.memory import get_memory_stats

    httpx_mock.add_response(json=stats_body())
    d = make_client(tenant_id="tenant-a")
    raw = d.client.raw
    d.client.set_tenant("tenant-z")

    if d.is_async:
        await get_memory_stats.asyncio_detailed(client=raw)
    else:
        get_memory_stats.sync_detailed(client=raw)

    assert only_request(httpx_mock).headers["X-Tenant-Id"] == "tenant-z"


# --------------------------------------------------------------------------- one async client, one loop


def test_async_client_on_a_second_event_loop(httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(json=stats_body())
    client = AsyncCognitiveMemoryLayer(api_key=API_KEY, base_url=BASE_URL)
    try:
        first = asyncio.run(client.stats())
        assert first.total_memories == 5

        with pytest.raises(RuntimeError) as info:
            asyncio.run(client.stats())

        assert re.search(r"one \w+ per event loop", str(info.value))
        assert len(httpx_mock.get_requests()) == 1
    finally:
        asyncio.run(client.aclose())


# --------------------------------------------------------------------------- the pool's idle-connection expiry

# uvicorn's --timeout-keep-alive default, which the CML server runs with: an idle connection is closed after 5 s.
SERVER_KEEP_ALIVE = 5.0
KEEPALIVE_EXPIRY = 4.0  # what the README promises


def _keepalive_expiry(client: Any) -> float:
    pool = client._http._transport._pool  # httpcore's ConnectionPool, sync or async
    return float(pool._keepalive_expiry)


@pytest.mark.anyio
async def test_idle_connections_are_dropped_before_the_server_closes_them(make_client: MakeClient) -> None:
    d = make_client(owned=True)

    expiry = _keepalive_expiry(d.client)

    # A request sent on a connection the server is closing fails after it was sent: a write would then
    # raise "may have been applied". Dropping idle connections first means reuse never meets one.
    assert expiry == KEEPALIVE_EXPIRY
    assert expiry < SERVER_KEEP_ALIVE


@pytest.mark.anyio
async def test_limits_given_by_the_user_are_used_as_given(make_client: MakeClient) -> None:
    d = make_client(owned=True, limits=httpx.Limits(max_connections=3, keepalive_expiry=1.5))

    assert _keepalive_expiry(d.client) == 1.5
