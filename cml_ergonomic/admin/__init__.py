"""``client.admin``: the server's operator API, loaded on first use of ``client.admin``.

>>> for memory in client.admin.memories.list(type="preference"):  # doctest: +SKIP
...     print(memory.id, memory.text)
"""

from __future__ import annotations

from cml_ergonomic.admin._base import AdminResource
from cml_ergonomic.admin._jobs import AdminConsolidation, AdminForgetting, AdminJobs, AdminReconsolidation
from cml_ergonomic.admin._memory_walk import InexactListingError, ListingChangedError
from cml_ergonomic.admin._pager import AsyncPager, PageWalk, SyncPager, Walk
from cml_ergonomic.admin._records import AdminEvents, AdminFacts, AdminMemories
from cml_ergonomic.admin._resources import Admin
from cml_ergonomic.admin._results import (
    BulkActionResult,
    ConsolidationRun,
    ConsolidationStatus,
    EventItem,
    EventPage,
    Explanation,
    ExportedEvent,
    ExportedFact,
    ExportedMemory,
    ForgettingRun,
    MemoryDetail,
    ModelsStatus,
    Overview,
    ReconsolidationRun,
    SuccessMessage,
    Tenants,
)
from cml_ergonomic.admin._tools import AdminConfig, AdminDatabase, AdminGraph, AdminModels, AdminRetrieval

__all__ = [
    "Admin",
    "AdminConfig",
    "AdminConsolidation",
    "AdminDatabase",
    "AdminEvents",
    "AdminFacts",
    "AdminForgetting",
    "AdminGraph",
    "AdminJobs",
    "AdminMemories",
    "AdminModels",
    "AdminReconsolidation",
    "AdminResource",
    "AdminRetrieval",
    "AsyncPager",
    "BulkActionResult",
    "ConsolidationRun",
    "ConsolidationStatus",
    "EventItem",
    "EventPage",
    "Explanation",
    "ExportedEvent",
    "ExportedFact",
    "ExportedMemory",
    "ForgettingRun",
    "InexactListingError",
    "ListingChangedError",
    "MemoryDetail",
    "ModelsStatus",
    "Overview",
    "PageWalk",
    "ReconsolidationRun",
    "SuccessMessage",
    "SyncPager",
    "Tenants",
    "Walk",
]
