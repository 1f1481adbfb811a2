from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import readable

T = TypeVar("T", bound="DashboardMemoryListResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "items",
        "page",
        "per_page",
        "total",
        "total_pages",
    }
)


@_attrs_define
class DashboardMemoryListResponse:
    """Paginated memory list response.

    Attributes:
        items (list[DashboardMemoryListItem]):
        page (int):
        per_page (int):
        total (int):
        total_pages (int):
    """

    items: list[DashboardMemoryListItem]
    page: int
    per_page: int
    total: int
    total_pages: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        page = self.page

        per_page = self.per_page

        total = self.total

        total_pages = self.total_pages

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "items": items,
                "page": page,
                "per_page": per_page,
                "total": total,
                "total_pages": total_pages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        items = []
        _items = src_dict["items"]
        for items_item_data in _items:
            items_item = DashboardMemoryListItem.from_dict(items_item_data)

            items.append(items_item)

        page = src_dict["page"]

        per_page = src_dict["per_page"]

        total = src_dict["total"]

        total_pages = src_dict["total_pages"]

        dashboard_memory_list_response = cls(
            items=items,
            page=page,
            per_page=per_page,
            total=total,
            total_pages=total_pages,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_memory_list_response.additional_properties = d
        return dashboard_memory_list_response

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
from ..models.dashboard_memory_list_item import DashboardMemoryListItem
