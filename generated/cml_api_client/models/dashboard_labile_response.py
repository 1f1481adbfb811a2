from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardLabileResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "tenants",
        "total_redis_memories",
        "total_redis_scopes",
        "total_redis_sessions",
    }
)


@_attrs_define
class DashboardLabileResponse:
    """Labile state overview.

    Attributes:
        tenants (list[TenantLabileInfo] | Unset):
        total_redis_memories (int | Unset):  Default: 0.
        total_redis_scopes (int | Unset):  Default: 0.
        total_redis_sessions (int | Unset):  Default: 0.
    """

    tenants: list[TenantLabileInfo] | Unset = UNSET
    total_redis_memories: int | Unset = 0
    total_redis_scopes: int | Unset = 0
    total_redis_sessions: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tenants, Unset):
            tenants = []
            for tenants_item_data in self.tenants:
                tenants_item = tenants_item_data.to_dict()
                tenants.append(tenants_item)

        total_redis_memories = self.total_redis_memories

        total_redis_scopes = self.total_redis_scopes

        total_redis_sessions = self.total_redis_sessions

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tenants is not UNSET:
            field_dict["tenants"] = tenants
        if total_redis_memories is not UNSET:
            field_dict["total_redis_memories"] = total_redis_memories
        if total_redis_scopes is not UNSET:
            field_dict["total_redis_scopes"] = total_redis_scopes
        if total_redis_sessions is not UNSET:
            field_dict["total_redis_sessions"] = total_redis_sessions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        _tenants = src_dict.get("tenants", UNSET)
        tenants: list[TenantLabileInfo] | Unset = UNSET
        if _tenants is not UNSET:
            tenants = []
            for tenants_item_data in _tenants:
                tenants_item = TenantLabileInfo.from_dict(tenants_item_data)

                tenants.append(tenants_item)

        total_redis_memories = src_dict.get("total_redis_memories", UNSET)

        total_redis_scopes = src_dict.get("total_redis_scopes", UNSET)

        total_redis_sessions = src_dict.get("total_redis_sessions", UNSET)

        dashboard_labile_response = cls(
            tenants=tenants,
            total_redis_memories=total_redis_memories,
            total_redis_scopes=total_redis_scopes,
            total_redis_sessions=total_redis_sessions,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_labile_response.additional_properties = d
        return dashboard_labile_response

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
from ..models.tenant_labile_info import TenantLabileInfo
