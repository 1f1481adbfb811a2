from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="GraphNodeInfo")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "entity",
        "entity_type",
        "id",
        "properties",
    }
)


@_attrs_define
class GraphNodeInfo:
    """Graph node for rendering.

    Attributes:
        entity (str):
        entity_type (str):
        id (str):
        properties (GraphNodeInfoProperties | Unset):
    """

    entity: str
    entity_type: str
    id: str
    properties: GraphNodeInfoProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity = self.entity

        entity_type = self.entity_type

        id = self.id

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "entity": entity,
                "entity_type": entity_type,
                "id": id,
            }
        )
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        entity = src_dict["entity"]

        entity_type = src_dict["entity_type"]

        id = src_dict["id"]

        _properties = src_dict.get("properties", UNSET)
        properties: GraphNodeInfoProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = GraphNodeInfoProperties.from_dict(_properties)

        graph_node_info = cls(
            entity=entity,
            entity_type=entity_type,
            id=id,
            properties=properties,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_node_info.additional_properties = d
        return graph_node_info

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
from ..models.graph_node_info_properties import GraphNodeInfoProperties
