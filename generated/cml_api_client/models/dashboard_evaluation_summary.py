from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardEvaluationSummary")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "generated_at",
        "artifacts",
        "comparisons",
        "latest_report",
        "latest_summary",
        "readiness",
    }
)


@_attrs_define
class DashboardEvaluationSummary:
    """Evaluation readiness and discovered results.

    Attributes:
        generated_at (datetime.datetime):
        artifacts (list[DashboardEvaluationArtifact] | Unset):
        comparisons (list[DashboardEvaluationSummaryComparisonsItem] | Unset):
        latest_report (None | str | Unset):
        latest_summary (DashboardEvaluationSummaryLatestSummaryType0 | None | Unset):
        readiness (DashboardEvaluationSummaryReadiness | Unset):
    """

    generated_at: datetime.datetime
    artifacts: list[DashboardEvaluationArtifact] | Unset = UNSET
    comparisons: list[DashboardEvaluationSummaryComparisonsItem] | Unset = UNSET
    latest_report: None | str | Unset = UNSET
    latest_summary: DashboardEvaluationSummaryLatestSummaryType0 | None | Unset = UNSET
    readiness: DashboardEvaluationSummaryReadiness | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_at = self.generated_at.isoformat()

        artifacts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.artifacts, Unset):
            artifacts = []
            for artifacts_item_data in self.artifacts:
                artifacts_item = artifacts_item_data.to_dict()
                artifacts.append(artifacts_item)

        comparisons: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.comparisons, Unset):
            comparisons = []
            for comparisons_item_data in self.comparisons:
                comparisons_item = comparisons_item_data.to_dict()
                comparisons.append(comparisons_item)

        latest_report: None | str | Unset
        if isinstance(self.latest_report, Unset):
            latest_report = UNSET
        else:
            latest_report = self.latest_report

        latest_summary: dict[str, Any] | None | Unset
        if isinstance(self.latest_summary, Unset):
            latest_summary = UNSET
        elif isinstance(
            self.latest_summary, DashboardEvaluationSummaryLatestSummaryType0
        ):
            latest_summary = self.latest_summary.to_dict()
        else:
            latest_summary = self.latest_summary

        readiness: dict[str, Any] | Unset = UNSET
        if not isinstance(self.readiness, Unset):
            readiness = self.readiness.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_at": generated_at,
            }
        )
        if artifacts is not UNSET:
            field_dict["artifacts"] = artifacts
        if comparisons is not UNSET:
            field_dict["comparisons"] = comparisons
        if latest_report is not UNSET:
            field_dict["latest_report"] = latest_report
        if latest_summary is not UNSET:
            field_dict["latest_summary"] = latest_summary
        if readiness is not UNSET:
            field_dict["readiness"] = readiness

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        generated_at = parse_datetime(src_dict["generated_at"])

        _artifacts = src_dict.get("artifacts", UNSET)
        artifacts: list[DashboardEvaluationArtifact] | Unset = UNSET
        if _artifacts is not UNSET:
            artifacts = []
            for artifacts_item_data in _artifacts:
                artifacts_item = DashboardEvaluationArtifact.from_dict(
                    artifacts_item_data
                )

                artifacts.append(artifacts_item)

        _comparisons = src_dict.get("comparisons", UNSET)
        comparisons: list[DashboardEvaluationSummaryComparisonsItem] | Unset = UNSET
        if _comparisons is not UNSET:
            comparisons = []
            for comparisons_item_data in _comparisons:
                comparisons_item = DashboardEvaluationSummaryComparisonsItem.from_dict(
                    comparisons_item_data
                )

                comparisons.append(comparisons_item)

        latest_report = src_dict.get("latest_report", UNSET)

        latest_summary = _parse_latest_summary(src_dict.get("latest_summary", UNSET))

        _readiness = src_dict.get("readiness", UNSET)
        readiness: DashboardEvaluationSummaryReadiness | Unset
        if isinstance(_readiness, Unset):
            readiness = UNSET
        else:
            readiness = DashboardEvaluationSummaryReadiness.from_dict(_readiness)

        dashboard_evaluation_summary = cls(
            generated_at=generated_at,
            artifacts=artifacts,
            comparisons=comparisons,
            latest_report=latest_report,
            latest_summary=latest_summary,
            readiness=readiness,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_evaluation_summary.additional_properties = d
        return dashboard_evaluation_summary

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


def _parse_latest_summary(
    data: object,
) -> DashboardEvaluationSummaryLatestSummaryType0 | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        latest_summary_type_0 = DashboardEvaluationSummaryLatestSummaryType0.from_dict(
            data
        )

        return latest_summary_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("DashboardEvaluationSummaryLatestSummaryType0 | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_evaluation_artifact import DashboardEvaluationArtifact
from ..models.dashboard_evaluation_summary_comparisons_item import (
    DashboardEvaluationSummaryComparisonsItem,
)
from ..models.dashboard_evaluation_summary_latest_summary_type_0 import (
    DashboardEvaluationSummaryLatestSummaryType0,
)
from ..models.dashboard_evaluation_summary_readiness import (
    DashboardEvaluationSummaryReadiness,
)
