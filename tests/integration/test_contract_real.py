"""The contract suite (tests/contract/suite.py) against the real server: the same tests run on FakeCML."""

from __future__ import annotations

import pytest

from tests.conftest import ServerInfo
from tests.contract.backends import Backend, real_backend
from tests.contract.suite import *  # noqa: F403  (the tests themselves)


@pytest.fixture
def backend(cml_server: ServerInfo) -> Backend:
    return real_backend(cml_server)
