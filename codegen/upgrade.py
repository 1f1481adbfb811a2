"""``python -m codegen upgrade --url URL | --file PATH``: move the SDK to a new server schema.

The steps, each printed as it runs; nothing is committed:

1. fetch the new document (from a running server, or a file) and write it
   as the new snapshot, named after the server version (``--server-version``)
   or, when the server reports none, after today's date; the old snapshot goes;
2. print the diff report against the old snapshot (breaking changes first,
   with the wrapper methods they affect);
3. regenerate ``generated/cml_api_client``;
4. run the unit tests, the operation-map test among them;
5. print what a maintainer must review before committing.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from cml_ergonomic._schemadiff import Severity, compare
from codegen import generate as gen
from codegen.cli import snapshot_name, write_snapshot
from codegen.diff import render_markdown
from codegen.schema import current_snapshot, load_document

ROOT = Path(__file__).resolve().parent.parent


def _banner(text: str) -> None:
    print(f"\n=== {text}", flush=True)


def run_upgrade(args: argparse.Namespace) -> int:
    """Carry out the upgrade; returns 0 when the tests pass, 1 when they fail.

    Raises:
        SchemaError: the new document cannot be read or is not OpenAPI 3.
        GenerationError: the generator failed.
    """
    out_dir: Path = args.out_dir
    old_path = current_snapshot(out_dir)
    source = args.url or str(args.file)
    _banner(f"1. fetch {source}")
    new_document = load_document(source)
    old_document = load_document(old_path)
    new_path = out_dir / snapshot_name(args.server_version)
    command = "python -m codegen fetch --url URL" if args.url else "python -m codegen upgrade --file PATH"
    write_snapshot(new_document, new_path, args.server_version, command, replace=True)
    print(f"snapshot: {old_path.name} -> {new_path.name}")

    _banner("2. what changed (old snapshot -> new)")
    diff = compare(old_document, new_document)
    print(render_markdown(diff, old_path.name, new_path.name), end="")

    _banner("3. regenerate generated/cml_api_client")
    count = gen.generate(new_path, args.output)
    print(f"generated {count} operations")

    _banner("4. unit tests (the operation-map test among them)")
    tests = subprocess.call([sys.executable, "-m", "pytest", "-q", "tests/unit", "-p", "no:cacheprovider"], cwd=ROOT)

    _banner("5. for the maintainer")
    print("Nothing was committed. Review, in this order:")
    if diff.breaking:
        print(
            f"- the {len(diff.breaking)} breaking change(s) above; wrapper methods to fix or document: "
            f"{', '.join(diff.methods_affected_by(Severity.BREAKING)) or '(raw-only operations)'}"
        )
    print("- cml_ergonomic/_operations.py: new operations to wrap or to list in RAW_ONLY, fields in sends/reads")
    print("- cml_ergonomic/_validation.py: constraints the schema changed (test_client_validation checks them)")
    print("- `git diff --stat openapi generated` and the generated modules of the changed operations")
    print("- the tests' result above" + ("" if tests == 0 else ": THEY FAILED, fix before committing"))
    print("- then: nox -s codegen_check lint typecheck tests, and commit openapi/ and generated/ together")
    return 0 if tests == 0 else 1
