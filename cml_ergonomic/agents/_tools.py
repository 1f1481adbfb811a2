"""``MemoryTools``: the contract's tools for a model, and the dispatcher that runs one tool call.

A call is planned once, as a generator that yields the client calls it needs
and returns the result (:mod:`cml_ergonomic.agents._drive`); ``call`` runs the
plan on the sync client and ``acall`` awaits it on the async one, so
checking, safety rules and result shaping exist once. Every request goes through the client (its checks,
retries, deadline and typed errors). Whatever the model gets wrong, and
whatever fails on the way, comes back as a result the model can read; only a
programming error of the application raises.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cml_ergonomic._endpoint import AsyncExecutor, _ClientMethod
from cml_ergonomic._methods import MemoryMethods
from cml_ergonomic.agents import _compact as compact
from cml_ergonomic.agents._arguments import ArgumentProblem, check, jsonable, parse
from cml_ergonomic.agents._contract import ToolDef, definition, load_contract, select
from cml_ergonomic.agents._drive import Plan, Step, run_async, run_sync
from cml_ergonomic.errors import CMLError

Result = dict[str, Any]

READ_FORMAT = "list"  # memories with their ids, without the packet's split into facts, preferences, ...
DEFAULT_RESULT_CHARS = 4000
MAX_FORGET_CAP = 49  # the preview asks for cap + 1 memories, and a read returns at most 50


def preview_forget(client: Any, query: str, limit: int) -> Step:
    """The step that previews a forget by query: the memories it would affect, at most ``limit``.

    The SDK's forget plan (``client.plan_forget``): it resolves the query to
    the memories a read returns and deletes nothing; the model then forgets
    exactly the ids it was shown. Only ``.memories`` is read from the plan.
    """
    return lambda: client.plan_forget(query=query, limit=limit)


@functools.cache
def _builder_parameters(method: _ClientMethod) -> frozenset[str]:
    params = inspect.signature(method.build).parameters.values()
    return frozenset(p.name for p in params if p.kind is not p.VAR_KEYWORD and p.name != "self")


class MemoryTools:
    """The memory tools for a model: definitions in each provider's format, and a dispatcher.

    Args:
        client: a ``CognitiveMemoryLayer`` (use ``call``) or ``AsyncCognitiveMemoryLayer`` (use ``acall``).
        include: the tools to offer, by name (default: the five the server documents; add ``"memory_turn"``).
        session_id: the conversation the writes and turns belong to (the model never chooses it).
        user_timezone: the user's IANA zone, for relative dates in reads and turns.
        forget_cap: how many memories one ``memory_forget`` call may affect, 1 to 49 (default 10).
        result_chars: the budget for memory texts in one result (default 4000 characters).

    Raises:
        ValueError: an unknown tool name, or a cap out of range.

    Example:
        >>> tools = MemoryTools(memory)  # doctest: +SKIP
        >>> openai.chat.completions.create(model=m, messages=msgs, tools=tools.openai_chat())  # doctest: +SKIP
        >>> result = tools.call(call.function.name, call.function.arguments)  # doctest: +SKIP
    """

    def __init__(
        self,
        client: Any,
        *,
        include: Iterable[str] | None = None,
        session_id: str | None = None,
        user_timezone: str | None = None,
        forget_cap: int | None = None,
        result_chars: int = DEFAULT_RESULT_CHARS,
    ) -> None:
        contract = load_contract()
        cap = contract.forget_cap if forget_cap is None else forget_cap
        if isinstance(cap, bool) or not isinstance(cap, int) or not 1 <= cap <= MAX_FORGET_CAP:
            raise ValueError(f"forget_cap must be a whole number from 1 to {MAX_FORGET_CAP}, got {cap!r}")
        self._client = client
        self._is_async = isinstance(client, AsyncExecutor)
        self.tools: tuple[ToolDef, ...] = select(contract, include)
        self._by_name = {tool.name: tool for tool in self.tools}
        self._schemas = {tool.name: tool.schema(forget_cap=cap) for tool in self.tools}  # made once: checked each call
        self.session_id = session_id
        self.user_timezone = user_timezone
        self.forget_cap = cap
        self.result_chars = result_chars
        self._secrets = tuple(
            secret.reveal() for secret in (client.config.api_key, client.config.admin_api_key) if secret is not None
        )

    def __repr__(self) -> str:
        return f"MemoryTools({', '.join(self.names)}; forget_cap={self.forget_cap})"

    @property
    def names(self) -> list[str]:
        """The names of the tools offered."""
        return [tool.name for tool in self.tools]

    def openai_chat(self) -> list[dict[str, Any]]:
        """The tools for OpenAI Chat Completions.

        Returns:
            Fresh ``{"type": "function", "function": {...}}`` entries for ``chat.completions.create(tools=...)``.
        """
        return [definition(tool, "openai_chat", forget_cap=self.forget_cap) for tool in self.tools]

    def openai_responses(self) -> list[dict[str, Any]]:
        """The tools for the OpenAI Responses API.

        Returns:
            Fresh ``{"type": "function", "name": ..., "parameters": ...}`` entries for ``responses.create(tools=...)``.
        """
        return [definition(tool, "openai_responses", forget_cap=self.forget_cap) for tool in self.tools]

    def anthropic(self) -> list[dict[str, Any]]:
        """The tools for Anthropic Messages.

        Returns:
            Fresh ``{"name", "description", "input_schema"}`` entries for ``messages.create(tools=...)``.
        """
        return [definition(tool, "anthropic", forget_cap=self.forget_cap) for tool in self.tools]

    # -- the dispatcher

    def call(self, name: str, arguments: Mapping[str, Any] | str | bytes | None = None) -> dict[str, Any]:
        """Run one tool call on the sync client.

        Args:
            name: the tool the model called.
            arguments: its arguments, as a dict or as the JSON text the model produced.

        Returns:
            A compact JSON-serialisable result: ``{"ok": true, ...}``, or ``{"ok": false, "error": {"kind",
            "message", "field", "hint", ...}}`` for a mistake of the model or a failure of the server.

        Raises:
            TypeError: the client is the async one (use ``acall``).
        """
        if self._is_async:
            raise TypeError("MemoryTools.call needs the sync client; with AsyncCognitiveMemoryLayer use acall")
        return run_sync(self.plan(name, arguments))

    async def acall(self, name: str, arguments: Mapping[str, Any] | str | bytes | None = None) -> dict[str, Any]:
        """Run one tool call on the async client; the same as ``call``, awaited.

        Args:
            name: the tool the model called.
            arguments: its arguments, as a dict or JSON text.

        Returns:
            The result, as for ``call``.

        Raises:
            TypeError: the client is the sync one (use ``call``).
        """
        if not self._is_async:
            raise TypeError("MemoryTools.acall needs AsyncCognitiveMemoryLayer; with the sync client use call")
        return await run_async(self.plan(name, arguments))

    def plan(self, name: object, arguments: object) -> Plan[Result]:
        """The plan of one tool call, for a caller that drives several (the chat helper's tool loop).

        Args:
            name: the tool the model called.
            arguments: its arguments.

        Returns:
            A generator of steps whose return value is the result; a mistake or a failure becomes an error result.
        """
        tool = self._by_name.get(name) if isinstance(name, str) else None
        if tool is None:
            return compact.failure(
                "unknown_tool",
                f"there is no tool {name!r}",
                hint=f"The memory tools are {', '.join(self.names)}.",
                secrets=self._secrets,
            )
        try:
            args = check(tool.name, self._schemas[tool.name], tool.nullable, parse(arguments))
            planner: Callable[[dict[str, Any]], Plan[Result]] = getattr(self, "_" + tool.name)
            result = yield from planner(args)
        except (ArgumentProblem, CMLError) as exc:
            return self._failed(tool.name, exc)
        return self._finish(result)

    def _finish(self, result: dict[str, Any]) -> dict[str, Any]:
        return compact.mask(result, self._secrets)  # type: ignore[no-any-return]

    def _failed(self, name: str, exc: ArgumentProblem | CMLError) -> dict[str, Any]:
        if isinstance(exc, ArgumentProblem):
            return self._problem(name, exc)
        return compact.from_error(exc, self._secrets)

    def _problem(self, name: str, exc: ArgumentProblem) -> dict[str, Any]:
        return compact.failure(
            exc.kind,
            exc.message,
            field=exc.field,
            hint=f"Fix the arguments and call {name} again.",
            secrets=self._secrets,
        )

    # -- one plan per tool

    def _request(
        self,
        method: _ClientMethod,
        args: dict[str, Any],
        fixed: dict[str, Any],
        parse: Callable[[Any], Any] | None = None,
    ) -> Plan[Any]:
        """The one request of a simple tool: the wrapper checks what it knows, the rest goes in the body as is.

        A field the server added after this SDK was written is in the tool (the contract is generated) but
        not among the wrapper's parameters; it was checked against the schema, so it joins the body.
        ``parse`` replaces the method's parser where the tool reads the body straight into its result (a
        read: typed models of every memory would cost more than the request); the client still maps what it
        raises to ``ResponseValidationError``.
        """
        known = _builder_parameters(method)
        extras = {key: jsonable(value) for key, value in args.items() if key not in known}
        spec = method.build(self._client, **{k: v for k, v in args.items() if k in known}, **fixed)
        if extras:
            spec.body = {**spec.body, **extras}
        if parse is not None:
            spec.parse = parse
        result = yield lambda: self._client._execute(spec)
        return result

    def _bound(self, *names: str) -> dict[str, Any]:
        values = {"session_id": self.session_id, "user_timezone": self.user_timezone}
        return {name: values[name] for name in names if values[name] is not None}

    def _memory_write(self, args: dict[str, Any]) -> Plan[Any]:
        result = yield from self._request(MemoryMethods.write, args, self._bound("session_id"))
        data = result.to_dict()
        stored = bool(data.get("chunks_created"))
        out = {"ok": bool(data.get("success", True)), "stored": stored, "memory_id": data.get("memory_id")}
        if data.get("message"):
            out["message"] = data["message"]
        return {k: v for k, v in out.items() if v is not None}

    def _memory_read(self, args: dict[str, Any]) -> Plan[Any]:
        fixed = {"format": READ_FORMAT, **self._bound("user_timezone")}
        budget = self.result_chars
        shaped = yield from self._request(
            MemoryMethods.read, args, fixed, lambda data: compact.raw_memories(data, budget)
        )
        return {"ok": True, **shaped}

    def _memory_update(self, args: dict[str, Any]) -> Plan[Any]:
        result = yield from self._request(MemoryMethods.update, args, {})
        data = result.to_dict()
        return {
            "ok": bool(data.get("success", True)),
            "memory_id": data.get("memory_id"),
            "version": data.get("version"),
        }

    def _memory_stats(self, args: dict[str, Any]) -> Plan[Any]:
        result = yield from self._request(MemoryMethods.stats, args, {})
        data = result.to_dict()
        keep = ("total_memories", "active_memories", "silent_memories", "archived_memories", "by_type")
        return {"ok": True, **{key: data[key] for key in keep if key in data}}

    def _memory_turn(self, args: dict[str, Any]) -> Plan[Any]:
        result = yield from self._request(MemoryMethods.turn, args, self._bound("session_id", "user_timezone"))
        data = result.to_dict()
        return {
            "ok": True,
            "context": compact.cut(data.get("memory_context") or "", self.result_chars),
            "retrieved": data.get("memories_retrieved", 0),
            "stored": data.get("memories_stored", 0),
        }

    def _memory_forget(self, args: dict[str, Any]) -> Plan[Any]:
        ids, query = args.get("memory_ids"), args.get("query")
        if ids and query:
            raise ArgumentProblem("query", "give memory_ids (to forget) or query (to preview), not both")
        if query:
            found = yield preview_forget(self._client, query, self.forget_cap + 1)
            matches = compact.memories(found.memories[: self.forget_cap], self.result_chars)
            more = len(found.memories) > self.forget_cap
            return {
                "ok": True,
                "preview": True,
                "forgotten": 0,
                **matches,
                "more_match": more,
                "next": "Nothing was forgotten. To forget, call memory_forget again with the memory_ids you mean "
                f"(at most {self.forget_cap})"
                + ("; more memories match than are shown: narrow the query." if more else "."),
            }
        if not ids:
            raise ArgumentProblem("memory_ids", "give memory_ids to forget, or query to preview what matches")
        action = "delete"  # the only action the servers carry out as named (see the contract's bound fields)
        result = yield from self._request(MemoryMethods.forget, {"memory_ids": ids, "action": action}, {})
        data = result.to_dict()
        return {"ok": bool(data.get("success", True)), "action": action, "forgotten": data.get("affected_count", 0)}
