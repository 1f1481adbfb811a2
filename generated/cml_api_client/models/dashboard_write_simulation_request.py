from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardWriteSimulationRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "content",
        "tenant_id",
        "compare_extractors",
        "context_tags",
        "memory_type",
        "metadata",
        "namespace",
        "session_id",
        "timestamp",
    }
)


@_attrs_define
class DashboardWriteSimulationRequest:
    """Dry-run write simulation request.

    Attributes:
        content (str):
        tenant_id (str):
        compare_extractors (bool | Unset):  Default: False.
        context_tags (list[str] | None | Unset):
        memory_type (None | str | Unset):
        metadata (DashboardWriteSimulationRequestMetadata | Unset):
        namespace (None | str | Unset):
        session_id (None | str | Unset):
        timestamp (datetime.datetime | None | Unset):
    """

    content: str
    tenant_id: str
    compare_extractors: bool | Unset = False
    context_tags: list[str] | None | Unset = UNSET
    memory_type: None | str | Unset = UNSET
    metadata: DashboardWriteSimulationRequestMetadata | Unset = UNSET
    namespace: None | str | Unset = UNSET
    session_id: None | str | Unset = UNSET
    timestamp: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        content = self.content

        tenant_id = self.tenant_id

        compare_extractors = self.compare_extractors

        context_tags: list[str] | None | Unset
        if isinstance(self.context_tags, Unset):
            context_tags = UNSET
        elif isinstance(self.context_tags, list):
            context_tags = self.context_tags

        else:
            context_tags = self.context_tags

        memory_type: None | str | Unset
        if isinstance(self.memory_type, Unset):
            memory_type = UNSET
        else:
            memory_type = self.memory_type

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        namespace: None | str | Unset
        if isinstance(self.namespace, Unset):
            namespace = UNSET
        else:
            namespace = self.namespace

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "tenant_id": tenant_id,
            }
        )
        if compare_extractors is not UNSET:
            field_dict["compare_extractors"] = compare_extractors
        if context_tags is not UNSET:
            field_dict["context_tags"] = context_tags
        if memory_type is not UNSET:
            field_dict["memory_type"] = memory_type
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if namespace is not UNSET:
            field_dict["namespace"] = namespace
        if session_id is not UNSET:
            field_dict["session_id"] = session_id
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        content = src_dict["content"]

        tenant_id = src_dict["tenant_id"]

        compare_extractors = src_dict.get("compare_extractors", UNSET)

        context_tags = _parse_context_tags(src_dict.get("context_tags", UNSET))

        memory_type = src_dict.get("memory_type", UNSET)

        _metadata = src_dict.get("metadata", UNSET)
        metadata: DashboardWriteSimulationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = DashboardWriteSimulationRequestMetadata.from_dict(_metadata)

        namespace = src_dict.get("namespace", UNSET)

        session_id = src_dict.get("session_id", UNSET)

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        dashboard_write_simulation_request = cls(
            content=content,
            tenant_id=tenant_id,
            compare_extractors=compare_extractors,
            context_tags=context_tags,
            memory_type=memory_type,
            metadata=metadata,
            namespace=namespace,
            session_id=session_id,
            timestamp=timestamp,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_write_simulation_request.additional_properties = d
        return dashboard_write_simulation_request

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


def _parse_context_tags(data: object) -> list[str] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        context_tags_type_0 = cast("list[str]", data)

        return context_tags_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[str] | None | Unset", data)


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


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_write_simulation_request_metadata import (
    DashboardWriteSimulationRequestMetadata,
)
