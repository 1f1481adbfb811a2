"""``client.raw`` shares the client's pool and its identity, but only with the client's own server.

The pool's auth fills in the key, tenant and user for requests that lack them (those of the generated client).
An absolute URL to another origin (another host, scheme or port) must get none of them: the key never leaves
for a server the user did not configure.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_httpx import HTTPXMock

from tests.unit.conftest import ADMIN_KEY, API_KEY, BASE_URL, Driver

pytestmark = pytest.mark.anyio

MakeClient = Callable[..., Driver]


async def _get(d: Driver, url: str) -> None:
    pool = d.client.raw.get_async_httpx_client() if d.is_async else d.client.raw.get_httpx_client()
    answer = pool.get(url)
    await answer if d.is_async else answer


@pytest.mark.parametrize("owned", [False, True], ids=["injected-pool", "own-pool"])
@pytest.mark.parametrize(
    "url",
    [
        "https://cml.test:8000/api/v1/health",  # another scheme
        "http://cml.test:8001/api/v1/health",  # another port
        "http://elsewhere.test:8000/api/v1/health",  # another host
        "http://cml.test/api/v1/health",  # port 80, not 8000
    ],
    ids=["scheme", "port", "host", "default-port"],
)
async def test_no_identity_goes_to_another_origin(
    make_client: MakeClient, httpx_mock: HTTPXMock, url: str, owned: bool
) -> None:
    httpx_mock.add_response(url=url, json={"status": "healthy"})
    d = make_client(owned=owned, admin_api_key=ADMIN_KEY, tenant_id="acme")

    await _get(d, url)

    (request,) = httpx_mock.get_requests()
    assert "x-api-key" not in request.headers
    assert "x-tenant-id" not in request.headers


@pytest.mark.parametrize("path", ["/api/v1/health", "/api/v1/memory/stats"])
async def test_the_clients_own_server_gets_the_identity(
    make_client: MakeClient, httpx_mock: HTTPXMock, path: str
) -> None:
    httpx_mock.add_response(url=f"{BASE_URL}{path}", json={})
    d = make_client(tenant_id="acme")

    await _get(d, f"{BASE_URL}{path}")

    (request,) = httpx_mock.get_requests()
    assert request.headers["x-api-key"] == API_KEY
    assert request.headers["x-tenant-id"] == "acme"
