"""Static checks of the public types, run by ``nox -s typecheck`` (mypy --strict); never executed.

If an overload or a descriptor loses its precision, mypy fails here: the sync
client returns results, the async client awaitables, ``read(format="llm_context")``
gives a ``str`` ``llm_context``, streams are (async) iterators, and session
scopes are the right kind.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import assert_type

from cml_ergonomic import (
    AsyncCognitiveMemoryLayer,
    CMLError,
    CognitiveMemoryLayer,
    ForgetPlan,
    ForgetResult,
    LLMContextReadResult,
    MemoryItem,
    ReadResult,
    StreamDone,
    Sufficiency,
    WriteResult,
)
from cml_ergonomic._compat import CompatibilityReport
from cml_ergonomic._session import AsyncSessionScope, SessionScope


def sync_types(memory: CognitiveMemoryLayer) -> None:
    assert_type(memory.write("x"), WriteResult)
    assert_type(memory.read("q"), ReadResult)
    assert_type(memory.read("q", format="list"), ReadResult)
    assert_type(memory.read("q", format="llm_context"), LLMContextReadResult)
    assert_type(memory.read("q", format="llm_context").llm_context, str)
    assert_type(memory.read("q").warnings, list[str])
    assert_type(memory.read("q").open_questions, list[str])
    assert_type(memory.read("q").sufficiency, Sufficiency | None)
    assert_type(memory.read_safe("q"), ReadResult)
    assert_type(memory.read_stream("q"), Iterator[MemoryItem | StreamDone])
    assert_type(memory.check_compatibility(), CompatibilityReport)
    assert_type(memory.read_many(["q"]), list[ReadResult | CMLError])
    with memory.session(name="s") as scope:
        assert_type(scope, SessionScope)
        assert_type(scope.write("x"), WriteResult)


async def async_types(memory: AsyncCognitiveMemoryLayer) -> None:
    assert_type(await memory.write("x"), WriteResult)
    assert_type(await memory.read("q"), ReadResult)
    assert_type((await memory.read("q", format="llm_context")).llm_context, str)
    assert_type(memory.read_stream("q"), AsyncIterator[MemoryItem | StreamDone])
    async with memory.session(name="s") as scope:
        assert_type(scope, AsyncSessionScope)
        assert_type(await scope.write("x"), WriteResult)


def admin_types(memory: CognitiveMemoryLayer, amemory: AsyncCognitiveMemoryLayer) -> None:
    from collections.abc import Awaitable

    from cml_api_client.models.dashboard_jobs_response import DashboardJobsResponse
    from cml_api_client.models.dashboard_memory_list_item import DashboardMemoryListItem
    from cml_api_client.models.dashboard_memory_list_response import DashboardMemoryListResponse

    from cml_ergonomic.admin import (
        AsyncPager,
        ConsolidationRun,
        ExportedMemory,
        Overview,
        ReconsolidationRun,
        SyncPager,
    )

    assert_type(memory.admin.overview(), Overview)
    assert_type(amemory.admin.overview(), Awaitable[Overview])
    assert_type(memory.admin.memories.export(), list[ExportedMemory])
    assert_type(memory.admin.consolidation.run(), ConsolidationRun)
    assert_type(amemory.admin.reconsolidation.run(), Awaitable[ReconsolidationRun])
    assert_type(memory.admin.jobs.list(), DashboardJobsResponse)
    pager = memory.admin.memories.list(type="preference")
    assert_type(pager, SyncPager[DashboardMemoryListResponse, DashboardMemoryListItem])
    for item in pager:
        assert_type(item, DashboardMemoryListItem)
    assert_type(amemory.admin.memories.list(), AsyncPager[DashboardMemoryListResponse, DashboardMemoryListItem])
    plan = memory.plan_forget(query="chess")
    assert_type(plan, ForgetPlan)
    assert_type(amemory.plan_forget(query="chess"), Awaitable[ForgetPlan])
    assert_type(memory.forget(plan), ForgetResult)
    assert_type(amemory.forget(plan), Awaitable[ForgetResult])
