"""``print()`` of what the SDK returns reads as data, not attrs' repr (no ``additional_properties``, no ``UUID(``)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem
from cml_api_client.models.dashboard_memory_list_response import DashboardMemoryListResponse

import cml_ergonomic
from cml_ergonomic import MemoryItem
from cml_ergonomic._results import (
    CreateSessionResult,
    ForgetResult,
    ReadResult,
    SessionContext,
    Stats,
    TurnResult,
    UpdateResult,
    WriteBatchResult,
    WriteResult,
)
from tests.unit.conftest import (
    create_session_body,
    forget_body,
    memory_item,
    read_body,
    session_context_body,
    stats_body,
    turn_body,
    update_body,
    write_batch_body,
    write_body,
)
from tests.unit.test_generated_models import generated_models

RAW_REPR = ("additional_properties", "UUID(", "datetime.datetime(", "<cml_api_client.types.Unset", "_similarity")
BODIES: dict[str, Any] = json.loads((Path(__file__).parent / "admin_bodies.json").read_text(encoding="utf-8"))


def item_body() -> dict[str, Any]:
    body = memory_item("User prefers dark mode in every editor")
    body["metadata"] = {"chunk_type": "statement", "source_role": "user", "_similarity": 0.4745}
    body["timestamp"] = "2026-11-21T21:54:44.498721"
    return body


def test_a_memory_item_prints_its_fields_by_their_json_names() -> None:
    body = item_body()
    item = MemoryItem.from_dict(body)
    text = str(item)
    assert not [raw for raw in RAW_REPR if raw in text], text
    # naive or aware (the SDK makes server times aware UTC): whichever it parsed, shown to the second
    when = item.timestamp.isoformat(sep=" ", timespec="seconds")
    assert when.startswith("2026-11-21 21:54:44")
    assert text == (
        f"MemoryItem(confidence={body['confidence']:.4g}, id={body['id']}, relevance={body['relevance']:.4g}, "
        f"text='User prefers dark mode in every editor', timestamp={when}, type='episodic_event', "
        "metadata={chunk_type: 'statement', source_role: 'user'})"
    )


def test_print_of_a_memory_item_is_its_str(capsys: pytest.CaptureFixture[str]) -> None:
    item = MemoryItem.from_dict(item_body())
    print(item)
    assert capsys.readouterr().out == f"{item}\n"
    assert repr(item).startswith("MemoryItem(confidence=")  # repr stays the exact attrs form for debugging


def test_long_texts_and_lists_are_cut_short() -> None:
    item = DashboardMemoryListItem.from_dict(
        {
            "id": "3f0c8f8e-8f2e-4d55-9d9c-0d5a3b7e0001",
            "status": "active",
            "tenant_id": "acme",
            "text": "x" * 500,
            "type": "plan",
            "context_tags": [f"t{n}" for n in range(9)],
            "agent_id": None,
        }
    )
    text = str(item)
    assert "'" + "x" * 119 + "…'" in text and "x" * 121 not in text
    assert "context_tags=['t0', 't1', 't2', 't3', 't4', … 4 more]" in text
    assert "agent_id" not in text  # None is left out, like an unset field


def test_a_page_names_its_items_instead_of_printing_them() -> None:
    page = DashboardMemoryListResponse.from_dict(BODIES["memories"])
    text = str(page)
    assert f"items=[{len(page.items)} DashboardMemoryListItem]" in text
    assert not [raw for raw in RAW_REPR if raw in text]


@pytest.mark.parametrize(
    ("cls", "body"),
    [
        (ReadResult, read_body(memories=[item_body()])),
        (WriteResult, write_body()),
        (WriteBatchResult, write_batch_body()),
        (TurnResult, turn_body()),
        (UpdateResult, update_body()),
        (ForgetResult, forget_body()),
        (Stats, stats_body()),
        (CreateSessionResult, create_session_body()),
        (SessionContext, session_context_body()),
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_every_result_type_prints_readably(cls: type, body: dict[str, Any]) -> None:
    text = str(cls.from_dict(body))  # type: ignore[attr-defined]
    assert text and not [raw for raw in RAW_REPR if raw in text], text


def test_every_generated_model_and_admin_result_has_a_readable_str() -> None:
    models = generated_models()
    assert len(models) > 50
    plain = [m.__name__ for m in models if m.__str__ is object.__str__]
    assert plain == []
    from cml_ergonomic.admin import _results as admin_results

    admin = [c for _, c in inspect.getmembers(admin_results, attrs.has)]
    assert admin and [c.__name__ for c in admin if c.__str__ is object.__str__] == []
    assert cml_ergonomic.MemoryItem.__str__ is not object.__str__
