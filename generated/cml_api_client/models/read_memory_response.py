from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="ReadMemoryResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "elapsed_ms",
        "memories",
        "query",
        "total_count",
        "constraints",
        "episodes",
        "facts",
        "llm_context",
        "open_questions",
        "preferences",
        "retrieval_meta",
        "sufficiency",
        "warnings",
    }
)


@_attrs_define
class ReadMemoryResponse:
    """Response from read operation.

    Attributes:
        elapsed_ms (float):
        memories (list[MemoryItem]):
        query (str):
        total_count (int):
        constraints (list[MemoryItem] | Unset):
        episodes (list[MemoryItem] | Unset):
        facts (list[MemoryItem] | Unset):
        llm_context (None | str | Unset):
        open_questions (list[str] | Unset):
        preferences (list[MemoryItem] | Unset):
        retrieval_meta (None | ReadMemoryResponseRetrievalMetaType0 | Unset):
        sufficiency (None | ReadMemoryResponseSufficiencyType0 | Unset):
        warnings (list[str] | Unset):
    """

    elapsed_ms: float
    memories: list[MemoryItem]
    query: str
    total_count: int
    constraints: list[MemoryItem] | Unset = UNSET
    episodes: list[MemoryItem] | Unset = UNSET
    facts: list[MemoryItem] | Unset = UNSET
    llm_context: None | str | Unset = UNSET
    open_questions: list[str] | Unset = UNSET
    preferences: list[MemoryItem] | Unset = UNSET
    retrieval_meta: None | ReadMemoryResponseRetrievalMetaType0 | Unset = UNSET
    sufficiency: None | ReadMemoryResponseSufficiencyType0 | Unset = UNSET
    warnings: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        elapsed_ms = self.elapsed_ms

        memories = []
        for memories_item_data in self.memories:
            memories_item = memories_item_data.to_dict()
            memories.append(memories_item)

        query = self.query

        total_count = self.total_count

        constraints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.constraints, Unset):
            constraints = []
            for constraints_item_data in self.constraints:
                constraints_item = constraints_item_data.to_dict()
                constraints.append(constraints_item)

        episodes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.episodes, Unset):
            episodes = []
            for episodes_item_data in self.episodes:
                episodes_item = episodes_item_data.to_dict()
                episodes.append(episodes_item)

        facts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.facts, Unset):
            facts = []
            for facts_item_data in self.facts:
                facts_item = facts_item_data.to_dict()
                facts.append(facts_item)

        llm_context: None | str | Unset
        if isinstance(self.llm_context, Unset):
            llm_context = UNSET
        else:
            llm_context = self.llm_context

        open_questions: list[str] | Unset = UNSET
        if not isinstance(self.open_questions, Unset):
            open_questions = self.open_questions

        preferences: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.preferences, Unset):
            preferences = []
            for preferences_item_data in self.preferences:
                preferences_item = preferences_item_data.to_dict()
                preferences.append(preferences_item)

        retrieval_meta: dict[str, Any] | None | Unset
        if isinstance(self.retrieval_meta, Unset):
            retrieval_meta = UNSET
        elif isinstance(self.retrieval_meta, ReadMemoryResponseRetrievalMetaType0):
            retrieval_meta = self.retrieval_meta.to_dict()
        else:
            retrieval_meta = self.retrieval_meta

        sufficiency: dict[str, Any] | None | Unset
        if isinstance(self.sufficiency, Unset):
            sufficiency = UNSET
        elif isinstance(self.sufficiency, ReadMemoryResponseSufficiencyType0):
            sufficiency = self.sufficiency.to_dict()
        else:
            sufficiency = self.sufficiency

        warnings: list[str] | Unset = UNSET
        if not isinstance(self.warnings, Unset):
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "elapsed_ms": elapsed_ms,
                "memories": memories,
                "query": query,
                "total_count": total_count,
            }
        )
        if constraints is not UNSET:
            field_dict["constraints"] = constraints
        if episodes is not UNSET:
            field_dict["episodes"] = episodes
        if facts is not UNSET:
            field_dict["facts"] = facts
        if llm_context is not UNSET:
            field_dict["llm_context"] = llm_context
        if open_questions is not UNSET:
            field_dict["open_questions"] = open_questions
        if preferences is not UNSET:
            field_dict["preferences"] = preferences
        if retrieval_meta is not UNSET:
            field_dict["retrieval_meta"] = retrieval_meta
        if sufficiency is not UNSET:
            field_dict["sufficiency"] = sufficiency
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        elapsed_ms = src_dict["elapsed_ms"]

        memories = []
        _memories = src_dict["memories"]
        for memories_item_data in _memories:
            memories_item = MemoryItem.from_dict(memories_item_data)

            memories.append(memories_item)

        query = src_dict["query"]

        total_count = src_dict["total_count"]

        _constraints = src_dict.get("constraints", UNSET)
        constraints: list[MemoryItem] | Unset = UNSET
        if _constraints is not UNSET:
            constraints = []
            for constraints_item_data in _constraints:
                constraints_item = MemoryItem.from_dict(constraints_item_data)

                constraints.append(constraints_item)

        _episodes = src_dict.get("episodes", UNSET)
        episodes: list[MemoryItem] | Unset = UNSET
        if _episodes is not UNSET:
            episodes = []
            for episodes_item_data in _episodes:
                episodes_item = MemoryItem.from_dict(episodes_item_data)

                episodes.append(episodes_item)

        _facts = src_dict.get("facts", UNSET)
        facts: list[MemoryItem] | Unset = UNSET
        if _facts is not UNSET:
            facts = []
            for facts_item_data in _facts:
                facts_item = MemoryItem.from_dict(facts_item_data)

                facts.append(facts_item)

        llm_context = src_dict.get("llm_context", UNSET)

        open_questions = cast("list[str]", src_dict.get("open_questions", UNSET))

        _preferences = src_dict.get("preferences", UNSET)
        preferences: list[MemoryItem] | Unset = UNSET
        if _preferences is not UNSET:
            preferences = []
            for preferences_item_data in _preferences:
                preferences_item = MemoryItem.from_dict(preferences_item_data)

                preferences.append(preferences_item)

        retrieval_meta = _parse_retrieval_meta(src_dict.get("retrieval_meta", UNSET))

        sufficiency = _parse_sufficiency(src_dict.get("sufficiency", UNSET))

        warnings = cast("list[str]", src_dict.get("warnings", UNSET))

        read_memory_response = cls(
            elapsed_ms=elapsed_ms,
            memories=memories,
            query=query,
            total_count=total_count,
            constraints=constraints,
            episodes=episodes,
            facts=facts,
            llm_context=llm_context,
            open_questions=open_questions,
            preferences=preferences,
            retrieval_meta=retrieval_meta,
            sufficiency=sufficiency,
            warnings=warnings,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        read_memory_response.additional_properties = d
        return read_memory_response

    def __str__(self) -> str:
        return readable(self)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


def _parse_retrieval_meta(
    data: object,
) -> None | ReadMemoryResponseRetrievalMetaType0 | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        retrieval_meta_type_0 = ReadMemoryResponseRetrievalMetaType0.from_dict(data)

        return retrieval_meta_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | ReadMemoryResponseRetrievalMetaType0 | Unset", data)


def _parse_sufficiency(
    data: object,
) -> None | ReadMemoryResponseSufficiencyType0 | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        sufficiency_type_0 = ReadMemoryResponseSufficiencyType0.from_dict(data)

        return sufficiency_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | ReadMemoryResponseSufficiencyType0 | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.memory_item import MemoryItem
from ..models.read_memory_response_retrieval_meta_type_0 import (
    ReadMemoryResponseRetrievalMetaType0,
)
from ..models.read_memory_response_sufficiency_type_0 import (
    ReadMemoryResponseSufficiencyType0,
)
