"""``MemoryChat``: one call reads memory, asks an OpenAI-compatible chat model, and stores the turn.

It takes any object shaped like the ``openai`` client (``OpenAI``,
``AsyncOpenAI``, ``AzureOpenAI``, or a client of another provider's
compatible endpoint) and never imports ``openai`` itself: install the
``openai`` extra for the client. With ``tools=True`` the model may also call
the memory tools itself, for a bounded number of rounds.

Example:
    >>> from openai import OpenAI  # doctest: +SKIP
    >>> chat = MemoryChat(memory, OpenAI(), model="gpt-4o-mini", tools=True)  # doctest: +SKIP
    >>> chat.chat("What should I cook tonight?", session_id="s1").text  # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict, Unpack

from cml_ergonomic.agents._compact import ITEM_CHARS, cut
from cml_ergonomic.agents._compact import text as result_text
from cml_ergonomic.agents._drive import Plan, run_async, run_sync
from cml_ergonomic.agents._tools import MemoryTools
from cml_ergonomic.errors import CMLError

DEFAULT_SYSTEM_PROMPT = "You are a helpful assistant."
MEMORY_HEADING = "## Relevant memories"
TOOLS_NOTE = "You can search, store, correct and forget the user's memories with the memory tools."


class ChatOptions(TypedDict, total=False):
    """The per-call options of ``chat`` and ``achat``.

    Attributes:
        session_id: the conversation (the turn and the model's writes go there).
        system_prompt: overrides the helper's base system prompt for this call.
        extra_messages: earlier messages of the conversation, put before the user's.
        create_options: passed to ``chat.completions.create`` (``temperature``, ``max_tokens``, ...).
    """

    session_id: str | None
    system_prompt: str | None
    extra_messages: Iterable[Mapping[str, Any]]
    create_options: Mapping[str, Any]


@dataclass(frozen=True)
class ToolCallRecord:
    """One tool call the model made: its name, its arguments as sent, and the result it got back."""

    name: str
    arguments: str
    result: dict[str, Any]


@dataclass(frozen=True)
class ChatReply:
    """What one ``chat`` call did.

    Attributes:
        text: the assistant's answer.
        memory_context: the memory context put into the system prompt.
        tool_calls: the memory tools the model called, in order.
        stored: True when the turn was stored.
        degraded: why memory was unavailable (no context, or the turn not stored), or None.
        response: the model's last response object.
    """

    text: str
    memory_context: str
    tool_calls: list[ToolCallRecord] = field(default_factory=list)
    stored: bool = False
    degraded: str | None = None
    response: Any = field(default=None, repr=False)

    def __str__(self) -> str:
        return self.text


class MemoryChat:
    """Chat with memory: context in, turn stored, and optionally the memory tools for the model.

    Args:
        memory: a ``CognitiveMemoryLayer`` (use ``chat``) or ``AsyncCognitiveMemoryLayer`` (use ``achat``).
        llm: an ``openai`` client of the same kind (sync with sync, async with async).
        model: the chat model; default ``OPENAI_MODEL`` from the environment.
        tools: True to offer the model the memory tools, or a list of tool names.
        max_tool_rounds: how many rounds of tool calls the model may make before it must answer (default 4).
        max_results: memories in the context (1 to 50, default 10).
        system_prompt: the base system prompt; the memory context is appended to it.
        store: store each turn (default True).
        forget_cap: the memory_forget cap when tools are offered.
        context_format: ``"list"`` (default): the memories read, one line each (text, kind, date); or
            ``"llm_context"``: the server's own context text, which leaves out what it judges not relevant.
        context_chars: the budget for the memory lines (default 4000 characters).

    Raises:
        ValueError: no model was given and ``OPENAI_MODEL`` is unset, or ``max_tool_rounds`` < 0.
    """

    def __init__(
        self,
        memory: Any,
        llm: Any,
        *,
        model: str | None = None,
        tools: bool | Sequence[str] = False,
        max_tool_rounds: int = 4,
        max_results: int = 10,
        system_prompt: str = DEFAULT_SYSTEM_PROMPT,
        store: bool = True,
        forget_cap: int | None = None,
        context_format: Literal["list", "llm_context"] = "list",
        context_chars: int = 4000,
    ) -> None:
        self.model = model or os.environ.get("OPENAI_MODEL") or ""
        if not self.model:
            raise ValueError("no chat model: pass model= or set OPENAI_MODEL")
        if max_tool_rounds < 0:
            raise ValueError(f"max_tool_rounds must be 0 or more, got {max_tool_rounds}")
        self.memory = memory
        self.llm = llm
        self.tools: tuple[str, ...] | None = (
            None if tools is False else tuple(tools) if not isinstance(tools, bool) else tuple(_default_tools())
        )
        self.max_tool_rounds = max_tool_rounds
        self.max_results = max_results
        self.system_prompt = system_prompt
        self.store = store
        self.forget_cap = forget_cap
        self.context_format = context_format
        self.context_chars = context_chars

    def chat(self, user_message: str, **options: Unpack[ChatOptions]) -> ChatReply:
        """One turn on the sync clients: read memory, ask the model (and run its tool calls), store the turn.

        Args:
            user_message: what the user said.
            **options: ``session_id``, ``system_prompt``, ``extra_messages``, ``create_options`` (ChatOptions).

        Returns:
            The ``ChatReply``.

        Raises:
            Exception: what the chat model's client raises (memory failures only degrade the reply).
        """
        return run_sync(self._plan(user_message, options))

    async def achat(self, user_message: str, **options: Unpack[ChatOptions]) -> ChatReply:
        """``chat`` on the async clients (``AsyncCognitiveMemoryLayer`` and ``AsyncOpenAI``).

        Args:
            user_message: what the user said.
            **options: as for ``chat``.

        Returns:
            The ``ChatReply``.

        Raises:
            Exception: what the chat model's client raises.
        """
        return await run_async(self._plan(user_message, options))

    def _plan(self, user_message: str, options: ChatOptions) -> Plan[ChatReply]:
        session_id = options.get("session_id")
        system_prompt = options.get("system_prompt")
        create_options = dict(options.get("create_options") or {})
        memory = self.memory
        read = yield lambda: memory.read_safe(user_message, max_results=self.max_results, format=self.context_format)
        degraded = read.degraded_reason if read.degraded else None
        if self.context_format == "llm_context":
            context = read.llm_context if isinstance(read.llm_context, str) else ""  # a degraded read has none
        else:
            context = memory_lines(read.memories, self.context_chars)
        prompt = system_prompt if system_prompt is not None else self.system_prompt
        tools = None
        if self.tools is not None:
            tools = MemoryTools(memory, include=self.tools, session_id=session_id, forget_cap=self.forget_cap)
            prompt = f"{prompt}\n{TOOLS_NOTE}"
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": f"{prompt}\n\n{MEMORY_HEADING}\n{context or '(none yet)'}"},
            *(dict(m) for m in options.get("extra_messages", ())),
            {"role": "user", "content": user_message},
        ]
        calls: list[ToolCallRecord] = []
        rounds = 0
        while True:
            request = dict(create_options)
            if tools is not None:
                request["tools"] = tools.openai_chat()
                if rounds >= self.max_tool_rounds:
                    request["tool_choice"] = "none"  # the budget is spent: the model must answer now
            response = yield lambda request=request: self.llm.chat.completions.create(  # type: ignore[misc]
                model=self.model, messages=messages, **request
            )
            message = response.choices[0].message
            wanted = list(getattr(message, "tool_calls", None) or [])
            if tools is None or not wanted or rounds >= self.max_tool_rounds:
                break
            rounds += 1
            messages.append(_assistant_message(message, wanted))
            for call in wanted:
                result = yield from tools.plan(call.function.name, call.function.arguments)
                calls.append(ToolCallRecord(call.function.name, call.function.arguments, result))
                messages.append({"role": "tool", "tool_call_id": call.id, "content": result_text(result)})
        text = message.content or ""
        stored = False
        if self.store:
            # The client's own deadline and retries, not turn_safe's 2 s budget: storing the turn is worth the
            # wait, and a failure is reported in the reply (stored=False), not raised.
            try:
                yield lambda: memory.turn(user_message, assistant_response=text, session_id=session_id)
                stored = True
            except CMLError as exc:
                degraded = degraded or f"the turn was not stored: {type(exc).__name__}: {exc.message}"
        return ChatReply(text, context, calls, stored, degraded, response)


def memory_lines(memories: Sequence[Any], budget: int) -> str:
    """Memories as prompt lines, best first: ``- text (kind, date)``, within ``budget`` characters."""
    lines: list[str] = []
    used = 0
    for item in memories:
        stamp = getattr(item, "timestamp", None)
        when = f", {stamp:%Y-%m-%d}" if stamp is not None else ""
        line = f"- {cut(item.text, ITEM_CHARS)} ({item.type_}{when})"
        if lines and used + len(line) > budget:
            break
        lines.append(line)
        used += len(line) + 1
    return "\n".join(lines)


def _default_tools() -> list[str]:
    from cml_ergonomic.agents._contract import load_contract, select

    return [tool.name for tool in select(load_contract(), None)]


def _assistant_message(message: Any, calls: list[Any]) -> dict[str, Any]:
    return {
        "role": "assistant",
        "content": message.content,
        "tool_calls": [
            {"id": c.id, "type": "function", "function": {"name": c.function.name, "arguments": c.function.arguments}}
            for c in calls
        ],
    }
