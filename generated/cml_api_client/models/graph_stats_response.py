from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="GraphStatsResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "entity_types",
        "tenants_with_graph",
        "total_edges",
        "total_nodes",
    }
)


@_attrs_define
class GraphStatsResponse:
    """Graph statistics.

    Attributes:
        entity_types (GraphStatsResponseEntityTypes | Unset):
        tenants_with_graph (list[str] | Unset):
        total_edges (int | Unset):  Default: 0.
        total_nodes (int | Unset):  Default: 0.
    """

    entity_types: GraphStatsResponseEntityTypes | Unset = UNSET
    tenants_with_graph: list[str] | Unset = UNSET
    total_edges: int | Unset = 0
    total_nodes: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        entity_types: dict[str, Any] | Unset = UNSET
        if not isinstance(self.entity_types, Unset):
            entity_types = self.entity_types.to_dict()

        tenants_with_graph: list[str] | Unset = UNSET
        if not isinstance(self.tenants_with_graph, Unset):
            tenants_with_graph = self.tenants_with_graph

        total_edges = self.total_edges

        total_nodes = self.total_nodes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if entity_types is not UNSET:
            field_dict["entity_types"] = entity_types
        if tenants_with_graph is not UNSET:
            field_dict["tenants_with_graph"] = tenants_with_graph
        if total_edges is not UNSET:
            field_dict["total_edges"] = total_edges
        if total_nodes is not UNSET:
            field_dict["total_nodes"] = total_nodes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        _entity_types = src_dict.get("entity_types", UNSET)
        entity_types: GraphStatsResponseEntityTypes | Unset
        if isinstance(_entity_types, Unset):
            entity_types = UNSET
        else:
            entity_types = GraphStatsResponseEntityTypes.from_dict(_entity_types)

        tenants_with_graph = cast(
            "list[str]", src_dict.get("tenants_with_graph", UNSET)
        )

        total_edges = src_dict.get("total_edges", UNSET)

        total_nodes = src_dict.get("total_nodes", UNSET)

        graph_stats_response = cls(
            entity_types=entity_types,
            tenants_with_graph=tenants_with_graph,
            total_edges=total_edges,
            total_nodes=total_nodes,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_stats_response.additional_properties = d
        return graph_stats_response

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
from ..models.graph_stats_response_entity_types import GraphStatsResponseEntityTypes
