from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="RetrievalExplainAnalysis")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "confidence",
        "intent",
        "constraint_dimensions",
        "entities",
        "is_decision_query",
        "key_phrases",
        "metadata",
        "suggested_sources",
        "suggested_top_k",
        "time_end",
        "time_reference",
        "time_start",
    }
)


@_attrs_define
class RetrievalExplainAnalysis:
    """Query analysis used by the retrieval explain endpoint.

    Attributes:
        confidence (float):
        intent (str):
        constraint_dimensions (list[str] | Unset):
        entities (list[str] | Unset):
        is_decision_query (bool | Unset):  Default: False.
        key_phrases (list[str] | Unset):
        metadata (RetrievalExplainAnalysisMetadata | Unset):
        suggested_sources (list[str] | Unset):
        suggested_top_k (int | Unset):  Default: 10.
        time_end (datetime.datetime | None | Unset):
        time_reference (None | str | Unset):
        time_start (datetime.datetime | None | Unset):
    """

    confidence: float
    intent: str
    constraint_dimensions: list[str] | Unset = UNSET
    entities: list[str] | Unset = UNSET
    is_decision_query: bool | Unset = False
    key_phrases: list[str] | Unset = UNSET
    metadata: RetrievalExplainAnalysisMetadata | Unset = UNSET
    suggested_sources: list[str] | Unset = UNSET
    suggested_top_k: int | Unset = 10
    time_end: datetime.datetime | None | Unset = UNSET
    time_reference: None | str | Unset = UNSET
    time_start: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        intent = self.intent

        constraint_dimensions: list[str] | Unset = UNSET
        if not isinstance(self.constraint_dimensions, Unset):
            constraint_dimensions = self.constraint_dimensions

        entities: list[str] | Unset = UNSET
        if not isinstance(self.entities, Unset):
            entities = self.entities

        is_decision_query = self.is_decision_query

        key_phrases: list[str] | Unset = UNSET
        if not isinstance(self.key_phrases, Unset):
            key_phrases = self.key_phrases

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        suggested_sources: list[str] | Unset = UNSET
        if not isinstance(self.suggested_sources, Unset):
            suggested_sources = self.suggested_sources

        suggested_top_k = self.suggested_top_k

        time_end: None | str | Unset
        if isinstance(self.time_end, Unset):
            time_end = UNSET
        elif isinstance(self.time_end, datetime.datetime):
            time_end = self.time_end.isoformat()
        else:
            time_end = self.time_end

        time_reference: None | str | Unset
        if isinstance(self.time_reference, Unset):
            time_reference = UNSET
        else:
            time_reference = self.time_reference

        time_start: None | str | Unset
        if isinstance(self.time_start, Unset):
            time_start = UNSET
        elif isinstance(self.time_start, datetime.datetime):
            time_start = self.time_start.isoformat()
        else:
            time_start = self.time_start

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confidence": confidence,
                "intent": intent,
            }
        )
        if constraint_dimensions is not UNSET:
            field_dict["constraint_dimensions"] = constraint_dimensions
        if entities is not UNSET:
            field_dict["entities"] = entities
        if is_decision_query is not UNSET:
            field_dict["is_decision_query"] = is_decision_query
        if key_phrases is not UNSET:
            field_dict["key_phrases"] = key_phrases
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if suggested_sources is not UNSET:
            field_dict["suggested_sources"] = suggested_sources
        if suggested_top_k is not UNSET:
            field_dict["suggested_top_k"] = suggested_top_k
        if time_end is not UNSET:
            field_dict["time_end"] = time_end
        if time_reference is not UNSET:
            field_dict["time_reference"] = time_reference
        if time_start is not UNSET:
            field_dict["time_start"] = time_start

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        confidence = src_dict["confidence"]

        intent = src_dict["intent"]

        constraint_dimensions = cast(
            "list[str]", src_dict.get("constraint_dimensions", UNSET)
        )

        entities = cast("list[str]", src_dict.get("entities", UNSET))

        is_decision_query = src_dict.get("is_decision_query", UNSET)

        key_phrases = cast("list[str]", src_dict.get("key_phrases", UNSET))

        _metadata = src_dict.get("metadata", UNSET)
        metadata: RetrievalExplainAnalysisMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = RetrievalExplainAnalysisMetadata.from_dict(_metadata)

        suggested_sources = cast("list[str]", src_dict.get("suggested_sources", UNSET))

        suggested_top_k = src_dict.get("suggested_top_k", UNSET)

        time_end = _parse_time_end(src_dict.get("time_end", UNSET))

        time_reference = src_dict.get("time_reference", UNSET)

        time_start = _parse_time_start(src_dict.get("time_start", UNSET))

        retrieval_explain_analysis = cls(
            confidence=confidence,
            intent=intent,
            constraint_dimensions=constraint_dimensions,
            entities=entities,
            is_decision_query=is_decision_query,
            key_phrases=key_phrases,
            metadata=metadata,
            suggested_sources=suggested_sources,
            suggested_top_k=suggested_top_k,
            time_end=time_end,
            time_reference=time_reference,
            time_start=time_start,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        retrieval_explain_analysis.additional_properties = d
        return retrieval_explain_analysis

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


def _parse_time_end(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        time_end_type_0 = parse_datetime(data)

        return time_end_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_time_start(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        time_start_type_0 = parse_datetime(data)

        return time_start_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.retrieval_explain_analysis_metadata import (
    RetrievalExplainAnalysisMetadata,
)
