from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="ProcessTurnResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "memories_retrieved",
        "memories_stored",
        "memory_context",
        "reconsolidation_applied",
    }
)


@_attrs_define
class ProcessTurnResponse:
    """Response from process_turn: memory context ready to inject into prompt.

    Attributes:
        memories_retrieved (int):
        memories_stored (int):
        memory_context (str):
        reconsolidation_applied (bool | Unset):  Default: False.
    """

    memories_retrieved: int
    memories_stored: int
    memory_context: str
    reconsolidation_applied: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memories_retrieved = self.memories_retrieved

        memories_stored = self.memories_stored

        memory_context = self.memory_context

        reconsolidation_applied = self.reconsolidation_applied

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memories_retrieved": memories_retrieved,
                "memories_stored": memories_stored,
                "memory_context": memory_context,
            }
        )
        if reconsolidation_applied is not UNSET:
            field_dict["reconsolidation_applied"] = reconsolidation_applied

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        memories_retrieved = src_dict["memories_retrieved"]

        memories_stored = src_dict["memories_stored"]

        memory_context = src_dict["memory_context"]

        reconsolidation_applied = src_dict.get("reconsolidation_applied", UNSET)

        process_turn_response = cls(
            memories_retrieved=memories_retrieved,
            memories_stored=memories_stored,
            memory_context=memory_context,
            reconsolidation_applied=reconsolidation_applied,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        process_turn_response.additional_properties = d
        return process_turn_response

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
