"""Memory for LLM agents: the server's memory tools for OpenAI and Anthropic, a dispatcher, and a chat helper.

The tools (``memory_write``, ``memory_read``, ``memory_update``,
``memory_forget``, ``memory_stats``, and ``memory_turn`` on request) are
generated from the server's OpenAPI schema into ``_contract.json``; see
``docs/agents.md`` for what each may do to a user's data. This package needs
no extra: the chat helper takes any ``openai`` client object, and imports
nothing of ``openai`` itself. The MCP server is ``cml_ergonomic.mcp``
(extra ``mcp``).

Example:
    >>> from cml_ergonomic.agents import MemoryTools
    >>> tools = MemoryTools(memory)  # doctest: +SKIP
    >>> tools.call("memory_write", '{"content": "User is vegetarian"}')  # doctest: +SKIP
    {'ok': True, 'stored': True, 'memory_id': '...'}
"""

from __future__ import annotations

from cml_ergonomic.agents._compact import text as result_text
from cml_ergonomic.agents._contract import DOCUMENTED_TOOLS, Contract, ToolDef, load_contract
from cml_ergonomic.agents._tools import MemoryTools
from cml_ergonomic.agents.chat import ChatReply, MemoryChat

__all__ = [
    "DOCUMENTED_TOOLS",
    "ChatReply",
    "Contract",
    "MemoryChat",
    "MemoryTools",
    "ToolDef",
    "load_contract",
    "result_text",
]
