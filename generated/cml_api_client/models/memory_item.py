from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="MemoryItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "confidence",
        "id",
        "relevance",
        "text",
        "timestamp",
        "type",
        "metadata",
    }
)


@_attrs_define
class MemoryItem:
    """A single memory item.

    Attributes:
        confidence (float):
        id (UUID):
        relevance (float):
        text (str):
        timestamp (datetime.datetime):
        type_ (str):
        metadata (MemoryItemMetadata | Unset):
    """

    confidence: float
    id: UUID
    relevance: float
    text: str
    timestamp: datetime.datetime
    type_: str
    metadata: MemoryItemMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        id = str(self.id)

        relevance = self.relevance

        text = self.text

        timestamp = self.timestamp.isoformat()

        type_ = self.type_

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confidence": confidence,
                "id": id,
                "relevance": relevance,
                "text": text,
                "timestamp": timestamp,
                "type": type_,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        confidence = src_dict["confidence"]

        id = parse_uuid(src_dict["id"])

        relevance = src_dict["relevance"]

        text = src_dict["text"]

        timestamp = parse_datetime(src_dict["timestamp"])

        type_ = src_dict["type"]

        _metadata = src_dict.get("metadata", UNSET)
        metadata: MemoryItemMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = MemoryItemMetadata.from_dict(_metadata)

        memory_item = cls(
            confidence=confidence,
            id=id,
            relevance=relevance,
            text=text,
            timestamp=timestamp,
            type_=type_,
            metadata=metadata,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        memory_item.additional_properties = d
        return memory_item

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
from ..models.memory_item_metadata import MemoryItemMetadata
