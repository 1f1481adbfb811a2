"""The contract suite (tests/contract/) against the real server: the same tests run on FakeCML."""

from __future__ import annotations

import pytest

from tests.conftest import ServerInfo
from tests.contract import contract_cases
from tests.contract.backends import Backend, real_backend


@pytest.fixture
def backend(cml_server: ServerInfo) -> Backend:
    return real_backend(cml_server)


globals().update(contract_cases())  # the tests themselves, with the suite's fixtures
