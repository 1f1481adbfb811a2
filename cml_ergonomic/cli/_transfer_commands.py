"""The ``export`` and ``import`` commands: options, progress bar, summary. The work is in ``_export``/``_import``."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_UNREACHABLE, EXIT_USAGE
from cml_ergonomic.cli._app import State, _state, cli, command
from cml_ergonomic.cli._errors import UsageProblem

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


@command(
    cli,
    "export",
    "cml-ergonomic --tenant acme export -o acme.jsonl",
    "cml-ergonomic --tenant acme export --status all -o - | gzip > acme.jsonl.gz",
)
@click.option("-o", "--output", "target", required=True, help='The JSON Lines file to write ("-" for stdout).')
@click.option(
    "--status",
    default="active",
    show_default=True,
    help='Only memories with this status ("all" for every one; import stores each as active).',
)
@click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True, help="Requests in flight.")
def export(target: str, status: str, concurrency: int) -> None:
    """Write every memory of the tenant to a JSON Lines file (needs the admin key).

    The first line is a header (server, tenant, time, count). The file is written under a temporary
    name and renamed at the end, so an interrupted export never leaves a truncated file behind.
    """
    from cml_ergonomic.cli._export import export_tenant

    state = _state()
    client = state.admin_client("export")
    tenant = state.tenant_of(client, "export")
    if target != "-" and not Path(target).resolve().parent.is_dir():
        raise UsageProblem(f"no such directory for {target}", "Create the directory first.")
    started = time.monotonic()
    with progress_bar(state, "export") as (on_total, advance):
        result = export_tenant(
            client,
            tenant,
            target,
            status=None if status == "all" else status,
            concurrency=concurrency,
            on_total=on_total,
            advance=advance,
            stdout=sys.stdout,
        )
    seconds = time.monotonic() - started
    summary = {"path": result.path, "count": result.count, "seconds": round(seconds, 2), "tenant": tenant}
    if state.output.json_mode and target != "-":
        state.output.document(summary)
    else:
        rate = result.count / seconds if seconds else 0.0
        state.output.note(f"exported {result.count} memories of {tenant} to {result.path} in {seconds:.1f}s ({rate:.0f}/s)")


@command(
    cli,
    "import",
    "cml-ergonomic --base-url http://new:8000 --tenant acme import acme.jsonl",
    "cml-ergonomic import acme.jsonl --dry-run",
)
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check every line against the schema; send nothing.")
@click.option("--strict", is_flag=True, help="Send nothing when any line is malformed.")
@click.option("--concurrency", type=click.IntRange(1, 32), default=4, show_default=True, help="Requests in flight.")
@click.option("--journal", "journal", type=click.Path(dir_okay=False, path_type=Path), help="The journal file.")
def import_(source: Path, dry_run: bool, strict: bool, concurrency: int, journal: Path | None) -> None:
    """Import a JSON Lines export into the server; a re-run skips what is already there.

    Each line goes through write (keeps type, tags, namespace, agent) unless it has none of those,
    then through write_batch. Progress is kept in a journal next to the file (one per target), so an
    interrupted import resumes where it stopped. With the admin key and a tenant, memories the tenant
    already holds are skipped too. Exit 1 when any line failed.
    """
    from cml_ergonomic.cli._import import StrictStop, import_file
    from cml_ergonomic.cli._journal import default_path

    state = _state()
    client = state.client()
    journal_path = journal or default_path(source, client.config.base_url, client.config.tenant_id)
    started = time.monotonic()
    try:
        with progress_bar(state, "import") as (on_total, advance):
            summary = import_file(
                client,
                source,
                journal_path=journal_path,
                tenant=client.config.tenant_id,
                concurrency=concurrency,
                dry_run=dry_run,
                strict=strict,
                on_total=on_total,
                advance=advance,
            )
    except StrictStop as stop:
        _report(state, stop.summary.as_dict(), time.monotonic() - started)
        raise click.exceptions.Exit(EXIT_USAGE) from None
    _report(state, summary.as_dict(), time.monotonic() - started)
    if summary.stopped:
        raise click.exceptions.Exit(EXIT_UNREACHABLE)
    if summary.failed:
        raise click.exceptions.Exit(EXIT_API_ERROR)


def _report(state: State, summary: dict[str, Any], seconds: float) -> None:
    summary["seconds"] = round(seconds, 2)
    if state.output.json_mode:
        state.output.document(summary)
        return
    out = state.output
    if summary["dry_run"]:
        routes = summary["routes"]
        out.text(
            f"dry run: {summary['read']} lines read, {summary['failed']} malformed; "
            f"would send {routes['write']} by write, {routes['batch']} by write_batch"
        )
    else:
        rate = summary["written"] / seconds if seconds else 0.0
        out.text(
            f"read {summary['read']}, written {summary['written']}, skipped {summary['skipped']}, "
            f"failed {summary['failed']} in {seconds:.1f}s ({rate:.0f}/s)"
        )
    for failure in summary["failures"]:
        out.text(f"  line {failure['line']}: {failure['error']}")
    if summary.get("stopped"):
        out.error(summary["stopped"], "Start the server (or fix --base-url) and run the same import again.")
