"""The agent tools against the real CML server: the MCP server on both transports, the dispatcher, the example.

The MCP checks are the ones ``tests/unit/test_mcp_server.py`` runs on
FakeCML (``tests.agents_mcp.exercise_tools``), here with the server process
configured from ``CML_BASE_URL`` and ``CML_API_KEY`` like any MCP client's
configuration would.
"""

from __future__ import annotations

import uuid

import pytest

from cml_ergonomic import AsyncCognitiveMemoryLayer, CognitiveMemoryLayer
from cml_ergonomic.agents import MemoryTools
from tests.agents_mcp import exercise_tools, http_server, http_session, stdio_session
from tests.conftest import ServerInfo

pytestmark = pytest.mark.timeout(300)


@pytest.mark.anyio
async def test_mcp_over_stdio(cml_server: ServerInfo) -> None:
    async with stdio_session(cml_server) as session:
        await exercise_tools(session)


@pytest.mark.anyio
async def test_mcp_over_streamable_http(cml_server: ServerInfo) -> None:
    with http_server(cml_server) as url:
        async with http_session(url) as session:
            await exercise_tools(session)


@pytest.mark.anyio
async def test_the_dispatcher_on_both_clients(cml_server: ServerInfo) -> None:
    mark = uuid.uuid4().hex[:10]
    text = f"User plays the {mark} flute"
    with CognitiveMemoryLayer(api_key=cml_server.api_key, base_url=cml_server.base_url) as memory:
        tools = MemoryTools(memory, session_id=f"s-{mark}")
        assert tools.call("memory_write", f'{{"content": "{text}"}}')["stored"] is True
        missing = tools.call("memory_update", {"memory_id": str(uuid.uuid4()), "text": "x"})
        assert missing["error"]["kind"] == "not_found" and missing["error"]["status"] == 404
        assert cml_server.api_key not in str(missing)
    async with AsyncCognitiveMemoryLayer(api_key=cml_server.api_key, base_url=cml_server.base_url) as memory:
        found = await MemoryTools(memory).acall("memory_read", {"query": text, "max_results": 5})
        assert text in [m["text"] for m in found["memories"]]


def test_the_offline_agent_example(cml_server: ServerInfo) -> None:
    pytest.importorskip("openai")
    from examples import agent_with_memory

    agent_with_memory.run(cml_server.base_url, cml_server.api_key)  # it asserts what the model stub received
