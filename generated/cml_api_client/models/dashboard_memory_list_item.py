from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="DashboardMemoryListItem")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "id",
        "status",
        "tenant_id",
        "text",
        "type",
        "access_count",
        "agent_id",
        "confidence",
        "context_tags",
        "decay_rate",
        "importance",
        "key",
        "labile",
        "namespace",
        "timestamp",
        "version",
        "written_at",
    }
)


@_attrs_define
class DashboardMemoryListItem:
    """Memory item for dashboard list view.

    Attributes:
        id (UUID):
        status (str):
        tenant_id (str):
        text (str):
        type_ (str):
        access_count (int | Unset):  Default: 0.
        agent_id (None | str | Unset):
        confidence (float | Unset):  Default: 0.5.
        context_tags (list[str] | Unset):
        decay_rate (float | Unset):  Default: 0.01.
        importance (float | Unset):  Default: 0.5.
        key (None | str | Unset):
        labile (bool | Unset):  Default: False.
        namespace (None | str | Unset):
        timestamp (datetime.datetime | None | Unset):
        version (int | Unset):  Default: 1.
        written_at (datetime.datetime | None | Unset):
    """

    id: UUID
    status: str
    tenant_id: str
    text: str
    type_: str
    access_count: int | Unset = 0
    agent_id: None | str | Unset = UNSET
    confidence: float | Unset = 0.5
    context_tags: list[str] | Unset = UNSET
    decay_rate: float | Unset = 0.01
    importance: float | Unset = 0.5
    key: None | str | Unset = UNSET
    labile: bool | Unset = False
    namespace: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    version: int | Unset = 1
    written_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        status = self.status

        tenant_id = self.tenant_id

        text = self.text

        type_ = self.type_

        access_count = self.access_count

        agent_id: None | str | Unset
        if isinstance(self.agent_id, Unset):
            agent_id = UNSET
        else:
            agent_id = self.agent_id

        confidence = self.confidence

        context_tags: list[str] | Unset = UNSET
        if not isinstance(self.context_tags, Unset):
            context_tags = self.context_tags

        decay_rate = self.decay_rate

        importance = self.importance

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        labile = self.labile

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        version = self.version

        written_at: None | str | Unset
        if isinstance(self.written_at, Unset):
            written_at = UNSET
        elif isinstance(self.written_at, datetime.datetime):
            written_at = self.written_at.isoformat()
        else:
            written_at = self.written_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "tenant_id": tenant_id,
                "text": text,
                "type": type_,
            }
        )
        if access_count is not UNSET:
            field_dict["access_count"] = access_count
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if context_tags is not UNSET:
            field_dict["context_tags"] = context_tags
        if decay_rate is not UNSET:
            field_dict["decay_rate"] = decay_rate
        if importance is not UNSET:
            field_dict["importance"] = importance
        if key is not UNSET:
            field_dict["key"] = key
        if labile is not UNSET:
            field_dict["labile"] = labile
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if version is not UNSET:
            field_dict["version"] = version
        if written_at is not UNSET:
            field_dict["written_at"] = written_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        id = parse_uuid(src_dict["id"])

        status = src_dict["status"]

        tenant_id = src_dict["tenant_id"]

        text = src_dict["text"]

        type_ = src_dict["type"]

        access_count = src_dict.get("access_count", UNSET)

        agent_id = src_dict.get("agent_id", UNSET)

        confidence = src_dict.get("confidence", UNSET)

        context_tags = cast("list[str]", src_dict.get("context_tags", UNSET))

        decay_rate = src_dict.get("decay_rate", UNSET)

        importance = src_dict.get("importance", UNSET)

        key = src_dict.get("key", UNSET)

        labile = src_dict.get("labile", UNSET)

        namespace = src_dict.get("namespace", UNSET)

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        version = src_dict.get("version", UNSET)

        written_at = _parse_written_at(src_dict.get("written_at", UNSET))

        dashboard_memory_list_item = cls(
            id=id,
            status=status,
            tenant_id=tenant_id,
            text=text,
            type_=type_,
            access_count=access_count,
            agent_id=agent_id,
            confidence=confidence,
            context_tags=context_tags,
            decay_rate=decay_rate,
            importance=importance,
            key=key,
            labile=labile,
            namespace=namespace,
            timestamp=timestamp,
            version=version,
            written_at=written_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_memory_list_item.additional_properties = d
        return dashboard_memory_list_item

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


def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        timestamp_type_0 = parse_datetime(data)

        return timestamp_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_written_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        written_at_type_0 = parse_datetime(data)

        return written_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)
