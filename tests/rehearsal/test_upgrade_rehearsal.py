"""Upgrade rehearsals: ``python -m codegen upgrade --file`` in a temporary copy of the repository, offline.

1. The real move: a copy set back to the oldest recorded snapshot
   (``tests/data/openapi/``) is upgraded to the snapshot the SDK is built
   from. The upgrade must reproduce ``openapi/`` and ``generated/`` exactly
   and end green, with the review items that the move really has.
2. A synthetic next version (the current snapshot plus a new operation and new
   optional read and write fields, minus a response field the wrapper reads):
   the upgrade regenerates, prints exactly three review items, each naming its
   files, and the unit tests that fail are those of the two breaking items.
   Its write request gains an optional field too: after the upgrade the
   ``memory_write`` tool offers it (in the copy's generated contract, and
   through ``MemoryTools`` there), the review lists it, and no test fails
   for it.

These live outside ``tests/unit`` because the upgrade itself runs ``tests/unit``.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cml_ergonomic._operations import OPERATIONS
from codegen import generate as gen
from codegen.schema import current_snapshot, load_document
from codegen.tools import CONTRACT_PATH
from codegen.tools import write as write_contract

ROOT = Path(__file__).resolve().parents[2]
RECORDED = ROOT / "tests" / "data" / "openapi"
SKIP_DIRS = {".git", ".nox", ".venv", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__", ".hypothesis"}

pytestmark = pytest.mark.timeout(900)
READS_TEST = "tests/unit/test_schemadiff_snapshot.py::test_the_operation_maps_field_paths_are_in_the_diffs_notation"


def _copy_repository(target: Path) -> Path:
    def ignore(directory: str, names: list[str]) -> set[str]:
        return {name for name in names if name in SKIP_DIRS or name.endswith((".egg-info", ".pyc"))}

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def _set_back_to(repo: Path, snapshot: Path) -> None:
    """Make the copy look like the SDK built from ``snapshot``: that snapshot alone, and its generated client."""
    for old in (repo / "openapi").glob("cml-*.json"):
        old.unlink()
    shutil.copyfile(snapshot, repo / "openapi" / snapshot.name)
    gen.generate(repo / "openapi" / snapshot.name, repo / "generated" / "cml_api_client")
    write_contract(repo / "openapi" / snapshot.name, repo / CONTRACT_PATH)


def _upgrade(repo: Path, new_document: Path, version: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env["PYTHONPATH"] = f"{repo}{os.pathsep}{repo / 'generated'}"  # the copy's packages, not the installed ones
    return subprocess.run(
        [sys.executable, "-m", "codegen", "upgrade", "--file", str(new_document), "--server-version", version],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
    )


def _printed_review_items(output: str) -> list[str]:
    tail = output.split("=== 5. for the maintainer", 1)[1]
    return re.findall(r"^- (\[[a-z-]+\] .*)$", tail, flags=re.MULTILINE)


def _failed_tests(output: str) -> set[str]:
    return set(re.findall(r"^FAILED (\S+)", output, flags=re.MULTILINE))


def _tree(directory: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _oldest_recorded() -> Path:
    recorded = sorted(RECORDED.glob("cml-*.json"))
    assert recorded, f"no recorded snapshot in {RECORDED}"
    return recorded[0]


def test_the_real_move_reproduces_openapi_and_generated_and_ends_green(tmp_path: Path) -> None:
    old, new = _oldest_recorded(), current_snapshot()
    assert old.name != new.name, "the oldest recorded snapshot is the current one: nothing to rehearse"
    repo = _copy_repository(tmp_path / "repo")
    _set_back_to(repo, old)

    version = new.stem.removeprefix("cml-")
    run = _upgrade(repo, new, version)
    output = run.stdout + run.stderr

    assert run.returncode == 0, output[-6000:]
    assert sorted(p.name for p in (repo / "openapi").glob("cml-*.json")) == [new.name]
    assert (repo / "openapi" / new.name).read_bytes() == new.read_bytes()
    assert _tree(repo / "generated" / "cml_api_client") == _tree(ROOT / "generated" / "cml_api_client")
    assert (repo / CONTRACT_PATH).read_bytes() == (ROOT / CONTRACT_PATH).read_bytes()
    # Written out, not computed: 1.5.1 -> 2.0.0 adds consolidation/status (wrapped, added="2.0.0") and drops five
    # dashboard routes (wrapped, removed="2.0.0"), and changes nothing a wrapper method reads: no decision is left.
    assert _printed_review_items(output) == []
    assert not _failed_tests(output)


def _next_version(document: dict[str, Any]) -> dict[str, Any]:
    """The current schema plus one operation nobody decided about, a new optional read field and a new optional
    write field, minus ``MemoryStats.estimated_size_mb``, which ``stats()`` reads (``Operation.reads``)."""
    changed = copy.deepcopy(document)
    stats = changed["components"]["schemas"]["MemoryStats"]
    del stats["properties"]["estimated_size_mb"]
    stats["required"] = [name for name in stats.get("required", []) if name != "estimated_size_mb"]
    # Shaped like a real route of this server (its parameters, its 422), under a path no rule excuses.
    probe = copy.deepcopy(changed["paths"][OPERATIONS["get_memory_stats"].path]["get"])
    probe["operationId"] = "rehearsal_probe_api_v1_rehearsal_probe_get"
    changed["paths"]["/api/v1/rehearsal/probe"] = {"get": probe}
    read_response = changed["components"]["schemas"]["ReadMemoryResponse"]
    read_response["properties"]["rehearsal_hint"] = {"type": "string", "title": "Rehearsal Hint"}
    write_request = changed["components"]["schemas"]["WriteMemoryRequest"]
    assert "importance_hint" not in write_request["properties"]
    write_request["properties"]["importance_hint"] = {
        "anyOf": [{"type": "integer", "minimum": 1, "maximum": 5}, {"type": "null"}],
        "title": "Importance Hint",
    }
    return changed


def test_a_next_version_fails_only_on_the_review_item_it_prints(tmp_path: Path) -> None:
    current = current_snapshot()
    repo = _copy_repository(tmp_path / "repo")
    new_document = tmp_path / "next.json"
    new_document.write_text(json.dumps(_next_version(load_document(current))), encoding="utf-8")

    run = _upgrade(repo, new_document, "99.0.0")
    output = run.stdout + run.stderr

    assert run.returncode == 1, output[-6000:]
    assert "generated " in output and (repo / "generated" / "cml_api_client" / "api").is_dir()
    assert sorted(_printed_review_items(output)) == [
        "[tool-contract-change] POST /api/v1/memory/write: memory_write: new optional parameter `importance_hint` "
        "(already in the regenerated tool; write its description for a model, or bind it) (edit codegen/tools.py)",
        "[unwrapped-operation] GET /api/v1/rehearsal/probe: new operation: wrap it (an Operation in OPERATIONS and a "
        "method) or list it in RAW_ONLY with the reason (edit cml_ergonomic/_operations.py)",
        "[wrapper-breaking-change] GET /api/v1/memory/stats: response.estimated_size_mb: removed (was number); "
        "affects stats (edit cml_ergonomic/_results.py, cml_ergonomic/_operations.py)",
    ], output[-4000:]
    # The tests that fail are those of the two breaking items, and only those. The new optional fields (read and
    # write) break nothing: the write field reaches the memory_write tool (checked below).
    assert _failed_tests(output) == {
        # the new operation: the operation-map test names it
        "tests/unit/test_operation_map.py::test_every_snapshot_operation_is_wrapped_or_raw_only"
        "[GET-/api/v1/rehearsal/probe]",
        # the removed estimated_size_mb: the map's reads, the stats line that prints it, the fake that sends it
        READS_TEST,
        "tests/unit/test_cli.py::test_stats_turn_session_forget",
        "tests/unit/test_client_api.py::test_str_of_stats_is_one_line[sync]",
        "tests/unit/test_client_api.py::test_str_of_stats_is_one_line[async]",
        "tests/unit/test_fake.py::test_every_typed_answer_matches_its_schema_in_the_snapshot",
        "tests/unit/test_readable_results.py::test_every_result_type_prints_readably[Stats-]",
        "tests/unit/test_schemadiff_snapshot.py::test_the_operation_maps_field_paths_are_in_the_diffs_notation",
    }, output[-4000:]
    _the_write_tool_offers_the_new_field(repo)


def _the_write_tool_offers_the_new_field(repo: Path) -> None:
    """After the upgrade, the copy's memory_write tool offers ``importance_hint``, checks it and sends it."""
    contract = json.loads((repo / CONTRACT_PATH).read_text(encoding="utf-8"))
    tool = next(t for t in contract["tools"] if t["name"] == "memory_write")
    assert tool["input_schema"]["properties"]["importance_hint"] == {
        "description": "Importance Hint.",
        "maximum": 5,
        "minimum": 1,
        "type": "integer",
    }
    assert tool["sources"]["importance_hint"] == "WriteMemoryRequest.importance_hint"
    assert "importance_hint" not in tool["input_schema"]["required"]
    # The copy's own package offers the field to a model, checks it, and sends it to the server.
    probe = (
        "import json\n"
        "from cml_ergonomic.agents import MemoryTools\n"
        "from cml_ergonomic.testing import FakeCML\n"
        "fake = FakeCML()\n"
        "tools = MemoryTools(fake.client())\n"
        "schema = tools.anthropic()[0]['input_schema']\n"
        "bad = tools.call('memory_write', {'content': 'x', 'importance_hint': 9})\n"
        "sent = len(fake.requests)\n"
        "good = tools.call('memory_write', {'content': 'x', 'importance_hint': 3})\n"
        "body = fake.requests[-1].json\n"
        "print(json.dumps([sorted(schema['properties']), bad['error']['field'], sent, good['ok'], body]))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env["PYTHONPATH"] = f"{repo}{os.pathsep}{repo / 'generated'}"
    seen = subprocess.run([sys.executable, "-c", probe], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    assert seen.returncode == 0, seen.stderr
    properties, refused_field, sent_before, ok, body = json.loads(seen.stdout)
    assert properties == ["content", "context_tags", "importance_hint", "memory_type", "metadata"]
    assert (refused_field, sent_before) == ("importance_hint", 0)  # 9 breaks the new field's bound: nothing sent
    assert ok is True and body == {"content": "x", "importance_hint": 3}  # the wrapper never heard of it
