"""``python -m codegen upgrade --source SRC | --url URL | --file PATH``: move the SDK to a new server schema.

The steps, each printed as it runs; nothing is committed:

1. take the new document: from a server the harness starts from ``--source``
   (a version on PyPI, a source tree or a source archive; its version names
   the snapshot), from a running server (``--url``) or from a file (``--file``),
   and write it as the new snapshot; the old snapshot goes from ``openapi/``
   and stays as test data in ``tests/data/openapi/`` (the version matrix
   and the recorded-diff test read it there). The snapshot's
   name is the one place that says which server version the SDK is built
   from: the noxfile, the harness, the tests and ``check_compatibility()``
   read it from there;
2. print the diff report against the old snapshot;
3. regenerate ``generated/cml_api_client`` and the agent tool contract
   (``cml_ergonomic/agents/_contract.json``): a request field the server adds
   or removes reaches the tools here;
4. run the unit tests, the operation-map test among them;
5. print the review items (:mod:`codegen.review`), each with the file to edit:
   the only unit tests that may fail after an upgrade are the ones these
   items name.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

from codegen import generate as gen
from codegen import tools
from codegen.cli import snapshot_name, write_snapshot
from codegen.diff import compare_named, render_markdown
from codegen.review import review_items
from codegen.schema import current_snapshot, load_document

ROOT = Path(__file__).resolve().parent.parent
RECORDED_DIR = ROOT / "tests" / "data" / "openapi"  # the documents of the server versions the SDK has left


def _banner(text: str) -> None:
    print(f"\n=== {text}", flush=True)


@contextlib.contextmanager
def _new_document_source(args: argparse.Namespace) -> Iterator[tuple[str, str | None, str]]:
    """(where to load the document from, the server version, how it was fetched) for the chosen input."""
    if args.source:
        # The harness is the package's server extra: only an upgrade from a source needs it.
        from cml_ergonomic.server import parse_source, running_server

        server = parse_source(args.source)
        with running_server(server=server) as (_stack, api):
            yield api.base_url, args.server_version or server.version, "python -m codegen upgrade --source SRC"
    elif args.url:
        yield args.url, args.server_version, "python -m codegen fetch --url URL"
    else:
        yield str(args.file), args.server_version, "python -m codegen upgrade --file PATH"


def _record(old_path: Path, out_dir: Path) -> None:
    """Keep the snapshot the SDK leaves as test data: CI still runs that server, and tests compare with it."""
    target = RECORDED_DIR / old_path.name
    if out_dir.resolve() != (ROOT / "openapi").resolve() or target.exists():
        return  # a trial run elsewhere, or already recorded
    RECORDED_DIR.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(old_path, target)
    print(f"recorded {old_path.name} as test data in {target.parent.relative_to(ROOT)}/")


def run_upgrade(args: argparse.Namespace) -> int:
    """Carry out the upgrade; returns 0 when the tests pass, 1 when they fail.

    Raises:
        SchemaError: the new document cannot be read or is not OpenAPI 3.
        GenerationError: the generator failed.
    """
    out_dir: Path = args.out_dir
    old_path = current_snapshot(out_dir)
    old_document = load_document(old_path)
    with _new_document_source(args) as (location, server_version, command):
        _banner(f"1. fetch {location}")
        new_document = load_document(location)
    new_path = out_dir / snapshot_name(server_version)
    _record(old_path, out_dir)
    write_snapshot(new_document, new_path, server_version, command, replace=True)
    print(f"snapshot: {old_path.name} -> {new_path.name}")

    _banner("2. what changed (old snapshot -> new)")
    diff = compare_named(old_document, new_document)
    print(render_markdown(diff, old_path.name, new_path.name), end="")

    _banner("3. regenerate generated/cml_api_client and the agent tool contract")
    count = gen.generate(new_path, args.output)
    tools.write(new_path, args.contract)
    print(f"generated {count} operations; wrote {tools.CONTRACT_PATH}")

    _banner("4. unit tests (the operation-map test among them)")
    tests = subprocess.call(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/unit", *args.pytest_args], cwd=ROOT
    )

    _banner("5. for the maintainer")
    items = review_items(old_document, new_document)
    print(f"Nothing was committed. {len(items)} review item(s); the unit tests fail until each is settled:")
    for item in items:
        print(f"- {item}")
    if tests != 0 and not items:
        print("- THE UNIT TESTS FAILED with no review item: the upgrade machinery itself needs a fix")
    print("Then: `git diff --stat openapi generated`, nox -s codegen_check lint typecheck tests, and commit")
    print("openapi/, generated/ and tests/data/openapi/ together, with the report above in the commit message.")
    return 0 if tests == 0 else 1
