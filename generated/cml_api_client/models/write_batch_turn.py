from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="WriteBatchTurn")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "content",
        "metadata",
        "session_id",
        "timestamp",
        "turn_id",
    }
)


@_attrs_define
class WriteBatchTurn:
    """A single turn within a batch write request.

    Attributes:
        content (str):
        metadata (WriteBatchTurnMetadata | Unset):
        session_id (None | str | Unset):
        timestamp (datetime.datetime | None | Unset):
        turn_id (None | str | Unset):
    """

    content: str
    metadata: WriteBatchTurnMetadata | Unset = UNSET
    session_id: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    turn_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        turn_id: None | str | Unset
        if isinstance(self.turn_id, Unset):
            turn_id = UNSET
        else:
            turn_id = self.turn_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if turn_id is not UNSET:
            field_dict["turn_id"] = turn_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        content = src_dict["content"]

        _metadata = src_dict.get("metadata", UNSET)
        metadata: WriteBatchTurnMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = WriteBatchTurnMetadata.from_dict(_metadata)

        session_id = src_dict.get("session_id", UNSET)

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        turn_id = src_dict.get("turn_id", UNSET)

        write_batch_turn = cls(
            content=content,
            metadata=metadata,
            session_id=session_id,
            timestamp=timestamp,
            turn_id=turn_id,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        write_batch_turn.additional_properties = d
        return write_batch_turn

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


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.write_batch_turn_metadata import WriteBatchTurnMetadata
