from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="WriteBatchResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "success",
        "chunks_created",
        "message",
        "turns_processed",
    }
)


@_attrs_define
class WriteBatchResponse:
    """Response from batch write operation.

    Attributes:
        success (bool):
        chunks_created (int | Unset):  Default: 0.
        message (str | Unset):  Default: ''.
        turns_processed (int | Unset):  Default: 0.
    """

    success: bool
    chunks_created: int | Unset = 0
    message: str | Unset = ""
    turns_processed: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        chunks_created = self.chunks_created

        message = self.message

        turns_processed = self.turns_processed

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if chunks_created is not UNSET:
            field_dict["chunks_created"] = chunks_created
        if message is not UNSET:
            field_dict["message"] = message
        if turns_processed is not UNSET:
            field_dict["turns_processed"] = turns_processed

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        success = src_dict["success"]

        chunks_created = src_dict.get("chunks_created", UNSET)

        message = src_dict.get("message", UNSET)

        turns_processed = src_dict.get("turns_processed", UNSET)

        write_batch_response = cls(
            success=success,
            chunks_created=chunks_created,
            message=message,
            turns_processed=turns_processed,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        write_batch_response.additional_properties = d
        return write_batch_response

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
