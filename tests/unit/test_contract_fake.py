"""The contract suite (tests/contract/suite.py) against FakeCML: the same tests run on the real server."""

from __future__ import annotations

import pytest

from tests.contract.backends import Backend, fake_backend
from tests.contract.suite import *  # noqa: F403  (the tests themselves)


@pytest.fixture
def backend() -> Backend:
    return fake_backend()
