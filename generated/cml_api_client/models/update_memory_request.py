from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_uuid, readable

T = TypeVar("T", bound="UpdateMemoryRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "memory_id",
        "confidence",
        "feedback",
        "importance",
        "metadata",
        "text",
    }
)


@_attrs_define
class UpdateMemoryRequest:
    """Request to update a memory. Holistic: tenant-only.

    Attributes:
        memory_id (UUID):
        confidence (float | None | Unset):
        feedback (None | str | Unset):
        importance (float | None | Unset):
        metadata (None | Unset | UpdateMemoryRequestMetadataType0):
        text (None | str | Unset):
    """

    memory_id: UUID
    confidence: float | None | Unset = UNSET
    feedback: None | str | Unset = UNSET
    importance: float | None | Unset = UNSET
    metadata: None | Unset | UpdateMemoryRequestMetadataType0 = UNSET
    text: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memory_id = str(self.memory_id)

        confidence: float | None | Unset
        if isinstance(self.confidence, Unset):
            confidence = UNSET
        else:
            confidence = self.confidence

        feedback: None | str | Unset
        if isinstance(self.feedback, Unset):
            feedback = UNSET
        else:
            feedback = self.feedback

        importance: float | None | Unset
        if isinstance(self.importance, Unset):
            importance = UNSET
        else:
            importance = self.importance

        metadata: dict[str, Any] | None | Unset
        if isinstance(self.metadata, Unset):
            metadata = UNSET
        elif isinstance(self.metadata, UpdateMemoryRequestMetadataType0):
            metadata = self.metadata.to_dict()
        else:
            metadata = self.metadata

        text: None | str | Unset
        if isinstance(self.text, Unset):
            text = UNSET
        else:
            text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memory_id": memory_id,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if feedback is not UNSET:
            field_dict["feedback"] = feedback
        if importance is not UNSET:
            field_dict["importance"] = importance
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if text is not UNSET:
            field_dict["text"] = text

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        memory_id = parse_uuid(src_dict["memory_id"])

        confidence = src_dict.get("confidence", UNSET)

        feedback = src_dict.get("feedback", UNSET)

        importance = src_dict.get("importance", UNSET)

        metadata = _parse_metadata(src_dict.get("metadata", UNSET))

        text = src_dict.get("text", UNSET)

        update_memory_request = cls(
            memory_id=memory_id,
            confidence=confidence,
            feedback=feedback,
            importance=importance,
            metadata=metadata,
            text=text,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        update_memory_request.additional_properties = d
        return update_memory_request

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


def _parse_metadata(data: object) -> None | Unset | UpdateMemoryRequestMetadataType0:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        metadata_type_0 = UpdateMemoryRequestMetadataType0.from_dict(data)

        return metadata_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | UpdateMemoryRequestMetadataType0", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.update_memory_request_metadata_type_0 import (
    UpdateMemoryRequestMetadataType0,
)
