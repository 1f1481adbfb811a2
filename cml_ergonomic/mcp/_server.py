"""The MCP server: the tool contract as MCP tools, and read-only resources, on the official SDK's ``MCPServer``.

Each tool's input schema is the contract's (not one derived from a Python
signature), and its calls go through the same dispatcher as the OpenAI and
Anthropic tools, so a mistake of the model or a failure of the server comes
back as a tool result with ``isError`` set, never as a crashed server.
"""

from __future__ import annotations

import json
from typing import Any

from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ResourceError
from mcp.server.mcpserver.tools import Tool
from mcp_types import CallToolResult, TextContent, ToolAnnotations

from cml_ergonomic import __version__
from cml_ergonomic.agents import MemoryTools, ToolDef, result_text
from cml_ergonomic.agents._compact import mask
from cml_ergonomic.errors import CMLError

SERVER_NAME = "cml-memory"
INSTRUCTIONS = (
    "Long-term memory of the user, kept by a Cognitive Memory Layer server. Search it with memory_read before "
    "answering what may depend on earlier conversations; store what the user wants remembered with memory_write."
)
STATS_URI = "cml://stats"
SESSION_URI = "cml://sessions/{session_id}/context"


def _placeholder() -> None:
    """Never called: a contract tool's ``run`` goes to the dispatcher."""


class ContractTool(Tool):
    """An MCP tool whose input schema is the contract's and whose calls go to the dispatcher."""

    dispatcher: Any = None

    async def run(self, arguments: dict[str, Any], context: Any, convert_result: bool = False) -> Any:
        """Run the call through ``MemoryTools.acall``; every outcome is a ``CallToolResult``."""
        result = await self.dispatcher.acall(self.name, arguments)
        return CallToolResult(
            content=[TextContent(type="text", text=result_text(result))],
            structured_content=result,
            is_error=not result["ok"],
        )


def _annotations(tool: ToolDef) -> ToolAnnotations:
    read_only = tool.effect == "reads only"
    return ToolAnnotations(
        title=tool.name.replace("_", " "),
        read_only_hint=read_only,
        destructive_hint=tool.name in ("memory_forget", "memory_update"),
        idempotent_hint=read_only,
        open_world_hint=False,
    )


def _tool(tool: ToolDef, dispatcher: MemoryTools) -> ContractTool:
    base = Tool.from_function(_placeholder, name=tool.name, structured_output=False)
    fields = {name: getattr(base, name) for name in Tool.model_fields}
    fields.update(
        description=tool.text(forget_cap=dispatcher.forget_cap),
        parameters=tool.schema(forget_cap=dispatcher.forget_cap),
        annotations=_annotations(tool),
        is_async=True,
    )
    made = ContractTool(**fields)
    made.dispatcher = dispatcher
    return made


def build_server(client: Any, **tool_options: Any) -> MCPServer[Any]:
    """An ``MCPServer`` serving the memory tools and resources through ``client``.

    Args:
        client: an ``AsyncCognitiveMemoryLayer`` (the server runs on an event loop).
        **tool_options: passed to ``MemoryTools`` (``include``, ``session_id``, ``forget_cap``, ...).

    Returns:
        The server; run it with ``run_stdio_async()`` or serve ``streamable_http_app()``.
    """
    dispatcher = MemoryTools(client, **tool_options)
    secrets = dispatcher._secrets
    server: MCPServer[Any] = MCPServer(
        SERVER_NAME,
        instructions=INSTRUCTIONS,
        version=__version__,
        tools=[_tool(tool, dispatcher) for tool in dispatcher.tools],
        log_level="WARNING",
    )

    async def _read(what: str, call: Any) -> str:
        try:
            result = await call
        except CMLError as exc:
            raise ResourceError(mask(f"{what}: {exc}", secrets)) from None
        return json.dumps(result.to_dict(), ensure_ascii=False, default=str)

    @server.resource(STATS_URI, name="memory_stats", mime_type="application/json")
    async def stats() -> str:
        """The tenant's memory counts, by state and by kind (read-only)."""
        return await _read("memory stats", client.stats())

    @server.resource(SESSION_URI, name="session_context", mime_type="application/json")
    async def session_context(session_id: str) -> str:
        """What a session holds: its messages, tool results and scratch pad (read-only)."""
        return await _read(f"session {session_id}", client.get_session_context(session_id))

    return server
