from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardFactDetail")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "category",
        "confidence",
        "evidence_count",
        "id",
        "is_current",
        "key",
        "predicate",
        "subject",
        "tenant_id",
        "value_type",
        "version",
        "context_tags",
        "created_at",
        "evidence_ids",
        "lineage",
        "superseded_by",
        "supersedes_id",
        "updated_at",
        "valid_from",
        "valid_to",
        "value",
    }
)


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
        category = src_dict["category"]

        confidence = src_dict["confidence"]

        evidence_count = src_dict["evidence_count"]

        id = src_dict["id"]

        is_current = src_dict["is_current"]

        key = src_dict["key"]

        predicate = src_dict["predicate"]

        subject = src_dict["subject"]

        tenant_id = src_dict["tenant_id"]

        value_type = src_dict["value_type"]

        version = src_dict["version"]

        context_tags = cast("list[str]", src_dict.get("context_tags", UNSET))

        created_at = _parse_created_at(src_dict.get("created_at", UNSET))

        evidence_ids = cast("list[str]", src_dict.get("evidence_ids", UNSET))

        _lineage = src_dict.get("lineage", UNSET)
        lineage: list[DashboardFactDetailLineageItem] | Unset = UNSET
        if _lineage is not UNSET:
            lineage = []
            for lineage_item_data in _lineage:
                lineage_item = DashboardFactDetailLineageItem.from_dict(
                    lineage_item_data
                )

                lineage.append(lineage_item)

        _superseded_by = src_dict.get("superseded_by", UNSET)
        superseded_by: list[DashboardFactDetailSupersededByItem] | Unset = UNSET
        if _superseded_by is not UNSET:
            superseded_by = []
            for superseded_by_item_data in _superseded_by:
                superseded_by_item = DashboardFactDetailSupersededByItem.from_dict(
                    superseded_by_item_data
                )

                superseded_by.append(superseded_by_item)

        supersedes_id = src_dict.get("supersedes_id", UNSET)

        updated_at = _parse_updated_at(src_dict.get("updated_at", UNSET))

        valid_from = _parse_valid_from(src_dict.get("valid_from", UNSET))

        valid_to = _parse_valid_to(src_dict.get("valid_to", UNSET))

        value = src_dict.get("value", UNSET)

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

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_fact_detail.additional_properties = d
        return dashboard_fact_detail

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


def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        created_at_type_0 = parse_datetime(data)

        return created_at_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


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


def _parse_valid_from(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        valid_from_type_0 = parse_datetime(data)

        return valid_from_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


def _parse_valid_to(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        valid_to_type_0 = parse_datetime(data)

        return valid_to_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_fact_detail_lineage_item import DashboardFactDetailLineageItem
from ..models.dashboard_fact_detail_superseded_by_item import (
    DashboardFactDetailSupersededByItem,
)
