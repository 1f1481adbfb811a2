"""The ``export`` and ``import`` commands: options, progress bar, summary. The work is in ``_export``/``_import``."""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.cli._app import PROG, State, int_range
from cml_ergonomic.cli._errors import Failure, UsageProblem, describe
from cml_ergonomic.cli._output import Output

if TYPE_CHECKING:
    from cml_ergonomic.cli._app import _Commands

Callbacks = tuple[Callable[[int], None], Callable[[int], None]]


@contextlib.contextmanager
def progress_bar(state: State, label: str) -> Iterator[Callbacks]:
    """``(on_total, advance)`` for a progress bar on stderr, drawn only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield (lambda total: None), (lambda n: None)
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=state.output.err_console, transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield (lambda total: bar.update(task, total=total)), (lambda n: bar.advance(task, n))


def export(state: State, args: argparse.Namespace) -> None:
    from cml_ergonomic.cli._export import export_tenant

    client = state.admin_client("export")
    tenant = state.tenant_of(client, "export")
    target: str = args.output
    if target != "-" and not Path(target).resolve().parent.is_dir():
        raise UsageProblem(f"no such directory for {target}", "Create the directory first.")
    started = time.monotonic()
    with progress_bar(state, "export") as (on_total, advance):
        result = export_tenant(
            client,
            tenant,
            target,
            status=None if args.status == "all" else args.status,
            concurrency=args.concurrency,
            on_total=on_total,
            advance=advance,
            stdout=state.output.stdout,
        )
    seconds = time.monotonic() - started
    summary = {"path": result.path, "count": result.count, "seconds": round(seconds, 2), "tenant": tenant}
    if state.output.json_mode and target != "-":
        state.output.document(summary)
    else:
        rate = result.count / seconds if seconds else 0.0
        state.output.note(
            f"exported {result.count} memories of {tenant} to {result.path} in {seconds:.1f}s ({rate:.0f}/s)"
        )


def import_(state: State, args: argparse.Namespace) -> int:
    from cml_ergonomic.cli._import import Interrupted, StrictStop, import_file
    from cml_ergonomic.cli._journal import default_path

    from_stdin = args.source == "-"
    source = Path(args.source)
    if not from_stdin and not source.is_file():
        raise UsageProblem(f"no such file: {source}", "Give the path of a file written by export, or - for stdin.")
    client = state.client()
    config = client.config
    if config.tenant_id is not None and not args.dry_run:
        # A --tenant the writes would not reach is refused here (exit 2), before the journal or any write:
        # the client checks the tenant against the server before its first memory call.
        client.stats()
    journal_path: Path | None = Path(args.journal) if args.journal else None
    if journal_path is None and not from_stdin:
        journal_path = default_path(source, config.base_url, config.tenant_id)
    started = time.monotonic()
    try:
        with contextlib.ExitStack() as stack:
            # bytes, decoded line by line: a line that is not UTF-8 is one malformed line, not the end of the import
            stdin = getattr(sys.stdin, "buffer", sys.stdin)
            lines: Iterable[bytes | str] = stdin if from_stdin else stack.enter_context(source.open("rb"))
            on_total, advance = stack.enter_context(progress_bar(state, "import"))
            summary = import_file(
                client,
                lines,
                journal_path=journal_path,
                tenant=config.tenant_id,
                concurrency=args.concurrency,
                dry_run=args.dry_run,
                strict=args.strict,
                on_total=on_total,
                advance=advance,
            )
    except StrictStop as stop:
        _report(state, stop.summary.as_dict(), time.monotonic() - started, EXIT_USAGE)
        return EXIT_USAGE
    except Interrupted as interrupted:
        resume = _resume_hint(args)
        _report(state, interrupted.summary.as_dict(), time.monotonic() - started, EXIT_INTERRUPTED, resume=resume)
        return EXIT_INTERRUPTED
    seconds = time.monotonic() - started
    if summary.refusal is not None:
        _report(state, summary.as_dict(), seconds, EXIT_API_ERROR, refusal=describe(summary.refusal))
        return EXIT_API_ERROR
    code = EXIT_UNREACHABLE if summary.stopped else EXIT_API_ERROR if summary.failed else EXIT_OK
    _report(state, summary.as_dict(), seconds, code)
    return code


def _resume_hint(args: argparse.Namespace) -> str:
    if args.source == "-" and not args.journal:
        return (
            "Run the same import again to resume: the server keeps one copy of each text, and with the admin key "
            "and --tenant the lines the tenant already holds are skipped (give --journal to keep a journal)."
        )
    return "Run the same command again to resume: the journal records every line stored, and those are skipped."


def _report(
    state: State,
    summary: dict[str, Any],
    seconds: float,
    code: int,
    *,
    resume: str = "",
    refusal: Failure | None = None,
) -> None:
    """The summary (stdout), then why the import ended as it did (stderr; one JSON object with ``--json``)."""
    summary["seconds"] = round(seconds, 2)
    out = state.output
    if out.json_mode:
        out.document(summary)
    else:
        _summary_text(out, summary, seconds)
    details: dict[str, Any] = refusal.details if refusal is not None else {}
    if refusal is not None:
        message, suggestion = f"{refusal.message}; the import stopped at the first refusal", refusal.suggestion
    elif summary.get("interrupted"):
        message = f"interrupted: {summary['written']} line(s) written, {summary['not_sent']} not sent"
        suggestion = resume
    elif summary.get("stopped"):
        message = summary["stopped"]
        suggestion = (
            "Fix the lines above, or drop --strict to import the others."
            if "--strict" in message
            else "Start the server (or fix --base-url) and run the same import again."
        )
    elif code != EXIT_OK and out.json_mode:  # lines failed: the text summary lists them, JSON says it on stderr too
        message = f"{summary['failed']} line(s) failed"
        suggestion = (
            "See the failures in the summary; fix them and run the same import again (stored lines are skipped)"
        )
    else:
        return
    out.error(message, suggestion, code=code, **details)


def _summary_text(out: Output, summary: dict[str, Any], seconds: float) -> None:
    if summary["dry_run"]:
        routes = summary["routes"]
        out.text(
            f"dry run: {summary['read']} lines read, {summary['failed']} malformed; "
            f"would send {routes['write']} by write, {routes['batch']} by write_batch"
        )
    else:
        rate = summary["written"] / seconds if seconds else 0.0
        not_sent = f", not sent {summary['not_sent']}" if summary.get("not_sent") else ""
        out.text(
            f"read {summary['read']}, written {summary['written']}, skipped {summary['skipped']}, "
            f"failed {summary['failed']}{not_sent} in {seconds:.1f}s ({rate:.0f}/s)"
        )
    for failure in summary["failures"]:
        out.text(f"  line {failure['line']}: {failure['error']}")


def register(commands: _Commands) -> None:
    """Add ``export`` and ``import`` to the tree."""
    p = commands.add(
        "export",
        "Write every memory of the tenant to a JSON Lines file (needs the admin key). The first line is a "
        "header (server, tenant, time, count); the file is written under a temporary name and renamed at the "
        "end, so an interrupted export never leaves a truncated file behind.",
        [f"{PROG} export --tenant acme -o acme.jsonl", f"{PROG} export --tenant acme --status all -o - | gzip > a.gz"],
        export,
    )
    p.add_argument("-o", "--output", required=True, help='the JSON Lines file to write ("-" for stdout)')
    p.add_argument(
        "--status",
        default="active",
        help='only memories with this status (default: active; "all" for every one, imported as active)',
    )
    p.add_argument("--concurrency", type=int_range(1, 32), default=4, help="requests in flight (default 4)")

    p = commands.add(
        "import",
        "Import a JSON Lines export; a re-run skips what is already there. Each line goes through write "
        "(keeps type, tags, namespace, agent) unless it has none of those, then through write_batch. A journal "
        "next to the file (one per target) records what was stored, so an interrupted import resumes where it "
        "stopped; with the admin key and a tenant, memories the tenant already holds are skipped too. Exit 1 "
        "when any line failed.",
        [
            f"{PROG} import acme.jsonl --base-url http://new:8000 --tenant acme",
            f"{PROG} import acme.jsonl --dry-run",
            f"gunzip -c acme.jsonl.gz | {PROG} import - --journal acme.journal",
        ],
        import_,
    )
    p.add_argument("source", help='the file written by export ("-" for standard input)')
    p.add_argument("--dry-run", action="store_true", help="check every line against the schema; send nothing")
    p.add_argument("--strict", action="store_true", help="send nothing when any line is malformed")
    p.add_argument("--concurrency", type=int_range(1, 32), default=4, help="requests in flight (default 4)")
    p.add_argument("--journal", help="the journal file (default: next to the source, named after the target)")
