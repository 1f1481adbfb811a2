"""``cml-ergonomic server`` in the command tree, so that ``--help`` lists it.

The console script routes ``server`` to :mod:`cml_ergonomic.server._command`
before the ``cli`` extra is checked (the command needs only the ``server``
extra); this entry runs the same function when the tree parses it.
"""

from __future__ import annotations

import argparse
import textwrap
from typing import TYPE_CHECKING

from cml_ergonomic.server._command import EXAMPLES, SUMMARY, add_arguments, serve

if TYPE_CHECKING:
    from cml_ergonomic.cli._app import State, _Commands


def _run(state: State, args: argparse.Namespace) -> int:
    return serve(args.source, args.rate_limit)


def register(commands: _Commands) -> None:
    """Add ``server`` to the tree (without the connection options: it starts the server they would name).

    Args:
        commands: the tree's command list.
    """
    parser = commands.subparsers.add_parser(
        "server",
        help=SUMMARY.split(" (")[0],
        description=textwrap.fill(SUMMARY, 100),
        epilog="Example:\n" + "\n".join(f"  {line}" for line in EXAMPLES),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(run=_run)
