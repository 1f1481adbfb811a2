from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardForgettingPreviewResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "tenant_id",
        "user_id",
        "duplicates_found",
        "items",
        "operations_planned",
        "scanned_count",
        "summary",
    }
)


@_attrs_define
class DashboardForgettingPreviewResponse:
    """Dry-run forgetting preview.

    Attributes:
        tenant_id (str):
        user_id (str):
        duplicates_found (int | Unset):  Default: 0.
        items (list[DashboardForgettingPreviewItem] | Unset):
        operations_planned (int | Unset):  Default: 0.
        scanned_count (int | Unset):  Default: 0.
        summary (DashboardForgettingPreviewResponseSummary | Unset):
    """

    tenant_id: str
    user_id: str
    duplicates_found: int | Unset = 0
    items: list[DashboardForgettingPreviewItem] | Unset = UNSET
    operations_planned: int | Unset = 0
    scanned_count: int | Unset = 0
    summary: DashboardForgettingPreviewResponseSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        tenant_id = self.tenant_id

        user_id = self.user_id

        duplicates_found = self.duplicates_found

        items: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.items, Unset):
            items = []
            for items_item_data in self.items:
                items_item = items_item_data.to_dict()
                items.append(items_item)

        operations_planned = self.operations_planned

        scanned_count = self.scanned_count

        summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.summary, Unset):
            summary = self.summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "tenant_id": tenant_id,
                "user_id": user_id,
            }
        )
        if duplicates_found is not UNSET:
            field_dict["duplicates_found"] = duplicates_found
        if items is not UNSET:
            field_dict["items"] = items
        if operations_planned is not UNSET:
            field_dict["operations_planned"] = operations_planned
        if scanned_count is not UNSET:
            field_dict["scanned_count"] = scanned_count
        if summary is not UNSET:
            field_dict["summary"] = summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        tenant_id = src_dict["tenant_id"]

        user_id = src_dict["user_id"]

        duplicates_found = src_dict.get("duplicates_found", UNSET)

        _items = src_dict.get("items", UNSET)
        items: list[DashboardForgettingPreviewItem] | Unset = UNSET
        if _items is not UNSET:
            items = []
            for items_item_data in _items:
                items_item = DashboardForgettingPreviewItem.from_dict(items_item_data)

                items.append(items_item)

        operations_planned = src_dict.get("operations_planned", UNSET)

        scanned_count = src_dict.get("scanned_count", UNSET)

        _summary = src_dict.get("summary", UNSET)
        summary: DashboardForgettingPreviewResponseSummary | Unset
        if isinstance(_summary, Unset):
            summary = UNSET
        else:
            summary = DashboardForgettingPreviewResponseSummary.from_dict(_summary)

        dashboard_forgetting_preview_response = cls(
            tenant_id=tenant_id,
            user_id=user_id,
            duplicates_found=duplicates_found,
            items=items,
            operations_planned=operations_planned,
            scanned_count=scanned_count,
            summary=summary,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_forgetting_preview_response.additional_properties = d
        return dashboard_forgetting_preview_response

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
from ..models.dashboard_forgetting_preview_item import DashboardForgettingPreviewItem
from ..models.dashboard_forgetting_preview_response_summary import (
    DashboardForgettingPreviewResponseSummary,
)
