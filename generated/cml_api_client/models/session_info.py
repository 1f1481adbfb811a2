from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="SessionInfo")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "session_id",
        "created_at",
        "expires_at",
        "memory_count",
        "metadata",
        "tenant_id",
        "ttl_seconds",
    }
)


@_attrs_define
class SessionInfo:
    """Session info from Redis + DB.

    Attributes:
        session_id (str):
        created_at (datetime.datetime | None | Unset):
        expires_at (datetime.datetime | None | Unset):
        memory_count (int | Unset):  Default: 0.
        metadata (SessionInfoMetadata | Unset):
        tenant_id (None | str | Unset):
        ttl_seconds (int | Unset):  Default: -1.
    """

    session_id: str
    created_at: datetime.datetime | None | Unset = UNSET
    expires_at: datetime.datetime | None | Unset = UNSET
    memory_count: int | Unset = 0
    metadata: SessionInfoMetadata | Unset = UNSET
    tenant_id: None | str | Unset = UNSET
    ttl_seconds: int | Unset = -1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        session_id = self.session_id

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

        memory_count = self.memory_count

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        tenant_id: None | str | Unset
        if isinstance(self.tenant_id, Unset):
            tenant_id = UNSET
        else:
            tenant_id = self.tenant_id

        ttl_seconds = self.ttl_seconds

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "session_id": session_id,
            }
        )
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if expires_at is not UNSET:
            field_dict["expires_at"] = expires_at
        if memory_count is not UNSET:
            field_dict["memory_count"] = memory_count
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if tenant_id is not UNSET:
            field_dict["tenant_id"] = tenant_id
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        session_id = src_dict["session_id"]

        created_at = _parse_created_at(src_dict.get("created_at", UNSET))

        expires_at = _parse_expires_at(src_dict.get("expires_at", UNSET))

        memory_count = src_dict.get("memory_count", UNSET)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: SessionInfoMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = SessionInfoMetadata.from_dict(_metadata)

        tenant_id = src_dict.get("tenant_id", UNSET)

        ttl_seconds = src_dict.get("ttl_seconds", UNSET)

        session_info = cls(
            session_id=session_id,
            created_at=created_at,
            expires_at=expires_at,
            memory_count=memory_count,
            metadata=metadata,
            tenant_id=tenant_id,
            ttl_seconds=ttl_seconds,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        session_info.additional_properties = d
        return session_info

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
from ..models.session_info_metadata import SessionInfoMetadata
