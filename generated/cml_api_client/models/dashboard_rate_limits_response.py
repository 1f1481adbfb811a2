from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardRateLimitsResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "entries",
        "configured_rpm",
    }
)


@_attrs_define
class DashboardRateLimitsResponse:
    """Rate limit entries.

    Attributes:
        entries (list[RateLimitEntry]):
        configured_rpm (int | Unset):  Default: 60.
    """

    entries: list[RateLimitEntry]
    configured_rpm: int | Unset = 60
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        configured_rpm = self.configured_rpm

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entries": entries,
            }
        )
        if configured_rpm is not UNSET:
            field_dict["configured_rpm"] = configured_rpm

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        entries = []
        _entries = src_dict["entries"]
        for entries_item_data in _entries:
            entries_item = RateLimitEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        configured_rpm = src_dict.get("configured_rpm", UNSET)

        dashboard_rate_limits_response = cls(
            entries=entries,
            configured_rpm=configured_rpm,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_rate_limits_response.additional_properties = d
        return dashboard_rate_limits_response

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
from ..models.rate_limit_entry import RateLimitEntry
