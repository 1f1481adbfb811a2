"""pytest fixtures for code that uses cml-ergonomic: a fake server and clients wired to it.

pytest loads this module through the ``pytest11`` entry point; install
``cml-ergonomic[testing]`` to get pytest with it. It only defines fixtures
(no hooks, no options), so a test suite that does not ask for them is
untouched; ``-p no:cml_ergonomic`` turns it off altogether.

Example:
    def test_agent_remembers(cml_client):
        agent = MyAgent(memory=cml_client)
        agent.handle("I moved to Lisbon")
        assert "Lisbon" in cml_client.read("where does the user live").memories[0].text
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
    from cml_ergonomic.testing import FakeCML


@pytest.fixture
def cml_fake() -> FakeCML:
    """A fresh in-memory CML server (``FakeCML``) for one test: inject faults, inspect ``.requests``.

    It runs on virtual time (``FakeCML(virtual_time=True)``): retries, ``Retry-After`` and ``hang_next()``
    never sleep; ``cml_fake.clock.sleeps`` lists the waits the clients would have made.
    """
    from cml_ergonomic.testing import FakeCML

    return FakeCML(virtual_time=True)


@pytest.fixture
def cml_client(cml_fake: FakeCML) -> Iterator[CognitiveMemoryLayer]:
    """A ``CognitiveMemoryLayer`` on ``cml_fake``, with the normal and the admin key."""
    client = cml_fake.client()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def cml_async_client(cml_fake: FakeCML) -> AsyncCognitiveMemoryLayer:
    """An ``AsyncCognitiveMemoryLayer`` on ``cml_fake`` (nothing to close: the fake holds no sockets)."""
    client: AsyncCognitiveMemoryLayer = cml_fake.async_client()
    return client
