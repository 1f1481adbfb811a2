"""The pytest fixture ``cml_local_server``: a real CML server for your own integration tests.

pytest loads this module through the ``pytest11`` entry point
(``cml_ergonomic_server``). It defines one fixture and nothing else, and
imports nothing heavy: a test suite that does not ask for the fixture is
untouched, and ``-p no:cml_ergonomic_server`` turns it off altogether. The
fixture needs the ``server`` extra: ``pip install "cml-ergonomic[server]"``.

Example:
    from cml_ergonomic import CognitiveMemoryLayer

    def test_my_app_against_a_real_server(cml_local_server):
        with CognitiveMemoryLayer(base_url=cml_local_server.base_url, api_key=cml_local_server.api_key) as memory:
            memory.write("The user moved to Lisbon")
            assert "Lisbon" in str(memory.read("where does the user live"))
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from cml_ergonomic.server import ApiServer


@pytest.fixture(scope="session")
def cml_local_server() -> Iterator[ApiServer]:
    """A real CML server on 127.0.0.1, started once for the test session and stopped at its end.

    The server comes from ``CML_SERVER_SOURCE`` (a version on PyPI, a source
    tree or a ``.tar.gz`` archive), else the version the SDK is built from if
    PyPI has it, else PyPI's newest. It has a fresh database, random keys
    (``.api_key``, ``.admin_api_key``), the tenant ``.tenant_id``, and
    ``.env()`` gives the ``CML_*`` variables. Everything it started is stopped
    and its data removed at the end of the session, on a failure, on Ctrl-C
    and on SIGTERM. The first use installs the server (about a minute, then cached).
    """
    from cml_ergonomic.server import running_server, sources_from

    (source, *_) = sources_from()
    with running_server(server=source) as (_stack, server):
        yield server
