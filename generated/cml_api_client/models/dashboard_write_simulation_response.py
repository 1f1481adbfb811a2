from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardWriteSimulationResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "tenant_id",
        "chunks",
        "summary",
    }
)


@_attrs_define
class DashboardWriteSimulationResponse:
    """Dry-run write simulation response.

    Attributes:
        tenant_id (str):
        chunks (list[DashboardWriteSimulationChunk] | Unset):
        summary (DashboardWriteSimulationResponseSummary | Unset):
    """

    tenant_id: str
    chunks: list[DashboardWriteSimulationChunk] | Unset = UNSET
    summary: DashboardWriteSimulationResponseSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        chunks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.chunks, Unset):
            chunks = []
            for chunks_item_data in self.chunks:
                chunks_item = chunks_item_data.to_dict()
                chunks.append(chunks_item)

        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
            }
        )
        if chunks is not UNSET:
            field_dict["chunks"] = chunks
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        tenant_id = src_dict["tenant_id"]

        _chunks = src_dict.get("chunks", UNSET)
        chunks: list[DashboardWriteSimulationChunk] | Unset = UNSET
        if _chunks is not UNSET:
            chunks = []
            for chunks_item_data in _chunks:
                chunks_item = DashboardWriteSimulationChunk.from_dict(chunks_item_data)

                chunks.append(chunks_item)

        _summary = src_dict.get("summary", UNSET)
        summary: DashboardWriteSimulationResponseSummary | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = DashboardWriteSimulationResponseSummary.from_dict(_summary)

        dashboard_write_simulation_response = cls(
            tenant_id=tenant_id,
            chunks=chunks,
            summary=summary,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_write_simulation_response.additional_properties = d
        return dashboard_write_simulation_response

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


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_write_simulation_chunk import DashboardWriteSimulationChunk
from ..models.dashboard_write_simulation_response_summary import (
    DashboardWriteSimulationResponseSummary,
)
