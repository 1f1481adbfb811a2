from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="GraphExploreResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "center_entity",
        "edges",
        "nodes",
    }
)


@_attrs_define
class GraphExploreResponse:
    """Graph exploration result.

    Attributes:
        center_entity (None | str | Unset):
        edges (list[GraphEdgeInfo] | Unset):
        nodes (list[GraphNodeInfo] | Unset):
    """

    center_entity: None | str | Unset = UNSET
    edges: list[GraphEdgeInfo] | Unset = UNSET
    nodes: list[GraphNodeInfo] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        center_entity: None | str | Unset
        if isinstance(self.center_entity, Unset):
            center_entity = UNSET
        else:
            center_entity = self.center_entity

        edges: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.edges, Unset):
            edges = []
            for edges_item_data in self.edges:
                edges_item = edges_item_data.to_dict()
                edges.append(edges_item)

        nodes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.nodes, Unset):
            nodes = []
            for nodes_item_data in self.nodes:
                nodes_item = nodes_item_data.to_dict()
                nodes.append(nodes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if center_entity is not UNSET:
            field_dict["center_entity"] = center_entity
        if edges is not UNSET:
            field_dict["edges"] = edges
        if nodes is not UNSET:
            field_dict["nodes"] = nodes

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        center_entity = src_dict.get("center_entity", UNSET)

        _edges = src_dict.get("edges", UNSET)
        edges: list[GraphEdgeInfo] | Unset = UNSET
        if _edges is not UNSET:
            edges = []
            for edges_item_data in _edges:
                edges_item = GraphEdgeInfo.from_dict(edges_item_data)

                edges.append(edges_item)

        _nodes = src_dict.get("nodes", UNSET)
        nodes: list[GraphNodeInfo] | Unset = UNSET
        if _nodes is not UNSET:
            nodes = []
            for nodes_item_data in _nodes:
                nodes_item = GraphNodeInfo.from_dict(nodes_item_data)

                nodes.append(nodes_item)

        graph_explore_response = cls(
            center_entity=center_entity,
            edges=edges,
            nodes=nodes,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_explore_response.additional_properties = d
        return graph_explore_response

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
from ..models.graph_edge_info import GraphEdgeInfo
from ..models.graph_node_info import GraphNodeInfo
