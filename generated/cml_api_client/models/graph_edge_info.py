from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="GraphEdgeInfo")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "predicate",
        "source",
        "target",
        "confidence",
        "properties",
    }
)


@_attrs_define
class GraphEdgeInfo:
    """Graph edge for rendering.

    Attributes:
        predicate (str):
        source (str):
        target (str):
        confidence (float | Unset):  Default: 0.0.
        properties (GraphEdgeInfoProperties | Unset):
    """

    predicate: str
    source: str
    target: str
    confidence: float | Unset = 0.0
    properties: GraphEdgeInfoProperties | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        predicate = self.predicate

        source = self.source

        target = self.target

        confidence = self.confidence

        properties: dict[str, Any] | Unset = UNSET
        if not isinstance(self.properties, Unset):
            properties = self.properties.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "predicate": predicate,
                "source": source,
                "target": target,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if properties is not UNSET:
            field_dict["properties"] = properties

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        predicate = src_dict["predicate"]

        source = src_dict["source"]

        target = src_dict["target"]

        confidence = src_dict.get("confidence", UNSET)

        _properties = src_dict.get("properties", UNSET)
        properties: GraphEdgeInfoProperties | Unset
        if isinstance(_properties, Unset):
            properties = UNSET
        else:
            properties = GraphEdgeInfoProperties.from_dict(_properties)

        graph_edge_info = cls(
            predicate=predicate,
            source=source,
            target=target,
            confidence=confidence,
            properties=properties,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_edge_info.additional_properties = d
        return graph_edge_info

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
from ..models.graph_edge_info_properties import GraphEdgeInfoProperties
