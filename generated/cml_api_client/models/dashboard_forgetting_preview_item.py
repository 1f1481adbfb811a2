from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_uuid, readable

T = TypeVar("T", bound="DashboardForgettingPreviewItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "access_count",
        "confidence",
        "confidence_score",
        "dependency_score",
        "frequency_score",
        "importance",
        "importance_score",
        "memory_id",
        "recency_score",
        "status",
        "suggested_action",
        "text",
        "total_score",
        "type",
        "type_bonus_score",
        "dependency_count",
        "duplicate_matches",
        "keep_reason",
        "protected",
    }
)


@_attrs_define
class DashboardForgettingPreviewItem:
    """Preview item for forgetting decisions.

    Attributes:
        access_count (int):
        confidence (float):
        confidence_score (float):
        dependency_score (float):
        frequency_score (float):
        importance (float):
        importance_score (float):
        memory_id (UUID):
        recency_score (float):
        status (str):
        suggested_action (str):
        text (str):
        total_score (float):
        type_ (str):
        type_bonus_score (float):
        dependency_count (int | Unset):  Default: 0.
        duplicate_matches (list[DashboardForgettingPreviewItemDuplicateMatchesItem] | Unset):
        keep_reason (None | str | Unset):
        protected (bool | Unset):  Default: False.
    """

    access_count: int
    confidence: float
    confidence_score: float
    dependency_score: float
    frequency_score: float
    importance: float
    importance_score: float
    memory_id: UUID
    recency_score: float
    status: str
    suggested_action: str
    text: str
    total_score: float
    type_: str
    type_bonus_score: float
    dependency_count: int | Unset = 0
    duplicate_matches: (
        list[DashboardForgettingPreviewItemDuplicateMatchesItem] | Unset
    ) = UNSET
    keep_reason: None | str | Unset = UNSET
    protected: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_count = self.access_count

        confidence = self.confidence

        confidence_score = self.confidence_score

        dependency_score = self.dependency_score

        frequency_score = self.frequency_score

        importance = self.importance

        importance_score = self.importance_score

        memory_id = str(self.memory_id)

        recency_score = self.recency_score

        status = self.status

        suggested_action = self.suggested_action

        text = self.text

        total_score = self.total_score

        type_ = self.type_

        type_bonus_score = self.type_bonus_score

        dependency_count = self.dependency_count

        duplicate_matches: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.duplicate_matches, Unset):
            duplicate_matches = []
            for duplicate_matches_item_data in self.duplicate_matches:
                duplicate_matches_item = duplicate_matches_item_data.to_dict()
                duplicate_matches.append(duplicate_matches_item)

        keep_reason: None | str | Unset
        if isinstance(self.keep_reason, Unset):
            keep_reason = UNSET
        else:
            keep_reason = self.keep_reason

        protected = self.protected

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_count": access_count,
                "confidence": confidence,
                "confidence_score": confidence_score,
                "dependency_score": dependency_score,
                "frequency_score": frequency_score,
                "importance": importance,
                "importance_score": importance_score,
                "memory_id": memory_id,
                "recency_score": recency_score,
                "status": status,
                "suggested_action": suggested_action,
                "text": text,
                "total_score": total_score,
                "type": type_,
                "type_bonus_score": type_bonus_score,
            }
        )
        if dependency_count is not UNSET:
            field_dict["dependency_count"] = dependency_count
        if duplicate_matches is not UNSET:
            field_dict["duplicate_matches"] = duplicate_matches
        if keep_reason is not UNSET:
            field_dict["keep_reason"] = keep_reason
        if protected is not UNSET:
            field_dict["protected"] = protected

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        access_count = src_dict["access_count"]

        confidence = src_dict["confidence"]

        confidence_score = src_dict["confidence_score"]

        dependency_score = src_dict["dependency_score"]

        frequency_score = src_dict["frequency_score"]

        importance = src_dict["importance"]

        importance_score = src_dict["importance_score"]

        memory_id = parse_uuid(src_dict["memory_id"])

        recency_score = src_dict["recency_score"]

        status = src_dict["status"]

        suggested_action = src_dict["suggested_action"]

        text = src_dict["text"]

        total_score = src_dict["total_score"]

        type_ = src_dict["type"]

        type_bonus_score = src_dict["type_bonus_score"]

        dependency_count = src_dict.get("dependency_count", UNSET)

        _duplicate_matches = src_dict.get("duplicate_matches", UNSET)
        duplicate_matches: (
            list[DashboardForgettingPreviewItemDuplicateMatchesItem] | Unset
        ) = UNSET
        if _duplicate_matches is not UNSET:
            duplicate_matches = []
            for duplicate_matches_item_data in _duplicate_matches:
                duplicate_matches_item = (
                    DashboardForgettingPreviewItemDuplicateMatchesItem.from_dict(
                        duplicate_matches_item_data
                    )
                )

                duplicate_matches.append(duplicate_matches_item)

        keep_reason = src_dict.get("keep_reason", UNSET)

        protected = src_dict.get("protected", UNSET)

        dashboard_forgetting_preview_item = cls(
            access_count=access_count,
            confidence=confidence,
            confidence_score=confidence_score,
            dependency_score=dependency_score,
            frequency_score=frequency_score,
            importance=importance,
            importance_score=importance_score,
            memory_id=memory_id,
            recency_score=recency_score,
            status=status,
            suggested_action=suggested_action,
            text=text,
            total_score=total_score,
            type_=type_,
            type_bonus_score=type_bonus_score,
            dependency_count=dependency_count,
            duplicate_matches=duplicate_matches,
            keep_reason=keep_reason,
            protected=protected,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_forgetting_preview_item.additional_properties = d
        return dashboard_forgetting_preview_item

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
from ..models.dashboard_forgetting_preview_item_duplicate_matches_item import (
    DashboardForgettingPreviewItemDuplicateMatchesItem,
)
