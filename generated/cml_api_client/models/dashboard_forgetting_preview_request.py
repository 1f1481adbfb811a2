from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardForgettingPreviewRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "tenant_id",
        "max_memories",
        "user_id",
    }
)


@_attrs_define
class DashboardForgettingPreviewRequest:
    """Request to preview forgetting without mutating storage.

    Attributes:
        tenant_id (str):
        max_memories (int | Unset):  Default: 200.
        user_id (None | str | Unset):
    """

    tenant_id: str
    max_memories: int | Unset = 200
    user_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        max_memories = self.max_memories

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
            }
        )
        if max_memories is not UNSET:
            field_dict["max_memories"] = max_memories
        if user_id is not UNSET:
            field_dict["user_id"] = user_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        tenant_id = src_dict["tenant_id"]

        max_memories = src_dict.get("max_memories", UNSET)

        user_id = src_dict.get("user_id", UNSET)

        dashboard_forgetting_preview_request = cls(
            tenant_id=tenant_id,
            max_memories=max_memories,
            user_id=user_id,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_forgetting_preview_request.additional_properties = d
        return dashboard_forgetting_preview_request

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
