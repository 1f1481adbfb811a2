from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import readable

T = TypeVar("T", bound="GraphSearchResult")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "entity",
        "entity_type",
        "scope_id",
        "tenant_id",
    }
)


@_attrs_define
class GraphSearchResult:
    """Entity search result.

    Attributes:
        entity (str):
        entity_type (str):
        scope_id (str):
        tenant_id (str):
    """

    entity: str
    entity_type: str
    scope_id: str
    tenant_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity = self.entity

        entity_type = self.entity_type

        scope_id = self.scope_id

        tenant_id = self.tenant_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity": entity,
                "entity_type": entity_type,
                "scope_id": scope_id,
                "tenant_id": tenant_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        entity = src_dict["entity"]

        entity_type = src_dict["entity_type"]

        scope_id = src_dict["scope_id"]

        tenant_id = src_dict["tenant_id"]

        graph_search_result = cls(
            entity=entity,
            entity_type=entity_type,
            scope_id=scope_id,
            tenant_id=tenant_id,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_search_result.additional_properties = d
        return graph_search_result

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
