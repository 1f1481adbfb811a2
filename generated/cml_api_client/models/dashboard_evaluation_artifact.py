from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardEvaluationArtifact")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "kind",
        "name",
        "path",
        "size_bytes",
        "updated_at",
    }
)


@_attrs_define
class DashboardEvaluationArtifact:
    """Evaluation file discovered on disk.

    Attributes:
        kind (str):
        name (str):
        path (str):
        size_bytes (int | Unset):  Default: 0.
        updated_at (datetime.datetime | None | Unset):
    """

    kind: str
    name: str
    path: str
    size_bytes: int | Unset = 0
    updated_at: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind

        name = self.name

        path = self.path

        size_bytes = self.size_bytes

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "kind": kind,
                "name": name,
                "path": path,
            }
        )
        if size_bytes is not UNSET:
            field_dict["size_bytes"] = size_bytes
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        kind = src_dict["kind"]

        name = src_dict["name"]

        path = src_dict["path"]

        size_bytes = src_dict.get("size_bytes", UNSET)

        updated_at = _parse_updated_at(src_dict.get("updated_at", UNSET))

        dashboard_evaluation_artifact = cls(
            kind=kind,
            name=name,
            path=path,
            size_bytes=size_bytes,
            updated_at=updated_at,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_evaluation_artifact.additional_properties = d
        return dashboard_evaluation_artifact

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


def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        updated_at_type_0 = parse_datetime(data)

        return updated_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)
