from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dashboard_fact_detail_lineage_item import (
        DashboardFactDetailLineageItem,
    )
    from ..models.dashboard_fact_detail_superseded_by_item import (
        DashboardFactDetailSupersededByItem,
    )


T = TypeVar("T", bound="DashboardFactDetail")


@_attrs_define
class DashboardFactDetail:
    """Full semantic fact detail.

    Attributes:
        category (str):
        confidence (float):
        evidence_count (int):
        id (str):
        is_current (bool):
        key (str):
        predicate (str):
        subject (str):
        tenant_id (str):
        value_type (str):
        version (int):
        context_tags (list[str] | Unset):
        created_at (datetime.datetime | None | Unset):
        evidence_ids (list[str] | Unset):
        lineage (list[DashboardFactDetailLineageItem] | Unset):
        superseded_by (list[DashboardFactDetailSupersededByItem] | Unset):
        supersedes_id (None | str | Unset):
        updated_at (datetime.datetime | None | Unset):
        valid_from (datetime.datetime | None | Unset):
        valid_to (datetime.datetime | None | Unset):
        value (Any | Unset):
    """

    category: str
    confidence: float
    evidence_count: int
    id: str
    is_current: bool
    key: str
    predicate: str
    subject: str
    tenant_id: str
    value_type: str
    version: int
    context_tags: list[str] | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    evidence_ids: list[str] | Unset = UNSET
    lineage: list[DashboardFactDetailLineageItem] | Unset = UNSET
    superseded_by: list[DashboardFactDetailSupersededByItem] | Unset = UNSET
    supersedes_id: None | str | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    valid_from: datetime.datetime | None | Unset = UNSET
    valid_to: datetime.datetime | None | Unset = UNSET
    value: Any | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        category = self.category

        confidence = self.confidence

        evidence_count = self.evidence_count

        id = self.id

        is_current = self.is_current

        key = self.key

        predicate = self.predicate

        subject = self.subject

        tenant_id = self.tenant_id

        value_type = self.value_type

        version = self.version

        context_tags: list[str] | Unset = UNSET
        if not isinstance(self.context_tags, Unset):
            context_tags = self.context_tags

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        evidence_ids: list[str] | Unset = UNSET
        if not isinstance(self.evidence_ids, Unset):
            evidence_ids = self.evidence_ids

        lineage: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.lineage, Unset):
            lineage = []
            for lineage_item_data in self.lineage:
                lineage_item = lineage_item_data.to_dict()
                lineage.append(lineage_item)

        superseded_by: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.superseded_by, Unset):
            superseded_by = []
            for superseded_by_item_data in self.superseded_by:
                superseded_by_item = superseded_by_item_data.to_dict()
                superseded_by.append(superseded_by_item)

        supersedes_id: None | str | Unset
        if isinstance(self.supersedes_id, Unset):
            supersedes_id = UNSET
        else:
            supersedes_id = self.supersedes_id

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        valid_from: None | str | Unset
        if isinstance(self.valid_from, Unset):
            valid_from = UNSET
        elif isinstance(self.valid_from, datetime.datetime):
            valid_from = self.valid_from.isoformat()
        else:
            valid_from = self.valid_from

        valid_to: None | str | Unset
        if isinstance(self.valid_to, Unset):
            valid_to = UNSET
        elif isinstance(self.valid_to, datetime.datetime):
            valid_to = self.valid_to.isoformat()
        else:
            valid_to = self.valid_to

        value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "category": category,
                "confidence": confidence,
                "evidence_count": evidence_count,
                "id": id,
                "is_current": is_current,
                "key": key,
                "predicate": predicate,
                "subject": subject,
                "tenant_id": tenant_id,
                "value_type": value_type,
                "version": version,
            }
        )
        if context_tags is not UNSET:
            field_dict["context_tags"] = context_tags
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if evidence_ids is not UNSET:
            field_dict["evidence_ids"] = evidence_ids
        if lineage is not UNSET:
            field_dict["lineage"] = lineage
        if superseded_by is not UNSET:
            field_dict["superseded_by"] = superseded_by
        if supersedes_id is not UNSET:
            field_dict["supersedes_id"] = supersedes_id
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if valid_from is not UNSET:
            field_dict["valid_from"] = valid_from
        if valid_to is not UNSET:
            field_dict["valid_to"] = valid_to
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.dashboard_fact_detail_lineage_item import (
            DashboardFactDetailLineageItem,
        )
        from ..models.dashboard_fact_detail_superseded_by_item import (
            DashboardFactDetailSupersededByItem,
        )

        d = dict(src_dict)
        category = d.pop("category")

        confidence = d.pop("confidence")

        evidence_count = d.pop("evidence_count")

        id = d.pop("id")

        is_current = d.pop("is_current")

        key = d.pop("key")

        predicate = d.pop("predicate")

        subject = d.pop("subject")

        tenant_id = d.pop("tenant_id")

        value_type = d.pop("value_type")

        version = d.pop("version")

        context_tags = cast(list[str], d.pop("context_tags", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("created_at", UNSET))

        evidence_ids = cast(list[str], d.pop("evidence_ids", UNSET))

        _lineage = d.pop("lineage", UNSET)
        lineage: list[DashboardFactDetailLineageItem] | Unset = UNSET
        if _lineage is not UNSET:
            lineage = []
            for lineage_item_data in _lineage:
                lineage_item = DashboardFactDetailLineageItem.from_dict(
                    lineage_item_data
                )

                lineage.append(lineage_item)

        _superseded_by = d.pop("superseded_by", UNSET)
        superseded_by: list[DashboardFactDetailSupersededByItem] | Unset = UNSET
        if _superseded_by is not UNSET:
            superseded_by = []
            for superseded_by_item_data in _superseded_by:
                superseded_by_item = DashboardFactDetailSupersededByItem.from_dict(
                    superseded_by_item_data
                )

                superseded_by.append(superseded_by_item)

        def _parse_supersedes_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        supersedes_id = _parse_supersedes_id(d.pop("supersedes_id", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updated_at", UNSET))

        def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_from_type_0 = datetime.datetime.fromisoformat(data)

                return valid_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_from = _parse_valid_from(d.pop("valid_from", UNSET))

        def _parse_valid_to(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                valid_to_type_0 = datetime.datetime.fromisoformat(data)

                return valid_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        valid_to = _parse_valid_to(d.pop("valid_to", UNSET))

        value = d.pop("value", UNSET)

        dashboard_fact_detail = cls(
            category=category,
            confidence=confidence,
            evidence_count=evidence_count,
            id=id,
            is_current=is_current,
            key=key,
            predicate=predicate,
            subject=subject,
            tenant_id=tenant_id,
            value_type=value_type,
            version=version,
            context_tags=context_tags,
            created_at=created_at,
            evidence_ids=evidence_ids,
            lineage=lineage,
            superseded_by=superseded_by,
            supersedes_id=supersedes_id,
            updated_at=updated_at,
            valid_from=valid_from,
            valid_to=valid_to,
            value=value,
        )

        dashboard_fact_detail.additional_properties = d
        return dashboard_fact_detail

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
