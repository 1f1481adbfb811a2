"""FakeCML's operator routes where the contract suite cannot reach: older snapshots, edge answers, empty models.

What the fake shares with the real servers is proven by tests/contract/cases_fidelity.py;
these cover the routes only older servers have, the refusals, and the filters.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from cml_ergonomic import NotFoundError
from cml_ergonomic._compat import load_snapshot
from cml_ergonomic.testing import FakeCML
from cml_ergonomic.testing._dashboard import Skeletons
from tests.unit.test_schemadiff_recorded import OLD

ROOT = Path(__file__).resolve().parents[2]
API = "/api/v1"
OLDER = json.loads(OLD.read_text(encoding="utf-8"))  # the oldest recorded server document
CSRF = {"X-Requested-With": "XMLHttpRequest"}


def _operator(fake: FakeCML, tenant_id: str = "ops") -> Any:
    return fake.client(api_key=fake.admin_api_key, tenant_id=tenant_id)


def test_an_older_snapshot_serves_the_events_models_and_run_routes() -> None:
    fake = FakeCML(openapi=OLDER)
    with _operator(fake) as client:
        assert list(client.admin.events.list()) == []
        assert client.admin.events.export() == []
        assert client.admin.models.status() == {
            "available": False,
            "families": [],
            "task_models": [],
            "load_errors": [],
        }
        run = client.admin.consolidation.run()
        job_id = client.admin.consolidation.runs().items[0].id
        assert (
            client.admin.consolidation.get_run(job_id).result.to_dict()["episodes_sampled"] == run["episodes_sampled"]
        )
        with pytest.raises(NotFoundError, match="Job not found"):
            client.admin.reconsolidation.get_run(job_id)  # a consolidation's id is no reconsolidation run
        overview = client.admin.overview()
        assert overview.additional_properties["total_events"] == 0  # 1.5.1's overview has the event counts


def test_lineage_of_an_unknown_memory_is_not_found() -> None:
    with _operator(FakeCML()) as client, pytest.raises(NotFoundError, match="Memory not found"):
        client.admin.memories.lineage(uuid.uuid4())


def _bulk(fake: FakeCML, ids: list[str], action: str) -> httpx.Response:
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        body = {"memory_ids": ids, "action": action}
        return http.post(f"{API}/dashboard/memories/bulk-action", json=body, headers=_admin_headers(fake))


def _admin_headers(fake: FakeCML) -> dict[str, str]:
    return {"X-API-Key": fake.admin_api_key, **CSRF}


def test_bulk_action_counts_only_known_ids() -> None:
    fake = FakeCML()
    with fake.client() as memory:
        written = memory.write("User keeps a red kite")
    archived = _bulk(fake, [str(written.memory_id), str(uuid.uuid4())], "archive")
    assert archived.json() == {"success": True, "affected": 1, "action": "archive"}
    assert [r.status for r in fake.store.records.values()] == ["archived"]
    refused = _bulk(fake, [str(written.memory_id)], "burn")
    assert refused.status_code == 422  # the snapshot's enum, as the server's validation answers
    assert ["body", "action"] in [error["loc"] for error in refused.json()["detail"]]


def test_bulk_action_refuses_an_action_the_schema_would_let_through() -> None:
    # A snapshot without the enum: the server's own check answers 400, and so does the fake.
    document = json.loads(json.dumps(load_snapshot()))
    document["components"]["schemas"]["BulkActionRequest"]["properties"]["action"].pop("enum")
    fake = FakeCML(openapi=document)
    refused = _bulk(fake, [str(uuid.uuid4())], "burn")
    assert (refused.status_code, refused.json()) == (400, {"detail": "Unknown action: burn"})


def test_sessions_list_the_tenants_live_sessions_only() -> None:
    fake = FakeCML()
    with _operator(fake, "mine") as mine, _operator(fake, "theirs") as theirs:
        live = mine.create_session(name="live")
        expired = mine.create_session(name="old")
        theirs.create_session(name="elsewhere")
        fake.store.sessions[expired.session_id].expires_at = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
        sessions = mine.admin.sessions()
    assert [s.session_id for s in sessions.sessions] == [live.session_id]
    assert sessions.total_active == 1


def test_the_timeline_counts_only_the_days_asked_for() -> None:
    fake = FakeCML()
    with _operator(fake) as client:
        client.write("User moved to Lisbon", timestamp=dt.datetime.now(dt.UTC) - dt.timedelta(days=40))
        client.write("User keeps a red kite")
        recent = client.admin.timeline(days=30)
        whole = client.admin.timeline(days=60)
    assert (recent.total, whole.total) == (1, 2)
    assert len(whole.points) == 2


def test_config_update_with_nothing_to_change_succeeds() -> None:
    fake = FakeCML()
    with httpx.Client(transport=fake, base_url=fake.base_url) as http:
        answer = http.put(
            f"{API}/dashboard/config", json={"updates": {}}, headers={"X-API-Key": fake.admin_api_key, **CSRF}
        )
    assert answer.json() == {"success": True, "message": "Nothing to change."}


def test_skeletons_fill_every_field_and_stop_at_a_cycle() -> None:
    schemas = {
        "Node": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "weight": {"type": "number", "default": 1.5},
                "next": {"$ref": "#/components/schemas/Node"},
                "missing": {"$ref": "#/components/schemas/Nowhere"},
                "either": {"anyOf": [{"type": "integer"}, {"type": "string"}]},
                "maybe": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "when": {"type": "string", "format": "date-time"},
                "anything": {},
            },
        }
    }
    node = Skeletons(schemas).model("Node")
    when = node.pop("when")
    assert node == {
        "name": "",
        "weight": 1.5,
        "next": {},  # the cycle ends at an empty object
        "missing": {},
        "either": 0,
        "maybe": None,
        "anything": None,
    }
    assert dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    assert Skeletons(schemas).model("Nowhere") == {}
    assert Skeletons(schemas).field("Node", "weight") == 1.5
