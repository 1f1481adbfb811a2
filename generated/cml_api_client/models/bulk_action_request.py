from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bulk_action_request_action import BulkActionRequestAction
from ..types import parse_uuid, readable

T = TypeVar("T", bound="BulkActionRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "action",
        "memory_ids",
    }
)


@_attrs_define
class BulkActionRequest:
    """Request for bulk memory actions.

    Attributes:
        action (BulkActionRequestAction):
        memory_ids (list[UUID]):
    """

    action: BulkActionRequestAction
    memory_ids: list[UUID]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        memory_ids = []
        for memory_ids_item_data in self.memory_ids:
            memory_ids_item = str(memory_ids_item_data)
            memory_ids.append(memory_ids_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "memory_ids": memory_ids,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        action = BulkActionRequestAction(src_dict["action"])

        memory_ids = []
        _memory_ids = src_dict["memory_ids"]
        for memory_ids_item_data in _memory_ids:
            memory_ids_item = parse_uuid(memory_ids_item_data)

            memory_ids.append(memory_ids_item)

        bulk_action_request = cls(
            action=action,
            memory_ids=memory_ids,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        bulk_action_request.additional_properties = d
        return bulk_action_request

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
