"""``python -m tests.server.fetch_snapshot``: start the real server and fetch its schema into openapi/.

This is the regeneration workflow's first step when no server is running:
the harness starts the pinned server version, ``python -m codegen fetch``
writes ``openapi/cml-<version>.json``, and the server is stopped again.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from tests.server.harness import DEFAULT_VERSION, running_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.server.fetch_snapshot", description=__doc__)
    parser.add_argument("--version", default=DEFAULT_VERSION, help="cognitive-memory-layer version on PyPI")
    parser.add_argument("--replace", action="store_true", help="remove the other snapshots (an upgrade)")
    args = parser.parse_args(argv)
    with running_server(version=args.version) as (_stack, server):
        cmd = [sys.executable, "-m", "codegen", "fetch", "--url", server.base_url, "--server-version", args.version]
        return subprocess.call(cmd + (["--replace"] if args.replace else []))


if __name__ == "__main__":
    sys.exit(main())
