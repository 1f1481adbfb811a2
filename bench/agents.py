"""The agent tools: the dispatcher and the MCP server next to the SDK call they make.

    python -m bench.agents [--quick] [--json PATH]

Against the stub server (``bench/_stubserver.py``, its own process on
127.0.0.1, answering every request with the recorded 10-memory read):

* a ``memory_read`` tool call through ``MemoryTools.call`` (arguments as the
  JSON text a model produces: parsed, checked against the schema, run through
  the client, the result compacted) next to ``client.read(...)`` making the
  same request; the target is at most 1.10x;
* the same tool call through ``cml-ergonomic mcp`` over stdio, with the
  official ``ClientSession``, next to the async SDK call: the difference is
  the protocol's round trip (JSON-RPC over two pipes, the MCP SDK's own work);
* the MCP server's start: from spawning the process to the first answered
  ``list_tools`` (the interpreter, the imports, the handshake).

Batches of the contenders alternate in a fresh random order per repetition;
ratios are taken within a repetition, then the median and the interquartile
range are reported. No timing is asserted anywhere.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import sys
import time
from typing import Any

from bench._common import Table, fmt_num, fmt_ratio_spread, fmt_spread, main, result, summarize
from bench.throughput import stub_server

FULL = {"reps": 30, "calls": 50, "warmup": 50, "starts": 5}
QUICK = {"reps": 2, "calls": 3, "warmup": 2, "starts": 1}
QUERY = "what does the user like"
ARGUMENTS = json.dumps({"query": QUERY, "max_results": 10})
KEY = "bench-key"


def _med(summary: dict[str, float], digits: int = 3) -> str:
    """``median (q1–q3)``."""
    return f"{fmt_num(summary['median'], digits)} ({fmt_spread(summary, digits)})"


def _per_call_ms(fn: Any, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - start) * 1000 / calls


async def _per_call_ms_async(fn: Any, calls: int) -> float:
    start = time.perf_counter()
    for _ in range(calls):
        await fn()
    return (time.perf_counter() - start) * 1000 / calls


def dispatcher(base_url: str, p: dict[str, int]) -> dict[str, Any]:
    from cml_ergonomic import CognitiveMemoryLayer
    from cml_ergonomic.agents import MemoryTools

    with CognitiveMemoryLayer(api_key=KEY, base_url=base_url, max_retries=0) as memory:
        tools = MemoryTools(memory)
        contenders = {
            "sdk": lambda: memory.read(QUERY, max_results=10, format="list"),
            "dispatcher": lambda: tools.call("memory_read", ARGUMENTS),
        }
        check = tools.call("memory_read", ARGUMENTS)
        assert check["ok"] and check["count"] == 10, check
        for fn in contenders.values():
            for _ in range(p["warmup"]):
                fn()
        times: dict[str, list[float]] = {name: [] for name in contenders}
        ratios: list[float] = []
        for _ in range(p["reps"]):
            order = list(contenders)
            random.shuffle(order)
            rep = {name: _per_call_ms(contenders[name], p["calls"]) for name in order}
            for name, value in rep.items():
                times[name].append(value)
            ratios.append(rep["dispatcher"] / rep["sdk"])
    return {"sdk": summarize(times["sdk"]), "dispatcher": summarize(times["dispatcher"]), "ratio": summarize(ratios)}


async def _mcp(base_url: str, p: dict[str, int]) -> dict[str, Any]:
    from mcp import ClientSession
    from mcp.client.stdio import StdioServerParameters, stdio_client

    from cml_ergonomic import AsyncCognitiveMemoryLayer

    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_")}
    env |= {"CML_BASE_URL": base_url, "CML_API_KEY": KEY}
    params = StdioServerParameters(command=sys.executable, args=["-m", "cml_ergonomic.mcp"], env=env)

    starts: list[float] = []
    with open(os.devnull, "w") as errlog:
        for _ in range(p["starts"]):
            began = time.perf_counter()
            async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as session:
                await session.initialize()
                await session.list_tools()
                starts.append((time.perf_counter() - began) * 1000)

        async with (
            AsyncCognitiveMemoryLayer(api_key=KEY, base_url=base_url, max_retries=0) as memory,
            stdio_client(params, errlog=errlog) as (read, write),
            ClientSession(read, write) as session,
        ):
            await session.initialize()
            await session.list_tools()
            arguments = json.loads(ARGUMENTS)
            check = await session.call_tool("memory_read", arguments)
            assert not check.is_error and json.loads(check.content[0].text)["count"] == 10
            contenders = {
                "sdk": lambda: memory.read(QUERY, max_results=10, format="list"),
                "mcp": lambda: session.call_tool("memory_read", arguments),
            }
            for fn in contenders.values():
                for _ in range(p["warmup"]):
                    await fn()
            times: dict[str, list[float]] = {name: [] for name in contenders}
            extra: list[float] = []
            for _ in range(p["reps"]):
                order = list(contenders)
                random.shuffle(order)
                rep = {name: await _per_call_ms_async(contenders[name], p["calls"]) for name in order}
                for name, value in rep.items():
                    times[name].append(value)
                extra.append(rep["mcp"] - rep["sdk"])
    return {
        "sdk": summarize(times["sdk"]),
        "mcp": summarize(times["mcp"]),
        "round_trip": summarize(extra),
        "start": summarize(starts),
    }


def run(quick: bool) -> dict[str, Any]:
    p = QUICK if quick else FULL
    with stub_server(lifetime=3600) as base_url:
        sync = dispatcher(base_url, p)
        mcp = asyncio.run(_mcp(base_url, p))
    ratio = f"{fmt_num(sync['ratio']['median'], 3)}x ({fmt_ratio_spread(sync['ratio'])})"
    tables = [
        Table(
            "One memory_read tool call against the stub server (ms per call, median and IQR)",
            ["path", "ms per call", "ratio to the SDK call"],
            [
                ["client.read(...) (sync)", _med(sync["sdk"]), "1.00x"],
                ["MemoryTools.call (JSON arguments)", _med(sync["dispatcher"]), ratio],
                ["await client.read(...) (async)", _med(mcp["sdk"]), ""],
                ["MCP call_tool over stdio", _med(mcp["mcp"]), ""],
                ["  of which the MCP round trip", _med(mcp["round_trip"]), ""],
            ],
        ),
        Table(
            "The MCP server's start (spawn to the first answered list_tools)",
            ["starts", "ms, median (IQR)"],
            [[str(p["starts"]), _med(mcp["start"], 0)]],
        ),
    ]
    notes = [
        "Target: the dispatcher costs at most 1.10x the SDK method it calls "
        f"(measured {fmt_num(sync['ratio']['median'], 3)}x).",
        "The MCP call is the async SDK call plus the protocol round trip: JSON-RPC over the server's stdin and "
        "stdout, both sides' MCP SDK (pydantic validation of every message) and the dispatcher.",
    ]
    data = {"dispatcher": sync, "mcp": mcp}
    title = "Agent tools: dispatcher and MCP server"
    return result("agents", title, quick=quick, tables=tables, data=data, notes=notes)


if __name__ == "__main__":
    sys.exit(main(run))
