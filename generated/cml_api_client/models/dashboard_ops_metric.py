from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardOpsMetric")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "name",
        "labels",
        "value",
    }
)


@_attrs_define
class DashboardOpsMetric:
    """Single operational metric sample.

    Attributes:
        name (str):
        labels (DashboardOpsMetricLabels | Unset):
        value (float | int | None | str | Unset):
    """

    name: str
    labels: DashboardOpsMetricLabels | Unset = UNSET
    value: float | int | None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        labels: dict[str, Any] | Unset = UNSET
        if not isinstance(self.labels, Unset):
            labels = self.labels.to_dict()

        value: float | int | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
            }
        )
        if labels is not UNSET:
            field_dict["labels"] = labels
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        name = src_dict["name"]

        _labels = src_dict.get("labels", UNSET)
        labels: DashboardOpsMetricLabels | Unset
        if isinstance(_labels, Unset):
            labels = UNSET
        else:
            labels = DashboardOpsMetricLabels.from_dict(_labels)

        value = src_dict.get("value", UNSET)

        dashboard_ops_metric = cls(
            name=name,
            labels=labels,
            value=value,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_ops_metric.additional_properties = d
        return dashboard_ops_metric

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
from ..models.dashboard_ops_metric_labels import DashboardOpsMetricLabels
