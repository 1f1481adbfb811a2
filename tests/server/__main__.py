"""``python -m tests.server``: run the real CML server in the foreground until Ctrl-C.

Prints the base URL and both keys, as ``export`` lines a shell can paste, so
that integration tests, the demo or ``python -m codegen fetch`` can point at it.
"""

from __future__ import annotations

import argparse
import sys
import time

from tests.server.harness import DEFAULT_VERSION, running_server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.server", description=__doc__)
    parser.add_argument("--version", default=DEFAULT_VERSION, help="cognitive-memory-layer version on PyPI")
    parser.add_argument("--rate-limit", type=int, default=0, help="requests per minute per key (0: unlimited)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        with running_server(rate_limit=args.rate_limit, version=args.version) as (_stack, server):
            print(f"# CML server {args.version} healthy after {time.monotonic() - started:.1f}s", flush=True)
            for name, value in server.env().items():
                print(f"export {name}={value}", flush=True)
            print("# Ctrl-C to stop", flush=True)
            while server.child.alive():
                time.sleep(0.5)
            print("the server exited; its log follows", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nstopped", file=sys.stderr)
        return 0


if __name__ == "__main__":
    sys.exit(main())
