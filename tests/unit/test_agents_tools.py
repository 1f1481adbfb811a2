"""``MemoryTools``: the tool definitions in each format, and the dispatcher through every tool and mistake.

Every behaviour runs on the sync client (``call``) and the async client
(``acall``), with arguments as a dict and as the JSON text a model produces.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from cml_ergonomic.agents import MemoryTools, load_contract
from cml_ergonomic.testing import API_KEY, FakeCML
from codegen.schema import current_snapshot, load_document

pytestmark = pytest.mark.anyio

Call = Callable[[str, Any], Awaitable[dict[str, Any]]]


@pytest.fixture(params=["sync-dict", "sync-json", "async-dict", "async-json"])
def dispatch(request: pytest.FixtureRequest) -> tuple[FakeCML, Call, MemoryTools]:
    fake = FakeCML()
    mode, form = request.param.split("-")
    client = fake.client() if mode == "sync" else fake.async_client()
    tools = MemoryTools(client, include=[t.name for t in load_contract().tools], session_id="s-1")

    async def run(name: str, arguments: Any) -> dict[str, Any]:
        if form == "json" and isinstance(arguments, dict):
            arguments = json.dumps(arguments)
        result = tools.call(name, arguments) if mode == "sync" else await tools.acall(name, arguments)
        json.dumps(result)  # always JSON-serialisable
        return result

    return fake, run, tools


async def test_every_tool_through_the_dispatcher(dispatch: tuple[FakeCML, Call, MemoryTools]) -> None:
    fake, run, _ = dispatch
    written = await run(
        "memory_write", {"content": "User is vegetarian", "context_tags": ["food"], "memory_type": None}
    )
    assert written["ok"] and written["stored"] is True
    sent = fake.requests[-1].json
    assert sent["session_id"] == "s-1" and sent["context_tags"] == ["food"] and "memory_type" not in sent

    read = await run("memory_read", {"query": "vegetarian", "max_results": 3})
    assert [m["text"] for m in read["memories"]] == ["User is vegetarian"]
    assert fake.requests[-1].json["format"] == "list" and read["memories"][0]["when"].endswith("+00:00")
    memory_id = read["memories"][0]["id"]

    updated = await run("memory_update", {"memory_id": memory_id, "text": "User is vegan"})
    assert updated == {"ok": True, "memory_id": memory_id, "version": 2}

    stats = await run("memory_stats", None)
    assert stats["ok"] and stats["total_memories"] == 1 and stats["active_memories"] == 1

    turn = await run("memory_turn", {"user_message": "I am vegan, remember?", "assistant_response": "Yes."})
    assert turn["ok"] and "vegan" in turn["context"] and fake.requests[-1].json["session_id"] == "s-1"

    before = len(fake.requests)
    preview = await run("memory_forget", {"query": "vegan"})
    assert (
        preview["preview"] is True and preview["forgotten"] == 0 and memory_id in [m["id"] for m in preview["memories"]]
    )
    assert all(not r.path.endswith("/forget") for r in fake.requests[before:])  # a query only previews

    forgot = await run("memory_forget", {"memory_ids": [memory_id]})
    assert forgot == {"ok": True, "action": "delete", "forgotten": 1}
    assert fake.requests[-1].json == {"action": "delete", "memory_ids": [memory_id]}


MISTAKES = [
    ("memory_nope", {}, "unknown_tool", None),
    ("memory_read", "{not json", "invalid_json", None),
    ("memory_read", "[1, 2]", "invalid_arguments", None),
    ("memory_read", {}, "invalid_arguments", "query"),
    ("memory_read", {"query": 5}, "invalid_arguments", "query"),
    ("memory_read", {"query": "x", "max_results": 0}, "invalid_arguments", "max_results"),
    ("memory_read", {"query": "x", "max_results": True}, "invalid_arguments", "max_results"),
    ("memory_read", {"query": "x", "memory_types": ["gossip"]}, "invalid_arguments", "memory_types[0]"),
    ("memory_read", {"query": "x", "since": "yesterday"}, "invalid_arguments", "since"),
    ("memory_read", {"query": "x", "since": "2025-01-01T00:00:00"}, "invalid_arguments", "since"),
    ("memory_read", {"query": "x", "format": "packet"}, "invalid_arguments", "format"),
    ("memory_read", {"query": None}, "invalid_arguments", "query"),
    ("memory_write", {"content": ""}, "invalid_arguments", "content"),
    ("memory_write", {"content": "x", "context_tags": "food"}, "invalid_arguments", "context_tags"),
    ("memory_write", {"content": "x", "metadata": [1]}, "invalid_arguments", "metadata"),
    ("memory_write", {"content": "x", "session_id": "other"}, "invalid_arguments", "session_id"),
    ("memory_update", {"memory_id": "abc"}, "invalid_arguments", "memory_id"),
    ("memory_update", {"memory_id": str(uuid.uuid4()), "confidence": "high"}, "invalid_arguments", "confidence"),
    ("memory_forget", {}, "invalid_arguments", "memory_ids"),
    ("memory_forget", {"memory_ids": []}, "invalid_arguments", "memory_ids"),
    ("memory_forget", {"memory_ids": [str(uuid.uuid4())] * 11}, "invalid_arguments", "memory_ids"),
    ("memory_forget", {"memory_ids": [str(uuid.uuid4())], "query": "x"}, "invalid_arguments", "query"),
    (
        "memory_forget",
        {"memory_ids": [str(uuid.uuid4())], "before": "2025-01-01T00:00:00Z"},
        "invalid_arguments",
        "before",
    ),
    ("memory_forget", {"memory_ids": [str(uuid.uuid4())], "action": "shred"}, "invalid_arguments", "action"),
    # the servers delete for archive too: the tool offers no action, and says so rather than delete quietly
    ("memory_forget", {"memory_ids": [str(uuid.uuid4())], "action": "archive"}, "invalid_arguments", "action"),
    ("memory_stats", {"verbose": True}, "invalid_arguments", "verbose"),
]


@pytest.mark.parametrize(("name", "arguments", "kind", "field"), MISTAKES)
async def test_a_mistake_of_the_model_is_a_result_and_sends_nothing(
    dispatch: tuple[FakeCML, Call, MemoryTools], name: str, arguments: Any, kind: str, field: str | None
) -> None:
    fake, run, _ = dispatch
    result = await run(name, arguments)
    assert result["ok"] is False and result["error"]["kind"] == kind, result
    assert result["error"].get("field") == field
    assert result["error"]["message"] and result["error"]["hint"]
    assert fake.requests == []


async def test_server_failures_are_results_with_the_sdks_advice(dispatch: tuple[FakeCML, Call, MemoryTools]) -> None:
    fake, run, _ = dispatch
    missing = await run("memory_update", {"memory_id": str(uuid.uuid4()), "text": "x"})
    assert missing["error"]["kind"] == "not_found" and missing["error"]["status"] == 404
    assert missing["error"]["hint"] and missing["error"]["request_id"]
    fake.fail_next(10, status=503)
    down = await run("memory_read", {"query": "x"})
    assert down["error"]["kind"] == "server_error" and down["error"]["status"] == 503
    assert len(fake.requests) == 4  # the client's retries ran: 1 + 2 for the read... and the update
    fake.clear_faults()
    fake.refuse_next(10)
    gone = await run("memory_stats", {})
    assert gone["error"]["kind"] == "unreachable"


async def test_keys_never_appear_in_results() -> None:
    fake = FakeCML()
    tools = MemoryTools(fake.client())
    fake.fail_next(1, status=400, detail=f"bad key {API_KEY} for this tenant")
    result = tools.call("memory_stats", {})
    assert API_KEY not in json.dumps(result) and "***" in result["error"]["message"]


def test_the_formats_carry_the_contract() -> None:
    tools = MemoryTools(FakeCML().client(), forget_cap=3)
    contract = {t.name: t for t in tools.tools}
    chat, responses, anthropic = tools.openai_chat(), tools.openai_responses(), tools.anthropic()
    assert [t["function"]["name"] for t in chat] == [t["name"] for t in responses] == [t["name"] for t in anthropic]
    assert [t["name"] for t in anthropic] == [
        "memory_write",
        "memory_read",
        "memory_update",
        "memory_forget",
        "memory_stats",
    ]
    for c, r, a in zip(chat, responses, anthropic, strict=True):
        assert c["type"] == r["type"] == "function" and r["strict"] is False
        assert c["function"]["parameters"] == r["parameters"] == a["input_schema"]
        assert c["function"]["description"] == r["description"] == a["description"]
        assert "{cap}" not in a["description"]
    forget = next(a for a in anthropic if a["name"] == "memory_forget")
    assert forget["input_schema"]["properties"]["memory_ids"]["maxItems"] == 3 and "At most 3" in forget["description"]
    assert contract["memory_forget"].input_schema["properties"]["memory_ids"]["maxItems"] == 10  # not mutated
    capped = tools.call("memory_forget", {"memory_ids": [str(uuid.uuid4())] * 4})
    assert capped["error"]["field"] == "memory_ids"


def test_the_contract_is_the_snapshots_request_schemas() -> None:
    """Each parameter's type, enum, bounds and requiredness are the snapshot's (read from the snapshot here)."""
    document = load_document(current_snapshot())
    schemas = document["components"]["schemas"]
    for tool in load_contract().tools:
        method, path = tool.operation.split(" ", 1)
        assert method.lower() in document["paths"][path]
        for name, source in tool.sources.items():
            schema_name, field = source.split(".")
            raw = schemas[schema_name]["properties"][field]
            variants = [v for v in raw.get("anyOf", [raw]) if v.get("type") != "null"]
            variant = variants[0]
            target = schemas[variant["$ref"].rsplit("/", 1)[-1]] if "$ref" in variant else variant
            parameter = tool.input_schema["properties"][name]
            assert parameter.get("type") == target.get("type"), (tool.name, name)
            assert parameter.get("enum") == target.get("enum"), (tool.name, name)
            for bound in ("minimum", "maximum", "minLength", "maxLength"):
                assert parameter.get(bound) == variant.get(bound, raw.get(bound)), (tool.name, name, bound)
            assert (name in tool.input_schema["required"]) == (field in schemas[schema_name].get("required", []))
        bound_or_exposed = set(tool.sources) | set(tool.bound)
        if tool.request_schema:
            assert bound_or_exposed == set(schemas[tool.request_schema]["properties"]), tool.name


def test_misuse_by_the_application_raises() -> None:
    fake = FakeCML()
    with pytest.raises(ValueError, match="not a memory tool"):
        MemoryTools(fake.client(), include=["memory_wipe"])
    with pytest.raises(ValueError, match="forget_cap"):
        MemoryTools(fake.client(), forget_cap=0)
    with pytest.raises(TypeError, match="acall"):
        MemoryTools(fake.async_client()).call("memory_stats")
