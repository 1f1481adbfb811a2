"""The agent tools' small parts: argument checks, result shaping, pass-through of new fields, the chat context."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
import uuid
from types import SimpleNamespace
from typing import Any

import pytest

from cml_ergonomic.agents import MemoryChat, MemoryTools
from cml_ergonomic.agents._arguments import ArgumentProblem, check, jsonable, parse
from cml_ergonomic.agents._compact import failure, from_error, mask, memories
from cml_ergonomic.agents.chat import memory_lines
from cml_ergonomic.errors import CMLError, ValidationError
from cml_ergonomic.testing import FakeCML

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "n": {"type": "integer", "minimum": 1, "maximum": 5},
        "x": {"type": "number", "minimum": 0.5},
        "ids": {"type": "array", "items": {"type": "string", "format": "uuid"}, "minItems": 1, "maxItems": 2},
        "at": {"type": "string", "format": "date-time"},
        "flag": {"type": "boolean"},
    },
    "required": [],
}


def problem(arguments: dict[str, Any]) -> tuple[str | None, str]:
    with pytest.raises(ArgumentProblem) as caught:
        check("t", SCHEMA, frozenset(), arguments)
    return caught.value.field, caught.value.message


def test_values_are_checked_and_normalised() -> None:
    some_id = uuid.uuid4()
    checked = check(
        "t", SCHEMA, frozenset(), {"n": 5.0, "x": 2, "ids": [str(some_id).upper()], "at": "2025-01-31T12:00:00Z"}
    )
    assert checked == {"n": 5, "x": 2, "ids": [str(some_id)], "at": dt.datetime(2025, 1, 31, 12, tzinfo=dt.UTC)}
    assert isinstance(checked["n"], int)
    assert jsonable([checked["at"]]) == ["2025-01-31T12:00:00+00:00"] and jsonable(3) == 3
    assert problem({"n": 5.5}) == ("n", "must be a whole number, got 5.5")
    assert problem({"n": 6}) == ("n", "must be at most 5; got 6")
    assert problem({"n": 0}) == ("n", "must be at least 1; got 0")
    assert problem({"x": 0.1}) == ("x", "must be at least 0.5; got 0.1")
    assert problem({"ids": []}) == ("ids", "must have at least 1 items; has 0")
    assert problem({"ids": [str(some_id)] * 3}) == ("ids", "must have at most 2 items; has 3")
    assert problem({"flag": "yes"}) == ("flag", 'must be true or false, got "yes"')
    assert problem({"flag": None}) == ("flag", "must not be null; leave it out instead")
    assert problem({"at": "2025-01-31T12:00:00"})[1] == "needs a time zone, e.g. 2025-01-31T12:00:00Z for UTC"
    field, message = problem({"at": "y" * 100})
    assert field == "at"
    assert message.startswith('must be an ISO 8601 time like 2025-01-31T12:00:00Z; got "yyy') and message.endswith(
        "y..."
    )
    assert len(message) < 100  # the model's long value is not echoed whole
    assert parse(None) == {} == parse("") and parse(b'{"a": 1}') == {"a": 1}
    with pytest.raises(ArgumentProblem) as caught:
        parse(b"\xff")
    assert caught.value.kind == "invalid_json"


def item(text: str) -> Any:
    return SimpleNamespace(id=uuid.uuid4(), type_="semantic_fact", text=text, timestamp=None)


def test_results_fit_their_budget_and_count_what_they_leave_out() -> None:
    shaped = memories([item("a" * 900), item("b" * 300), item("c" * 300)], budget=700)
    assert [len(m["text"]) for m in shaped["memories"]] == [500, 200]  # cut to 500, then to the room left
    assert shaped["memories"][0]["text"].endswith("…") and shaped["omitted"] == 1 and shaped["count"] == 2
    assert "when" not in shaped["memories"][0]


def test_errors_are_results_with_their_kind_and_no_secret() -> None:
    invalid = from_error(
        ValidationError("content: too long", errors=[{"loc": ["body", "content"], "msg": "too long", "type": "x"}]),
        ["k3y"],
    )
    assert invalid["error"]["kind"] == "invalid_arguments" and invalid["error"]["field"] == "content"
    other = from_error(CMLError("k3y went wrong", suggestion="not k3y"), ["k3y"])
    assert other == {"ok": False, "error": {"kind": "error", "message": "*** went wrong", "hint": "not ***"}}
    assert mask({"a": ["k3y", 1]}, ["k3y"]) == {"a": ["***", 1]} and mask("k3y", []) == "k3y"
    assert failure("x", "m", status=None) == {"ok": False, "error": {"kind": "x", "message": "m"}}


def test_a_field_the_wrapper_does_not_know_goes_into_the_body_as_checked() -> None:
    fake = FakeCML()
    tools = MemoryTools(fake.client())
    write = tools._by_name["memory_write"]
    schema = dict(write.input_schema)
    schema["properties"] = {**schema["properties"], "due": {"type": "string", "format": "date-time"}}
    tools._by_name["memory_write"] = dataclasses.replace(write, input_schema=schema)
    tools._schemas["memory_write"] = schema
    refused = tools.call("memory_write", {"content": "pay rent", "due": "soon"})
    assert refused["error"]["field"] == "due" and fake.requests == []
    tools.call("memory_write", {"content": "pay rent", "due": "2026-01-01T09:00:00+01:00"})
    assert fake.requests[-1].json == {"content": "pay rent", "due": "2026-01-01T09:00:00+01:00"}
    assert repr(tools).startswith("MemoryTools(memory_write, memory_read") and "forget_cap=10" in repr(tools)
    with pytest.raises(TypeError, match="acall needs"):
        import asyncio

        asyncio.run(tools.acall("memory_stats"))


def test_the_chat_context_lines_and_the_servers_own_context() -> None:
    stamp = dt.datetime(2026, 1, 2, tzinfo=dt.UTC)
    lines = memory_lines([SimpleNamespace(text="t" * 30, type_="preference", timestamp=stamp)] * 3, budget=120)
    assert lines.splitlines() == ["- " + "t" * 30 + " (preference, 2026-01-02)"] * 2

    class LLM:
        def __init__(self) -> None:
            self.sent: list[Any] = []
            self.chat = SimpleNamespace(completions=self)

        def create(self, **request: Any) -> Any:
            self.sent.append(request)
            message = SimpleNamespace(content="ok", tool_calls=None)
            return SimpleNamespace(choices=[SimpleNamespace(message=message)])

    fake, llm = FakeCML(), LLM()
    memory = fake.client()
    memory.write("User's dog is Rex")
    reply = MemoryChat(memory, llm, model="m", context_format="llm_context", store=False).chat("dog Rex")
    assert reply.memory_context and reply.memory_context in llm.sent[0]["messages"][0]["content"]
    assert reply.stored is False and not [r for r in fake.requests if r.path.endswith("/turn")]
    assert fake.requests[-1].json["format"] == "llm_context"


def test_without_the_extra_the_command_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from cml_ergonomic.cli import main as cli_main

    monkeypatch.setitem(sys.modules, "mcp", None)  # what an environment without the extra looks like
    assert cli_main(["mcp"]) == 2
    assert 'pip install "cml-ergonomic[mcp]"' in capsys.readouterr().err


@pytest.mark.parametrize(
    "memories",
    [
        "nope",
        ["nope"],
        [{"id": "x", "type": "fact", "text": "t"}],
        [{"id": str(uuid.uuid4()), "type": "fact"}],
        [{"id": str(uuid.uuid4()), "type": "fact", "text": 3}],
        [{"id": str(uuid.uuid4()), "type": 5, "text": "t"}],
        [{"id": str(uuid.uuid4()), "type": "fact", "text": "t", "timestamp": "soon"}],
    ],
)
def test_a_read_body_that_breaks_the_schema_is_a_bad_response_result(memories: Any) -> None:
    import httpx

    from cml_ergonomic import CognitiveMemoryLayer

    body = {"query": "q", "memories": memories, "total_count": 1, "elapsed_ms": 1.0}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body))
    with CognitiveMemoryLayer(
        api_key="k3y-secret", base_url="http://cml.test", http_client=httpx.Client(transport=transport)
    ) as memory:
        result = MemoryTools(memory).call("memory_read", {"query": "q"})
    assert result["ok"] is False and result["error"]["kind"] == "bad_response", result
    assert "does not match the schema" in result["error"]["message"]
