"""The ``cml-ergonomic`` command line: ``pip install "cml-ergonomic[cli]"``.

Only this module is imported by the console script and ``python -m
cml_ergonomic`` before the extra's library (rich) is known to be
there, so it imports nothing but the standard library: without the extra it
prints how to install it and exits with the usage code. ``--version`` and
``server`` (the ``server`` extra's command) work without the ``cli`` extra.
Arguments are parsed with argparse; see ``_app`` for why not click.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

# Exit codes, documented in the README and in `cml-ergonomic --help`.
EXIT_OK = 0
EXIT_API_ERROR = 1
EXIT_USAGE = 2
EXIT_UNREACHABLE = 3
EXIT_INTERRUPTED = 130  # the shell's code for a process stopped by SIGINT (128 + 2)

INSTALL_HINT = 'The command line needs the "cli" extra: pip install "cml-ergonomic[cli]"'


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the console script's entry point.

    Args:
        argv: the arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 ok, 1 an API error, 2 a usage or configuration error, 3 the server was unreachable,
        130 interrupted (Ctrl-C).

    Raises:
        Nothing: every error becomes a message and an exit code.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args == ["--version"]:  # needs no extra: the version of what is installed
        from cml_ergonomic._version import __version__

        print(f"cml-ergonomic {__version__}")
        return EXIT_OK
    if args[:1] == ["server"]:  # the server extra's command: standard library only, no rich needed
        from cml_ergonomic.server._command import main as server_main

        return server_main(args[1:])
    if args[:1] == ["mcp"]:  # the MCP server needs the "mcp" extra, not the command line's
        from cml_ergonomic.mcp import main as mcp_main

        return mcp_main(args[1:])
    try:
        import rich  # noqa: F401
    except ImportError as exc:
        print(f"cml-ergonomic: {INSTALL_HINT} (missing: {exc.name})", file=sys.stderr)
        return EXIT_USAGE
    from cml_ergonomic.cli._app import run

    return run(args)


__all__ = ["EXIT_API_ERROR", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_UNREACHABLE", "EXIT_USAGE", "main"]
