"""The tenant rule (issue 17, finding 2): a tenant the requests will not reach is refused, never ignored.

The server honours ``X-Tenant-Id`` only with the admin key; a request with
the normal key goes to the key's own tenant. The SDK checks a normal key's
tenant before its first memory call and raises ``ConfigurationError``.
"""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from cml_ergonomic import ConfigurationError
from tests.contract.backends import Backend
from tests.contract.suite import API, Driver, found, keys, token, write_stored


def _tenant_of(backend: Backend, http: Any, word: str) -> list[str]:
    """The tenants holding a memory with ``word`` (the admin listing across every tenant)."""
    answer = http.get(f"{API}/dashboard/memories", params={"search": word}, headers=keys(backend, "admin"))
    return sorted({item["tenant_id"] for item in answer.json()["items"]})


def test_the_server_ignores_a_tenant_header_with_the_normal_key(backend: Backend, http: Any) -> None:
    word = token()
    other = f"other-{secrets.token_hex(4)}"
    headers = {**keys(backend, "api"), "X-Tenant-Id": other}
    answer = http.post(f"{API}/memory/write", json={"content": f"Tenant probe {word}"}, headers=headers)
    assert answer.status_code == 200  # no sign of it in the answer
    landed = _tenant_of(backend, http, word)
    assert landed != [other] and len(landed) == 1
    config = http.get(f"{API}/dashboard/config", headers=keys(backend, "admin")).json()
    own = [i["value"] for s in config["sections"] for i in s["items"] if i["key"] == "auth.default_tenant_id"]
    assert own == landed  # the key's own tenant is the one the dashboard's configuration names


@pytest.mark.anyio
async def test_a_foreign_tenant_with_the_normal_key_is_refused_before_sending(
    driver: Driver, backend: Backend, http: Any
) -> None:
    other = f"other-{secrets.token_hex(4)}"
    client = driver.new(tenant_id=other)  # the normal key, with the admin key at hand
    word = token()
    with pytest.raises(ConfigurationError) as refused:
        await driver.call("write", f"Never written {word}", client=client)
    assert other in refused.value.message and "only with the admin key" in refused.value.message
    assert "admin key as api_key" in refused.value.suggestion
    with pytest.raises(ConfigurationError):  # and again, for any memory call, without asking the server again
        await driver.call("read", word, client=client)
    assert _tenant_of(backend, http, word) == []


@pytest.mark.anyio
async def test_without_the_admin_key_a_tenant_for_the_normal_key_is_refused(
    driver: Driver, backend: Backend, http: Any
) -> None:
    client = driver.new(tenant_id=f"other-{secrets.token_hex(4)}", admin_api_key=None)
    word = token()
    with pytest.raises(ConfigurationError) as refused:
        await driver.call("write", f"Never written {word}", client=client)
    assert "not the admin key" in refused.value.message
    assert _tenant_of(backend, http, word) == []


@pytest.mark.anyio
async def test_the_keys_own_tenant_and_the_admin_key_are_accepted(driver: Driver, backend: Backend, http: Any) -> None:
    word = token()
    await write_stored(driver, f"Where does {word} go")
    (own,) = _tenant_of(backend, http, word)
    same = driver.new(tenant_id=own)  # naming the key's own tenant is fine
    await write_stored(driver, f"Named own tenant {word}", client=same)
    assert await found(driver, f"Named own tenant {word}", client=same)
    other = f"other-{secrets.token_hex(4)}"
    admin = driver.new(api_key=backend.admin_api_key, tenant_id=other, admin_api_key=None)  # no admin key needed
    await write_stored(driver, f"Admin into other {word}", client=admin)
    assert _tenant_of(backend, http, f"Admin into other {word}") == [other]
