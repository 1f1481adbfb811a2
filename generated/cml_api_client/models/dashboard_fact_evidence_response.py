from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardFactEvidenceResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "fact_id",
        "evidence",
        "missing_evidence_ids",
    }
)


@_attrs_define
class DashboardFactEvidenceResponse:
    """Evidence breakdown for a fact.

    Attributes:
        fact_id (str):
        evidence (list[DashboardFactEvidenceItem] | Unset):
        missing_evidence_ids (list[str] | Unset):
    """

    fact_id: str
    evidence: list[DashboardFactEvidenceItem] | Unset = UNSET
    missing_evidence_ids: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        fact_id = self.fact_id

        evidence: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evidence, Unset):
            evidence = []
            for evidence_item_data in self.evidence:
                evidence_item = evidence_item_data.to_dict()
                evidence.append(evidence_item)

        missing_evidence_ids: list[str] | Unset = UNSET
        if not isinstance(self.missing_evidence_ids, Unset):
            missing_evidence_ids = self.missing_evidence_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "fact_id": fact_id,
            }
        )
        if evidence is not UNSET:
            field_dict["evidence"] = evidence
        if missing_evidence_ids is not UNSET:
            field_dict["missing_evidence_ids"] = missing_evidence_ids

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        fact_id = src_dict["fact_id"]

        _evidence = src_dict.get("evidence", UNSET)
        evidence: list[DashboardFactEvidenceItem] | Unset = UNSET
        if _evidence is not UNSET:
            evidence = []
            for evidence_item_data in _evidence:
                evidence_item = DashboardFactEvidenceItem.from_dict(evidence_item_data)

                evidence.append(evidence_item)

        missing_evidence_ids = cast(
            "list[str]", src_dict.get("missing_evidence_ids", UNSET)
        )

        dashboard_fact_evidence_response = cls(
            fact_id=fact_id,
            evidence=evidence,
            missing_evidence_ids=missing_evidence_ids,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_fact_evidence_response.additional_properties = d
        return dashboard_fact_evidence_response

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
from ..models.dashboard_fact_evidence_item import DashboardFactEvidenceItem
