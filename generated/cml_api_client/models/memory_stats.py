from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="MemoryStats")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "active_memories",
        "archived_memories",
        "avg_confidence",
        "avg_importance",
        "by_type",
        "estimated_size_mb",
        "silent_memories",
        "total_memories",
        "newest_memory",
        "oldest_memory",
    }
)


@_attrs_define
class MemoryStats:
    """Memory statistics for tenant. Holistic: tenant-only.

    Attributes:
        active_memories (int):
        archived_memories (int):
        avg_confidence (float):
        avg_importance (float):
        by_type (MemoryStatsByType):
        estimated_size_mb (float):
        silent_memories (int):
        total_memories (int):
        newest_memory (datetime.datetime | None | Unset):
        oldest_memory (datetime.datetime | None | Unset):
    """

    active_memories: int
    archived_memories: int
    avg_confidence: float
    avg_importance: float
    by_type: MemoryStatsByType
    estimated_size_mb: float
    silent_memories: int
    total_memories: int
    newest_memory: datetime.datetime | None | Unset = UNSET
    oldest_memory: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_memories = self.active_memories

        archived_memories = self.archived_memories

        avg_confidence = self.avg_confidence

        avg_importance = self.avg_importance

        by_type = self.by_type.to_dict()

        estimated_size_mb = self.estimated_size_mb

        silent_memories = self.silent_memories

        total_memories = self.total_memories

        newest_memory: None | str | Unset
        if isinstance(self.newest_memory, Unset):
            newest_memory = UNSET
        elif isinstance(self.newest_memory, datetime.datetime):
            newest_memory = self.newest_memory.isoformat()
        else:
            newest_memory = self.newest_memory

        oldest_memory: None | str | Unset
        if isinstance(self.oldest_memory, Unset):
            oldest_memory = UNSET
        elif isinstance(self.oldest_memory, datetime.datetime):
            oldest_memory = self.oldest_memory.isoformat()
        else:
            oldest_memory = self.oldest_memory

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active_memories": active_memories,
                "archived_memories": archived_memories,
                "avg_confidence": avg_confidence,
                "avg_importance": avg_importance,
                "by_type": by_type,
                "estimated_size_mb": estimated_size_mb,
                "silent_memories": silent_memories,
                "total_memories": total_memories,
            }
        )
        if newest_memory is not UNSET:
            field_dict["newest_memory"] = newest_memory
        if oldest_memory is not UNSET:
            field_dict["oldest_memory"] = oldest_memory

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        active_memories = src_dict["active_memories"]

        archived_memories = src_dict["archived_memories"]

        avg_confidence = src_dict["avg_confidence"]

        avg_importance = src_dict["avg_importance"]

        by_type = MemoryStatsByType.from_dict(src_dict["by_type"])

        estimated_size_mb = src_dict["estimated_size_mb"]

        silent_memories = src_dict["silent_memories"]

        total_memories = src_dict["total_memories"]

        newest_memory = _parse_newest_memory(src_dict.get("newest_memory", UNSET))

        oldest_memory = _parse_oldest_memory(src_dict.get("oldest_memory", UNSET))

        memory_stats = cls(
            active_memories=active_memories,
            archived_memories=archived_memories,
            avg_confidence=avg_confidence,
            avg_importance=avg_importance,
            by_type=by_type,
            estimated_size_mb=estimated_size_mb,
            silent_memories=silent_memories,
            total_memories=total_memories,
            newest_memory=newest_memory,
            oldest_memory=oldest_memory,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        memory_stats.additional_properties = d
        return memory_stats

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


def _parse_newest_memory(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        newest_memory_type_0 = parse_datetime(data)

        return newest_memory_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_oldest_memory(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        oldest_memory_type_0 = parse_datetime(data)

        return oldest_memory_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.memory_stats_by_type import MemoryStatsByType
