"""``cml-ergonomic server``: run a real CML server on 127.0.0.1 in the foreground until Ctrl-C or SIGTERM.

It prints the base URL, both keys and the tenant as ``export`` lines a shell
can paste, so that the SDK, the CLI, integration tests or ``python -m codegen
fetch`` can point at it. Stopping it stops every process it started and
removes its data. Only the standard library is imported: the command works
with the ``server`` extra alone (no ``cli`` extra needed).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import os
import signal
import sys
import textwrap
import time
from collections.abc import Sequence

from cml_ergonomic.server.harness import HarnessError, running_server, tail
from cml_ergonomic.server.sources import SOURCE_ENV, SourceError, sources_from

PROG = "cml-ergonomic server"
SUMMARY = (
    "Run a real CML server on 127.0.0.1 (embedded PostgreSQL and Redis, mock embeddings, no LLM) until Ctrl-C "
    "or SIGTERM, and print the CML_* exports that point the SDK at it. Stopping it removes all its data."
)
EXAMPLES = (
    f"{PROG}                              # the version the SDK is built from if PyPI has it, else PyPI's newest",
    f"{PROG} --server-source 1.5.1        # a release on PyPI",
    f"{PROG} --server-source ./cognitive-memory-layer-2.0.0-src.tar.gz",
)
_PR_SET_PDEATHSIG = 1


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's own options, shared by ``cml-ergonomic server`` and ``python -m cml_ergonomic.server``.

    Args:
        parser: the parser to add them to.
    """
    parser.add_argument(
        "--server-source",
        dest="source",
        help=f"a version on PyPI, a source tree or a .tar.gz source archive (default: env {SOURCE_ENV}, "
        "else the version the SDK is built from if PyPI has it, else PyPI's newest)",
    )
    parser.add_argument("--rate-limit", type=int, default=0, help="requests per minute per key (default 0: unlimited)")


def build_parser() -> argparse.ArgumentParser:
    """The standalone parser of the command (stdlib only)."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=textwrap.fill(SUMMARY, 100),
        epilog="Example:\n" + "\n".join(f"  {line}" for line in EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    return parser


def _stop_with_parent() -> None:
    """Ask the kernel for SIGTERM when the parent dies (a killed ``nox`` or shell must not orphan the stack)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() == 1:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGTERM)


def serve(source_text: str | None, rate_limit: int = 0) -> int:
    """Start the server, print its exports, and block until it is stopped.

    Args:
        source_text: where the server comes from (see :func:`cml_ergonomic.server.parse_source`);
            ``None``: ``CML_SERVER_SOURCE``, else the default.
        rate_limit: requests per minute per key (0: unlimited).

    Returns:
        0 when stopped by Ctrl-C or SIGTERM; 1 when the server could not start or exited by itself;
        2 for a bad source.
    """
    started = time.monotonic()
    try:
        (source, *others) = sources_from([source_text] if source_text else None)
        if others:
            print(f"{PROG}: error: one server at a time: give a single source", file=sys.stderr)
            return 2
        with running_server(rate_limit=rate_limit, server=source) as (stack, server):
            _stop_with_parent()
            steps = ", ".join(f"{step} {seconds:.1f}s" for step, seconds in stack.timings.items())
            print(f"# {source} ready in {time.monotonic() - started:.1f}s ({steps})", flush=True)
            print(f"# run directory (data and logs, removed on exit): {stack.run_dir}", flush=True)
            for name, value in server.env().items():
                print(f"export {name}={value}", flush=True)
            print("# Ctrl-C to stop", flush=True)
            while server.child.alive():
                time.sleep(0.5)
            print(f"the server exited; the end of its log:\n{tail(server.log_path)}", file=sys.stderr)
            stack.keep_logs = True
            return 1
    except SourceError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except HarnessError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the command's arguments and run it.

    Args:
        argv: the arguments after ``server`` (default: ``sys.argv[1:]``).

    Returns:
        The exit code (see :func:`serve`; 2 for a usage error).
    """
    try:
        args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help, or a usage error (argparse printed it)
        return exc.code if isinstance(exc.code, int) else 0
    return serve(args.source, args.rate_limit)
