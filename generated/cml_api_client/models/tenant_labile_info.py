from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="TenantLabileInfo")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "tenant_id",
        "redis_memory_count",
        "redis_scope_count",
        "redis_session_count",
    }
)


@_attrs_define
class TenantLabileInfo:
    """Labile state info per tenant.

    Attributes:
        tenant_id (str):
        redis_memory_count (int | Unset):  Default: 0.
        redis_scope_count (int | Unset):  Default: 0.
        redis_session_count (int | Unset):  Default: 0.
    """

    tenant_id: str
    redis_memory_count: int | Unset = 0
    redis_scope_count: int | Unset = 0
    redis_session_count: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        redis_memory_count = self.redis_memory_count

        redis_scope_count = self.redis_scope_count

        redis_session_count = self.redis_session_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
            }
        )
        if redis_memory_count is not UNSET:
            field_dict["redis_memory_count"] = redis_memory_count
        if redis_scope_count is not UNSET:
            field_dict["redis_scope_count"] = redis_scope_count
        if redis_session_count is not UNSET:
            field_dict["redis_session_count"] = redis_session_count

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        tenant_id = src_dict["tenant_id"]

        redis_memory_count = src_dict.get("redis_memory_count", UNSET)

        redis_scope_count = src_dict.get("redis_scope_count", UNSET)

        redis_session_count = src_dict.get("redis_session_count", UNSET)

        tenant_labile_info = cls(
            tenant_id=tenant_id,
            redis_memory_count=redis_memory_count,
            redis_scope_count=redis_scope_count,
            redis_session_count=redis_session_count,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        tenant_labile_info.additional_properties = d
        return tenant_labile_info

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
