"""The public API methods, written once for both clients (see :mod:`cml_ergonomic._endpoint`).

Each method checks its arguments against the server schema's constraints,
builds the request body, and names the parser of the answer. Nothing is
sent until every argument has passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, Unpack, overload

from cml_ergonomic import _limits as limits
from cml_ergonomic import _validation as check
from cml_ergonomic._deprecation import deprecated
from cml_ergonomic._endpoint import AsyncExecutor, Resource, StreamSpec, SyncExecutor, endpoint, stream_endpoint
from cml_ergonomic._flow import Steps, flow
from cml_ergonomic._operations import MEMORY_OPERATIONS as OPERATIONS
from cml_ergonomic._request import CallOptions, RequestSpec
from cml_ergonomic._stream import DONE, interpret_read_event

if TYPE_CHECKING:
    from uuid import UUID

    from cml_ergonomic._forget_plan import ForgetPlan
    from cml_ergonomic._results import (
        ConsolidationResult,
        CreateSessionResult,
        DeleteAllResult,
        ForgetResult,
        ForgettingResult,
        HealthResult,
        LLMContextReadResult,
        MemoryItem,
        ReadResult,
        SessionContext,
        Stats,
        StreamDone,
        TurnResult,
        UpdateResult,
        WriteBatchResult,
        WriteResult,
    )

ReadFormat = Literal["packet", "list", "llm_context"]
ForgetAction = Literal["delete", "archive", "silence"]


class ReadOptions(CallOptions, total=False):
    """The keyword arguments of ``read`` other than ``query`` and ``format``."""

    max_results: int
    context_filter: Sequence[str] | None
    memory_types: Sequence[str] | None
    since: dt.datetime | None
    until: dt.datetime | None
    user_timezone: str | None


class ReadArgs(ReadOptions, total=False):
    """All keyword arguments of ``read`` (for methods that take the same arguments)."""

    format: ReadFormat


class WriteOptions(CallOptions, total=False):
    """The keyword arguments of ``write`` other than ``content`` and ``session_id``."""

    context_tags: Sequence[str] | None
    memory_type: str | None
    namespace: str | None
    metadata: Mapping[str, Any] | None
    turn_id: str | None
    agent_id: str | None
    timestamp: dt.datetime | None


class TurnOptions(CallOptions, total=False):
    """The keyword arguments of ``turn`` other than ``user_message`` and ``session_id``."""

    assistant_response: str | None
    max_context_tokens: int | None
    timestamp: dt.datetime | None
    user_timezone: str | None


class TurnArgs(TurnOptions, total=False):
    """All keyword arguments of ``turn``."""

    session_id: str | None


SAFE_DEADLINE = 2.0  # read_safe & co. answer within this budget, whatever the client's deadline
SAFE_MAX_RETRIES = 1


def _safe_budget(options: CallOptions) -> None:
    options.setdefault("deadline", SAFE_DEADLINE)
    options.setdefault("max_retries", SAFE_MAX_RETRIES)


LLM = TypeVar("LLM", covariant=True)
PLAIN = TypeVar("PLAIN", covariant=True)


class ReadMethod(Protocol[LLM, PLAIN]):
    """``read``'s type: ``format="llm_context"`` gives a result whose ``llm_context`` is a ``str``."""

    @overload
    def __call__(self, query: str, *, format: Literal["llm_context"], **kwargs: Unpack[ReadOptions]) -> LLM: ...
    @overload
    def __call__(
        self, query: str, *, format: Literal["packet", "list"] = ..., **kwargs: Unpack[ReadOptions]
    ) -> PLAIN: ...


class read_endpoint(endpoint[..., "ReadResult"]):
    """``endpoint`` with ``read``'s overloads."""

    @overload
    def __get__(self, obj: None, owner: type) -> read_endpoint: ...
    @overload
    def __get__(self, obj: SyncExecutor, owner: type) -> ReadMethod[LLMContextReadResult, ReadResult]: ...
    @overload
    def __get__(
        self, obj: AsyncExecutor, owner: type
    ) -> ReadMethod[Awaitable[LLMContextReadResult], Awaitable[ReadResult]]: ...
    @overload
    def __get__(self, obj: Resource[SyncExecutor], owner: type) -> ReadMethod[LLMContextReadResult, ReadResult]: ...
    @overload
    def __get__(
        self, obj: Resource[AsyncExecutor], owner: type
    ) -> ReadMethod[Awaitable[LLMContextReadResult], Awaitable[ReadResult]]: ...
    def __get__(self, obj: Any, owner: type) -> Any:
        return self._bind(obj, owner)


def _results() -> Any:
    from cml_ergonomic import _results

    return _results


def _datetime(body: dict[str, Any], name: str, value: object) -> None:
    if value is not None:
        body[name] = check.aware(value, name)


def read_body(
    query: object,
    *,
    max_results: object,
    context_filter: object,
    memory_types: object,
    since: object,
    until: object,
    format: object,
    user_timezone: object,
) -> dict[str, Any]:
    """The checked body of a read (shared by ``read``, ``read_safe``, ``read_stream`` and ``read_many``).

    Raises:
        ValidationError: an argument breaks the schema; it names the field.
    """
    body: dict[str, Any] = {
        "query": check.text(query, "query"),
        "max_results": check.in_range(max_results, "max_results", limits.MAX_RESULTS),
        "format": check.one_of(format, "format", check.READ_FORMATS),
    }
    check.optional(body, "context_filter", context_filter, check.string_list)
    if memory_types is not None:
        if isinstance(memory_types, str) or not isinstance(memory_types, Sequence):
            raise check.invalid("memory_types", "must be a list of memory types", memory_types, type_="list_type")
        body["memory_types"] = [check.memory_type(t, f"memory_types[{i}]") for i, t in enumerate(memory_types)]
    _datetime(body, "since", since)
    _datetime(body, "until", until)
    check.optional(body, "user_timezone", user_timezone, check.text)
    return body


def parse_read(format: str) -> Any:
    """The parser of a read's answer in ``format``."""
    results = _results()
    return results.parse_llm_context if format == "llm_context" else results.ReadResult.from_dict


def write_body(
    content: object,
    *,
    context_tags: object = None,
    session_id: object = None,
    memory_type: object = None,
    namespace: object = None,
    metadata: object = None,
    turn_id: object = None,
    agent_id: object = None,
    timestamp: object = None,
) -> dict[str, Any]:
    """The checked body of a write (shared by ``write``, ``write_many`` and sessions).

    Raises:
        ValidationError: an argument breaks the schema; it names the field.
    """
    body: dict[str, Any] = {"content": check.content(content)}
    check.optional(body, "context_tags", context_tags, check.string_list)
    check.optional(body, "session_id", session_id, check.text)
    check.optional(body, "memory_type", memory_type, check.memory_type)
    check.optional(body, "namespace", namespace, check.text)
    check.optional(body, "metadata", metadata, check.mapping)
    check.optional(body, "turn_id", turn_id, check.text)
    check.optional(body, "agent_id", agent_id, check.text)
    _datetime(body, "timestamp", timestamp)
    return body


_TURN_FIELDS = ("content", "metadata", "session_id", "timestamp", "turn_id")


def batch_turn(turn: object, index: int) -> dict[str, Any]:
    """One checked turn of ``write_batch``: a mapping, or an object with ``to_dict()`` (a generated model).

    Raises:
        ValidationError: the turn is malformed; the field is named ``turns[i].field``.
    """
    where = f"turns[{index}]"
    raw = turn.to_dict() if callable(getattr(turn, "to_dict", None)) else turn  # type: ignore[attr-defined]
    if not isinstance(raw, Mapping):
        raise check.invalid(where, "must be a dict or a WriteBatchTurn", turn, type_="dict_type")
    unknown = sorted(set(raw) - set(_TURN_FIELDS))
    if unknown:
        raise check.invalid(
            f"{where}.{unknown[0]}",
            f"is not a turn field (use {', '.join(_TURN_FIELDS)})",
            raw[unknown[0]],
            type_="extra_forbidden",
        )
    body: dict[str, Any] = {"content": check.content(raw.get("content"), f"{where}.content")}
    for name, checker in (("metadata", check.mapping), ("session_id", check.text), ("turn_id", check.text)):
        if raw.get(name) is not None:
            body[name] = checker(raw[name], f"{where}.{name}")
    stamp = raw.get("timestamp")
    if isinstance(stamp, str):
        body["timestamp"] = stamp  # already serialised by a generated model's to_dict()
    elif stamp is not None:
        body["timestamp"] = check.aware(stamp, f"{where}.timestamp")
    return body


class MemoryMethods:
    """Every server operation the wrapper covers, as methods of both clients."""

    _namespace: str | None = None  # set by with_namespace()

    @endpoint
    def health(self, **options: Unpack[CallOptions]) -> RequestSpec[HealthResult]:
        """Check that the server is up.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"status": "healthy", "timestamp": ...}``.

        Raises:
            CMLConnectionError: the server cannot be reached.
            APIStatusError: the server answered with an error.

        Example:
            >>> memory.health()["status"]  # doctest: +SKIP
            'healthy'
        """
        return RequestSpec(OPERATIONS["health_check"], _results().parse_untyped, options=options)

    @endpoint
    def write(
        self,
        content: str,
        *,
        context_tags: Sequence[str] | None = None,
        session_id: str | None = None,
        memory_type: str | None = None,
        namespace: str | None = None,
        metadata: Mapping[str, Any] | None = None,
        turn_id: str | None = None,
        agent_id: str | None = None,
        timestamp: dt.datetime | None = None,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[WriteResult]:
        """Store a memory.

        A write is retried only when the server cannot have applied it (the
        connection was refused, or the server answered 408/429/503), so a
        retry never stores it twice; pass ``idempotent=True`` to retry it
        like a read.

        Args:
            content: the text to remember, 1 to 100,000 characters.
            context_tags: tags to file it under (e.g. ``["preferences"]``).
            session_id: the session it belongs to.
            memory_type: one of the server's memory types (``"preference"``, ``"semantic_fact"``, ...);
                the server classifies it when omitted.
            namespace: a namespace to keep it apart from others.
            metadata: any JSON-able details.
            turn_id: the conversation turn it came from.
            agent_id: the agent that wrote it.
            timestamp: when it happened (timezone-aware).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``WriteResult`` with ``success``, ``memory_id`` and ``chunks_created``.

        Raises:
            ValidationError: a bad argument (nothing was sent), or the server's 422.
            AuthenticationError: the API key is wrong.
            CMLTimeoutError: no answer in time; the write may have been applied, so read it back first.
            APIStatusError: another error answer.

        Example:
            >>> memory.write("User prefers dark mode", context_tags=["preferences"])  # doctest: +SKIP
        """
        body = write_body(
            content,
            context_tags=context_tags,
            session_id=session_id,
            memory_type=memory_type,
            namespace=namespace if namespace is not None else self._namespace,
            metadata=metadata,
            turn_id=turn_id,
            agent_id=agent_id,
            timestamp=timestamp,
        )
        return RequestSpec(OPERATIONS["write_memory"], _results().WriteResult.from_dict, body=body, options=options)

    @endpoint
    def write_batch(
        self, turns: Sequence[Mapping[str, Any] | Any], **options: Unpack[CallOptions]
    ) -> RequestSpec[WriteBatchResult]:
        """Store up to 500 turns in one request.

        Args:
            turns: dicts with ``content`` (and optionally ``metadata``, ``session_id``, ``timestamp``,
                ``turn_id``), or generated ``WriteBatchTurn`` objects; 1 to 500 of them.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``WriteBatchResult`` with ``turns_processed`` and ``chunks_created``.

        Raises:
            ValidationError: a bad turn (named ``turns[i].field``) or count; nothing was sent.
            APIStatusError: an error answer.

        Example:
            >>> memory.write_batch([{"content": "Likes tea"}, {"content": "Lives in Oslo"}])  # doctest: +SKIP
        """
        if isinstance(turns, str | bytes | Mapping) or not isinstance(turns, Sequence):
            raise check.invalid("turns", "must be a list of turns", turns, type_="list_type")
        if not check.BATCH_MIN <= len(turns) <= check.BATCH_MAX:
            raise check.invalid(
                "turns",
                f"must hold {check.BATCH_MIN} to {check.BATCH_MAX} turns (has {len(turns)})",
                f"<{len(turns)} turns>",
                type_="too_long" if turns else "too_short",
            )
        body = {"turns": [batch_turn(turn, i) for i, turn in enumerate(turns)]}
        return RequestSpec(
            OPERATIONS["write_memory_batch"], _results().WriteBatchResult.from_dict, body=body, options=options
        )

    @read_endpoint
    def read(
        self,
        query: str,
        *,
        max_results: int = 10,
        context_filter: Sequence[str] | None = None,
        memory_types: Sequence[str] | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        format: ReadFormat = "packet",
        user_timezone: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[ReadResult]:
        """Retrieve the memories most relevant to ``query``.

        Args:
            query: what to look for.
            max_results: 1 to 50 (default 10).
            context_filter: only memories with these context tags.
            memory_types: only these memory types.
            since: only memories from this time on (timezone-aware).
            until: only memories up to this time (timezone-aware).
            format: ``"packet"`` (memories split into facts, preferences, ...), ``"list"``, or
                ``"llm_context"`` (adds a prompt-ready ``llm_context`` string).
            user_timezone: an IANA zone for resolving relative dates ("yesterday").
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ReadResult`` (``LLMContextReadResult`` for ``format="llm_context"``): ``memories`` best first.

        Raises:
            ValidationError: a bad argument (nothing was sent), or the server's 422.
            APIStatusError: an error answer.
            CMLConnectionError: the server cannot be reached.

        Example:
            >>> for m in memory.read("UI preferences", max_results=5).memories:  # doctest: +SKIP
            ...     print(m.type_, m.text)
        """
        body = read_body(
            query,
            max_results=max_results,
            context_filter=context_filter,
            memory_types=memory_types,
            since=since,
            until=until,
            format=format,
            user_timezone=user_timezone,
        )
        return RequestSpec(OPERATIONS["read_memory"], parse_read(body["format"]), body=body, options=options)

    @stream_endpoint
    def read_stream(
        self,
        query: str,
        *,
        max_results: int = 10,
        context_filter: Sequence[str] | None = None,
        memory_types: Sequence[str] | None = None,
        since: dt.datetime | None = None,
        until: dt.datetime | None = None,
        user_timezone: str | None = None,
        **options: Unpack[CallOptions],
    ) -> StreamSpec[MemoryItem | StreamDone]:
        """Stream the memories for ``query`` as the server finds them (server-sent events).

        Yields each ``MemoryItem``, then a final ``StreamDone`` dict with
        ``total_count``, ``elapsed_ms`` and ``retrieval_meta``. The request is
        retried like a read until its first event arrives, never after.

        Args:
            query: what to look for.
            max_results: 1 to 50 (default 10).
            context_filter: only memories with these context tags.
            memory_types: only these memory types.
            since: only memories from this time on (timezone-aware).
            until: only memories up to this time (timezone-aware).
            user_timezone: an IANA zone for resolving relative dates.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            An iterator (async iterator on the async client) of items, then the summary.

        Raises:
            ValidationError: a bad argument; nothing was sent.
            StreamError: the server reported an error in the stream.
            APIStatusError: the server refused the request.

        Example:
            >>> for item in memory.read_stream("travel plans"):  # doctest: +SKIP
            ...     print(item)
        """
        body = read_body(
            query,
            max_results=max_results,
            context_filter=context_filter,
            memory_types=memory_types,
            since=since,
            until=until,
            format="packet",
            user_timezone=user_timezone,
        )
        request: RequestSpec[Any] = RequestSpec(
            OPERATIONS["read_memory_stream"], lambda data: data, body=body, options=options
        )
        return StreamSpec(request, interpret_read_event, last_event=DONE)

    @endpoint
    def turn(
        self,
        user_message: str,
        *,
        assistant_response: str | None = None,
        session_id: str | None = None,
        max_context_tokens: int | None = None,
        timestamp: dt.datetime | None = None,
        user_timezone: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[TurnResult]:
        """Process one conversation turn: store what is worth storing, and return the context to prompt with.

        Args:
            user_message: what the user said.
            assistant_response: what the assistant answered, if it already did.
            session_id: the conversation's session.
            max_context_tokens: the budget for ``memory_context`` (server default 1500).
            timestamp: when the turn happened (timezone-aware).
            user_timezone: an IANA zone for resolving relative dates.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``TurnResult`` with ``memory_context``, ``memories_retrieved`` and ``memories_stored``.

        Raises:
            ValidationError: a bad argument (nothing was sent), or the server's 422.
            APIStatusError: an error answer.

        Example:
            >>> ctx = memory.turn("What do I like?", session_id=sid).memory_context  # doctest: +SKIP
        """
        body: dict[str, Any] = {"user_message": check.text(user_message, "user_message")}
        check.optional(body, "assistant_response", assistant_response, check.text)
        check.optional(body, "session_id", session_id, check.text)
        check.optional(body, "max_context_tokens", max_context_tokens, check.whole)
        _datetime(body, "timestamp", timestamp)
        check.optional(body, "user_timezone", user_timezone, check.text)
        return RequestSpec(OPERATIONS["process_turn"], _results().TurnResult.from_dict, body=body, options=options)

    @endpoint
    def update(
        self,
        memory_id: UUID | str,
        *,
        text: str | None = None,
        confidence: float | None = None,
        importance: float | None = None,
        metadata: Mapping[str, Any] | None = None,
        feedback: str | None = None,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[UpdateResult]:
        """Change a memory; its version goes up by one.

        Args:
            memory_id: the memory's id (``UUID`` or str).
            text: new text (1 to 100,000 characters).
            confidence: new confidence.
            importance: new importance.
            metadata: new metadata.
            feedback: feedback on the memory (e.g. ``"correct"``, ``"incorrect"``).
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``UpdateResult`` with the new ``version``.

        Raises:
            ValidationError: a bad argument (nothing was sent), or the server's 422.
            NotFoundError: no memory has this id.

        Example:
            >>> memory.update(memory_id, text="User prefers light mode").version  # doctest: +SKIP
            2
        """
        body: dict[str, Any] = {"memory_id": check.uuid(memory_id, "memory_id")}
        check.optional(body, "text", text, check.text)
        check.optional(body, "confidence", confidence, check.number)
        check.optional(body, "importance", importance, check.number)
        check.optional(body, "metadata", metadata, check.mapping)
        check.optional(body, "feedback", feedback, check.text)
        return RequestSpec(OPERATIONS["update_memory"], _results().UpdateResult.from_dict, body=body, options=options)

    @flow
    def plan_forget(
        self,
        *,
        query: str | None = None,
        before: dt.datetime | None = None,
        memory_ids: Sequence[UUID | str] | None = None,
        limit: int = 50,
    ) -> Steps[ForgetPlan]:
        """See which memories a forget would take, without forgetting anything.

        Resolves the selector to concrete memory ids; ``forget(plan)`` then
        forgets exactly those. ``query`` selects what a read for it returns
        (at most 50; on a server with mock embeddings every memory of the
        tenant matches any query). ``before`` selects the tenant's active
        memories older than it, read from the admin listing (it needs the
        admin key). ``memory_ids`` are taken as given. Given together, the
        plan holds their union.

        Args:
            query: plan the memories that match this query.
            before: plan the active memories older than this (timezone-aware; needs the admin key).
            memory_ids: plan these ids.
            limit: the most ids the plan holds (default 50); a selector that matched more makes an
                incomplete plan (``plan.complete`` is False, and ``str(plan)`` says so).

        Returns:
            ``ForgetPlan`` with ``memory_ids``, ``memories`` (to show), ``complete``; ``str()`` lists them.

        Raises:
            ValidationError: no selector, or a bad one (nothing was sent).
            ConfigurationError: ``before`` without the admin key.
            APIStatusError: a request failed.

        Example:
            >>> plan = memory.plan_forget(query="chess")  # doctest: +SKIP
            >>> print(plan)  # doctest: +SKIP
            >>> memory.forget(plan).affected_count  # doctest: +SKIP
        """
        from cml_ergonomic._forget_plan import check_plan_args, plan_steps

        ids, text, when, size = check_plan_args(memory_ids, query, before, limit)
        return plan_steps(self, ids, text, when, size)

    @endpoint
    def forget(
        self,
        plan: ForgetPlan | None = None,
        *,
        memory_ids: Sequence[UUID | str] | None = None,
        query: str | None = None,
        before: dt.datetime | None = None,
        action: ForgetAction = "delete",
        confirm: bool = False,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[ForgetResult]:
        """Forget the memories of a plan, or chosen by id; by query or age only with ``confirm=True``.

        ``forget(plan)`` forgets exactly ``plan.memory_ids`` (see ``plan_forget``),
        and its result's ``planned`` holds them. ``forget(memory_ids=[...])``
        forgets those ids. ``query`` and ``before`` let the server choose what
        to forget without showing it: its forget-by-query takes up to 100
        retrieval hits (with mock embeddings, every memory of the tenant), so
        they are refused unless ``confirm=True`` says you accept that.

        Args:
            plan: a ``ForgetPlan`` from ``plan_forget``; forget exactly its ids.
            memory_ids: the memories' ids.
            query: forget what the server matches for this query (needs ``confirm=True``).
            before: forget what is older than this (timezone-aware; needs ``confirm=True``).
            action: ``"delete"``. The schema also names ``"archive"`` and ``"silence"``, but servers 1.5.1 and
                2.0.0 delete the memory for them too (while answering "archived"/"silenced"), so they are refused:
                ``client.admin.memories.bulk_action(ids, "archive")`` archives or silences for real.
            confirm: True to let ``query``/``before`` go to the server unseen.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``ForgetResult`` with ``affected_count`` (and ``planned``: the plan's ids, for a plan).

        Raises:
            ValidationError: no selector; ``query``/``before`` without ``confirm=True``; a plan with other
                selectors; ``action`` other than ``"delete"``; a bad argument (nothing was sent in each case).
            APIStatusError: an error answer.

        Example:
            >>> memory.forget(memory.plan_forget(query="chess")).affected_count  # doctest: +SKIP
            >>> memory.forget(memory_ids=[memory_id]).affected_count  # doctest: +SKIP
            1
        """
        verb = check.one_of(action, "action", check.FORGET_ACTIONS)
        if verb not in limits.FORGET_ACTION_DONE.values:
            raise check.invalid(
                "action",
                f"the server would delete the memories, not {verb} them (it answers {verb!r} but sets the status "
                f"to deleted); use client.admin.memories.bulk_action(ids, {verb!r}) to {verb} them, "
                "or action='delete' to delete them",
                action,
            )
        body: dict[str, Any] = {"action": verb}
        results = _results()
        if plan is not None:
            from cml_ergonomic._forget_plan import plan_ids

            body["memory_ids"] = plan_ids(plan, (memory_ids, query, before))
            planned = tuple(plan.memory_ids)
            return RequestSpec(
                OPERATIONS["forget_memory"],
                lambda data: results.ForgetResult.from_dict(data).with_planned(planned),
                body=body,
                options=options,
            )
        if memory_ids is None and query is None and before is None:
            raise check.invalid(
                "memory_ids",
                "forget needs a plan, memory_ids, query or before (else it forgets nothing)",
                None,
                type_="missing",
            )
        check.optional(body, "memory_ids", memory_ids, check.uuid_list)
        check.optional(body, "query", query, check.text)
        _datetime(body, "before", before)
        if (query is not None or before is not None) and confirm is not True:
            raise check.invalid(
                "confirm",
                "must be True to forget by query or before unseen: the server chooses what goes (by query, up to "
                "100 retrieval hits; with mock embeddings every memory of the tenant). See it first: "
                "plan = client.plan_forget(query=..., before=...), then client.forget(plan); "
                "or pass confirm=True to accept the server's choice",
                confirm,
                type_="confirmation",
            )
        return RequestSpec(OPERATIONS["forget_memory"], results.ForgetResult.from_dict, body=body, options=options)

    @endpoint
    def stats(self, **options: Unpack[CallOptions]) -> RequestSpec[Stats]:
        """Count the memories of the current tenant, by state and by type.

        Args:
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``Stats``; ``str()`` gives a one-line summary.

        Raises:
            APIStatusError: an error answer.

        Example:
            >>> print(memory.stats())  # doctest: +SKIP
        """
        return RequestSpec(OPERATIONS["get_memory_stats"], _results().Stats.from_dict, options=options)

    @endpoint
    def create_session(
        self,
        *,
        name: str | None = None,
        ttl_hours: int = 24,
        metadata: Mapping[str, Any] | None = None,
        **options: Unpack[CallOptions],
    ) -> RequestSpec[CreateSessionResult]:
        """Create a session that groups the memories of one conversation.

        Args:
            name: a label for it.
            ttl_hours: hours until it expires (default 24).
            metadata: any JSON-able details.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``, ``idempotent``.

        Returns:
            ``CreateSessionResult`` with ``session_id`` and ``expires_at``.

        Raises:
            ValidationError: a bad argument.
            APIStatusError: an error answer.

        Example:
            >>> sid = memory.create_session(name="onboarding").session_id  # doctest: +SKIP
        """
        body: dict[str, Any] = {"ttl_hours": check.ttl_hours(ttl_hours)}
        check.optional(body, "name", name, check.text)
        check.optional(body, "metadata", metadata, check.mapping)
        return RequestSpec(
            OPERATIONS["create_session"], _results().CreateSessionResult.from_dict, body=body, options=options
        )

    @endpoint
    def get_session_context(self, session_id: str, **options: Unpack[CallOptions]) -> RequestSpec[SessionContext]:
        """What a session holds: its messages, tool results and scratch pad.

        The server answers for an unknown session too, with empty lists.

        Args:
            session_id: the session's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``SessionContext``.

        Raises:
            ValidationError: ``session_id`` is not a string.
            APIStatusError: an error answer.

        Example:
            >>> memory.get_session_context(sid).messages  # doctest: +SKIP
        """
        sid = check.non_empty(session_id, "session_id")
        return RequestSpec(
            OPERATIONS["session_context"],
            _results().SessionContext.from_dict,
            path_params={"session_id": sid},
            options=options,
        )

    @endpoint
    def delete_all(self, *, confirm: bool = False, **options: Unpack[CallOptions]) -> RequestSpec[DeleteAllResult]:
        """Delete every memory of the tenant. Needs the admin key, and ``confirm=True``.

        Args:
            confirm: must be True; anything else refuses before sending.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``{"affected_count": n}``.

        Raises:
            ValidationError: ``confirm`` is not True (nothing was sent).
            AuthorizationError: the client has no admin key (403).

        Example:
            >>> admin.delete_all(confirm=True)  # doctest: +SKIP
        """
        if confirm is not True:
            raise check.invalid(
                "confirm", "must be True: delete_all erases every memory of the tenant", confirm, type_="confirmation"
            )
        return RequestSpec(OPERATIONS["delete_all_memories"], _results().parse_untyped, options=options)

    @endpoint
    def consolidate(self, user_id: str, **options: Unpack[CallOptions]) -> RequestSpec[ConsolidationResult]:
        """Run memory consolidation for one user now (admin key).

        Args:
            user_id: the user (tenant) to consolidate.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ConsolidationResult``: ``status``, ``episodes_sampled``, ``clusters_formed``, ...

        Raises:
            ValidationError: ``user_id`` is empty.
            AuthorizationError: the client has no admin key (403).

        Example:
            >>> admin.consolidate("tenant-a")["clusters_formed"]  # doctest: +SKIP
        """
        uid = check.non_empty(user_id, "user_id")
        return RequestSpec(
            OPERATIONS["trigger_consolidation"], _results().parse_untyped, path_params={"user_id": uid}, options=options
        )

    @endpoint
    def run_forgetting(
        self, user_id: str, *, dry_run: bool = True, **options: Unpack[CallOptions]
    ) -> RequestSpec[ForgettingResult]:
        """Run the forgetting process for one user (admin key); by default only as a dry run.

        Args:
            user_id: the user (tenant).
            dry_run: True (default) reports what would be forgotten without forgetting it.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``ForgettingResult``: ``dry_run``, ``memories_scanned``, ``operations_applied``.

        Raises:
            ValidationError: ``user_id`` is empty or ``dry_run`` not a bool.
            AuthorizationError: the client has no admin key (403).

        Example:
            >>> admin.run_forgetting("tenant-a")["memories_scanned"]  # doctest: +SKIP
        """
        uid = check.non_empty(user_id, "user_id")
        if not isinstance(dry_run, bool):
            raise check.invalid("dry_run", "must be True or False", dry_run, type_="bool_type")
        return RequestSpec(
            OPERATIONS["trigger_forgetting"],
            _results().parse_untyped,
            path_params={"user_id": uid},
            params={"dry_run": "true" if dry_run else "false"},
            options=options,
        )

    # -- graceful degradation: same arguments, never an outage exception

    @endpoint
    def read_safe(self, query: str, **kwargs: Unpack[ReadArgs]) -> RequestSpec[ReadResult]:
        """``read`` that answers even when the server is down: then with an empty, degraded result.

        It takes the same arguments as ``read``. On a connection error, a
        timeout, a 429, a 5xx, or an open circuit it returns an empty
        ``ReadResult`` with ``degraded=True`` and ``degraded_reason``, and logs
        one warning per outage. It answers within its own budget (2 s in all,
        at most one retry) whatever the client's deadline; pass ``deadline=`` or
        ``max_retries=`` to change it. While the circuit is open it returns at
        once without touching the network. Auth and validation errors still
        raise: they are bugs, not outages.

        Args:
            query: what to look for.
            **kwargs: any argument of ``read``.

        Returns:
            ``ReadResult`` (check ``.degraded``).

        Raises:
            ValidationError: a bad argument, or the server's 422.
            AuthenticationError: a wrong key.
            AuthorizationError: a forbidden operation.

        Example:
            >>> result = memory.read_safe("preferences")  # doctest: +SKIP
            >>> context = "" if result.degraded else str(result)  # doctest: +SKIP
        """
        _safe_budget(kwargs)
        spec = MemoryMethods.read.build(self, query, **kwargs)
        spec.fallback = lambda reason: _results().ReadResult.degraded_empty(query, reason)
        return spec

    @endpoint
    def turn_safe(self, user_message: str, **kwargs: Unpack[TurnArgs]) -> RequestSpec[TurnResult]:
        """``turn`` that answers even when the server is down: then with an empty, degraded result.

        The same rules as ``read_safe``. A degraded turn may or may not have
        been stored.

        Args:
            user_message: what the user said.
            **kwargs: any argument of ``turn``.

        Returns:
            ``TurnResult`` (check ``.degraded``; ``memory_context`` is ``""`` then).

        Raises:
            ValidationError: a bad argument, or the server's 422.
            AuthenticationError: a wrong key.

        Example:
            >>> context = memory.turn_safe("Hi!", session_id=sid).memory_context  # doctest: +SKIP
        """
        _safe_budget(kwargs)
        spec = MemoryMethods.turn.build(self, user_message, **kwargs)
        spec.fallback = _results().TurnResult.degraded_empty
        return spec

    @endpoint
    def get_context_safe(self, session_id: str, **options: Unpack[CallOptions]) -> RequestSpec[SessionContext]:
        """``get_session_context`` that answers even when the server is down (then empty and degraded).

        The same rules as ``read_safe``.

        Args:
            session_id: the session's id.
            **options: per-call ``timeout``, ``max_retries``, ``deadline``.

        Returns:
            ``SessionContext`` (check ``.degraded``).

        Raises:
            ValidationError: a bad ``session_id``.
            AuthenticationError: a wrong key.

        Example:
            >>> memory.get_context_safe(sid).context_string  # doctest: +SKIP
        """
        _safe_budget(options)
        spec = MemoryMethods.get_session_context.build(self, session_id, **options)
        spec.fallback = lambda reason: _results().SessionContext.degraded_empty(session_id, reason)
        return spec

    store = deprecated("write", "1.0.0", name="store")(write)
