from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardOpsResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "generated_at",
        "highlights",
        "metrics",
    }
)


@_attrs_define
class DashboardOpsResponse:
    """Operational metrics view for the dashboard.

    Attributes:
        generated_at (datetime.datetime):
        highlights (DashboardOpsResponseHighlights | Unset):
        metrics (list[DashboardOpsMetric] | Unset):
    """

    generated_at: datetime.datetime
    highlights: DashboardOpsResponseHighlights | Unset = UNSET
    metrics: list[DashboardOpsMetric] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        highlights: dict[str, Any] | Unset = UNSET
        if not isinstance(self.highlights, Unset):
            highlights = self.highlights.to_dict()

        metrics: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.metrics, Unset):
            metrics = []
            for metrics_item_data in self.metrics:
                metrics_item = metrics_item_data.to_dict()
                metrics.append(metrics_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_at": generated_at,
            }
        )
        if highlights is not UNSET:
            field_dict["highlights"] = highlights
        if metrics is not UNSET:
            field_dict["metrics"] = metrics

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        generated_at = parse_datetime(src_dict["generated_at"])

        _highlights = src_dict.get("highlights", UNSET)
        highlights: DashboardOpsResponseHighlights | Unset
        if isinstance(_highlights, Unset):
            highlights = UNSET
        else:
            highlights = DashboardOpsResponseHighlights.from_dict(_highlights)

        _metrics = src_dict.get("metrics", UNSET)
        metrics: list[DashboardOpsMetric] | Unset = UNSET
        if _metrics is not UNSET:
            metrics = []
            for metrics_item_data in _metrics:
                metrics_item = DashboardOpsMetric.from_dict(metrics_item_data)

                metrics.append(metrics_item)

        dashboard_ops_response = cls(
            generated_at=generated_at,
            highlights=highlights,
            metrics=metrics,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_ops_response.additional_properties = d
        return dashboard_ops_response

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
from ..models.dashboard_ops_metric import DashboardOpsMetric
from ..models.dashboard_ops_response_highlights import DashboardOpsResponseHighlights
