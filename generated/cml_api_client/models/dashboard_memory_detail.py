from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, parse_uuid, readable

T = TypeVar("T", bound="DashboardMemoryDetail")


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
        "content_hash",
        "context_tags",
        "decay_rate",
        "entities",
        "importance",
        "key",
        "labile",
        "last_accessed_at",
        "metadata",
        "namespace",
        "provenance",
        "relations",
        "source_session_id",
        "supersedes_id",
        "timestamp",
        "valid_from",
        "valid_to",
        "version",
        "written_at",
    }
)


@_attrs_define
class DashboardMemoryDetail:
    """Full memory detail for dashboard.

    Attributes:
        id (UUID):
        status (str):
        tenant_id (str):
        text (str):
        type_ (str):
        access_count (int | Unset):  Default: 0.
        agent_id (None | str | Unset):
        confidence (float | Unset):  Default: 0.5.
        content_hash (None | str | Unset):
        context_tags (list[str] | Unset):
        decay_rate (float | Unset):  Default: 0.01.
        entities (Any | Unset):
        importance (float | Unset):  Default: 0.5.
        key (None | str | Unset):
        labile (bool | Unset):  Default: False.
        last_accessed_at (datetime.datetime | None | Unset):
        metadata (Any | Unset):
        namespace (None | str | Unset):
        provenance (Any | Unset):
        relations (Any | Unset):
        source_session_id (None | str | Unset):
        supersedes_id (None | Unset | UUID):
        timestamp (datetime.datetime | None | Unset):
        valid_from (datetime.datetime | None | Unset):
        valid_to (datetime.datetime | None | Unset):
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
    content_hash: None | str | Unset = UNSET
    context_tags: list[str] | Unset = UNSET
    decay_rate: float | Unset = 0.01
    entities: Any | Unset = UNSET
    importance: float | Unset = 0.5
    key: None | str | Unset = UNSET
    labile: bool | Unset = False
    last_accessed_at: datetime.datetime | None | Unset = UNSET
    metadata: Any | Unset = UNSET
    namespace: None | str | Unset = UNSET
    provenance: Any | Unset = UNSET
    relations: Any | Unset = UNSET
    source_session_id: None | str | Unset = UNSET
    supersedes_id: None | Unset | UUID = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_to: datetime.datetime | None | Unset = UNSET
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

        content_hash: None | str | Unset
        if isinstance(self.content_hash, Unset):
            content_hash = UNSET
        else:
            content_hash = self.content_hash

        context_tags: list[str] | Unset = UNSET
        if not isinstance(self.context_tags, Unset):
            context_tags = self.context_tags

        decay_rate = self.decay_rate

        entities = self.entities

        importance = self.importance

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        labile = self.labile

        last_accessed_at: None | str | Unset
        if isinstance(self.last_accessed_at, Unset):
            last_accessed_at = UNSET
        elif isinstance(self.last_accessed_at, datetime.datetime):
            last_accessed_at = self.last_accessed_at.isoformat()
        else:
            last_accessed_at = self.last_accessed_at

        metadata = self.metadata

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        provenance = self.provenance

        relations = self.relations

        source_session_id: None | str | Unset
        if isinstance(self.source_session_id, Unset):
            source_session_id = UNSET
        else:
            source_session_id = self.source_session_id

        supersedes_id: None | str | Unset
        if isinstance(self.supersedes_id, Unset):
            supersedes_id = UNSET
        elif isinstance(self.supersedes_id, UUID):
            supersedes_id = str(self.supersedes_id)
        else:
            supersedes_id = self.supersedes_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_to: None | str | Unset
        if isinstance(self.valid_to, Unset):
            valid_to = UNSET
        elif isinstance(self.valid_to, datetime.datetime):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to

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
        if content_hash is not UNSET:
            field_dict["content_hash"] = content_hash
        if context_tags is not UNSET:
            field_dict["context_tags"] = context_tags
        if decay_rate is not UNSET:
            field_dict["decay_rate"] = decay_rate
        if entities is not UNSET:
            field_dict["entities"] = entities
        if importance is not UNSET:
            field_dict["importance"] = importance
        if key is not UNSET:
            field_dict["key"] = key
        if labile is not UNSET:
            field_dict["labile"] = labile
        if last_accessed_at is not UNSET:
            field_dict["last_accessed_at"] = last_accessed_at
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if provenance is not UNSET:
            field_dict["provenance"] = provenance
        if relations is not UNSET:
            field_dict["relations"] = relations
        if source_session_id is not UNSET:
            field_dict["source_session_id"] = source_session_id
        if supersedes_id is not UNSET:
            field_dict["supersedes_id"] = supersedes_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_to is not UNSET:
            field_dict["valid_to"] = valid_to
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

        content_hash = src_dict.get("content_hash", UNSET)

        context_tags = cast("list[str]", src_dict.get("context_tags", UNSET))

        decay_rate = src_dict.get("decay_rate", UNSET)

        entities = src_dict.get("entities", UNSET)

        importance = src_dict.get("importance", UNSET)

        key = src_dict.get("key", UNSET)

        labile = src_dict.get("labile", UNSET)

        last_accessed_at = _parse_last_accessed_at(
            src_dict.get("last_accessed_at", UNSET)
        )

        metadata = src_dict.get("metadata", UNSET)

        namespace = src_dict.get("namespace", UNSET)

        provenance = src_dict.get("provenance", UNSET)

        relations = src_dict.get("relations", UNSET)

        source_session_id = src_dict.get("source_session_id", UNSET)

        supersedes_id = _parse_supersedes_id(src_dict.get("supersedes_id", UNSET))

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        valid_from = _parse_valid_from(src_dict.get("valid_from", UNSET))

        valid_to = _parse_valid_to(src_dict.get("valid_to", UNSET))

        version = src_dict.get("version", UNSET)

        written_at = _parse_written_at(src_dict.get("written_at", UNSET))

        dashboard_memory_detail = cls(
            id=id,
            status=status,
            tenant_id=tenant_id,
            text=text,
            type_=type_,
            access_count=access_count,
            agent_id=agent_id,
            confidence=confidence,
            content_hash=content_hash,
            context_tags=context_tags,
            decay_rate=decay_rate,
            entities=entities,
            importance=importance,
            key=key,
            labile=labile,
            last_accessed_at=last_accessed_at,
            metadata=metadata,
            namespace=namespace,
            provenance=provenance,
            relations=relations,
            source_session_id=source_session_id,
            supersedes_id=supersedes_id,
            timestamp=timestamp,
            valid_from=valid_from,
            valid_to=valid_to,
            version=version,
            written_at=written_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_memory_detail.additional_properties = d
        return dashboard_memory_detail

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


def _parse_last_accessed_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        last_accessed_at_type_0 = parse_datetime(data)

        return last_accessed_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_supersedes_id(data: object) -> None | Unset | UUID:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        supersedes_id_type_0 = parse_uuid(data)

        return supersedes_id_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | UUID", data)


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


def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        valid_from_type_0 = parse_datetime(data)

        return valid_from_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_valid_to(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        valid_to_type_0 = parse_datetime(data)

        return valid_to_type_0
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
