from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardSessionsResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "sessions",
        "total_active",
        "total_memories_with_session",
    }
)


@_attrs_define
class DashboardSessionsResponse:
    """Sessions list.

    Attributes:
        sessions (list[SessionInfo]):
        total_active (int | Unset):  Default: 0.
        total_memories_with_session (int | Unset):  Default: 0.
    """

    sessions: list[SessionInfo]
    total_active: int | Unset = 0
    total_memories_with_session: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sessions = []
        for sessions_item_data in self.sessions:
            sessions_item = sessions_item_data.to_dict()
            sessions.append(sessions_item)

        total_active = self.total_active

        total_memories_with_session = self.total_memories_with_session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sessions": sessions,
            }
        )
        if total_active is not UNSET:
            field_dict["total_active"] = total_active
        if total_memories_with_session is not UNSET:
            field_dict["total_memories_with_session"] = total_memories_with_session

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        sessions = []
        _sessions = src_dict["sessions"]
        for sessions_item_data in _sessions:
            sessions_item = SessionInfo.from_dict(sessions_item_data)

            sessions.append(sessions_item)

        total_active = src_dict.get("total_active", UNSET)

        total_memories_with_session = src_dict.get("total_memories_with_session", UNSET)

        dashboard_sessions_response = cls(
            sessions=sessions,
            total_active=total_active,
            total_memories_with_session=total_memories_with_session,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_sessions_response.additional_properties = d
        return dashboard_sessions_response

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
from ..models.session_info import SessionInfo
