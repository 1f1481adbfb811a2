"""Record the real server's response bodies that ``bench/overhead.py`` and ``bench/throughput.py`` replay.

    python -m bench.record

Starts the real CML server with the test harness (127.0.0.1 only), writes
~60 memories, and saves the raw bodies of: a write, a read answering 10
memories, a read answering 50 (assembled from the server's own memory
objects when the server answers fewer: see ``_save_read_50``), the stats, and a 422 (a write with empty
content, sent with raw httpx so no client-side check stops it) into
``bench/recordings/<name>.json``. Re-run it when the server version changes.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Any

import httpx

from bench._common import RECORDINGS_DIR, ROOT

MEMORY_COUNT = 60
QUERY = "What does the user like, prefer and do?"

_SUBJECTS = ("tea", "hiking", "jazz", "Python", "the sea", "chess", "cycling", "Italian food", "sci-fi", "gardening")
_TEMPLATES = (
    "The user likes {s} and mentions it often.",
    "The user prefers {s} over most alternatives.",
    "Last week the user spent the weekend on {s}.",
    "The user said that {s} helps them relax after work.",
    "The user wants recommendations about {s}.",
    "The user's friend also enjoys {s}.",
)


def memories() -> list[str]:
    """60 distinct, deterministic memories about one user."""
    return [t.format(s=s) for t in _TEMPLATES for s in _SUBJECTS][:MEMORY_COUNT]


def _save(name: str, response: httpx.Response, request_body: Any, server_version: str, note: str = "") -> None:
    RECORDINGS_DIR.mkdir(parents=True, exist_ok=True)
    doc = {
        "recorded": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "server": f"cognitive-memory-layer {server_version} (cml_ergonomic.server)",
        "method": response.request.method,
        "path": response.request.url.path,
        "request_body": request_body,
        "status": response.status_code,
        "headers": {k: response.headers[k] for k in ("content-type", "x-request-id") if k in response.headers},
        "note": note,
        "body": response.text,  # the raw body, byte for byte (the server answers UTF-8 JSON)
    }
    path = RECORDINGS_DIR / f"{name}.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"recorded {path.relative_to(ROOT)}: HTTP {response.status_code}, {len(response.content):,} bytes {note}")


def _save_read_50(http: httpx.Client, template: httpx.Response, body: dict[str, Any], version: str, got: int) -> None:
    """A read answer with 50 memories, assembled from the server's own answers.

    Without an LLM (as the harness runs it) the 1.5.1 server's planner caps the
    vector search at the query's suggested top-k (10-15), whatever
    ``max_results`` says. So the 50 memory objects are collected, exactly as
    the server serialised them, from reads for other queries, and put into
    the server's own answer to ``max_results=50`` (memories and the packet's
    episodes, as the server fills them), re-serialised the way the server
    serialises (compact separators, UTF-8), which reproduces its bodies byte
    for byte.
    """
    seen: dict[str, dict[str, Any]] = {}
    for text in memories():  # bounded: at most 60 requests, each memory's own text as the query
        if len(seen) >= 50:
            break
        answer = http.post("/api/v1/memory/read", json={"query": text, "max_results": 50})
        answer.raise_for_status()
        for item in answer.json()["memories"]:
            seen.setdefault(item["id"], item)
    items = sorted(seen.values(), key=lambda m: -float(m.get("relevance") or 0))[:50]
    if len(items) < 50:
        raise SystemExit(f"could collect only {len(items)} distinct memories for read_50")
    doc = template.json()
    if not all(m["type"] == "episodic_event" for m in items):
        raise SystemExit("expected only episodic_event memories (the server files them under episodes)")
    doc["memories"] = items
    doc["episodes"] = list(items)
    doc["total_count"] = len(items)
    content = json.dumps(doc, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    assembled = httpx.Response(
        template.status_code,
        headers={k: template.headers[k] for k in ("content-type", "x-request-id") if k in template.headers},
        content=content,
        request=template.request,
    )
    _save(
        "read_50",
        assembled,
        body,
        version,
        f"(50 memories; assembled: the server answered {got} to max_results=50, see record.py)",
    )


def record(base_url: str, api_key: str, server_version: str) -> None:
    with httpx.Client(base_url=base_url, headers={"X-API-Key": api_key}, timeout=60) as http:
        last_write: httpx.Response | None = None
        last_body: dict[str, Any] = {}
        for text in memories():  # bounded: 60 requests
            last_body = {"content": text, "context_tags": ["bench"]}
            last_write = http.post("/api/v1/memory/write", json=last_body)
            last_write.raise_for_status()
        assert last_write is not None
        _save("write", last_write, last_body, server_version)

        body10 = {"query": QUERY, "max_results": 10}
        read10 = http.post("/api/v1/memory/read", json=body10)
        read10.raise_for_status()
        _save("read_10", read10, body10, server_version, f"({len(read10.json()['memories'])} memories)")

        body50 = {"query": QUERY, "max_results": 50}
        read50 = http.post("/api/v1/memory/read", json=body50)
        read50.raise_for_status()
        got = len(read50.json()["memories"])
        if got >= 50:
            _save("read_50", read50, body50, server_version, f"({got} memories)")
        else:
            _save_read_50(http, read50, body50, server_version, got)

        stats = http.get("/api/v1/memory/stats")
        stats.raise_for_status()
        _save("stats", stats, None, server_version)

        bad = {"content": ""}
        error = http.post("/api/v1/memory/write", json=bad)
        if error.status_code != 422:
            raise SystemExit(f"expected a 422 for an empty write, got {error.status_code}: {error.text[:300]}")
        _save("error_422", error, bad, server_version)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from cml_ergonomic.server import running_server

    with running_server() as (stack, api):
        record(api.base_url, api.api_key, stack.version)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
