from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="DashboardFactEvidenceItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "confidence",
        "id",
        "status",
        "text",
        "type",
        "importance",
        "metadata",
        "source_session_id",
        "supersedes_id",
        "timestamp",
        "written_at",
    }
)


@_attrs_define
class DashboardFactEvidenceItem:
    """Evidence memory attached to a semantic fact.

    Attributes:
        confidence (float):
        id (UUID):
        status (str):
        text (str):
        type_ (str):
        importance (float | Unset):  Default: 0.0.
        metadata (DashboardFactEvidenceItemMetadata | Unset):
        source_session_id (None | str | Unset):
        supersedes_id (None | Unset | UUID):
        timestamp (datetime.datetime | None | Unset):
        written_at (datetime.datetime | None | Unset):
    """

    confidence: float
    id: UUID
    status: str
    text: str
    type_: str
    importance: float | Unset = 0.0
    metadata: DashboardFactEvidenceItemMetadata | Unset = UNSET
    source_session_id: None | str | Unset = UNSET
    supersedes_id: None | Unset | UUID = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    written_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confidence = self.confidence

        id = str(self.id)

        status = self.status

        text = self.text

        type_ = self.type_

        importance = self.importance

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        source_session_id: None | str | Unset
        if isinstance(self.source_session_id, Unset):
            source_session_id = UNSET
        else:
            source_session_id = self.source_session_id

        supersedes_id: None | str | Unset
        if isinstance(self.supersedes_id, Unset):
            supersedes_id = UNSET
        elif isinstance(self.supersedes_id, UUID):
            supersedes_id = str(self.supersedes_id)
        else:
            supersedes_id = self.supersedes_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        written_at: None | str | Unset
        if isinstance(self.written_at, Unset):
            written_at = UNSET
        elif isinstance(self.written_at, datetime.datetime):
            written_at = self.written_at.isoformat()
        else:
            written_at = self.written_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confidence": confidence,
                "id": id,
                "status": status,
                "text": text,
                "type": type_,
            }
        )
        if importance is not UNSET:
            field_dict["importance"] = importance
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if source_session_id is not UNSET:
            field_dict["source_session_id"] = source_session_id
        if supersedes_id is not UNSET:
            field_dict["supersedes_id"] = supersedes_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if written_at is not UNSET:
            field_dict["written_at"] = written_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        confidence = src_dict["confidence"]

        id = parse_uuid(src_dict["id"])

        status = src_dict["status"]

        text = src_dict["text"]

        type_ = src_dict["type"]

        importance = src_dict.get("importance", UNSET)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: DashboardFactEvidenceItemMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = DashboardFactEvidenceItemMetadata.from_dict(_metadata)

        source_session_id = src_dict.get("source_session_id", UNSET)

        supersedes_id = _parse_supersedes_id(src_dict.get("supersedes_id", UNSET))

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        written_at = _parse_written_at(src_dict.get("written_at", UNSET))

        dashboard_fact_evidence_item = cls(
            confidence=confidence,
            id=id,
            status=status,
            text=text,
            type_=type_,
            importance=importance,
            metadata=metadata,
            source_session_id=source_session_id,
            supersedes_id=supersedes_id,
            timestamp=timestamp,
            written_at=written_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_fact_evidence_item.additional_properties = d
        return dashboard_fact_evidence_item

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


def _parse_supersedes_id(data: object) -> None | Unset | UUID:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        supersedes_id_type_0 = parse_uuid(data)

        return supersedes_id_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | UUID", data)


def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        timestamp_type_0 = parse_datetime(data)

        return timestamp_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_written_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        written_at_type_0 = parse_datetime(data)

        return written_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_fact_evidence_item_metadata import (
    DashboardFactEvidenceItemMetadata,
)
