"""``export``: every memory of a tenant to a JSON Lines file, written whole or not at all.

The listing gives ids (and texts cut at 300 characters); each memory's detail
gives the rest, fetched a few at a time. Where the data lives meanwhile:

- the lines go to an anonymous temporary file in the target's directory (the
  system's temporary directory for ``-o -``): it has no name, so the system
  frees it when the export ends, however it ends, SIGKILL included;
- once every line is there, the header (which carries the final count) and
  the lines are copied into ``.cml-export-<pid>-<random>.jsonl`` beside the
  target (mode 0600 while it is written), which is renamed over the target.

An interrupted export leaves the target untouched. Only a kill during that
last copy can leave the named file behind; every export first removes such
files, in its target's directory, whose process is no longer running.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cml_ergonomic import CognitiveMemoryLayer, __version__
from cml_ergonomic._compat import OPENAPI_DOCUMENT
from cml_ergonomic._request import RequestSpec
from cml_ergonomic.cli import _admin
from cml_ergonomic.cli._records import header, line_from_detail

Advance = Callable[[int], None]
PREFIX = ".cml-export-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def remove_stale(directory: Path) -> list[Path]:
    """Remove the files that killed exports left in ``directory`` (those whose process is gone).

    Args:
        directory: the target's directory.

    Returns:
        The files removed.
    """
    removed: list[Path] = []
    if os.name != "posix":  # pragma: no cover - no os.kill(pid, 0) probe elsewhere
        return removed
    for path in directory.glob(PREFIX + "*"):
        pid_text = path.name[len(PREFIX) :].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    return removed


@dataclass
class ExportResult:
    """What an export wrote."""

    count: int
    path: str
    header: dict[str, Any]


def server_info(client: CognitiveMemoryLayer) -> dict[str, Any]:
    """What the server says of itself: its base URL and the API version of its ``/openapi.json``.

    The CML server reports no release version anywhere (1.5.1 and 2.0.0 both say API "1.0.0"), so the
    header carries the API version and the base URL.
    """
    info = client._execute(RequestSpec(OPENAPI_DOCUMENT, lambda doc: (doc or {}).get("info") or {}))
    return {"base_url": client.config.base_url, "api_version": info.get("version"), "title": info.get("title")}


def _details(client: CognitiveMemoryLayer, ids: list[str], concurrency: int) -> Iterator[dict[str, Any]]:
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        yield from pool.map(lambda memory_id: _admin.memory_detail(client, memory_id), ids)


def export_tenant(
    client: CognitiveMemoryLayer,
    tenant: str,
    target: str,
    *,
    status: str | None = "active",
    concurrency: int = 4,
    on_total: Callable[[int], None] = lambda total: None,
    advance: Advance = lambda n: None,
    stdout: IO[str] | None = None,
) -> ExportResult:
    """Export every memory of ``tenant`` (with ``status``; None for all) to ``target`` ("-" for stdout).

    Args:
        client: a client with the admin key.
        tenant: the tenant to export.
        target: the file to write, or "-" for standard output.
        status: only memories with this status (the server's ``active``, ``silent``, ``archived``), or None.
        concurrency: detail requests in flight.
        on_total: called with the number of memories once the listing knows it.
        advance: called as memories are written.
        stdout: where "-" writes.

    Returns:
        The count, the path and the header.

    Raises:
        CMLError: a request failed; the target is left as it was.
    """
    ids: list[str] = []
    for total, item in _admin.iter_memories(client, tenant, status=status):
        if not ids:
            on_total(total)
        ids.append(str(item["id"]))
    on_total(len(ids))
    info = server_info(client)
    directory = Path(target).resolve().parent if target != "-" else Path(tempfile.gettempdir())
    if target != "-":
        remove_stale(directory)
    final_name = ""
    try:
        count = 0
        # No name, so nothing is left behind, even by SIGKILL (O_TMPFILE on Linux, unlinked at once elsewhere).
        with tempfile.TemporaryFile("w+", encoding="utf-8", dir=directory) as body:
            for start in range(0, len(ids), 200):  # bounded: a window of details at a time
                for detail in _details(client, ids[start : start + 200], concurrency):
                    body.write(json.dumps(line_from_detail(detail), ensure_ascii=False) + "\n")
                    count += 1
                    advance(1)
            head = header(tenant=tenant, count=count, server=info, sdk=__version__, status=status)
            body.seek(0)
            if target == "-":
                out = stdout
                assert out is not None
                out.write(json.dumps(head, ensure_ascii=False) + "\n")
                for line in body:
                    out.write(line)
                out.flush()
                return ExportResult(count, "-", head)
            with tempfile.NamedTemporaryFile(
                "w", encoding="utf-8", dir=directory, prefix=f"{PREFIX}{os.getpid()}-", suffix=".jsonl", delete=False
            ) as final:
                final_name = final.name
                final.write(json.dumps(head, ensure_ascii=False) + "\n")
                for line in body:
                    final.write(line)
                final.flush()
                os.fsync(final.fileno())
                umask = os.umask(0)
                os.umask(umask)
                os.fchmod(final.fileno(), 0o666 & ~umask)  # a normal file, not the temporary file's 0600
        os.replace(final_name, target)
        final_name = ""
        return ExportResult(count, str(target), head)
    finally:
        if final_name:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(final_name)
