from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset, parse_datetime, readable

T = TypeVar("T", bound="DashboardWriteSimulationChunk")


# The keys from_dict reads as properties; any other key goes to additional_properties.
_PROPERTY_NAMES = frozenset(
    {
        "chunk_id",
        "chunk_type",
        "text",
        "would_store",
        "write_decision",
        "chosen_memory_type",
        "confidence",
        "context_tags",
        "decay_rate",
        "entities",
        "extracted_constraints",
        "extracted_facts",
        "extractor_outputs",
        "importance",
        "key",
        "novelty",
        "reason",
        "redacted_text",
        "redaction_required",
        "redactions",
        "relations",
        "risk_flags",
        "salience",
        "timestamp",
    }
)


@_attrs_define
class DashboardWriteSimulationChunk:
    """Dry-run write simulation result for a single chunk.

    Attributes:
        chunk_id (str):
        chunk_type (str):
        text (str):
        would_store (bool):
        write_decision (str):
        chosen_memory_type (None | str | Unset):
        confidence (float | Unset):  Default: 0.0.
        context_tags (list[str] | Unset):
        decay_rate (float | None | Unset):
        entities (list[DashboardWriteSimulationChunkEntitiesItem] | Unset):
        extracted_constraints (list[DashboardWriteSimulationChunkExtractedConstraintsItem] | Unset):
        extracted_facts (list[DashboardWriteSimulationChunkExtractedFactsItem] | Unset):
        extractor_outputs (DashboardWriteSimulationChunkExtractorOutputs | Unset):
        importance (float | Unset):  Default: 0.0.
        key (None | str | Unset):
        novelty (float | Unset):  Default: 0.0.
        reason (str | Unset):  Default: ''.
        redacted_text (str | Unset):  Default: ''.
        redaction_required (bool | Unset):  Default: False.
        redactions (list[DashboardWriteSimulationChunkRedactionsItem] | Unset):
        relations (list[DashboardWriteSimulationChunkRelationsItem] | Unset):
        risk_flags (list[str] | Unset):
        salience (float | Unset):  Default: 0.0.
        timestamp (datetime.datetime | None | Unset):
    """

    chunk_id: str
    chunk_type: str
    text: str
    would_store: bool
    write_decision: str
    chosen_memory_type: None | str | Unset = UNSET
    confidence: float | Unset = 0.0
    context_tags: list[str] | Unset = UNSET
    decay_rate: float | None | Unset = UNSET
    entities: list[DashboardWriteSimulationChunkEntitiesItem] | Unset = UNSET
    extracted_constraints: (
        list[DashboardWriteSimulationChunkExtractedConstraintsItem] | Unset
    ) = UNSET
    extracted_facts: list[DashboardWriteSimulationChunkExtractedFactsItem] | Unset = (
        UNSET
    )
    extractor_outputs: DashboardWriteSimulationChunkExtractorOutputs | Unset = UNSET
    importance: float | Unset = 0.0
    key: None | str | Unset = UNSET
    novelty: float | Unset = 0.0
    reason: str | Unset = ""
    redacted_text: str | Unset = ""
    redaction_required: bool | Unset = False
    redactions: list[DashboardWriteSimulationChunkRedactionsItem] | Unset = UNSET
    relations: list[DashboardWriteSimulationChunkRelationsItem] | Unset = UNSET
    risk_flags: list[str] | Unset = UNSET
    salience: float | Unset = 0.0
    timestamp: datetime.datetime | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        chunk_id = self.chunk_id

        chunk_type = self.chunk_type

        text = self.text

        would_store = self.would_store

        write_decision = self.write_decision

        chosen_memory_type: None | str | Unset
        if isinstance(self.chosen_memory_type, Unset):
            chosen_memory_type = UNSET
        else:
            chosen_memory_type = self.chosen_memory_type

        confidence = self.confidence

        context_tags: list[str] | Unset = UNSET
        if not isinstance(self.context_tags, Unset):
            context_tags = self.context_tags

        decay_rate: float | None | Unset
        if isinstance(self.decay_rate, Unset):
            decay_rate = UNSET
        else:
            decay_rate = self.decay_rate

        entities: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.entities, Unset):
            entities = []
            for entities_item_data in self.entities:
                entities_item = entities_item_data.to_dict()
                entities.append(entities_item)

        extracted_constraints: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.extracted_constraints, Unset):
            extracted_constraints = []
            for extracted_constraints_item_data in self.extracted_constraints:
                extracted_constraints_item = extracted_constraints_item_data.to_dict()
                extracted_constraints.append(extracted_constraints_item)

        extracted_facts: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.extracted_facts, Unset):
            extracted_facts = []
            for extracted_facts_item_data in self.extracted_facts:
                extracted_facts_item = extracted_facts_item_data.to_dict()
                extracted_facts.append(extracted_facts_item)

        extractor_outputs: dict[str, Any] | Unset = UNSET
        if not isinstance(self.extractor_outputs, Unset):
            extractor_outputs = self.extractor_outputs.to_dict()

        importance = self.importance

        key: None | str | Unset
        if isinstance(self.key, Unset):
            key = UNSET
        else:
            key = self.key

        novelty = self.novelty

        reason = self.reason

        redacted_text = self.redacted_text

        redaction_required = self.redaction_required

        redactions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.redactions, Unset):
            redactions = []
            for redactions_item_data in self.redactions:
                redactions_item = redactions_item_data.to_dict()
                redactions.append(redactions_item)

        relations: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.relations, Unset):
            relations = []
            for relations_item_data in self.relations:
                relations_item = relations_item_data.to_dict()
                relations.append(relations_item)

        risk_flags: list[str] | Unset = UNSET
        if not isinstance(self.risk_flags, Unset):
            risk_flags = self.risk_flags

        salience = self.salience

        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "chunk_id": chunk_id,
                "chunk_type": chunk_type,
                "text": text,
                "would_store": would_store,
                "write_decision": write_decision,
            }
        )
        if chosen_memory_type is not UNSET:
            field_dict["chosen_memory_type"] = chosen_memory_type
        if confidence is not UNSET:
            field_dict["confidence"] = confidence
        if context_tags is not UNSET:
            field_dict["context_tags"] = context_tags
        if decay_rate is not UNSET:
            field_dict["decay_rate"] = decay_rate
        if entities is not UNSET:
            field_dict["entities"] = entities
        if extracted_constraints is not UNSET:
            field_dict["extracted_constraints"] = extracted_constraints
        if extracted_facts is not UNSET:
            field_dict["extracted_facts"] = extracted_facts
        if extractor_outputs is not UNSET:
            field_dict["extractor_outputs"] = extractor_outputs
        if importance is not UNSET:
            field_dict["importance"] = importance
        if key is not UNSET:
            field_dict["key"] = key
        if novelty is not UNSET:
            field_dict["novelty"] = novelty
        if reason is not UNSET:
            field_dict["reason"] = reason
        if redacted_text is not UNSET:
            field_dict["redacted_text"] = redacted_text
        if redaction_required is not UNSET:
            field_dict["redaction_required"] = redaction_required
        if redactions is not UNSET:
            field_dict["redactions"] = redactions
        if relations is not UNSET:
            field_dict["relations"] = relations
        if risk_flags is not UNSET:
            field_dict["risk_flags"] = risk_flags
        if salience is not UNSET:
            field_dict["salience"] = salience
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        chunk_id = src_dict["chunk_id"]

        chunk_type = src_dict["chunk_type"]

        text = src_dict["text"]

        would_store = src_dict["would_store"]

        write_decision = src_dict["write_decision"]

        chosen_memory_type = src_dict.get("chosen_memory_type", UNSET)

        confidence = src_dict.get("confidence", UNSET)

        context_tags = cast("list[str]", src_dict.get("context_tags", UNSET))

        decay_rate = src_dict.get("decay_rate", UNSET)

        _entities = src_dict.get("entities", UNSET)
        entities: list[DashboardWriteSimulationChunkEntitiesItem] | Unset = UNSET
        if _entities is not UNSET:
            entities = []
            for entities_item_data in _entities:
                entities_item = DashboardWriteSimulationChunkEntitiesItem.from_dict(
                    entities_item_data
                )

                entities.append(entities_item)

        _extracted_constraints = src_dict.get("extracted_constraints", UNSET)
        extracted_constraints: (
            list[DashboardWriteSimulationChunkExtractedConstraintsItem] | Unset
        ) = UNSET
        if _extracted_constraints is not UNSET:
            extracted_constraints = []
            for extracted_constraints_item_data in _extracted_constraints:
                extracted_constraints_item = (
                    DashboardWriteSimulationChunkExtractedConstraintsItem.from_dict(
                        extracted_constraints_item_data
                    )
                )

                extracted_constraints.append(extracted_constraints_item)

        _extracted_facts = src_dict.get("extracted_facts", UNSET)
        extracted_facts: (
            list[DashboardWriteSimulationChunkExtractedFactsItem] | Unset
        ) = UNSET
        if _extracted_facts is not UNSET:
            extracted_facts = []
            for extracted_facts_item_data in _extracted_facts:
                extracted_facts_item = (
                    DashboardWriteSimulationChunkExtractedFactsItem.from_dict(
                        extracted_facts_item_data
                    )
                )

                extracted_facts.append(extracted_facts_item)

        _extractor_outputs = src_dict.get("extractor_outputs", UNSET)
        extractor_outputs: DashboardWriteSimulationChunkExtractorOutputs | Unset
        if isinstance(_extractor_outputs, Unset):
            extractor_outputs = UNSET
        else:
            extractor_outputs = DashboardWriteSimulationChunkExtractorOutputs.from_dict(
                _extractor_outputs
            )

        importance = src_dict.get("importance", UNSET)

        key = src_dict.get("key", UNSET)

        novelty = src_dict.get("novelty", UNSET)

        reason = src_dict.get("reason", UNSET)

        redacted_text = src_dict.get("redacted_text", UNSET)

        redaction_required = src_dict.get("redaction_required", UNSET)

        _redactions = src_dict.get("redactions", UNSET)
        redactions: list[DashboardWriteSimulationChunkRedactionsItem] | Unset = UNSET
        if _redactions is not UNSET:
            redactions = []
            for redactions_item_data in _redactions:
                redactions_item = DashboardWriteSimulationChunkRedactionsItem.from_dict(
                    redactions_item_data
                )

                redactions.append(redactions_item)

        _relations = src_dict.get("relations", UNSET)
        relations: list[DashboardWriteSimulationChunkRelationsItem] | Unset = UNSET
        if _relations is not UNSET:
            relations = []
            for relations_item_data in _relations:
                relations_item = DashboardWriteSimulationChunkRelationsItem.from_dict(
                    relations_item_data
                )

                relations.append(relations_item)

        risk_flags = cast("list[str]", src_dict.get("risk_flags", UNSET))

        salience = src_dict.get("salience", UNSET)

        timestamp = _parse_timestamp(src_dict.get("timestamp", UNSET))

        dashboard_write_simulation_chunk = cls(
            chunk_id=chunk_id,
            chunk_type=chunk_type,
            text=text,
            would_store=would_store,
            write_decision=write_decision,
            chosen_memory_type=chosen_memory_type,
            confidence=confidence,
            context_tags=context_tags,
            decay_rate=decay_rate,
            entities=entities,
            extracted_constraints=extracted_constraints,
            extracted_facts=extracted_facts,
            extractor_outputs=extractor_outputs,
            importance=importance,
            key=key,
            novelty=novelty,
            reason=reason,
            redacted_text=redacted_text,
            redaction_required=redaction_required,
            redactions=redactions,
            relations=relations,
            risk_flags=risk_flags,
            salience=salience,
            timestamp=timestamp,
        )

        d = (
            {}
            if src_dict.keys() <= _PROPERTY_NAMES
            else {k: v for k, v in src_dict.items() if k not in _PROPERTY_NAMES}
        )

        dashboard_write_simulation_chunk.additional_properties = d
        return dashboard_write_simulation_chunk

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


def _parse_timestamp(data: object) -> datetime.datetime | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        timestamp_type_0 = parse_datetime(data)

        return timestamp_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("datetime.datetime | None | Unset", data)


# Imported after the class is defined, so that models that refer to each other can import each other.
from ..models.dashboard_write_simulation_chunk_entities_item import (
    DashboardWriteSimulationChunkEntitiesItem,
)
from ..models.dashboard_write_simulation_chunk_extracted_constraints_item import (
    DashboardWriteSimulationChunkExtractedConstraintsItem,
)
from ..models.dashboard_write_simulation_chunk_extracted_facts_item import (
    DashboardWriteSimulationChunkExtractedFactsItem,
)
from ..models.dashboard_write_simulation_chunk_extractor_outputs import (
    DashboardWriteSimulationChunkExtractorOutputs,
)
from ..models.dashboard_write_simulation_chunk_redactions_item import (
    DashboardWriteSimulationChunkRedactionsItem,
)
from ..models.dashboard_write_simulation_chunk_relations_item import (
    DashboardWriteSimulationChunkRelationsItem,
)
