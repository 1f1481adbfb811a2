"""``python -m codegen.server_fetch``: start the real server and fetch its schema into openapi/.

This is the regeneration workflow's first step when no server is running:
the harness starts the server from its source, ``python -m codegen fetch``
writes ``openapi/cml-<version>.json`` (the version read from the source),
and the server is stopped again.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from cml_ergonomic.server import SOURCE_ENV, running_server, sources_from


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen.server_fetch", description=__doc__)
    parser.add_argument(
        "--server-source", "--version", dest="source", help=f"PyPI version, source tree or archive (env {SOURCE_ENV})"
    )
    parser.add_argument("--replace", action="store_true", help="remove the other snapshots (an upgrade)")
    args = parser.parse_args(argv)
    (source, *_) = sources_from([args.source] if args.source else None)
    with running_server(server=source) as (_stack, server):
        cmd = [sys.executable, "-m", "codegen", "fetch", "--url", server.base_url, "--server-version", source.version]
        return subprocess.call(cmd + (["--replace"] if args.replace else []))


if __name__ == "__main__":
    sys.exit(main())
