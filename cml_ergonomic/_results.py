"""Typed results: the generated attrs models themselves, with a ``meta`` slot and a readable ``str()``.

Each result class subclasses its generated model, so the generated
``from_dict`` builds it directly: no copy, every field of the schema, and
the nested items (``MemoryItem`` ...) are the generated classes. Operations
the schema leaves untyped (health, delete-all, admin) return TypedDicts.

Imported lazily (on the first call that needs it), because importing the
generated models costs more than the rest of the SDK together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypedDict, TypeVar

import attrs
from cml_api_client.models.create_session_response import CreateSessionResponse
from cml_api_client.models.forget_response import ForgetResponse
from cml_api_client.models.memory_item import MemoryItem
from cml_api_client.models.memory_stats import MemoryStats
from cml_api_client.models.process_turn_response import ProcessTurnResponse
from cml_api_client.models.read_memory_response import ReadMemoryResponse
from cml_api_client.models.session_context_response import SessionContextResponse
from cml_api_client.models.update_memory_response import UpdateMemoryResponse
from cml_api_client.models.write_batch_response import WriteBatchResponse
from cml_api_client.models.write_memory_response import WriteMemoryResponse
from cml_api_client.types import Unset

from cml_ergonomic._logging import preview
from cml_ergonomic._request import ResponseMeta

__all__ = [
    "ConsolidationResult",
    "CreateSessionResult",
    "DeleteAllResult",
    "ForgetResult",
    "ForgettingResult",
    "HealthResult",
    "LLMContextReadResult",
    "MemoryItem",
    "ReadResult",
    "SessionContext",
    "Stats",
    "StreamDone",
    "Sufficiency",
    "TurnResult",
    "UpdateResult",
    "WriteBatchResult",
    "WriteResult",
]

_TOP = 5
_OTHER_ITEM_LISTS = ("facts", "preferences", "episodes", "constraints")


R = TypeVar("R", bound="ReadResult | TurnResult | SessionContext")


def _check_item_lists(data: Mapping[str, Any]) -> None:
    """Insist that the lists of memories are lists of objects, before the generated parser meets them.

    Raises:
        TypeError: naming the field and what was expected (the generated parser would
            fail with "dictionary update sequence element #0 has length 1; 2 is required").
    """
    for name in ("memories", *_OTHER_ITEM_LISTS):
        value = data.get(name) if isinstance(data, Mapping) else None
        if value is None:
            continue
        if not isinstance(value, list):
            kind = type(value).__name__
            raise TypeError(f"field {name!r} is {kind} {value!r:.40}, expected a list of memory objects")
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise TypeError(
                    f"field {name!r}[{index}] is {type(item).__name__} {item!r:.40}, expected a memory object"
                )


def _mark_degraded(result: R, reason: str) -> R:
    """An empty result, flagged as what a ``*_safe`` call returns when the server is unavailable."""
    result.degraded, result.degraded_reason = True, reason
    return result


def _reuse_or_parse(raw: Any, parsed: dict[Any, tuple[Any, MemoryItem]]) -> MemoryItem:
    hit = parsed.get(raw.get("id")) if isinstance(raw, dict) else None
    if hit is not None and hit[0] == raw:
        return hit[1]
    if not isinstance(raw, dict):
        raise TypeError(f"a memory item is {type(raw).__name__}, expected an object")
    return MemoryItem.from_dict(raw)


def _meta() -> Any:
    return attrs.field(default=None, init=False, repr=False, eq=False)


def _items(value: list[MemoryItem] | Unset) -> list[MemoryItem]:
    return [] if isinstance(value, Unset) else value


@attrs.define
class WriteResult(WriteMemoryResponse):
    """The answer to ``write``: ``success``, ``memory_id``, ``chunks_created``, ``message``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        if not self.success:
            return f"write failed: {self.message}"
        if not self.chunks_created:
            return f"write accepted, nothing stored: {self.message or 'the server judged it not worth storing'}"
        chunks = "chunk" if self.chunks_created == 1 else "chunks"
        return f"write stored: {self.chunks_created} {chunks}, memory_id={self.memory_id}"


@attrs.define
class WriteBatchResult(WriteBatchResponse):
    """The answer to ``write_batch``: ``success``, ``turns_processed``, ``chunks_created``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        state = "ok" if self.success else "failed"
        return f"write_batch {state}: {self.turns_processed} turns, {self.chunks_created} chunks"


class Sufficiency(TypedDict, total=False):
    """Whether a read found anything worth answering from (server 2.0.0 on; ``None`` before).

    Attributes:
        evidence_strength: the best match's relevance.
        supporting_memories: how many memories pass the support floor.
        retrieved: how many memories were scored.
        sufficient: the server's verdict; when False, an answer should say it does not know.
    """

    evidence_strength: float
    supporting_memories: int
    retrieved: int
    sufficient: bool


@attrs.define
class ReadResult(ReadMemoryResponse):
    """The answer to ``read``: ``memories`` (best first) and their split into facts, preferences, ...

    ``warnings`` (conflicts the server detected), ``open_questions`` (what
    needs confirmation) and ``sufficiency`` come from server 2.0.0 on; against
    older servers they are empty lists and ``None``.

    Attributes:
        degraded: True when ``read_safe`` returned this empty result instead of failing.
        degraded_reason: why it degraded.
    """

    if TYPE_CHECKING:  # narrowed: from_dict fills them in whatever the server's version
        warnings: list[str]
        open_questions: list[str]
        # The generated type is an untyped wrapper of the object; the TypedDict says what the server sends.
        sufficiency: Sufficiency | None  # type: ignore[assignment]

    meta: ResponseMeta | None = _meta()
    degraded: bool = attrs.field(default=False, init=False, eq=False)
    degraded_reason: str | None = attrs.field(default=None, init=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # Servers before 2.0.0 send none of these: the same types on every version.
        if isinstance(self.warnings, Unset):
            self.warnings = []
        if isinstance(self.open_questions, Unset):
            self.open_questions = []
        if isinstance(self.sufficiency, Unset):
            self.sufficiency = None
        elif self.sufficiency is not None and not isinstance(self.sufficiency, dict):
            self.sufficiency = Sufficiency(**self.sufficiency.additional_properties)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        """Parse a read; a memory listed twice (``memories`` and ``episodes`` in the packet format) is parsed once.

        The generated parser builds the result and its ``memories``; the other
        lists reuse those items where the server sent the very same object,
        and parse the rest with the generated ``MemoryItem.from_dict``.
        """
        _check_item_lists(src_dict)
        others = {name: src_dict.get(name) for name in _OTHER_ITEM_LISTS}
        result = super().from_dict({**src_dict, **{k: [] for k, v in others.items() if isinstance(v, list)}})
        memories_raw = src_dict.get("memories")
        parsed: dict[Any, tuple[Any, MemoryItem]] = {}
        if isinstance(memories_raw, list) and len(memories_raw) == len(result.memories):
            parsed = {
                raw.get("id"): (raw, item)
                for raw, item in zip(memories_raw, result.memories, strict=True)
                if isinstance(raw, dict)
            }
        for name, raw_items in others.items():
            if isinstance(raw_items, list):
                setattr(result, name, [_reuse_or_parse(raw, parsed) for raw in raw_items])
        return result

    def __len__(self) -> int:
        return len(self.memories)

    def __iter__(self) -> Any:
        return iter(self.memories)

    def __str__(self) -> str:
        if self.degraded:
            return f"read {self.query!r}: degraded, no memories ({self.degraded_reason})"
        head = f"read {self.query!r}: {self.total_count} memories in {self.elapsed_ms:.0f} ms"
        if self.sufficiency and self.sufficiency.get("sufficient") is False:
            head += f" (insufficient evidence: strongest {self.sufficiency.get('evidence_strength', 0):.2f})"
        lines = [head] + [f"  [{m.type_}] {m.relevance:.2f}  {preview(m.text, 70)}" for m in self.memories[:_TOP]]
        if len(self.memories) > _TOP:
            lines.append(f"  … and {len(self.memories) - _TOP} more")
        lines += [f"  warning: {preview(w, 100)}" for w in self.warnings]
        lines += [f"  open question: {preview(q, 100)}" for q in self.open_questions]
        return "\n".join(lines)

    @classmethod
    def degraded_empty(cls, query: str, reason: str) -> ReadResult:
        """An empty result marked as degraded (what ``read_safe`` returns when the server is unavailable)."""
        result = cls(query=query, memories=[], total_count=0, elapsed_ms=0.0)
        return _mark_degraded(result, reason)


@attrs.define
class LLMContextReadResult(ReadResult):
    """The answer to ``read(..., format="llm_context")``: ``llm_context`` is a prompt-ready string."""

    if TYPE_CHECKING:
        llm_context: str  # narrowed: the server always fills it in this format (checked on parse)

    def __str__(self) -> str:
        return f"read {self.query!r} as llm_context ({len(self.llm_context)} chars):\n{preview(self.llm_context, 400)}"


@attrs.define
class TurnResult(ProcessTurnResponse):
    """The answer to ``turn``: ``memory_context`` to put in the prompt, and what was stored and retrieved.

    Attributes:
        degraded: True when ``turn_safe`` returned this empty result instead of failing
            (the turn may or may not have been stored).
        degraded_reason: why it degraded.
    """

    meta: ResponseMeta | None = _meta()
    degraded: bool = attrs.field(default=False, init=False, eq=False)
    degraded_reason: str | None = attrs.field(default=None, init=False, eq=False)

    @classmethod
    def degraded_empty(cls, reason: str) -> TurnResult:
        """An empty turn result marked as degraded (what ``turn_safe`` returns when the server is unavailable)."""
        result = cls(memory_context="", memories_retrieved=0, memories_stored=0)
        return _mark_degraded(result, reason)

    def __str__(self) -> str:
        return (
            f"turn: {self.memories_retrieved} retrieved, {self.memories_stored} stored; "
            f"context {len(self.memory_context)} chars"
        )


@attrs.define
class UpdateResult(UpdateMemoryResponse):
    """The answer to ``update``: ``version`` is the memory's new version."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"update {'ok' if self.success else 'failed'}: memory {self.memory_id} is now version {self.version}"


@attrs.define
class ForgetResult(ForgetResponse):
    """The answer to ``forget``: ``affected_count`` memories were forgotten."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"forget {'ok' if self.success else 'failed'}: {self.affected_count} affected"


@attrs.define
class Stats(MemoryStats):
    """The answer to ``stats``: counts by state and by type."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        types = ", ".join(f"{k}={v}" for k, v in sorted(self.by_type.additional_properties.items()))
        return (
            f"{self.total_memories} memories ({self.active_memories} active, {self.silent_memories} silent, "
            f"{self.archived_memories} archived; {types or 'no types'}), "
            f"avg confidence {self.avg_confidence:.2f}, {self.estimated_size_mb:.2f} MB"
        )


@attrs.define
class CreateSessionResult(CreateSessionResponse):
    """The answer to ``create_session``: ``session_id``, ``created_at``, ``expires_at``."""

    meta: ResponseMeta | None = _meta()

    def __str__(self) -> str:
        return f"session {self.session_id} (expires {self.expires_at})"


@attrs.define
class SessionContext(SessionContextResponse):
    """The answer to ``get_session_context``: ``messages``, ``tool_results``, ``scratch_pad``, ``context_string``.

    Attributes:
        degraded: True when ``get_context_safe`` returned this empty context instead of failing.
        degraded_reason: why it degraded.
    """

    meta: ResponseMeta | None = _meta()
    degraded: bool = attrs.field(default=False, init=False, eq=False)
    degraded_reason: str | None = attrs.field(default=None, init=False, eq=False)

    @classmethod
    def degraded_empty(cls, session_id: str, reason: str) -> SessionContext:
        """An empty context marked as degraded (what ``get_context_safe`` returns when the server is unavailable)."""
        result = cls(session_id=session_id, messages=[], tool_results=[], scratch_pad=[], context_string="")
        return _mark_degraded(result, reason)

    def __str__(self) -> str:
        return (
            f"session {self.session_id}: {len(_items(self.messages))} messages, "
            f"{len(_items(self.tool_results))} tool results, {len(_items(self.scratch_pad))} scratch notes"
        )


class HealthResult(TypedDict, total=False):
    """``health()``: the schema declares no body; the server sends ``status`` and ``timestamp``."""

    status: str
    timestamp: str


class DeleteAllResult(TypedDict, total=False):
    """``delete_all(confirm=True)``: the schema declares no body; the server reports how many it deleted."""

    affected_count: int


class ConsolidationResult(TypedDict, total=False):
    """``consolidate(user_id)``: untyped in the schema; these are the counters the server returns.

    ``clusters_skipped_no_recurrence`` and ``details_recovered`` come from server 2.0.0 on.
    """

    status: str
    user_id: str
    episodes_sampled: int
    clusters_formed: int
    gists_extracted: int
    clusters_skipped_no_recurrence: int
    details_recovered: int


class ForgettingResult(TypedDict, total=False):
    """``run_forgetting(user_id)``: untyped in the schema; these are the counters the server returns."""

    status: str
    user_id: str
    dry_run: bool
    memories_scanned: int
    operations_applied: int


class StreamDone(TypedDict, total=False):
    """The last thing ``read_stream`` yields: the ``event: done`` summary."""

    total_count: int
    elapsed_ms: float
    retrieval_meta: dict[str, Any]


def parse_llm_context(data: Any) -> LLMContextReadResult:
    """Parse a read in ``llm_context`` format, insisting that ``llm_context`` is a string.

    Raises:
        TypeError: the server sent no ``llm_context`` string.
    """
    result = LLMContextReadResult.from_dict(data)
    if not isinstance(result.llm_context, str):
        raise TypeError("format='llm_context' but the body has no llm_context string")
    return result


def parse_untyped(data: Any) -> Any:
    """The body of an operation the schema leaves untyped: it must be a JSON object.

    Raises:
        TypeError: it is not.
    """
    if not isinstance(data, dict):
        raise TypeError(f"expected a JSON object, got {type(data).__name__}")
    return data
