"""The main job: a walk through cml-ergonomic against a real CML server.

``nox -s demo`` starts the real server locally with the test harness (and
stops it at the end); with ``CML_BASE_URL`` (and ``CML_API_KEY``,
``CML_ADMIN_API_KEY``) set, it uses that server instead.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import uuid
from collections.abc import Iterator

from cml_ergonomic import AuthenticationError, CognitiveMemoryLayer


def step(title: str) -> None:
    print(f"\n== {title}", flush=True)


def walk_through(base_url: str, api_key: str, admin_api_key: str) -> None:
    tag = uuid.uuid4().hex[:6]  # lets the demo find its own memories on a shared server
    with CognitiveMemoryLayer(base_url=base_url, api_key=api_key) as memory:
        step("health")
        print(memory.health())

        step("a session, and writes inside it")
        with memory.session(name=f"demo-{tag}", ttl_hours=1) as session:
            print(f"session_id={session.session_id}")
            print(session.write(f"User {tag} prefers dark mode in every editor", context_tags=["preferences"]))
            print(session.write(f"User {tag} is allergic to peanuts", memory_type="constraint"))

        step("a batch of writes")
        print(
            memory.write_batch(
                [
                    {"content": f"User {tag} lives in Oslo and cycles to work"},
                    {"content": f"User {tag} is learning Norwegian on Tuesdays"},
                    {"content": f"User {tag} drinks green tea, never coffee"},
                ]
            )
        )

        step("reads in the three formats")
        print(memory.read(f"{tag} dark mode editor", max_results=3))
        print(memory.read(f"{tag} Oslo", max_results=3, format="list"))
        print(memory.read(f"{tag} tea coffee", max_results=3, format="llm_context"))

        step("a turn")
        turn = memory.turn(f"What should {tag} drink this afternoon?", assistant_response="Green tea, as usual.")
        print(turn)

        step("update, then forget")
        written = memory.write(f"User {tag} owns a grey cat named Pixel")
        assert written.memory_id is not None
        print(memory.update(written.memory_id, text=f"User {tag} owns a grey cat named Pixel, aged 4"))
        print(memory.forget(memory_ids=[written.memory_id]))

        step("stats")
        print(memory.stats())

    with CognitiveMemoryLayer(base_url=base_url, api_key=api_key, admin_api_key=admin_api_key) as admin:
        step("admin: consolidate (the admin key is sent on this call only)")
        print(admin.consolidate("default"))

    step("an error, with its suggestion (a wrong key)")
    with CognitiveMemoryLayer(base_url=base_url, api_key="not-the-right-key") as wrong:
        try:
            wrong.stats()
        except AuthenticationError as exc:
            print(f"{type(exc).__name__}: {exc}")

    step("the operator's view: client.admin (the admin key), pages fetched as the loop advances")
    with CognitiveMemoryLayer(base_url=base_url, api_key=api_key, admin_api_key=admin_api_key) as operator:
        print(operator.admin.overview())
        for n, item in enumerate(operator.admin.memories.list(search=tag, per_page=2), start=1):
            print(f"  {n}. [{item.type_}] {item.text}")

        step("dropping down: the same overview through client.raw, which carries the admin key for admin routes")
        from cml_api_client.api.dashboard import dashboard_overview
        from cml_api_client.models import DashboardOverview

        overview = dashboard_overview.sync(client=operator.raw)
        if not isinstance(overview, DashboardOverview):
            raise RuntimeError(f"dashboard overview failed: {overview}")
        print(f"dashboard: {overview.total_memories} memories, {overview.total_semantic_facts} semantic facts")


@contextlib.contextmanager
def server() -> Iterator[tuple[str, str, str]]:
    if os.environ.get("CML_BASE_URL"):
        key, admin = os.environ.get("CML_API_KEY"), os.environ.get("CML_ADMIN_API_KEY")
        if not key or not admin:
            sys.exit("CML_BASE_URL is set: set CML_API_KEY and CML_ADMIN_API_KEY too")
        print(f"using the server at {os.environ['CML_BASE_URL']}")
        yield os.environ["CML_BASE_URL"], key, admin
        return
    from cml_ergonomic.server import running_server, sources_from

    (source, *_) = sources_from()  # CML_SERVER_SOURCE, else the default (see cml_ergonomic/server/sources.py)
    print(f"starting the real {source} on 127.0.0.1 (mock embeddings, no LLM: relevance is lexical) ...", flush=True)
    started = time.monotonic()
    with running_server(server=source) as (_stack, api):
        print(f"server healthy at {api.base_url} after {time.monotonic() - started:.1f}s")
        yield api.base_url, api.api_key, api.admin_api_key
    print("\nserver stopped")


def main() -> int:
    with server() as (base_url, api_key, admin_api_key):
        walk_through(base_url, api_key, admin_api_key)
    return 0


if __name__ == "__main__":
    sys.exit(main())
