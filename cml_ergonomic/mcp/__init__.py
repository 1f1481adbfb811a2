"""The MCP server for CML memory: ``cml-ergonomic mcp`` (extra ``mcp``, on the official ``mcp`` SDK 2.x).

It serves the same tool contract as :class:`cml_ergonomic.agents.MemoryTools`,
plus two read-only resources (``cml://stats`` and
``cml://sessions/{session_id}/context``), over stdio (the default) or
streamable HTTP on loopback. ``import cml_ergonomic`` never imports this
package or ``mcp``; :func:`build_server` imports ``mcp`` when called.
"""

from __future__ import annotations

from typing import Any

from cml_ergonomic.mcp._cli import main


def build_server(client: Any, **tool_options: Any) -> Any:
    """An ``mcp.server.mcpserver.MCPServer`` serving the memory tools and resources through ``client``.

    Args:
        client: an ``AsyncCognitiveMemoryLayer``.
        **tool_options: passed to ``MemoryTools`` (``include``, ``session_id``, ``forget_cap``, ...).

    Returns:
        The server.

    Raises:
        ImportError: the ``mcp`` extra is not installed.
    """
    from cml_ergonomic.mcp._server import build_server as build

    return build(client, **tool_options)


__all__ = ["build_server", "main"]
