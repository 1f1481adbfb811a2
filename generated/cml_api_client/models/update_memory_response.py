from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_uuid, readable

T = TypeVar("T", bound="UpdateMemoryResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "memory_id",
        "success",
        "version",
        "message",
    }
)


@_attrs_define
class UpdateMemoryResponse:
    """Response from update operation.

    Attributes:
        memory_id (UUID):
        success (bool):
        version (int):
        message (str | Unset):  Default: ''.
    """

    memory_id: UUID
    success: bool
    version: int
    message: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memory_id = str(self.memory_id)

        success = self.success

        version = self.version

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memory_id": memory_id,
                "success": success,
                "version": version,
            }
        )
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        memory_id = parse_uuid(src_dict["memory_id"])

        success = src_dict["success"]

        version = src_dict["version"]

        message = src_dict.get("message", UNSET)

        update_memory_response = cls(
            memory_id=memory_id,
            success=success,
            version=version,
            message=message,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        update_memory_response.additional_properties = d
        return update_memory_response

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
