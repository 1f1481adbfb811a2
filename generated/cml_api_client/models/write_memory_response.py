from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.write_memory_response_eval_outcome_type_0 import (
    WriteMemoryResponseEvalOutcomeType0,
)
from ..types import UNSET, Unset, parse_uuid, readable

T = TypeVar("T", bound="WriteMemoryResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "success",
        "chunks_created",
        "eval_outcome",
        "eval_reason",
        "memory_id",
        "message",
    }
)


@_attrs_define
class WriteMemoryResponse:
    """Response from write operation.

    Attributes:
        success (bool):
        chunks_created (int | Unset):  Default: 0.
        eval_outcome (None | Unset | WriteMemoryResponseEvalOutcomeType0):
        eval_reason (None | str | Unset):
        memory_id (None | Unset | UUID):
        message (str | Unset):  Default: ''.
    """

    success: bool
    chunks_created: int | Unset = 0
    eval_outcome: None | Unset | WriteMemoryResponseEvalOutcomeType0 = UNSET
    eval_reason: None | str | Unset = UNSET
    memory_id: None | Unset | UUID = UNSET
    message: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        chunks_created = self.chunks_created

        eval_outcome: None | str | Unset
        if isinstance(self.eval_outcome, Unset):
            eval_outcome = UNSET
        elif isinstance(self.eval_outcome, WriteMemoryResponseEvalOutcomeType0):
            eval_outcome = self.eval_outcome.value
        else:
            eval_outcome = self.eval_outcome

        eval_reason: None | str | Unset
        if isinstance(self.eval_reason, Unset):
            eval_reason = UNSET
        else:
            eval_reason = self.eval_reason

        memory_id: None | str | Unset
        if isinstance(self.memory_id, Unset):
            memory_id = UNSET
        elif isinstance(self.memory_id, UUID):
            memory_id = str(self.memory_id)
        else:
            memory_id = self.memory_id

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "success": success,
            }
        )
        if chunks_created is not UNSET:
            field_dict["chunks_created"] = chunks_created
        if eval_outcome is not UNSET:
            field_dict["eval_outcome"] = eval_outcome
        if eval_reason is not UNSET:
            field_dict["eval_reason"] = eval_reason
        if memory_id is not UNSET:
            field_dict["memory_id"] = memory_id
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        success = src_dict["success"]

        chunks_created = src_dict.get("chunks_created", UNSET)

        eval_outcome = _parse_eval_outcome(src_dict.get("eval_outcome", UNSET))

        eval_reason = src_dict.get("eval_reason", UNSET)

        memory_id = _parse_memory_id(src_dict.get("memory_id", UNSET))

        message = src_dict.get("message", UNSET)

        write_memory_response = cls(
            success=success,
            chunks_created=chunks_created,
            eval_outcome=eval_outcome,
            eval_reason=eval_reason,
            memory_id=memory_id,
            message=message,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        write_memory_response.additional_properties = d
        return write_memory_response

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


def _parse_eval_outcome(
    data: object,
) -> None | Unset | WriteMemoryResponseEvalOutcomeType0:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        eval_outcome_type_0 = WriteMemoryResponseEvalOutcomeType0(data)

        return eval_outcome_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | WriteMemoryResponseEvalOutcomeType0", data)


def _parse_memory_id(data: object) -> None | Unset | UUID:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        memory_id_type_0 = parse_uuid(data)

        return memory_id_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | UUID", data)
