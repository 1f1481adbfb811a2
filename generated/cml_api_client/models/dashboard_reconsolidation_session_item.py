from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardReconsolidationSessionItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "scope_id",
        "session_id",
        "tenant_id",
        "turn_id",
        "created_at",
        "expires_at",
        "memories",
        "query",
        "retrieved_texts",
    }
)


@_attrs_define
class DashboardReconsolidationSessionItem:
    """Active labile session for reconsolidation workbench.

    Attributes:
        scope_id (str):
        session_id (str):
        tenant_id (str):
        turn_id (str):
        created_at (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
        memories (list[DashboardReconsolidationSessionItemMemoriesItem] | Unset):
        query (str | Unset):  Default: ''.
        retrieved_texts (list[str] | Unset):
    """

    scope_id: str
    session_id: str
    tenant_id: str
    turn_id: str
    created_at: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    memories: list[DashboardReconsolidationSessionItemMemoriesItem] | Unset = UNSET
    query: str | Unset = ""
    retrieved_texts: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        scope_id = self.scope_id

        session_id = self.session_id

        tenant_id = self.tenant_id

        turn_id = self.turn_id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        expires_at: None | str | Unset
        if isinstance(self.expires_at, Unset):
            expires_at = UNSET
        elif isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        memories: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.memories, Unset):
            memories = []
            for memories_item_data in self.memories:
                memories_item = memories_item_data.to_dict()
                memories.append(memories_item)

        query = self.query

        retrieved_texts: list[str] | Unset = UNSET
        if not isinstance(self.retrieved_texts, Unset):
            retrieved_texts = self.retrieved_texts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "scope_id": scope_id,
                "session_id": session_id,
                "tenant_id": tenant_id,
                "turn_id": turn_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if memories is not UNSET:
            field_dict["memories"] = memories
        if query is not UNSET:
            field_dict["query"] = query
        if retrieved_texts is not UNSET:
            field_dict["retrieved_texts"] = retrieved_texts

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        scope_id = src_dict["scope_id"]

        session_id = src_dict["session_id"]

        tenant_id = src_dict["tenant_id"]

        turn_id = src_dict["turn_id"]

        created_at = _parse_created_at(src_dict.get("created_at", UNSET))

        expires_at = _parse_expires_at(src_dict.get("expires_at", UNSET))

        _memories = src_dict.get("memories", UNSET)
        memories: list[DashboardReconsolidationSessionItemMemoriesItem] | Unset = UNSET
        if _memories is not UNSET:
            memories = []
            for memories_item_data in _memories:
                memories_item = (
                    DashboardReconsolidationSessionItemMemoriesItem.from_dict(
                        memories_item_data
                    )
                )

                memories.append(memories_item)

        query = src_dict.get("query", UNSET)

        retrieved_texts = cast("list[str]", src_dict.get("retrieved_texts", UNSET))

        dashboard_reconsolidation_session_item = cls(
            scope_id=scope_id,
            session_id=session_id,
            tenant_id=tenant_id,
            turn_id=turn_id,
            created_at=created_at,
            expires_at=expires_at,
            memories=memories,
            query=query,
            retrieved_texts=retrieved_texts,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_reconsolidation_session_item.additional_properties = d
        return dashboard_reconsolidation_session_item

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


def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        created_at_type_0 = parse_datetime(data)

        return created_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_expires_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        expires_at_type_0 = parse_datetime(data)

        return expires_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_reconsolidation_session_item_memories_item import (
    DashboardReconsolidationSessionItemMemoriesItem,
)
