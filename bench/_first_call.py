"""One program per contender for ``bench/first_result.py``: import, build a client, one read of 10, close.

    python bench/_first_call.py CONTENDER BASE_URL

Run as a script (not ``-m``), so that nothing but the contender's own imports
happens before the clock starts. Prints one JSON line: milliseconds spent
importing, building the client and making the read (with closing), the
number of memories parsed, and the process's peak resident memory.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import sys  # noqa: E402  (sys is loaded at start-up anyway; the clock above comes first on purpose)

KEY = "bench-key"
QUERY = "What does the user like, prefer and do?"
READ_PATH = "/api/v1/memory/read"


def raw(url: str, marks: list[float]) -> int:
    import json

    import httpx

    marks.append(time.perf_counter())
    with httpx.Client(base_url=url, headers={"X-API-Key": KEY}) as http:
        marks.append(time.perf_counter())
        response = http.post(READ_PATH, json={"query": QUERY, "max_results": 10})
        response.raise_for_status()
        return len(json.loads(response.content)["memories"])


def raw_async(url: str, marks: list[float]) -> int:
    import asyncio
    import json

    import httpx

    marks.append(time.perf_counter())

    async def main() -> int:
        async with httpx.AsyncClient(base_url=url, headers={"X-API-Key": KEY}) as http:
            marks.append(time.perf_counter())
            response = await http.post(READ_PATH, json={"query": QUERY, "max_results": 10})
            response.raise_for_status()
            return len(json.loads(response.content)["memories"])

    return asyncio.run(main())


def ergonomic(url: str, marks: list[float]) -> int:
    from cml_ergonomic import CognitiveMemoryLayer

    marks.append(time.perf_counter())
    with CognitiveMemoryLayer(api_key=KEY, base_url=url) as memory:
        marks.append(time.perf_counter())
        return len(memory.read(QUERY, max_results=10).memories)


def ergonomic_async(url: str, marks: list[float]) -> int:
    import asyncio

    from cml_ergonomic import AsyncCognitiveMemoryLayer

    marks.append(time.perf_counter())

    async def main() -> int:
        async with AsyncCognitiveMemoryLayer(api_key=KEY, base_url=url) as memory:
            marks.append(time.perf_counter())
            return len((await memory.read(QUERY, max_results=10)).memories)

    return asyncio.run(main())


def pycml(url: str, marks: list[float]) -> int:
    import cml

    marks.append(time.perf_counter())
    memory = cml.CognitiveMemoryLayer(api_key=KEY, base_url=url)
    marks.append(time.perf_counter())
    try:
        return len(memory.read(QUERY, max_results=10).memories)
    finally:
        memory.close()


def pycml_async(url: str, marks: list[float]) -> int:
    import asyncio

    import cml

    marks.append(time.perf_counter())

    async def main() -> int:
        memory = cml.AsyncCognitiveMemoryLayer(api_key=KEY, base_url=url)
        marks.append(time.perf_counter())
        try:
            return len((await memory.read(QUERY, max_results=10)).memories)
        finally:
            await memory.close()

    return asyncio.run(main())


CONTENDERS = {f.__name__: f for f in (raw, raw_async, ergonomic, ergonomic_async, pycml, pycml_async)}


def main() -> None:
    name, url = sys.argv[1], sys.argv[2]
    marks = [START]
    memories = CONTENDERS[name](url, marks)
    marks.append(time.perf_counter())
    import json
    import resource

    import_ms, client_ms, read_ms = ((b - a) * 1000 for a, b in zip(marks, marks[1:], strict=False))  # noqa: RUF007
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    figures = {"import_ms": import_ms, "client_ms": client_ms, "read_ms": read_ms}
    print(json.dumps({**figures, "memories": memories, "peak_kib": peak_kib}))


if __name__ == "__main__":
    main()
