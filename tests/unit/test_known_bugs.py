"""Known server bugs are named, not retried; a refused admin key gets advice about the admin key."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpx import HTTPXMock

from cml_ergonomic import AuthenticationError, ServerError
from tests.unit.conftest import ADMIN_KEY, Driver
from tests.unit.test_admin import _run
from tests.unit.test_cli_ux import EXPLAIN_BUG_BODY

pytestmark = pytest.mark.anyio


@pytest.fixture
def admin_client(make_client: Any) -> Driver:
    driver: Driver = make_client(admin_api_key=ADMIN_KEY, tenant_id="tenant-a", max_retries=2)
    return driver


async def test_the_1_5_1_explain_bug_is_named_and_not_retried(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=500, json=EXPLAIN_BUG_BODY)
    with pytest.raises(ServerError) as raised:
        await _run(admin_client, "admin.retrieval.explain", "chess")
    error = raised.value
    assert len(httpx_mock.get_requests()) == 1 and error.retries == 0
    assert admin_client.clock.sleeps == []
    assert error.message == (
        "POST /api/v1/dashboard/retrieval/explain failed with 500: a known bug of CML server 1.5.1: its "
        "retrieval/explain fails to build its own response model whenever the query finds anything"
    )
    assert "retry later" not in error.suggestion and "2.0.0" in error.suggestion
    assert error.known_bug is not None and error.known_bug.versions == "1.5.1"
    assert error.response_body == EXPLAIN_BUG_BODY  # the server's own words stay available


@pytest.mark.parametrize(
    "body",
    [
        {"detail": "Internal server error"},
        {"detail": "2 validation errors for SomethingElse"},
        {"detail": ["DashboardRetrievalExplainResponse validation error"]},
        "DashboardRetrievalExplainResponse validation error",
    ],
)
async def test_other_500s_of_explain_are_retried_as_before(
    admin_client: Driver, httpx_mock: HTTPXMock, body: Any
) -> None:
    for _ in range(3):
        httpx_mock.add_response(status_code=500, json=body)
    with pytest.raises(ServerError) as raised:
        await _run(admin_client, "admin.retrieval.explain", "chess")
    assert len(httpx_mock.get_requests()) == 3
    assert raised.value.known_bug is None


async def test_the_same_body_from_another_operation_is_not_the_explain_bug(
    admin_client: Driver, httpx_mock: HTTPXMock
) -> None:
    for _ in range(3):
        httpx_mock.add_response(status_code=500, json=EXPLAIN_BUG_BODY)
    with pytest.raises(ServerError) as raised:
        await _run(admin_client, "admin.retrieval.test", "chess")
    assert raised.value.known_bug is None and len(httpx_mock.get_requests()) == 3


async def test_a_refused_admin_key_is_advised_as_the_admin_key(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=401, json={"detail": "Invalid API key"})
    with pytest.raises(AuthenticationError) as raised:
        await _run(admin_client, "admin.tenants")
    assert raised.value.admin is True
    assert raised.value.suggestion.startswith("Check the admin key: pass admin_api_key=...")
    assert "CML_ADMIN_API_KEY" in raised.value.suggestion


async def test_a_refused_api_key_is_advised_as_the_api_key(admin_client: Driver, httpx_mock: HTTPXMock) -> None:
    httpx_mock.add_response(status_code=401, json={"detail": "Invalid API key"})
    with pytest.raises(AuthenticationError) as raised:
        await admin_client.call("stats")
    assert raised.value.admin is False
    assert raised.value.suggestion.startswith("Check the API key: pass api_key=...")
