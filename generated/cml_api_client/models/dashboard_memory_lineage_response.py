from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, readable

T = TypeVar("T", bound="DashboardMemoryLineageResponse")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "memory",
        "ancestors",
        "descendants",
        "evidence_facts",
        "lifecycle_flags",
        "related_entities",
        "related_jobs",
        "same_key_versions",
    }
)


@_attrs_define
class DashboardMemoryLineageResponse:
    """Lifecycle and lineage view for a memory.

    Attributes:
        memory (DashboardMemoryDetail): Full memory detail for dashboard.
        ancestors (list[DashboardLineageMemory] | Unset):
        descendants (list[DashboardLineageMemory] | Unset):
        evidence_facts (list[FactItem] | Unset):
        lifecycle_flags (list[str] | Unset):
        related_entities (list[GraphSearchResult] | Unset):
        related_jobs (list[DashboardRelatedJob] | Unset):
        same_key_versions (list[DashboardLineageMemory] | Unset):
    """

    memory: DashboardMemoryDetail
    ancestors: list[DashboardLineageMemory] | Unset = UNSET
    descendants: list[DashboardLineageMemory] | Unset = UNSET
    evidence_facts: list[FactItem] | Unset = UNSET
    lifecycle_flags: list[str] | Unset = UNSET
    related_entities: list[GraphSearchResult] | Unset = UNSET
    related_jobs: list[DashboardRelatedJob] | Unset = UNSET
    same_key_versions: list[DashboardLineageMemory] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        memory = self.memory.to_dict()

        ancestors: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.ancestors, Unset):
            ancestors = []
            for ancestors_item_data in self.ancestors:
                ancestors_item = ancestors_item_data.to_dict()
                ancestors.append(ancestors_item)

        descendants: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.descendants, Unset):
            descendants = []
            for descendants_item_data in self.descendants:
                descendants_item = descendants_item_data.to_dict()
                descendants.append(descendants_item)

        evidence_facts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.evidence_facts, Unset):
            evidence_facts = []
            for evidence_facts_item_data in self.evidence_facts:
                evidence_facts_item = evidence_facts_item_data.to_dict()
                evidence_facts.append(evidence_facts_item)

        lifecycle_flags: list[str] | Unset = UNSET
        if not isinstance(self.lifecycle_flags, Unset):
            lifecycle_flags = self.lifecycle_flags

        related_entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.related_entities, Unset):
            related_entities = []
            for related_entities_item_data in self.related_entities:
                related_entities_item = related_entities_item_data.to_dict()
                related_entities.append(related_entities_item)

        related_jobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.related_jobs, Unset):
            related_jobs = []
            for related_jobs_item_data in self.related_jobs:
                related_jobs_item = related_jobs_item_data.to_dict()
                related_jobs.append(related_jobs_item)

        same_key_versions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.same_key_versions, Unset):
            same_key_versions = []
            for same_key_versions_item_data in self.same_key_versions:
                same_key_versions_item = same_key_versions_item_data.to_dict()
                same_key_versions.append(same_key_versions_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "memory": memory,
            }
        )
        if ancestors is not UNSET:
            field_dict["ancestors"] = ancestors
        if descendants is not UNSET:
            field_dict["descendants"] = descendants
        if evidence_facts is not UNSET:
            field_dict["evidence_facts"] = evidence_facts
        if lifecycle_flags is not UNSET:
            field_dict["lifecycle_flags"] = lifecycle_flags
        if related_entities is not UNSET:
            field_dict["related_entities"] = related_entities
        if related_jobs is not UNSET:
            field_dict["related_jobs"] = related_jobs
        if same_key_versions is not UNSET:
            field_dict["same_key_versions"] = same_key_versions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        memory = DashboardMemoryDetail.from_dict(src_dict["memory"])

        _ancestors = src_dict.get("ancestors", UNSET)
        ancestors: list[DashboardLineageMemory] | Unset = UNSET
        if _ancestors is not UNSET:
            ancestors = []
            for ancestors_item_data in _ancestors:
                ancestors_item = DashboardLineageMemory.from_dict(ancestors_item_data)

                ancestors.append(ancestors_item)

        _descendants = src_dict.get("descendants", UNSET)
        descendants: list[DashboardLineageMemory] | Unset = UNSET
        if _descendants is not UNSET:
            descendants = []
            for descendants_item_data in _descendants:
                descendants_item = DashboardLineageMemory.from_dict(
                    descendants_item_data
                )

                descendants.append(descendants_item)

        _evidence_facts = src_dict.get("evidence_facts", UNSET)
        evidence_facts: list[FactItem] | Unset = UNSET
        if _evidence_facts is not UNSET:
            evidence_facts = []
            for evidence_facts_item_data in _evidence_facts:
                evidence_facts_item = FactItem.from_dict(evidence_facts_item_data)

                evidence_facts.append(evidence_facts_item)

        lifecycle_flags = cast("list[str]", src_dict.get("lifecycle_flags", UNSET))

        _related_entities = src_dict.get("related_entities", UNSET)
        related_entities: list[GraphSearchResult] | Unset = UNSET
        if _related_entities is not UNSET:
            related_entities = []
            for related_entities_item_data in _related_entities:
                related_entities_item = GraphSearchResult.from_dict(
                    related_entities_item_data
                )

                related_entities.append(related_entities_item)

        _related_jobs = src_dict.get("related_jobs", UNSET)
        related_jobs: list[DashboardRelatedJob] | Unset = UNSET
        if _related_jobs is not UNSET:
            related_jobs = []
            for related_jobs_item_data in _related_jobs:
                related_jobs_item = DashboardRelatedJob.from_dict(
                    related_jobs_item_data
                )

                related_jobs.append(related_jobs_item)

        _same_key_versions = src_dict.get("same_key_versions", UNSET)
        same_key_versions: list[DashboardLineageMemory] | Unset = UNSET
        if _same_key_versions is not UNSET:
            same_key_versions = []
            for same_key_versions_item_data in _same_key_versions:
                same_key_versions_item = DashboardLineageMemory.from_dict(
                    same_key_versions_item_data
                )

                same_key_versions.append(same_key_versions_item)

        dashboard_memory_lineage_response = cls(
            memory=memory,
            ancestors=ancestors,
            descendants=descendants,
            evidence_facts=evidence_facts,
            lifecycle_flags=lifecycle_flags,
            related_entities=related_entities,
            related_jobs=related_jobs,
            same_key_versions=same_key_versions,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_memory_lineage_response.additional_properties = d
        return dashboard_memory_lineage_response

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
from ..models.dashboard_lineage_memory import DashboardLineageMemory
from ..models.dashboard_memory_detail import DashboardMemoryDetail
from ..models.dashboard_related_job import DashboardRelatedJob
from ..models.fact_item import FactItem
from ..models.graph_search_result import GraphSearchResult
