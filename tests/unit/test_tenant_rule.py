"""The tenant rule on FakeCML (which follows the real servers: X-Tenant-Id counts only with the admin key).

The contract cases (tests/contract/cases_tenant.py) prove the rule on both real servers; these cover the
guard's own paths: when it probes, what it remembers, and what it never does.
"""

from __future__ import annotations

import pytest

from cml_ergonomic import APIStatusError, ConfigurationError
from cml_ergonomic.testing import FakeCML

CONFIG = "/api/v1/dashboard/config"


def paths(fake: FakeCML) -> list[str]:
    return [r.path for r in fake.requests]


def test_constructing_a_client_sends_nothing_and_a_refusal_is_remembered() -> None:
    fake = FakeCML()
    with fake.client(tenant_id="elsewhere") as client:
        assert fake.requests == []
        for _ in range(3):
            with pytest.raises(ConfigurationError, match="'elsewhere' would be ignored"):
                client.write("never sent")
    assert paths(fake) == [CONFIG]  # one probe, then the refusal is raised again without asking
    assert fake.memories() == [] and fake.memories("elsewhere") == []


def test_the_keys_own_tenant_is_probed_once_then_trusted() -> None:
    fake = FakeCML()
    with fake.client(tenant_id=fake.tenant_id) as client:
        client.write("first")
        client.write("second")
    assert paths(fake) == [CONFIG, "/api/v1/memory/write", "/api/v1/memory/write"]


def test_the_admin_key_as_api_key_is_never_probed_and_reaches_the_tenant() -> None:
    fake = FakeCML()
    with fake.client(api_key=fake.admin_api_key, tenant_id="elsewhere") as client:
        client.write("into elsewhere")
    assert paths(fake) == ["/api/v1/memory/write"]
    assert [r.text for r in fake.memories("elsewhere")] == ["into elsewhere"]


def test_health_and_admin_operations_need_no_check() -> None:
    fake = FakeCML()
    with fake.client(tenant_id="elsewhere") as client:
        client.health()
        client.delete_all(confirm=True)  # the admin key goes with it, and may pick the tenant
    assert paths(fake) == ["/api/v1/health", "/api/v1/memory/all"]


def test_set_tenant_is_checked_again() -> None:
    fake = FakeCML()
    with fake.client(tenant_id=fake.tenant_id) as client:
        client.write("fine")
        client.set_tenant("elsewhere")
        with pytest.raises(ConfigurationError):
            client.read("fine")
        client.set_tenant(None)
        assert client.read("fine").memories


def test_a_failed_probe_fails_the_call_and_is_tried_again() -> None:
    fake = FakeCML()
    fake.fail_next(status=500, path=CONFIG)
    with fake.client(tenant_id=fake.tenant_id, max_retries=0) as client:
        with pytest.raises(APIStatusError):
            client.write("not sent while the tenant is unknown")
        assert fake.memories() == []
        client.write("sent once the tenant is known")
    assert [r.text for r in fake.memories()] == ["sent once the tenant is known"]


def test_a_stream_is_checked_before_it_opens() -> None:
    fake = FakeCML()
    with fake.client(tenant_id="elsewhere") as client, pytest.raises(ConfigurationError):
        list(client.read_stream("anything"))
    assert paths(fake) == [CONFIG]


@pytest.mark.anyio
async def test_the_async_client_follows_the_same_rule() -> None:
    fake = FakeCML()
    async with fake.async_client(tenant_id="elsewhere", admin_api_key=None) as client:
        with pytest.raises(ConfigurationError, match="not the admin key"):
            await client.write("never sent")
        with pytest.raises(ConfigurationError):
            _ = [item async for item in client.read_stream("anything")]
    assert paths(fake) == [CONFIG]
