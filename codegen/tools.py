"""The agent tool contract, derived from the OpenAPI snapshot: ``cml_ergonomic/agents/_contract.json``.

The server documents five tools for LLMs (``memory_write``, ``memory_read``,
``memory_update``, ``memory_forget``, ``memory_stats``); ``memory_turn`` is
added. Each tool names the operation it calls; its parameters are that
operation's request schema, field by field: type, enum, bounds, required.
What is written here by hand is only what the schema cannot say: the
descriptions a model reads, the fields an application binds instead of the
model (each with its reason), and the safety caps of the tool layer.

So when the server adds an optional field to a request, ``codegen generate``
(and so ``codegen upgrade``) puts it into the tool with the schema's own
title as its description, and ``codegen check`` fails until it is
committed; :func:`tool_changes` lists it in the upgrade review.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codegen.schema import Document

ROOT = Path(__file__).resolve().parent.parent
CONTRACT_FILE = ROOT / "cml_ergonomic" / "agents" / "_contract.json"
CONTRACT_PATH = "cml_ergonomic/agents/_contract.json"

# Keywords of a request property that carry into a tool parameter; the rest (title, examples, ...) do not.
_KEPT = ("type", "enum", "format", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "default")


@dataclass(frozen=True)
class ToolSpec:
    """What the schema cannot say about one tool.

    Attributes:
        name: the tool's name (fixed by the server's documentation).
        method: the HTTP method of its operation.
        path: the operation's path.
        description: for the model: what it does and when to use it.
        effect: what it can do to the user's data, in a few words (for the docs and the MCP annotations).
        parameters: descriptions for the model, by field name; a field without one gets the schema's title.
        bound: fields the model does not set, each with the reason (the application or the tool sets them).
        limits: extra bounds the tool layer adds to a field (e.g. ``maxItems``), by field name.
        default_enabled: in the default tool set.
    """

    name: str
    method: str
    path: str
    description: str
    effect: str
    parameters: dict[str, str] = field(default_factory=dict)
    bound: dict[str, str] = field(default_factory=dict)
    limits: dict[str, dict[str, Any]] = field(default_factory=dict)
    default_enabled: bool = True


FORGET_CAP = 10  # memories one memory_forget call may affect, unless the application sets another cap

TOOLS: tuple[ToolSpec, ...] = (
    ToolSpec(
        "memory_write",
        "POST",
        "/api/v1/memory/write",
        "Store one fact, preference or event about the user for later conversations. Use it when the user "
        "tells you something worth remembering; write one self-contained statement per call.",
        "adds one memory",
        parameters={
            "content": "The memory as a short self-contained statement, e.g. 'User is vegetarian'.",
            "context_tags": "Optional tags to file it under, e.g. ['preferences', 'food'].",
            "memory_type": "Optional kind of memory; leave it out to let the server classify it.",
            "metadata": "Optional JSON object of extra details.",
        },
        bound={
            "session_id": "the application binds the conversation (MemoryTools(session_id=...))",
            "agent_id": "the application identifies its agent, not the model",
            "namespace": "the client's namespace (client.with_namespace) applies",
            "turn_id": "the application numbers its turns",
            "timestamp": "the server stamps the time of the write",
        },
    ),
    ToolSpec(
        "memory_read",
        "POST",
        "/api/v1/memory/read",
        "Search the user's long-term memory. Use it before answering anything that may depend on what you "
        "were told earlier (preferences, facts, plans). Returns the best matches with their ids.",
        "reads only",
        parameters={
            "query": "What to look for, in natural language, e.g. 'food preferences'.",
            "max_results": "How many memories to return (default 10).",
            "context_filter": "Optional: only memories filed under these tags.",
            "memory_types": "Optional: only these kinds of memory.",
            "since": "Optional ISO 8601 time with zone: only memories from then on.",
            "until": "Optional ISO 8601 time with zone: only memories up to then.",
        },
        bound={
            "format": "the tool asks for the compact format that suits a context window",
            "user_timezone": "the application knows the user's zone",
        },
    ),
    ToolSpec(
        "memory_update",
        "POST",
        "/api/v1/memory/update",
        "Correct or adjust one memory you found with memory_read, by its id. Use it when the user corrects "
        "something you remembered, or to give feedback on a memory.",
        "changes one memory (its version goes up)",
        parameters={
            "memory_id": "The id of the memory, as memory_read returned it.",
            "text": "Optional new text that replaces the old one.",
            "confidence": "Optional new confidence, 0 to 1.",
            "importance": "Optional new importance, 0 to 1.",
            "metadata": "Optional JSON object that replaces the memory's metadata.",
            "feedback": "Optional feedback on the memory, e.g. 'correct' or 'incorrect'.",
        },
    ),
    ToolSpec(
        "memory_forget",
        "POST",
        "/api/v1/memory/forget",
        "Forget memories the user asks you to forget. Give memory_ids (from memory_read) to forget exactly "
        "those. Give a query instead to get a preview of what matches: nothing is forgotten then, and you "
        "call again with the ids you mean. At most {cap} memories per call.",
        "deletes the given memories (a query only previews)",
        parameters={
            "memory_ids": "The ids of the memories to forget, as memory_read returned them.",
            "query": "Preview only: what matches this query; nothing is forgotten.",
        },
        bound={
            "before": "forgetting by age has no preview; the application decides it, not the model",
            "action": "always delete: servers 1.5.1 and 2.0.0 delete for archive and silence too (refused by the SDK)",
        },
        limits={"memory_ids": {"minItems": 1, "maxItems": FORGET_CAP}},
    ),
    ToolSpec(
        "memory_stats",
        "GET",
        "/api/v1/memory/stats",
        "Count the user's memories by state and by kind. Use it when asked how much you remember.",
        "reads only",
    ),
    ToolSpec(
        "memory_turn",
        "POST",
        "/api/v1/memory/turn",
        "Record one exchange of the conversation (the user's message and your answer) and get the memory "
        "context relevant to it. Use it once per turn when the application does not record turns itself.",
        "adds what the server judges worth remembering from the exchange",
        parameters={
            "user_message": "What the user said.",
            "assistant_response": "Optional: what you answered.",
            "max_context_tokens": "Optional budget for the returned context (default 1500).",
        },
        bound={
            "session_id": "the application binds the conversation (MemoryTools(session_id=...))",
            "timestamp": "the server stamps the time of the turn",
            "user_timezone": "the application knows the user's zone",
        },
        default_enabled=False,
    ),
)


class ContractError(Exception):
    """The snapshot lacks an operation or a schema a tool is built from."""


def _resolve(document: Document, schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return schema
    name = ref.rsplit("/", 1)[-1]
    try:
        target: dict[str, Any] = document["components"]["schemas"][name]
    except KeyError:
        raise ContractError(f"the snapshot has no schema {name!r} ({ref})") from None
    return _resolve(document, target)


def _parameter(document: Document, schema: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """A request property as a tool parameter; and whether it accepts null (then null means "leave out")."""
    schema = _resolve(document, schema)
    nullable = False
    variants = schema.get("anyOf")
    if isinstance(variants, list):
        concrete = [v for v in variants if v.get("type") != "null"]
        nullable = len(concrete) < len(variants)
        if len(concrete) == 1:
            outer = {k: v for k, v in schema.items() if k != "anyOf"}
            schema = {**_resolve(document, concrete[0]), **outer}
    out: dict[str, Any] = {}
    for key in _KEPT:
        if key in schema:
            out[key] = schema[key]
    if out.get("type") == "integer":
        for bound in ("minimum", "maximum"):
            if isinstance(out.get(bound), float):
                out[bound] = int(out[bound])
    if "items" in schema:
        out["items"], _ = _parameter(document, schema["items"])
    if schema.get("type") == "object" or "additionalProperties" in schema:
        out.setdefault("type", "object")
    return out, nullable


def _request_schema(document: Document, spec: ToolSpec) -> tuple[str | None, dict[str, Any]]:
    try:
        operation = document["paths"][spec.path][spec.method.lower()]
    except KeyError:
        raise ContractError(f"{spec.name}: the snapshot has no operation {spec.method} {spec.path}") from None
    body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
    if body is None:
        return None, {"properties": {}, "required": []}
    ref = body.get("$ref")
    return (ref.rsplit("/", 1)[-1] if isinstance(ref, str) else None), _resolve(document, body)


def build_tool(document: Document, spec: ToolSpec) -> dict[str, Any]:
    """One tool of the contract, from the snapshot and its spec.

    Args:
        document: the OpenAPI snapshot.
        spec: the hand-written part.

    Returns:
        The tool: ``name``, ``description``, ``operation``, ``request_schema``, ``effect``,
        ``default_enabled``, ``input_schema`` (JSON Schema), ``sources`` (field -> schema location),
        ``nullable`` (fields whose null means "leave out") and ``bound`` (fields the model does not set).

    Raises:
        ContractError: the operation or a referenced schema is missing.
    """
    schema_name, request = _request_schema(document, spec)
    required = set(request.get("required", []))
    properties: dict[str, Any] = {}
    sources: dict[str, str] = {}
    nullable: list[str] = []
    for name, raw in request.get("properties", {}).items():
        if name in spec.bound:
            continue
        parameter, accepts_null = _parameter(document, raw)
        parameter.update(spec.limits.get(name, {}))
        title = raw.get("title") or name.replace("_", " ").capitalize()
        parameter["description"] = spec.parameters.get(name) or raw.get("description") or f"{title}."
        properties[name] = parameter
        sources[name] = f"{schema_name}.{name}"
        if accepts_null:
            nullable.append(name)
    # A description or limit for a field the server removed is left unused (the tool follows the schema); the
    # upgrade review names the removed parameter, and a unit test asks for the stale text to go.
    input_schema = {
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "required": sorted(required & set(properties)),
        "additionalProperties": False,
    }
    return {
        "name": spec.name,
        "description": spec.description,  # "{cap}" is filled in with the application's cap at run time
        "operation": f"{spec.method} {spec.path}",
        "request_schema": schema_name,
        "effect": spec.effect,
        "default_enabled": spec.default_enabled,
        "input_schema": input_schema,
        "sources": dict(sorted(sources.items())),
        "nullable": sorted(nullable),
        "bound": dict(sorted(spec.bound.items())),
    }


def build_contract(document: Document, snapshot_name: str) -> dict[str, Any]:
    """The whole contract from a snapshot.

    Args:
        document: the OpenAPI snapshot (unpatched).
        snapshot_name: its file name, recorded as the source.

    Returns:
        ``{"source": ..., "forget_cap": ..., "tools": [...], "unavailable": {tool: reason}}``.

    Raises:
        ContractError: a schema the request refers to is missing (a broken document).
    """
    document = copy.deepcopy(document)
    built, unavailable = [], {}
    for spec in TOOLS:
        if spec.method.lower() not in document.get("paths", {}).get(spec.path, {}):
            # The server dropped the operation: the tool goes (the review's wrapped-operation-removed item).
            unavailable[spec.name] = f"the snapshot has no operation {spec.method} {spec.path}"
            continue
        built.append(build_tool(document, spec))
    return {"source": snapshot_name, "forget_cap": FORGET_CAP, "tools": built, "unavailable": unavailable}


def render(contract: dict[str, Any]) -> str:
    """The contract file's text: sorted keys, two-space indentation, a trailing newline."""
    return json.dumps(contract, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def expected_text(snapshot: Path) -> str:
    """What the contract file must hold for ``snapshot``."""
    document = json.loads(snapshot.read_text(encoding="utf-8"))
    return render(build_contract(document, snapshot.name))


def write(snapshot: Path, target: Path = CONTRACT_FILE) -> None:
    """Write the contract for ``snapshot`` to ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(expected_text(snapshot), encoding="utf-8")


def drift(snapshot: Path, target: Path = CONTRACT_FILE) -> list[str]:
    """The unified diff between ``target`` and what ``snapshot`` produces; empty when they match."""
    import difflib

    expected = expected_text(snapshot)
    actual = target.read_text(encoding="utf-8") if target.exists() else ""
    if actual == expected:
        return []
    return list(
        difflib.unified_diff(
            actual.splitlines(keepends=True), expected.splitlines(keepends=True), CONTRACT_PATH, "regenerated"
        )
    )


@dataclass(frozen=True, order=True)
class ToolChange:
    """A parameter a tool gains or loses when the schema changes.

    Attributes:
        tool: the tool's name.
        kind: ``parameter-added``, ``parameter-removed`` or ``parameter-changed``.
        parameter: the field.
        detail: what changed, in words.
    """

    tool: str
    kind: str
    parameter: str
    detail: str


def tool_changes(old: Document, new: Document) -> list[ToolChange]:
    """What a move from ``old`` to ``new`` changes in the tools the model sees, sorted.

    Args:
        old: the snapshot the contract was built from.
        new: the schema it moves to.

    Returns:
        The changes; a tool whose operation is gone is left to the operation review.
    """
    changes: list[ToolChange] = []
    for spec in TOOLS:
        try:
            was = build_tool(copy.deepcopy(old), spec)["input_schema"]
            now = build_tool(copy.deepcopy(new), spec)["input_schema"]
        except ContractError:
            continue
        before, after = was["properties"], now["properties"]
        for name in sorted(set(after) - set(before)):
            need = "required" if name in now["required"] else "optional"
            changes.append(ToolChange(spec.name, "parameter-added", name, f"new {need} parameter"))
        for name in sorted(set(before) - set(after)):
            changes.append(ToolChange(spec.name, "parameter-removed", name, "the server no longer takes it"))
        for name in sorted(set(before) & set(after)):
            if before[name] != after[name] or (name in was["required"]) != (name in now["required"]):
                changes.append(ToolChange(spec.name, "parameter-changed", name, "its schema changed"))
    return sorted(changes)
