from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="RateLimitEntry")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "identifier",
        "key_type",
        "current_count",
        "limit",
        "ttl_seconds",
        "utilization_pct",
    }
)


@_attrs_define
class RateLimitEntry:
    """A single rate limit bucket.

    Attributes:
        identifier (str):
        key_type (str):
        current_count (int | Unset):  Default: 0.
        limit (int | Unset):  Default: 60.
        ttl_seconds (int | Unset):  Default: -1.
        utilization_pct (float | Unset):  Default: 0.0.
    """

    identifier: str
    key_type: str
    current_count: int | Unset = 0
    limit: int | Unset = 60
    ttl_seconds: int | Unset = -1
    utilization_pct: float | Unset = 0.0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        identifier = self.identifier

        key_type = self.key_type

        current_count = self.current_count

        limit = self.limit

        ttl_seconds = self.ttl_seconds

        utilization_pct = self.utilization_pct

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "identifier": identifier,
                "key_type": key_type,
            }
        )
        if current_count is not UNSET:
            field_dict["current_count"] = current_count
        if limit is not UNSET:
            field_dict["limit"] = limit
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds
        if utilization_pct is not UNSET:
            field_dict["utilization_pct"] = utilization_pct

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        identifier = src_dict["identifier"]

        key_type = src_dict["key_type"]

        current_count = src_dict.get("current_count", UNSET)

        limit = src_dict.get("limit", UNSET)

        ttl_seconds = src_dict.get("ttl_seconds", UNSET)

        utilization_pct = src_dict.get("utilization_pct", UNSET)

        rate_limit_entry = cls(
            identifier=identifier,
            key_type=key_type,
            current_count=current_count,
            limit=limit,
            ttl_seconds=ttl_seconds,
            utilization_pct=utilization_pct,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        rate_limit_entry.additional_properties = d
        return rate_limit_entry

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
