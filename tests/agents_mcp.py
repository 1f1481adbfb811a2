"""Shared by the MCP tests: start ``cml-ergonomic mcp`` and talk to it with the official client.

Each check goes through ``mcp.ClientSession`` over a real transport (the
server's stdio, or streamable HTTP on 127.0.0.1) against a server process of
its own, so nothing of the server's state leaks between tests.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

import httpx
from mcp import ClientSession
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client

SERVER = [sys.executable, "-m", "cml_ergonomic.mcp"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def backend_env(server: Any | None) -> dict[str, str]:
    """The CML_* variables for a real server; none for FakeCML (the args carry --fake)."""
    if server is None:
        return {}
    return {"CML_BASE_URL": server.base_url, "CML_API_KEY": server.api_key}


def backend_args(server: Any | None) -> list[str]:
    return ["--fake"] if server is None else []


@asynccontextmanager
async def stdio_session(server: Any | None, *extra: str) -> AsyncIterator[ClientSession]:
    """A client session with the server spawned over stdio, as an MCP client's configuration does."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")} | backend_env(server)
    params = StdioServerParameters(command=SERVER[0], args=[*SERVER[1:], *backend_args(server), *extra], env=env)
    with open(os.devnull, "w") as errlog:
        async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            yield session


@contextmanager
def http_server(server: Any | None, *extra: str, token: str | None = None) -> Iterator[str]:
    """The server on streamable HTTP at 127.0.0.1; yields its /mcp URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")} | backend_env(server)
    if token:
        env["CML_MCP_TOKEN"] = token
    args = [*SERVER, *backend_args(server), "--transport", "http", "--port", str(port), *extra]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(
                    f"the MCP server exited {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}"
                )
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@asynccontextmanager
async def http_session(url: str, token: str | None = None) -> AsyncIterator[ClientSession]:
    """A client session over streamable HTTP (with the bearer token when given)."""
    import httpx2

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with (
        httpx2.AsyncClient(headers=headers, timeout=30) as http,
        streamable_http_client(url, http_client=http) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session


def initialize_request() -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "t", "version": "1"}},
    }


def raw_post(url: str, headers: dict[str, str]) -> httpx.Response:
    """One initialize request with chosen headers, outside the MCP client (to forge Host and Origin)."""
    base = {"accept": "application/json, text/event-stream", "content-type": "application/json"}
    return httpx.post(url, json=initialize_request(), headers=base | headers, timeout=10)


def result_data(result: Any) -> dict[str, Any]:
    """A tool result's JSON (the text block), checked to agree with its structured content."""
    data: dict[str, Any] = json.loads(result.content[0].text)
    assert result.structured_content in (None, data)
    return data


async def exercise_tools(session: ClientSession) -> None:
    """list_tools, every tool, the error cases and the resources, through one session."""
    listed = {tool.name: tool for tool in (await session.list_tools()).tools}
    assert sorted(listed) == ["memory_forget", "memory_read", "memory_stats", "memory_update", "memory_write"]
    assert listed["memory_write"].input_schema["required"] == ["content"]
    assert listed["memory_forget"].input_schema["properties"]["memory_ids"]["maxItems"] == 10

    mark = uuid.uuid4().hex[:10]
    text = f"User collects {mark} stamps"
    written = await session.call_tool("memory_write", {"content": text})
    assert not written.is_error and result_data(written)["stored"] is True

    read = await session.call_tool("memory_read", {"query": text, "max_results": 5})
    found = [m for m in result_data(read)["memories"] if m["text"] == text]
    assert len(found) == 1, result_data(read)
    memory_id = found[0]["id"]

    updated = await session.call_tool("memory_update", {"memory_id": memory_id, "text": f"User collects {mark} coins"})
    assert not updated.is_error and result_data(updated)["version"] == 2

    stats = await session.call_tool("memory_stats", {})
    assert not stats.is_error and result_data(stats)["total_memories"] >= 1

    preview = await session.call_tool("memory_forget", {"query": f"{mark} coins"})
    shown = result_data(preview)
    assert shown["preview"] is True and shown["forgotten"] == 0
    assert memory_id in [m["id"] for m in shown["memories"]]

    forgot = await session.call_tool("memory_forget", {"memory_ids": [memory_id]})
    assert result_data(forgot) == {"ok": True, "action": "delete", "forgotten": 1}

    # the model's mistakes and the server's refusals are tool errors the model can read
    for name, arguments, field in (
        ("memory_read", {"query": 7}, "query"),
        ("memory_write", {}, "content"),
        ("memory_update", {"memory_id": "not-a-uuid"}, "memory_id"),
        ("memory_forget", {"memory_ids": [str(uuid.uuid4()) for _ in range(11)]}, "memory_ids"),
        ("memory_read", {"query": "x", "colour": "red"}, "colour"),
    ):
        refused = await session.call_tool(name, arguments)
        assert refused.is_error, (name, arguments)
        assert result_data(refused)["error"]["field"] == field
    missing = await session.call_tool("memory_update", {"memory_id": str(uuid.uuid4()), "text": "x"})
    assert missing.is_error and result_data(missing)["error"]["kind"] == "not_found"
    unknown = await session.call_tool("memory_wipe", {})
    assert unknown.is_error

    resources = [str(r.uri) for r in (await session.list_resources()).resources]
    assert resources == ["cml://stats"]
    stats_doc = json.loads((await session.read_resource("cml://stats")).contents[0].text)
    stats_now = result_data(await session.call_tool("memory_stats", {}))
    assert stats_doc["total_memories"] == stats_now["total_memories"]
    assert stats_doc["by_type"] == stats_now["by_type"]
    templates = [t.uri_template for t in (await session.list_resource_templates()).resource_templates]
    assert templates == ["cml://sessions/{session_id}/context"]
    context = json.loads((await session.read_resource(f"cml://sessions/s-{mark}/context")).contents[0].text)
    assert context["session_id"] == f"s-{mark}" and context["messages"] == []
