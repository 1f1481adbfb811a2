"""``import``: a JSON Lines export into a server, resumable, each memory once.

"Already there" is decided three ways, cheapest first:

1. the journal (see :mod:`._journal`) names the lines this target has stored;
2. with the admin key and a tenant, the target's memories are listed once and
   a line whose text the tenant already holds is skipped. Text is what the
   server itself deduplicates on (a content hash of the lower-cased, stripped
   text, per tenant), so this agrees with the server, and it also settles the
   lines that were in flight when a previous run was killed;
3. without the admin key, a line in doubt is sent again, and the server's own
   deduplication answers with the memory it already holds instead of a copy.

Within one file, a second line with the same text is skipped too: the server
would fold it into the first anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic.cli import _admin
from cml_ergonomic.cli._journal import Journal
from cml_ergonomic.cli._records import LineError, Planned, normalized, plan_line
from cml_ergonomic.errors import AuthenticationError, AuthorizationError, CMLConnectionError, CMLError

LISTING_TEXT_LIMIT = 300  # the dashboard listing cuts texts here
BATCH_SIZE = 100


@dataclass
class ImportSummary:
    """The outcome of an import (or of a dry run)."""

    read: int = 0
    written: int = 0
    skipped: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)
    by_route: dict[str, int] = field(default_factory=lambda: {"write": 0, "batch": 0})
    dry_run: bool = False
    journal: str | None = None
    stopped: str | None = None  # why the import stopped early (the server became unreachable, refused the key)
    not_sent: int = 0  # lines left unsent because the import stopped (refused key, Ctrl-C)
    interrupted: bool = False  # stopped by Ctrl-C (SIGINT)
    # The refusal that stopped it: one 401/403 stops the import, since every later line would get the same answer.
    refusal: CMLError | None = field(default=None, repr=False)

    def as_dict(self) -> dict[str, Any]:
        """The summary as a JSON document."""
        return {
            "read": self.read,
            "written": self.written,
            "skipped": self.skipped,
            "failed": len(self.failed),
            "failures": [{"line": n, "error": e} for n, e in self.failed],
            "routes": self.by_route,
            "dry_run": self.dry_run,
            "journal": self.journal,
            "stopped": self.stopped,
            "not_sent": self.not_sent,
            "interrupted": self.interrupted,
        }


class Interrupted(Exception):
    """Ctrl-C stopped the import: the requests in flight were finished and recorded, the rest not sent."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__("the import was interrupted")
        self.summary = summary


class StrictStop(Exception):
    """``--strict`` met a malformed line; nothing was sent."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(f"{len(summary.failed)} malformed line(s); --strict sends nothing")
        self.summary = summary


def plan_file(lines: Iterable[bytes | str], summary: ImportSummary) -> list[Planned]:
    """Every line (of a file or stdin) checked against the schema; malformed ones go to ``summary.failed``.

    Lines are read as bytes and decoded one by one, so a line that is not UTF-8 is reported with its number
    like any other malformed line, instead of ending the import.
    """
    planned: list[Planned] = []
    for number, raw in enumerate(lines, start=1):
        try:
            item = plan_line(_text(raw), number)
        except LineError as exc:
            summary.read += 1
            summary.failed.append((number, str(exc)))
            continue
        if item is not None:
            summary.read += 1
            planned.append(item)
    return planned


def _text(raw: bytes | str) -> str:
    if isinstance(raw, str):
        return raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LineError(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})") from None


def _first_of_each_text(planned: list[Planned], summary: ImportSummary) -> list[Planned]:
    seen: set[str] = set()
    unique = []
    for item in planned:
        text = normalized(item.text)
        if text in seen:
            summary.skipped += 1
        else:
            seen.add(text)
            unique.append(item)
    return unique


def _present_on_target(client: CognitiveMemoryLayer, tenant: str, items: list[Planned]) -> set[str]:
    """The keys of ``items`` whose text the target tenant already holds (as an active memory)."""
    short: set[str] = set()
    long: dict[str, list[str]] = {}
    for _total, memory in _admin.iter_memories(client, tenant, status="active"):
        text = str(memory.get("text") or "")
        if len(text) < LISTING_TEXT_LIMIT:
            short.add(normalized(text))
        else:
            long.setdefault(normalized(text[:LISTING_TEXT_LIMIT]), []).append(str(memory["id"]))
    present: set[str] = set()
    full_texts: dict[str, str] = {}
    for item in items:
        if len(item.text) < LISTING_TEXT_LIMIT:
            if normalized(item.text) in short:
                present.add(item.key)
            continue
        for memory_id in long.get(normalized(item.text[:LISTING_TEXT_LIMIT]), []):
            if memory_id not in full_texts:
                full_texts[memory_id] = normalized(str(_admin.memory_detail(client, memory_id).get("text") or ""))
            if full_texts[memory_id] == normalized(item.text):
                present.add(item.key)
                break
    return present


def _units(items: list[Planned], batch_size: int) -> Iterable[list[Planned]]:
    batch: list[Planned] = []
    for item in items:
        if item.route == "write":
            yield [item]
        else:
            batch.append(item)
            if len(batch) == batch_size:
                yield batch
                batch = []
    if batch:
        yield batch


def import_file(
    client: CognitiveMemoryLayer,
    lines: Iterable[bytes | str],
    *,
    journal_path: Path | None,
    tenant: str | None,
    concurrency: int = 4,
    dry_run: bool = False,
    strict: bool = False,
    batch_size: int = BATCH_SIZE,
    on_total: Callable[[int], None] = lambda total: None,
    advance: Callable[[int], None] = lambda n: None,
) -> ImportSummary:
    """Import an export file into the client's server.

    Args:
        client: the target's client (writes use its API key).
        lines: the JSON Lines (an open file, or standard input).
        journal_path: where the journal of this file and target lives (None: keep none).
        tenant: the target tenant, for the "already there" listing (needs the admin key); None skips it.
        concurrency: requests in flight.
        dry_run: check every line, send nothing.
        strict: stop before sending anything when a line is malformed.
        batch_size: turns per ``write_batch`` (for lines that ``write_batch`` stores without loss).
        on_total: called with the number of memory lines.
        advance: called as lines are settled (written, skipped or failed).

    Returns:
        The summary: read, written, skipped, failed with line numbers; after a refused key
        (401/403) ``refusal`` is set and the lines not sent are counted, not listed.

    Raises:
        StrictStop: ``strict`` and a malformed line.
        Interrupted: Ctrl-C; its summary counts what was stored before.
        CMLError: the "already there" listing failed.
    """
    summary = ImportSummary(dry_run=dry_run)
    planned = plan_file(lines, summary)
    if strict and summary.failed:
        summary.stopped = f"--strict: {len(summary.failed)} malformed line(s), nothing was sent"
        raise StrictStop(summary)
    for item in planned:
        summary.by_route[item.route] += 1
    if dry_run:
        return summary
    summary.journal = None if journal_path is None else str(journal_path)
    on_total(summary.read)
    advance(len(summary.failed))
    unique = _first_of_each_text(planned, summary)
    journal = Journal(journal_path)
    pending = [item for item in unique if item.key not in journal.done]
    summary.skipped += len(unique) - len(pending)
    if pending and tenant and client.config.admin_api_key is not None:
        present = _present_on_target(client, tenant, pending)
        if present:
            with journal:
                journal.stored(present)
            summary.skipped += len(present)
            pending = [item for item in pending if item.key not in present]
    advance(summary.read - len(pending) - len(summary.failed))

    lock = threading.Lock()
    stop = threading.Event()

    def send(unit: list[Planned]) -> None:
        if stop.is_set():
            return
        keys = [item.key for item in unit]
        journal.sent(keys)
        try:
            if unit[0].route == "write":
                client.write(unit[0].text, **unit[0].write)
            else:
                client.write_batch([item.turn for item in unit])
        except CMLConnectionError as exc:
            stop.set()
            with lock:
                summary.stopped = f"the server became unreachable: {exc.message}"
                summary.failed.extend((item.line_no, exc.message) for item in unit)
        except (AuthenticationError, AuthorizationError) as exc:
            stop.set()  # every other line would get the same answer: one message, not one per line
            with lock:
                if summary.refusal is None:
                    summary.refusal = exc
                    summary.stopped = f"the server refused the key ({exc.status_code}): {exc.message}"
        except CMLError as exc:
            with lock:
                summary.failed.extend((item.line_no, exc.message) for item in unit)
        else:
            journal.stored(keys)
            with lock:
                summary.written += len(unit)
        advance(len(unit))

    def unsent() -> list[int]:
        settled = {n for n, _ in summary.failed}
        return [item.line_no for item in pending if item.key not in journal.done and item.line_no not in settled]

    pool = ThreadPoolExecutor(max_workers=max(1, concurrency))
    with journal:
        try:
            list(pool.map(send, _units(pending, batch_size)))
        except KeyboardInterrupt:
            stop.set()  # the requests in flight finish and are journaled; the queued ones are dropped
            pool.shutdown(wait=True, cancel_futures=True)
            summary.interrupted = True
            summary.stopped = "interrupted (Ctrl-C)"
            summary.not_sent = len(unsent())
            summary.failed.sort()
            raise Interrupted(summary) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    if summary.refusal is not None:
        summary.not_sent = len(unsent())
    elif stop.is_set():
        summary.failed.extend((n, "not sent: the server became unreachable") for n in unsent())
    summary.failed.sort()
    return summary
