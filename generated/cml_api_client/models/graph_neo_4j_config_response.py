from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import readable

T = TypeVar("T", bound="GraphNeo4JConfigResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "server_password",
        "server_url",
        "server_user",
    }
)


@_attrs_define
class GraphNeo4JConfigResponse:
    """Neo4j connection config for browser (neovis.js). Admin-only.

    Attributes:
        server_password (str):
        server_url (str):
        server_user (str):
    """

    server_password: str
    server_url: str
    server_user: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        server_password = self.server_password

        server_url = self.server_url

        server_user = self.server_user

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "server_password": server_password,
                "server_url": server_url,
                "server_user": server_user,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        server_password = src_dict["server_password"]

        server_url = src_dict["server_url"]

        server_user = src_dict["server_user"]

        graph_neo_4j_config_response = cls(
            server_password=server_password,
            server_url=server_url,
            server_user=server_user,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        graph_neo_4j_config_response.additional_properties = d
        return graph_neo_4j_config_response

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
