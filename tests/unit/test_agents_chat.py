"""``MemoryChat`` with the real ``openai`` client against the scripted model stub, memory in FakeCML.

What the model received is read from the stub's record of its requests:
the memory context in the system prompt, the tools, and the tool results.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from cml_ergonomic.agents import MemoryChat
from cml_ergonomic.agents.chat import MEMORY_HEADING
from cml_ergonomic.testing import FakeCML
from examples.model_stub import ModelStub, call, say, system_prompt, tool_results

openai = pytest.importorskip("openai")  # the "openai" extra; installed in the test environments

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Pair:
    """A memory client and an openai client of the same kind, and a way to call chat on them."""

    def __init__(self, mode: str, fake: FakeCML, stub: ModelStub) -> None:
        self.mode = mode
        self.memory = fake.client() if mode == "sync" else fake.async_client()
        kind = openai.OpenAI if mode == "sync" else openai.AsyncOpenAI
        self.llm = kind(base_url=stub.base_url, api_key="offline", max_retries=0)

    async def chat(self, chat: MemoryChat, message: str, **kwargs: Any) -> Any:
        return chat.chat(message, **kwargs) if self.mode == "sync" else await chat.achat(message, **kwargs)

    async def close(self) -> None:
        # closed on the loop that used them: a collected async client would close on a finished loop
        if self.mode == "sync":
            self.memory.close()
            self.llm.close()
        else:
            await self.memory.aclose()
            await self.llm.close()


@pytest.fixture
async def fake_and_pair(mode: str, stub: ModelStub) -> AsyncIterator[tuple[FakeCML, Pair]]:
    fake = FakeCML()
    pair = Pair(mode, fake, stub)
    yield fake, pair
    await pair.close()


@pytest.fixture
def stub() -> Iterator[ModelStub]:
    with ModelStub([]) as running:
        yield running


async def test_one_call_reads_context_asks_the_model_and_stores_the_turn(
    fake_and_pair: tuple[FakeCML, Pair], stub: ModelStub
) -> None:
    fake, pair = fake_and_pair
    fake.client().write("User is vegetarian")
    stub.extend([say("Try a lentil curry.")])
    chat = MemoryChat(pair.memory, pair.llm, model="stub-model", system_prompt="Be brief.")

    reply = await pair.chat(
        chat,
        "What should I cook? vegetarian",
        session_id="s-9",
        extra_messages=[{"role": "user", "content": "hi"}],
        create_options={"temperature": 0.25},
    )

    assert reply.text == "Try a lentil curry." and str(reply) == reply.text and reply.stored and reply.degraded is None
    (sent,) = stub.requests
    assert sent["model"] == "stub-model" and "tools" not in sent and sent["temperature"] == 0.25
    prompt = system_prompt(sent)
    assert prompt.startswith("Be brief.") and MEMORY_HEADING in prompt and "User is vegetarian" in prompt
    assert [m["role"] for m in sent["messages"]] == ["system", "user", "user"]
    turn = [r for r in fake.requests if r.path.endswith("/memory/turn")]
    assert len(turn) == 1 and turn[0].json["assistant_response"] == "Try a lentil curry."
    assert turn[0].json["session_id"] == "s-9" and turn[0].json["user_message"] == "What should I cook? vegetarian"


async def test_the_model_calls_the_memory_tools_and_sees_their_results(
    fake_and_pair: tuple[FakeCML, Pair], stub: ModelStub
) -> None:
    fake, pair = fake_and_pair
    stub.extend(
        [
            call("memory_write", {"content": "User's cat is called Miso"}),
            call("memory_read", {"query": "cat"}),
            call("memory_read", {"query": 3}),  # a mistake: the model gets it back as a result
            say(lambda request: "Your cat is " + tool_results(request)[1]["memories"][0]["text"].split()[-1]),
        ]
    )
    chat = MemoryChat(pair.memory, pair.llm, model="m", tools=True)

    reply = await pair.chat(chat, "My cat is Miso. What is my cat called?", session_id="s-1")

    assert reply.text == "Your cat is Miso"
    assert [r.name for r in reply.tool_calls] == ["memory_write", "memory_read", "memory_read"]
    assert reply.tool_calls[2].result["error"]["field"] == "query"
    assert [t["function"]["name"] for t in stub.requests[0]["tools"]][:2] == ["memory_write", "memory_read"]
    last = stub.requests[-1]["messages"]
    results = [json.loads(m["content"]) for m in last if m["role"] == "tool"]
    assert results[0]["stored"] is True and results[1]["memories"][0]["text"] == "User's cat is called Miso"
    assert [m["role"] for m in last[-6:]] == ["assistant", "tool", "assistant", "tool", "assistant", "tool"]
    written = next(r for r in fake.requests if r.path.endswith("/memory/write"))
    assert written.json["session_id"] == "s-1"


async def test_the_tool_loop_is_bounded(fake_and_pair: tuple[FakeCML, Pair], stub: ModelStub) -> None:
    _, pair = fake_and_pair
    stub.extend([call("memory_stats", {}), call("memory_stats", {}), say("Enough.")])
    chat = MemoryChat(pair.memory, pair.llm, model="m", tools=["memory_stats"], max_tool_rounds=1)

    reply = await pair.chat(chat, "How much do you remember?")

    assert reply.text == "" and len(reply.tool_calls) == 1  # the second round's tool call is not run
    assert [r.get("tool_choice") for r in stub.requests] == [None, "none"]
    assert [t["function"]["name"] for t in stub.requests[0]["tools"]] == ["memory_stats"]
    assert stub.unplayed == 1


async def test_memory_down_degrades_the_reply_but_not_the_answer(
    fake_and_pair: tuple[FakeCML, Pair], stub: ModelStub
) -> None:
    fake, pair = fake_and_pair
    fake.fail_next(20, status=503)
    stub.extend([say("Hello!")])
    reply = await pair.chat(MemoryChat(pair.memory, pair.llm, model="m"), "hi")
    assert reply.text == "Hello!" and reply.stored is False and reply.degraded
    assert "(none yet)" in system_prompt(stub.requests[0])


def test_the_model_comes_from_the_environment_or_is_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    with pytest.raises(ValueError, match="OPENAI_MODEL"):
        MemoryChat(object(), object())
    monkeypatch.setenv("OPENAI_MODEL", "from-env")
    assert MemoryChat(object(), object()).model == "from-env"
    with pytest.raises(ValueError, match="max_tool_rounds"):
        MemoryChat(object(), object(), max_tool_rounds=-1)
