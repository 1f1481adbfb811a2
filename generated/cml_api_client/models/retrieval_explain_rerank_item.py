from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_uuid, readable

T = TypeVar("T", bound="RetrievalExplainRerankItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "final_score",
        "id",
        "rank",
        "source_type",
        "text",
        "breakdown",
        "notes",
        "retrieval_source",
        "selected",
    }
)


@_attrs_define
class RetrievalExplainRerankItem:
    """Reranker score breakdown for a retrieved memory.

    Attributes:
        final_score (float):
        id (UUID):
        rank (int):
        source_type (str):
        text (str):
        breakdown (RetrievalExplainRerankItemBreakdown | Unset):
        notes (list[str] | Unset):
        retrieval_source (str | Unset):  Default: ''.
        selected (bool | Unset):  Default: True.
    """

    final_score: float
    id: UUID
    rank: int
    source_type: str
    text: str
    breakdown: RetrievalExplainRerankItemBreakdown | Unset = UNSET
    notes: list[str] | Unset = UNSET
    retrieval_source: str | Unset = ""
    selected: bool | Unset = True
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        final_score = self.final_score

        id = str(self.id)

        rank = self.rank

        source_type = self.source_type

        text = self.text

        breakdown: dict[str, Any] | Unset = UNSET
        if not isinstance(self.breakdown, Unset):
            breakdown = self.breakdown.to_dict()

        notes: list[str] | Unset = UNSET
        if not isinstance(self.notes, Unset):
            notes = self.notes

        retrieval_source = self.retrieval_source

        selected = self.selected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "final_score": final_score,
                "id": id,
                "rank": rank,
                "source_type": source_type,
                "text": text,
            }
        )
        if breakdown is not UNSET:
            field_dict["breakdown"] = breakdown
        if notes is not UNSET:
            field_dict["notes"] = notes
        if retrieval_source is not UNSET:
            field_dict["retrieval_source"] = retrieval_source
        if selected is not UNSET:
            field_dict["selected"] = selected

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        final_score = src_dict["final_score"]

        id = parse_uuid(src_dict["id"])

        rank = src_dict["rank"]

        source_type = src_dict["source_type"]

        text = src_dict["text"]

        _breakdown = src_dict.get("breakdown", UNSET)
        breakdown: RetrievalExplainRerankItemBreakdown | Unset
        if isinstance(_breakdown, Unset):
            breakdown = UNSET
        else:
            breakdown = RetrievalExplainRerankItemBreakdown.from_dict(_breakdown)

        notes = cast("list[str]", src_dict.get("notes", UNSET))

        retrieval_source = src_dict.get("retrieval_source", UNSET)

        selected = src_dict.get("selected", UNSET)

        retrieval_explain_rerank_item = cls(
            final_score=final_score,
            id=id,
            rank=rank,
            source_type=source_type,
            text=text,
            breakdown=breakdown,
            notes=notes,
            retrieval_source=retrieval_source,
            selected=selected,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        retrieval_explain_rerank_item.additional_properties = d
        return retrieval_explain_rerank_item

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


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.retrieval_explain_rerank_item_breakdown import (
    RetrievalExplainRerankItemBreakdown,
)
