from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="RetrievalExplainPlanStep")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "source",
        "associative_expansion",
        "constraint_categories",
        "key",
        "memory_types",
        "min_confidence",
        "priority",
        "query",
        "seeds",
        "skip_if_found",
        "time_filter",
        "timeout_ms",
        "top_k",
    }
)


@_attrs_define
class RetrievalExplainPlanStep:
    """Single retrieval plan step for explain mode.

    Attributes:
        source (str):
        associative_expansion (bool | Unset):  Default: False.
        constraint_categories (list[str] | Unset):
        key (None | str | Unset):
        memory_types (list[str] | Unset):
        min_confidence (float | Unset):  Default: 0.0.
        priority (int | Unset):  Default: 0.
        query (None | str | Unset):
        seeds (list[str] | Unset):
        skip_if_found (bool | Unset):  Default: False.
        time_filter (None | RetrievalExplainPlanStepTimeFilterType0 | Unset):
        timeout_ms (int | Unset):  Default: 0.
        top_k (int | Unset):  Default: 10.
    """

    source: str
    associative_expansion: bool | Unset = False
    constraint_categories: list[str] | Unset = UNSET
    key: None | str | Unset = UNSET
    memory_types: list[str] | Unset = UNSET
    min_confidence: float | Unset = 0.0
    priority: int | Unset = 0
    query: None | str | Unset = UNSET
    seeds: list[str] | Unset = UNSET
    skip_if_found: bool | Unset = False
    time_filter: None | RetrievalExplainPlanStepTimeFilterType0 | Unset = UNSET
    timeout_ms: int | Unset = 0
    top_k: int | Unset = 10
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        source = self.source

        associative_expansion = self.associative_expansion

        constraint_categories: list[str] | Unset = UNSET
        if not isinstance(self.constraint_categories, Unset):
            constraint_categories = self.constraint_categories

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        memory_types: list[str] | Unset = UNSET
        if not isinstance(self.memory_types, Unset):
            memory_types = self.memory_types

        min_confidence = self.min_confidence

        priority = self.priority

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        seeds: list[str] | Unset = UNSET
        if not isinstance(self.seeds, Unset):
            seeds = self.seeds

        skip_if_found = self.skip_if_found

        time_filter: dict[str, Any] | None | Unset
        if isinstance(self.time_filter, Unset):
            time_filter = UNSET
        elif isinstance(self.time_filter, RetrievalExplainPlanStepTimeFilterType0):
            time_filter = self.time_filter.to_dict()
        else:
            time_filter = self.time_filter

        timeout_ms = self.timeout_ms

        top_k = self.top_k

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "source": source,
            }
        )
        if associative_expansion is not UNSET:
            field_dict["associative_expansion"] = associative_expansion
        if constraint_categories is not UNSET:
            field_dict["constraint_categories"] = constraint_categories
        if key is not UNSET:
            field_dict["key"] = key
        if memory_types is not UNSET:
            field_dict["memory_types"] = memory_types
        if min_confidence is not UNSET:
            field_dict["min_confidence"] = min_confidence
        if priority is not UNSET:
            field_dict["priority"] = priority
        if query is not UNSET:
            field_dict["query"] = query
        if seeds is not UNSET:
            field_dict["seeds"] = seeds
        if skip_if_found is not UNSET:
            field_dict["skip_if_found"] = skip_if_found
        if time_filter is not UNSET:
            field_dict["time_filter"] = time_filter
        if timeout_ms is not UNSET:
            field_dict["timeout_ms"] = timeout_ms
        if top_k is not UNSET:
            field_dict["top_k"] = top_k

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        source = src_dict["source"]

        associative_expansion = src_dict.get("associative_expansion", UNSET)

        constraint_categories = cast(
            "list[str]", src_dict.get("constraint_categories", UNSET)
        )

        key = src_dict.get("key", UNSET)

        memory_types = cast("list[str]", src_dict.get("memory_types", UNSET))

        min_confidence = src_dict.get("min_confidence", UNSET)

        priority = src_dict.get("priority", UNSET)

        query = src_dict.get("query", UNSET)

        seeds = cast("list[str]", src_dict.get("seeds", UNSET))

        skip_if_found = src_dict.get("skip_if_found", UNSET)

        time_filter = _parse_time_filter(src_dict.get("time_filter", UNSET))

        timeout_ms = src_dict.get("timeout_ms", UNSET)

        top_k = src_dict.get("top_k", UNSET)

        retrieval_explain_plan_step = cls(
            source=source,
            associative_expansion=associative_expansion,
            constraint_categories=constraint_categories,
            key=key,
            memory_types=memory_types,
            min_confidence=min_confidence,
            priority=priority,
            query=query,
            seeds=seeds,
            skip_if_found=skip_if_found,
            time_filter=time_filter,
            timeout_ms=timeout_ms,
            top_k=top_k,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        retrieval_explain_plan_step.additional_properties = d
        return retrieval_explain_plan_step

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


def _parse_time_filter(
    data: object,
) -> None | RetrievalExplainPlanStepTimeFilterType0 | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        time_filter_type_0 = RetrievalExplainPlanStepTimeFilterType0.from_dict(data)

        return time_filter_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | RetrievalExplainPlanStepTimeFilterType0 | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.retrieval_explain_plan_step_time_filter_type_0 import (
    RetrievalExplainPlanStepTimeFilterType0,
)
