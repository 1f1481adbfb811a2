from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="DashboardLineageMemory")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "status",
        "text",
        "type",
        "confidence",
        "importance",
        "key",
        "supersedes_id",
        "timestamp",
        "version",
        "written_at",
    }
)


@_attrs_define
class DashboardLineageMemory:
    """Compact memory summary used in lineage views.

    Attributes:
        id (UUID):
        status (str):
        text (str):
        type_ (str):
        confidence (float | Unset):  Default: 0.0.
        importance (float | Unset):  Default: 0.0.
        key (None | str | Unset):
        supersedes_id (None | Unset | UUID):
        timestamp (datetime.datetime | None | Unset):
        version (int | Unset):  Default: 1.
        written_at (datetime.datetime | None | Unset):
    """

    id: UUID
    status: str
    text: str
    type_: str
    confidence: float | Unset = 0.0
    importance: float | Unset = 0.0
    key: None | str | Unset = UNSET
    supersedes_id: None | Unset | UUID = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    version: int | Unset = 1
    written_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status = self.status

        text = self.text

        type_ = self.type_

        confidence = self.confidence

        importance = self.importance

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

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

        version = self.version

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
                "id": id,
                "status": status,
                "text": text,
                "type": type_,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if importance is not UNSET:
            field_dict["importance"] = importance
        if key is not UNSET:
            field_dict["key"] = key
        if supersedes_id is not UNSET:
            field_dict["supersedes_id"] = supersedes_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if version is not UNSET:
            field_dict["version"] = version
        if written_at is not UNSET:
            field_dict["written_at"] = written_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = parse_uuid(src_dict["id"])

        status = src_dict["status"]

        text = src_dict["text"]

        type_ = src_dict["type"]

        confidence = src_dict.get("confidence", UNSET)

        importance = src_dict.get("importance", UNSET)

        key = src_dict.get("key", UNSET)

        supersedes_id = _parse_supersedes_id(src_dict.get("supersedes_id", UNSET))

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        version = src_dict.get("version", UNSET)

        written_at = _parse_written_at(src_dict.get("written_at", UNSET))

        dashboard_lineage_memory = cls(
            id=id,
            status=status,
            text=text,
            type_=type_,
            confidence=confidence,
            importance=importance,
            key=key,
            supersedes_id=supersedes_id,
            timestamp=timestamp,
            version=version,
            written_at=written_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_lineage_memory.additional_properties = d
        return dashboard_lineage_memory

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
