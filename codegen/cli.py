"""``python -m codegen``: fetch, generate, check and diff the CML OpenAPI schema.

Exit codes: 0 success; 1 a check failed (drift, or breaking changes with
``--fail-on-breaking``); 2 bad input (unreachable server, unreadable file,
not OpenAPI 3, generator failure).
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from codegen import generate as gen
from codegen import tools
from codegen.schema import SNAPSHOT_DIR, SchemaError, current_snapshot, fetch_document, normalise, sha256_text

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2

PROVENANCE = """\
# openapi/

`{name}` is the OpenAPI document of the real CML server, exactly as the
server serves it at `/openapi.json`, re-serialised for review (sorted keys,
two-space indentation, trailing newline). It is written by our tool and
never edited by hand; the patches the generator needs are applied in memory
by `codegen/patches.py`.

| | |
|---|---|
| server | `cognitive-memory-layer` {version} |
| fetched with | `{command}` |
| fetched on | {date} |
| sha256 | `{sha256}` |
"""


def snapshot_name(server_version: str | None) -> str:
    """``cml-<version>.json``, or ``cml-<today>.json`` when the version is unknown."""
    # The server's own info.version is the FastAPI app's ("1.0.0" in 1.5.1), not its release,
    # so the release comes from whoever started the server; failing that, the date names the snapshot.
    return f"cml-{server_version or datetime.now(UTC).strftime('%Y-%m-%d')}.json"


def write_snapshot(
    document: dict[str, Any], target: Path, server_version: str | None, command: str, *, replace: bool
) -> None:
    """Write ``document`` normalised to ``target``, with its provenance in the folder's README.

    Args:
        document: the server's document.
        target: the snapshot file.
        server_version: the server release, if known.
        command: how it was fetched, for the provenance.
        replace: remove the folder's other snapshots (an upgrade keeps exactly one).
    """
    text = normalise(document)
    readme = target.parent / "README.md"
    if target.exists() and target.read_text(encoding="utf-8") == text and readme.exists():
        # The same document again: keep its provenance (the date it was first fetched), so a
        # re-fetch from an unchanged server leaves the tree clean on any day.
        print(f"{target} is unchanged ({len(document['paths'])} paths, sha256 {sha256_text(text)[:12]}…)")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    if replace:
        for old in target.parent.glob("cml-*.json"):
            if old != target:
                old.unlink()
    target.write_text(text, encoding="utf-8")
    version_flag = f" --server-version {server_version}" if server_version else ""
    readme.write_text(
        PROVENANCE.format(
            name=target.name,
            version=server_version or "(version not reported)",
            command=command + version_flag,
            date=datetime.now(UTC).strftime("%Y-%m-%d"),
            sha256=sha256_text(text),
        ),
        encoding="utf-8",
    )
    print(f"wrote {target} ({len(document['paths'])} paths, sha256 {sha256_text(text)[:12]}…)")


def cmd_fetch(args: argparse.Namespace) -> int:
    document = fetch_document(args.url, timeout=args.timeout)
    target = args.out_dir / snapshot_name(args.server_version)
    write_snapshot(document, target, args.server_version, "python -m codegen fetch --url URL", replace=args.replace)
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    snapshot = args.snapshot or current_snapshot()
    started = time.monotonic()
    count = gen.generate(snapshot, args.output)
    tools.write(snapshot, args.contract)
    print(f"generated {count} operations from {snapshot.name} into {args.output} in {time.monotonic() - started:.1f}s")
    print(f"wrote the agent tool contract to {args.contract}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    snapshot = args.snapshot or current_snapshot()
    started = time.monotonic()
    drift = gen.check(snapshot, args.output)
    contract_drift = tools.drift(snapshot, args.contract)
    elapsed = time.monotonic() - started
    if drift or contract_drift:
        if drift:
            print(
                f"generated/ does not match {snapshot.name} + codegen config + the pinned generator:", file=sys.stderr
            )
            print(drift.summary(), file=sys.stderr)
        if contract_drift:
            print(f"{tools.CONTRACT_PATH} does not match {snapshot.name} + codegen/tools.py:", file=sys.stderr)
            print("".join("      " + line for line in contract_drift[:40]).rstrip(), file=sys.stderr)
        print(
            "\nRegenerate with `nox -s codegen` (or `python -m codegen generate`), review, and commit.", file=sys.stderr
        )
        return EXIT_FAILED
    print(f"generated/ and the agent tool contract match {snapshot.name} ({elapsed:.1f}s)")
    return EXIT_OK


def cmd_upgrade(args: argparse.Namespace) -> int:
    from codegen.upgrade import run_upgrade

    return run_upgrade(args)


def cmd_diff(args: argparse.Namespace) -> int:
    from codegen.diff import run_diff

    return run_diff(args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m codegen", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    fetch = sub.add_parser("fetch", help="write the running server's OpenAPI document to openapi/")
    fetch.add_argument("--url", required=True, help="the server's base URL, e.g. http://127.0.0.1:8000")
    fetch.add_argument("--server-version", help="the server release, used to name the snapshot (default: today)")
    fetch.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    fetch.add_argument("--out-dir", type=Path, default=SNAPSHOT_DIR, help=argparse.SUPPRESS)
    fetch.add_argument("--replace", action="store_true", help="remove other snapshots (an upgrade keeps one)")
    fetch.set_defaults(handler=cmd_fetch)

    for name, handler, text in (
        ("generate", cmd_generate, "regenerate generated/cml_api_client"),
        ("check", cmd_check, "fail if generated/ is not what the snapshot produces"),
    ):
        command = sub.add_parser(name, help=text)
        command.add_argument("--snapshot", type=Path, help="default: the one openapi/cml-*.json")
        command.add_argument("--output", type=Path, default=gen.GENERATED_DIR, help=argparse.SUPPRESS)
        command.add_argument("--contract", type=Path, default=tools.CONTRACT_FILE, help=argparse.SUPPRESS)
        command.set_defaults(handler=handler)

    diff = sub.add_parser("diff", help="report what changed between two schemas, for callers of cml_ergonomic")
    diff.add_argument("old", help="snapshot file or server URL")
    diff.add_argument("new", help="snapshot file or server URL")
    diff.add_argument("--format", choices=("markdown", "json"), default="markdown")
    diff.add_argument(
        "--fail-on-breaking", action="store_true", help="exit 1 when a change is breaking (see --breaking-for)"
    )
    diff.add_argument(
        "--breaking-for",
        choices=("any", "wrapper", "raw"),
        default="any",
        help="whose breaking changes --fail-on-breaking fails on: wrapper callers, raw callers of the generated "
        "client, or either (default)",
    )
    diff.set_defaults(handler=cmd_diff)

    upgrade = sub.add_parser("upgrade", help="fetch a new schema, report the diff, regenerate, run the unit tests")
    source = upgrade.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--source", help="start the real server from this source (a version on PyPI, a source tree or a .tar.gz)"
    )
    source.add_argument("--url", help="a running server's base URL")
    source.add_argument("--file", type=Path, help="an OpenAPI document on disk")
    upgrade.add_argument(
        "--server-version",
        help="the server release, used to name the snapshot (default: the source's version; else today's date)",
    )
    upgrade.add_argument("pytest_args", nargs="*", help="extra arguments for the unit-test run (after --)")
    upgrade.add_argument("--out-dir", type=Path, default=SNAPSHOT_DIR, help=argparse.SUPPRESS)
    upgrade.add_argument("--output", type=Path, default=gen.GENERATED_DIR, help=argparse.SUPPRESS)
    upgrade.add_argument("--contract", type=Path, default=tools.CONTRACT_FILE, help=argparse.SUPPRESS)
    upgrade.set_defaults(handler=cmd_upgrade)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except (SchemaError, gen.GenerationError, tools.ContractError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return code
