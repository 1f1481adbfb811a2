from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.forget_request_action import ForgetRequestAction
from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="ForgetRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "action",
        "before",
        "memory_ids",
        "query",
    }
)


@_attrs_define
class ForgetRequest:
    """Request to forget memories. Holistic: tenant-only.

    Attributes:
        action (ForgetRequestAction | Unset):  Default: ForgetRequestAction.DELETE.
        before (datetime.datetime | None | Unset):
        memory_ids (list[UUID] | None | Unset):
        query (None | str | Unset):
    """

    action: ForgetRequestAction | Unset = ForgetRequestAction.DELETE
    before: datetime.datetime | None | Unset = UNSET
    memory_ids: list[UUID] | None | Unset = UNSET
    query: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action: str | Unset = UNSET
        if not isinstance(self.action, Unset):
            action = self.action.value

        before: None | str | Unset
        if isinstance(self.before, Unset):
            before = UNSET
        elif isinstance(self.before, datetime.datetime):
            before = self.before.isoformat()
        else:
            before = self.before

        memory_ids: list[str] | None | Unset
        if isinstance(self.memory_ids, Unset):
            memory_ids = UNSET
        elif isinstance(self.memory_ids, list):
            memory_ids = []
            for memory_ids_type_0_item_data in self.memory_ids:
                memory_ids_type_0_item = str(memory_ids_type_0_item_data)
                memory_ids.append(memory_ids_type_0_item)

        else:
            memory_ids = self.memory_ids

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if action is not UNSET:
            field_dict["action"] = action
        if before is not UNSET:
            field_dict["before"] = before
        if memory_ids is not UNSET:
            field_dict["memory_ids"] = memory_ids
        if query is not UNSET:
            field_dict["query"] = query

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        _action = src_dict.get("action", UNSET)
        action: ForgetRequestAction | Unset
        if isinstance(_action, Unset):
            action = UNSET
        else:
            action = ForgetRequestAction(_action)

        before = _parse_before(src_dict.get("before", UNSET))

        memory_ids = _parse_memory_ids(src_dict.get("memory_ids", UNSET))

        query = src_dict.get("query", UNSET)

        forget_request = cls(
            action=action,
            before=before,
            memory_ids=memory_ids,
            query=query,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        forget_request.additional_properties = d
        return forget_request

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


def _parse_before(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        before_type_0 = parse_datetime(data)

        return before_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_memory_ids(data: object) -> list[UUID] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        memory_ids_type_0 = []
        _memory_ids_type_0 = data
        for memory_ids_type_0_item_data in _memory_ids_type_0:
            memory_ids_type_0_item = parse_uuid(memory_ids_type_0_item_data)

            memory_ids_type_0.append(memory_ids_type_0_item)

        return memory_ids_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[UUID] | None | Unset", data)
