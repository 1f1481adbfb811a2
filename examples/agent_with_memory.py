"""An agent with memory, offline: the real CML server, the real ``openai`` client, and a scripted model.

    python -m examples.agent_with_memory        # or: nox -s agent_demo

The model is ``examples.model_stub``, an OpenAI-compatible server on
127.0.0.1 that plays a script: it calls the memory tools, then answers from
what they returned. Everything else is real: ``MemoryChat`` reads memory
context into the prompt, runs the model's tool calls through ``MemoryTools``
against the CML server (started locally as in ``examples.demo``, or the one
at ``CML_BASE_URL``), and stores each turn. The checks at the end read what
the model was sent.
"""

from __future__ import annotations

import json
import sys
import uuid
from typing import Any

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic.agents import MemoryChat
from examples.demo import server
from examples.model_stub import ModelStub, call, calls, say, system_prompt, tool_results

MARK = uuid.uuid4().hex[:6]  # a word of this run, so a shared server's older memories do not interfere
VEGETARIAN = f"User is vegetarian ({MARK})"
CITY = f"User lives in Oslo ({MARK})"


def _ids_about(word: str) -> Any:
    """Arguments for memory_forget: the ids, from the preview in the last tool result, whose text has ``word``."""

    def arguments(request: dict[str, Any]) -> dict[str, Any]:
        preview = tool_results(request)[-1]
        return {"memory_ids": [m["id"] for m in preview["memories"] if word in m["text"] and MARK in m["text"]]}

    return arguments


def _recall(request: dict[str, Any]) -> str:
    memories = tool_results(request)[-1]["memories"]
    found = [m["text"] for m in memories if MARK in m["text"] and "vegetarian" in m["text"]]
    return "From memory: " + "; ".join(sorted(found)) + ". How about a vegetable curry?"


SCRIPT = [
    # turn 1: the user states two facts; the model stores them, then confirms
    calls(("memory_write", {"content": VEGETARIAN, "context_tags": ["food"]}), ("memory_write", {"content": CITY})),
    say("Noted: you are vegetarian and live in Oslo."),
    # turn 2: the model searches memory, then answers from the tool result
    call("memory_read", {"query": f"vegetarian {MARK}", "max_results": 5}),
    say(_recall),
    # turn 3: forgetting is two steps: a preview by query, then the ids the model means
    call("memory_forget", {"query": f"Oslo {MARK}"}),
    call("memory_forget", _ids_about("Oslo")),
    say("Done: I forgot where you live."),
]


def run(base_url: str, api_key: str) -> None:
    from openai import OpenAI

    with ModelStub(SCRIPT) as stub, CognitiveMemoryLayer(api_key=api_key, base_url=base_url) as memory:
        llm = OpenAI(base_url=stub.base_url, api_key="offline-stub", max_retries=0)
        chat = MemoryChat(memory, llm, model="scripted-stub", tools=True)
        session = f"agent-demo-{MARK}"

        for message in (
            "I'm vegetarian and I live in Oslo.",
            "What vegetarian dish should I cook tonight?",
            "Forget where I live.",
        ):
            reply = chat.chat(message, session_id=session)
            print(f"\nuser:      {message}")
            for record in reply.tool_calls:
                print(f"  tool:    {record.name}({record.arguments}) -> {str(record.result)[:110]}")
            print(f"assistant: {reply.text}   [turn stored: {reply.stored}]")

        # What the model was shown: memory context in the prompt, and the tool results.
        second_turn = next(r for r in stub.requests if "cook" in r["messages"][-1].get("content", ""))
        assert VEGETARIAN in system_prompt(second_turn), "the stored fact should reach the next turn's prompt"
        writes = tool_results(stub.requests[1])
        assert [w["ok"] and w["stored"] for w in writes] == [True, True], writes
        preview = tool_results(stub.requests[5])[-1]
        assert preview["preview"] and preview["forgotten"] == 0, preview
        sent = json.loads(stub.requests[6]["messages"][-2]["tool_calls"][0]["function"]["arguments"])["memory_ids"]
        about_oslo = {m["id"] for m in preview["memories"] if "Oslo" in m["text"] and MARK in m["text"]}
        assert sent and set(sent) == about_oslo, (sent, preview)  # the model chose from the preview
        forgot = tool_results(stub.requests[6])[-1]
        assert forgot == {"ok": True, "action": "delete", "forgotten": len(sent)}, forgot
        left = [m.text for m in memory.read(MARK, max_results=50).memories]
        assert VEGETARIAN in left and CITY not in left, left
        assert stub.unplayed == 0
        print(f"\nchecked: {len(stub.requests)} model requests; the prompt carried memory; Oslo was forgotten")


def main() -> int:
    with server() as (base_url, api_key, _admin):
        run(base_url, api_key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
