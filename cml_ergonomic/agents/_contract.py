"""The tool contract (``_contract.json``, written by ``codegen`` from the OpenAPI snapshot) and its formats.

The JSON file is the one source: the OpenAI and Anthropic definitions and the
MCP tools are views of it. Nothing here is edited when the server changes;
``python -m codegen generate`` rewrites the file.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

DOCUMENTED_TOOLS = ("memory_write", "memory_read", "memory_update", "memory_forget", "memory_stats")


@dataclass(frozen=True)
class ToolDef:
    """One tool of the contract.

    Attributes:
        name: the tool's name.
        description: for the model (``{cap}`` is the forget cap).
        operation: the server operation it calls, ``METHOD /path``.
        request_schema: the OpenAPI schema its parameters come from (None for a body-less operation).
        effect: what it can do to the user's data.
        default_enabled: in the default tool set.
        input_schema: the JSON Schema of its arguments.
        sources: where each parameter comes from (``Schema.field``).
        nullable: parameters whose null means "leave out".
        bound: fields the application sets instead of the model, with the reason.
    """

    name: str
    description: str
    operation: str
    request_schema: str | None
    effect: str
    default_enabled: bool
    input_schema: Mapping[str, Any]
    sources: Mapping[str, str]
    nullable: frozenset[str]
    bound: Mapping[str, str]

    def schema(self, *, forget_cap: int) -> dict[str, Any]:
        """A fresh copy of the input schema with the application's forget cap applied."""
        schema = copy.deepcopy(dict(self.input_schema))
        ids = schema["properties"].get("memory_ids")
        if ids is not None and "maxItems" in ids:
            ids["maxItems"] = forget_cap
        return schema

    def text(self, *, forget_cap: int) -> str:
        """The description with the cap filled in."""
        return self.description.replace("{cap}", str(forget_cap))


@dataclass(frozen=True)
class Contract:
    """All tools, in contract order, and the snapshot they were built from."""

    source: str
    forget_cap: int
    tools: tuple[ToolDef, ...]

    def get(self, name: str) -> ToolDef | None:
        """The tool called ``name``, or None."""
        return next((tool for tool in self.tools if tool.name == name), None)


@functools.cache
def load_contract() -> Contract:
    """The contract shipped with the package (read once).

    Returns:
        The parsed contract.
    """
    raw = json.loads(resources.files("cml_ergonomic.agents").joinpath("_contract.json").read_text(encoding="utf-8"))
    return Contract(
        source=raw["source"],
        forget_cap=int(raw["forget_cap"]),
        tools=tuple(
            ToolDef(
                name=tool["name"],
                description=tool["description"],
                operation=tool["operation"],
                request_schema=tool["request_schema"],
                effect=tool["effect"],
                default_enabled=bool(tool["default_enabled"]),
                input_schema=tool["input_schema"],
                sources=tool["sources"],
                nullable=frozenset(tool["nullable"]),
                bound=tool["bound"],
            )
            for tool in raw["tools"]
        ),
    )


def select(contract: Contract, include: Iterable[str] | None) -> tuple[ToolDef, ...]:
    """The tools an application enables: ``include`` by name, or the default set.

    Args:
        contract: the contract.
        include: tool names, or None for the tools enabled by default.

    Returns:
        The tools, in contract order.

    Raises:
        ValueError: a name is not a tool of the contract.
    """
    if include is None:
        return tuple(tool for tool in contract.tools if tool.default_enabled)
    names = list(include)
    unknown = [name for name in names if contract.get(name) is None]
    if unknown:
        known = ", ".join(tool.name for tool in contract.tools)
        raise ValueError(f"not a memory tool: {', '.join(unknown)} (the tools are {known})")
    return tuple(tool for tool in contract.tools if tool.name in names)


Style = Literal["openai_chat", "openai_responses", "anthropic"]


def definition(tool: ToolDef, style: Style, *, forget_cap: int) -> dict[str, Any]:
    """``tool`` as one entry of a model API's ``tools=`` list.

    Args:
        tool: the tool.
        style: ``openai_chat`` (``{"type": "function", "function": {...}}``), ``openai_responses``
            (flat, not strict: optional parameters stay optional) or ``anthropic`` (``input_schema``).
        forget_cap: the application's memory_forget cap.

    Returns:
        A new dict.
    """
    name, text, schema = tool.name, tool.text(forget_cap=forget_cap), tool.schema(forget_cap=forget_cap)
    if style == "openai_chat":
        return {"type": "function", "function": {"name": name, "description": text, "parameters": schema}}
    if style == "openai_responses":
        return {"type": "function", "name": name, "description": text, "parameters": schema, "strict": False}
    return {"name": name, "description": text, "input_schema": schema}
