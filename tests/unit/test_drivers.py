"""The sync/async test driver is written once (``tests/drivers.py``); each suite only adds what is its own."""

from __future__ import annotations

import pytest

from tests.contract.suite import Driver as ContractDriver
from tests.drivers import ClientDriver
from tests.faults.conftest import Driver as FaultsDriver
from tests.integration.test_client_sync_async import Runner
from tests.unit.conftest import Driver as UnitDriver
from tests.unit.test_hooks import Driver as HooksDriver

SHARED = ("call", "resolve", "stream", "session", "close_client", "close")


@pytest.mark.parametrize("driver", [UnitDriver, FaultsDriver, ContractDriver, Runner, HooksDriver], ids=str)
def test_every_suite_drives_both_clients_through_the_one_driver(driver: type) -> None:
    assert issubclass(driver, ClientDriver)
    redefined = [name for name in SHARED if name in vars(driver)]
    assert redefined == [], f"{driver.__qualname__} writes {redefined} again"


@pytest.mark.anyio
@pytest.mark.parametrize("mode", ["sync", "async"])
async def test_the_driver_awaits_only_for_the_async_client(mode: str) -> None:
    from cml_ergonomic.testing import FakeCML

    fake = FakeCML(virtual_time=True)
    driver = ClientDriver(fake.async_client() if mode == "async" else fake.client())
    driver.own(driver.client)
    await driver.call("write", "User prefers dark mode")
    assert [m.text for m in (await driver.call("read", "dark mode")).memories] == ["User prefers dark mode"]
    streamed = await driver.stream("dark mode", stop_after=1)
    assert len(streamed) == 1 and streamed[0].text == "User prefers dark mode"
    async with driver.session(name="s") as scope:
        assert (await driver.call("write", "in a session", client=scope)).success
    await driver.close()
    assert driver.client._closed
