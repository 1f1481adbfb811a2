"""``read`` results: the memories, best first, and their split into facts, preferences, ..."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self

import attrs
from cml_api_client.models.memory_item import MemoryItem
from cml_api_client.models.read_memory_response import ReadMemoryResponse
from cml_api_client.types import Unset

from cml_ergonomic._logging import preview
from cml_ergonomic._request import ResponseMeta
from cml_ergonomic._results import Sufficiency, _mark_degraded, _meta

_TOP = 5
_OTHER_ITEM_LISTS = ("facts", "preferences", "episodes", "constraints")
_ONLY_DICTS = frozenset({dict})


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
        if _ONLY_DICTS.issuperset(map(type, value)):
            continue  # what JSON gives, found in one pass in C rather than an isinstance per item
        for index, item in enumerate(value):
            if not isinstance(item, Mapping):
                raise TypeError(
                    f"field {name!r}[{index}] is {type(item).__name__} {item!r:.40}, expected a memory object"
                )


def _reuse_or_parse(raw: Any, parsed: dict[Any, tuple[Any, MemoryItem]]) -> MemoryItem:
    hit = parsed.get(raw.get("id")) if isinstance(raw, dict) else None
    if hit is not None and hit[0] == raw:
        return hit[1]
    if not isinstance(raw, dict):
        raise TypeError(f"a memory item is {type(raw).__name__}, expected an object")
    return MemoryItem.from_dict(raw)


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
        parsed: dict[Any, tuple[Any, MemoryItem]] | None = None
        for name, raw_items in others.items():
            if not isinstance(raw_items, list) or not raw_items:
                continue
            if raw_items == memories_raw and len(result.memories) == len(raw_items):
                # The whole list repeats the memories (the packet format's episodes): one comparison, in C.
                setattr(result, name, list(result.memories))
                continue
            if parsed is None:
                parsed = {}
                if isinstance(memories_raw, list) and len(memories_raw) == len(result.memories):
                    parsed = {
                        raw.get("id"): (raw, item)
                        for raw, item in zip(memories_raw, result.memories, strict=True)
                        if isinstance(raw, dict)
                    }
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


def parse_llm_context(data: Any) -> LLMContextReadResult:
    """Parse a read in ``llm_context`` format, insisting that ``llm_context`` is a string.

    Raises:
        TypeError: the server sent no ``llm_context`` string.
    """
    result = LLMContextReadResult.from_dict(data)
    if not isinstance(result.llm_context, str):
        raise TypeError("format='llm_context' but the body has no llm_context string")
    return result
