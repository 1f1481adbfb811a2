from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="ProcessTurnRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "user_message",
        "assistant_response",
        "max_context_tokens",
        "session_id",
        "timestamp",
        "user_timezone",
    }
)


@_attrs_define
class ProcessTurnRequest:
    """Request to process a conversation turn with seamless memory (auto-retrieve + optional auto-store).

    Attributes:
        user_message (str):
        assistant_response (None | str | Unset):
        max_context_tokens (int | Unset):  Default: 1500.
        session_id (None | str | Unset):
        timestamp (datetime.datetime | None | Unset):
        user_timezone (None | str | Unset):
    """

    user_message: str
    assistant_response: None | str | Unset = UNSET
    max_context_tokens: int | Unset = 1500
    session_id: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    user_timezone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        user_message = self.user_message

        assistant_response: None | str | Unset
        if isinstance(self.assistant_response, Unset):
            assistant_response = UNSET
        else:
            assistant_response = self.assistant_response

        max_context_tokens = self.max_context_tokens

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

        user_timezone: None | str | Unset
        if isinstance(self.user_timezone, Unset):
            user_timezone = UNSET
        else:
            user_timezone = self.user_timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "user_message": user_message,
            }
        )
        if assistant_response is not UNSET:
            field_dict["assistant_response"] = assistant_response
        if max_context_tokens is not UNSET:
            field_dict["max_context_tokens"] = max_context_tokens
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if user_timezone is not UNSET:
            field_dict["user_timezone"] = user_timezone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        user_message = src_dict["user_message"]

        assistant_response = src_dict.get("assistant_response", UNSET)

        max_context_tokens = src_dict.get("max_context_tokens", UNSET)

        session_id = src_dict.get("session_id", UNSET)

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        user_timezone = src_dict.get("user_timezone", UNSET)

        process_turn_request = cls(
            user_message=user_message,
            assistant_response=assistant_response,
            max_context_tokens=max_context_tokens,
            session_id=session_id,
            timestamp=timestamp,
            user_timezone=user_timezone,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        process_turn_request.additional_properties = d
        return process_turn_request

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
