from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardQualityIssue")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "count",
        "label",
        "description",
        "sample_ids",
    }
)


@_attrs_define
class DashboardQualityIssue:
    """Single data-quality or graph-hygiene issue.

    Attributes:
        count (int):
        label (str):
        description (str | Unset):  Default: ''.
        sample_ids (list[str] | Unset):
    """

    count: int
    label: str
    description: str | Unset = ""
    sample_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        label = self.label

        description = self.description

        sample_ids: list[str] | Unset = UNSET
        if not isinstance(self.sample_ids, Unset):
            sample_ids = self.sample_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "label": label,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if sample_ids is not UNSET:
            field_dict["sample_ids"] = sample_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        count = src_dict["count"]

        label = src_dict["label"]

        description = src_dict.get("description", UNSET)

        sample_ids = cast("list[str]", src_dict.get("sample_ids", UNSET))

        dashboard_quality_issue = cls(
            count=count,
            label=label,
            description=description,
            sample_ids=sample_ids,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_quality_issue.additional_properties = d
        return dashboard_quality_issue

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
