"""``codegen.tools``: the agent tool contract follows the snapshot, and its drift and changes are reported."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from codegen import tools
from codegen.cli import main
from codegen.review import review_items
from codegen.schema import current_snapshot, load_document


def _document() -> dict[str, Any]:
    return load_document(current_snapshot())


def test_the_committed_contract_is_what_the_snapshot_produces() -> None:
    assert tools.drift(current_snapshot()) == []


def test_check_fails_on_a_stale_contract_and_generate_rewrites_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contract = tmp_path / "_contract.json"
    output = tmp_path / "cml_api_client"
    assert main(["generate", "--output", str(output), "--contract", str(contract)]) == 0
    assert contract.read_text(encoding="utf-8") == (tools.ROOT / tools.CONTRACT_PATH).read_text(encoding="utf-8")
    stale = json.loads(contract.read_text(encoding="utf-8"))
    stale["tools"][0]["input_schema"]["properties"].pop("metadata")
    contract.write_text(json.dumps(stale), encoding="utf-8")
    assert main(["check", "--output", str(output), "--contract", str(contract)]) == 1
    err = capsys.readouterr().err
    assert f"{tools.CONTRACT_PATH} does not match" in err and "metadata" in err


def test_tool_changes_name_each_parameter_a_tool_gains_loses_or_changes() -> None:
    old = _document()
    new = copy.deepcopy(old)
    schemas = new["components"]["schemas"]
    schemas["WriteMemoryRequest"]["properties"]["mood"] = {"type": "string", "title": "Mood"}
    schemas["WriteMemoryRequest"]["required"] = ["content", "mood"]
    del schemas["UpdateMemoryRequest"]["properties"]["feedback"]
    schemas["ReadMemoryRequest"]["properties"]["max_results"]["maximum"] = 100
    schemas["WriteMemoryRequest"]["properties"]["agent_id"]["title"] = "Agent"  # a bound field: not the model's
    assert [(c.tool, c.kind, c.parameter, c.detail) for c in tools.tool_changes(old, new)] == [
        ("memory_read", "parameter-changed", "max_results", "its schema changed"),
        ("memory_update", "parameter-removed", "feedback", "the server no longer takes it"),
        ("memory_write", "parameter-added", "mood", "new required parameter"),
    ]
    kinds = {(item.kind, item.operation) for item in review_items(old, new)}
    assert ("tool-contract-change", "POST /api/v1/memory/write") in kinds


def test_a_removed_operation_drops_its_tool_and_a_broken_reference_is_an_error() -> None:
    document = _document()
    del document["paths"]["/api/v1/memory/forget"]
    contract = tools.build_contract(document, "x.json")
    assert "memory_forget" not in [t["name"] for t in contract["tools"]]
    assert contract["unavailable"] == {"memory_forget": "the snapshot has no operation POST /api/v1/memory/forget"}
    assert tools.tool_changes(_document(), document) == []  # the operation review's wrapped-operation-removed item
    document = _document()
    del document["components"]["schemas"]["MemoryType"]
    with pytest.raises(tools.ContractError, match="no schema 'MemoryType'"):
        tools.build_contract(document, "x.json")


def test_every_description_and_limit_names_a_field_of_the_snapshot() -> None:
    """A stale description (the server removed its field, or a typo) is named here, with the file to edit."""
    document = _document()
    for spec in tools.TOOLS:
        tool = tools.build_tool(document, spec)
        exposed = set(tool["input_schema"]["properties"])
        stale = sorted((set(spec.parameters) | set(spec.limits)) - exposed)
        assert not stale, f"codegen/tools.py: {spec.name} describes {stale}, which its request no longer has"
        request = document["components"]["schemas"][tool["request_schema"]] if tool["request_schema"] else {}
        gone = sorted(set(spec.bound) - set(request.get("properties", {})))
        assert not gone, f"codegen/tools.py: {spec.name} binds {gone}, which its request no longer has"
