"""The contract suite (tests/contract/) against FakeCML: the same tests run on the real server."""

from __future__ import annotations

import pytest

from tests.contract import contract_cases
from tests.contract.backends import Backend, fake_backend


@pytest.fixture
def backend() -> Backend:
    return fake_backend()


globals().update(contract_cases())  # the tests themselves, with the suite's fixtures
