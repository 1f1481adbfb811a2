from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.memory_type import MemoryType
from ..models.read_memory_request_format import ReadMemoryRequestFormat
from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="ReadMemoryRequest")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "query",
        "context_filter",
        "format",
        "max_results",
        "memory_types",
        "since",
        "until",
        "user_timezone",
    }
)


@_attrs_define
class ReadMemoryRequest:
    """Request to retrieve memories. Holistic: tenant-only.

    Reconciled canonical: the response-format field is ``response_format`` with
    input alias ``format`` (populate_by_name), and ``max_results`` carries
    ``ge=1``. The wire input key stays ``format`` (via the alias).

        Attributes:
            query (str):
            context_filter (list[str] | None | Unset):
            format_ (ReadMemoryRequestFormat | Unset):  Default: ReadMemoryRequestFormat.PACKET.
            max_results (int | Unset):  Default: 10.
            memory_types (list[MemoryType] | None | Unset):
            since (datetime.datetime | None | Unset):
            until (datetime.datetime | None | Unset):
            user_timezone (None | str | Unset):
    """

    query: str
    context_filter: list[str] | None | Unset = UNSET
    format_: ReadMemoryRequestFormat | Unset = ReadMemoryRequestFormat.PACKET
    max_results: int | Unset = 10
    memory_types: list[MemoryType] | None | Unset = UNSET
    since: datetime.datetime | None | Unset = UNSET
    until: datetime.datetime | None | Unset = UNSET
    user_timezone: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        query = self.query

        context_filter: list[str] | None | Unset
        if isinstance(self.context_filter, Unset):
            context_filter = UNSET
        elif isinstance(self.context_filter, list):
            context_filter = self.context_filter

        else:
            context_filter = self.context_filter

        format_: str | Unset = UNSET
        if not isinstance(self.format_, Unset):
            format_ = self.format_.value

        max_results = self.max_results

        memory_types: list[str] | None | Unset
        if isinstance(self.memory_types, Unset):
            memory_types = UNSET
        elif isinstance(self.memory_types, list):
            memory_types = []
            for memory_types_type_0_item_data in self.memory_types:
                memory_types_type_0_item = memory_types_type_0_item_data.value
                memory_types.append(memory_types_type_0_item)

        else:
            memory_types = self.memory_types

        since: None | str | Unset
        if isinstance(self.since, Unset):
            since = UNSET
        elif isinstance(self.since, datetime.datetime):
            since = self.since.isoformat()
        else:
            since = self.since

        until: None | str | Unset
        if isinstance(self.until, Unset):
            until = UNSET
        elif isinstance(self.until, datetime.datetime):
            until = self.until.isoformat()
        else:
            until = self.until

        user_timezone: None | str | Unset
        if isinstance(self.user_timezone, Unset):
            user_timezone = UNSET
        else:
            user_timezone = self.user_timezone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "query": query,
            }
        )
        if context_filter is not UNSET:
            field_dict["context_filter"] = context_filter
        if format_ is not UNSET:
            field_dict["format"] = format_
        if max_results is not UNSET:
            field_dict["max_results"] = max_results
        if memory_types is not UNSET:
            field_dict["memory_types"] = memory_types
        if since is not UNSET:
            field_dict["since"] = since
        if until is not UNSET:
            field_dict["until"] = until
        if user_timezone is not UNSET:
            field_dict["user_timezone"] = user_timezone

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        query = src_dict["query"]

        context_filter = _parse_context_filter(src_dict.get("context_filter", UNSET))

        _format_ = src_dict.get("format", UNSET)
        format_: ReadMemoryRequestFormat | Unset
        if isinstance(_format_, Unset):
            format_ = UNSET
        else:
            format_ = ReadMemoryRequestFormat(_format_)

        max_results = src_dict.get("max_results", UNSET)

        memory_types = _parse_memory_types(src_dict.get("memory_types", UNSET))

        since = _parse_since(src_dict.get("since", UNSET))

        until = _parse_until(src_dict.get("until", UNSET))

        user_timezone = src_dict.get("user_timezone", UNSET)

        read_memory_request = cls(
            query=query,
            context_filter=context_filter,
            format_=format_,
            max_results=max_results,
            memory_types=memory_types,
            since=since,
            until=until,
            user_timezone=user_timezone,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        read_memory_request.additional_properties = d
        return read_memory_request

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


def _parse_context_filter(data: object) -> list[str] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        context_filter_type_0 = cast("list[str]", data)

        return context_filter_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[str] | None | Unset", data)


def _parse_memory_types(data: object) -> list[MemoryType] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        memory_types_type_0 = []
        _memory_types_type_0 = data
        for memory_types_type_0_item_data in _memory_types_type_0:
            memory_types_type_0_item = MemoryType(memory_types_type_0_item_data)

            memory_types_type_0.append(memory_types_type_0_item)

        return memory_types_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[MemoryType] | None | Unset", data)


def _parse_since(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        since_type_0 = parse_datetime(data)

        return since_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_until(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        until_type_0 = parse_datetime(data)

        return until_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)
