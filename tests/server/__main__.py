"""``python -m tests.server``: run the real CML server in the foreground until Ctrl-C.

Prints the base URL and both keys, as ``export`` lines a shell can paste, so
that integration tests, the demo or ``python -m codegen fetch`` can point at it.
"""

from __future__ import annotations

import argparse
import sys
import time

from tests.server.harness import HarnessError, running_server, tail
from tests.server.sources import SOURCE_ENV, SourceError, sources_from


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.server", description=__doc__)
    parser.add_argument(
        "--server-source",
        "--version",
        dest="source",
        help=f"a version on PyPI, a source tree or a .tar.gz source archive (default: env {SOURCE_ENV}, "
        "else the version the SDK is built from if PyPI has it, else PyPI's newest)",
    )
    parser.add_argument("--rate-limit", type=int, default=0, help="requests per minute per key (0: unlimited)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        (source, *others) = sources_from([args.source] if args.source else None)
        if others:
            parser.error("one server at a time: give a single source")
        with running_server(rate_limit=args.rate_limit, server=source) as (stack, server):
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
    except (HarnessError, SourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main())
