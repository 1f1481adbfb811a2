"""The commands: an argparse tree whose shared options configure the client, and one function per command.

argparse, not click or typer: httpx imports its own command line at ``import
httpx`` whenever click is installed, and that pulls in click, rich and pygments
(about 0.2 s). With click in the ``cli`` extra, ``import cml_ergonomic`` would
pay for the command line in every program. argparse is in the standard library
and does all this tool needs: nested commands, typed options, help with an
example. Exit codes: 0 ok; 1 an API error (or lines that failed to import);
2 a usage or configuration error; 3 the server was unreachable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import textwrap
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from cml_ergonomic import CognitiveMemoryLayer, __version__
from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_INTERRUPTED, EXIT_OK
from cml_ergonomic.cli._errors import UsageProblem, describe
from cml_ergonomic.cli._output import Output, to_jsonable

PROG = "cml-ergonomic"
EXIT_CODES = """\
Exit codes: 0 ok; 1 an API error; 2 a usage or configuration error; 3 the server was unreachable;
130 interrupted (Ctrl-C). With --json an error is one JSON object on stderr.
Every option falls back to its CML_* variable (CML_BASE_URL, CML_API_KEY, CML_TENANT_ID,
CML_ADMIN_API_KEY, CML_TIMEOUT). Options may come before or after the command."""

Command = Callable[["State", argparse.Namespace], int | None]


def example(*lines: str) -> str:
    """The epilog of a command: ``Example:`` and the command lines."""
    return "Example:\n" + "\n".join(f"  {line}" for line in lines)


@dataclass
class State:
    """What the shared options set up for the command that runs."""

    output: Output
    base_url: str | None = None
    api_key: str | None = None
    tenant: str | None = None
    admin_api_key: str | None = None
    timeout: float | None = None
    _client: CognitiveMemoryLayer | None = field(default=None, repr=False)

    def client(self, *, needs_key: bool = True) -> CognitiveMemoryLayer:
        """The client, made on first use (a configuration error surfaces here, as exit code 2)."""
        if self._client is None:
            key = self.api_key
            if not needs_key and not key:
                key = os.environ.get("CML_API_KEY") or "unused"  # health needs no key; the client wants one
            self._client = CognitiveMemoryLayer(
                api_key=key,
                base_url=self.base_url,
                tenant_id=self.tenant,
                admin_api_key=self.admin_api_key,
                timeout=self.timeout,
            )
            for secret in (self._client.config.api_key, self._client.config.admin_api_key):
                if secret is not None:
                    self.output.add_secret(secret.reveal())
        return self._client

    def admin_client(self, what: str) -> CognitiveMemoryLayer:
        """The client, checked to hold an admin key."""
        client = self.client()
        if client.config.admin_api_key is None:
            raise UsageProblem(f"{what} needs the admin key", "Pass --admin-api-key or set CML_ADMIN_API_KEY.")
        return client

    def tenant_of(self, client: CognitiveMemoryLayer, what: str) -> str:
        """The tenant a command works on: --tenant or CML_TENANT_ID."""
        if not client.config.tenant_id:
            raise UsageProblem(f"{what} needs a tenant", "Pass --tenant or set CML_TENANT_ID.")
        return client.config.tenant_id

    def close(self) -> None:
        """Close the client's connections, if one was made."""
        if self._client is not None:
            self._client.close()


# --------------------------------------------------------------------------- argument types


def timestamp(value: str) -> dt.datetime:
    """An ISO 8601 time; UTC when it names no zone."""
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not an ISO 8601 time (e.g. 2025-01-31T12:00:00Z)") from None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def json_object(value: str) -> dict[str, Any]:
    """A JSON object given on the command line."""
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise argparse.ArgumentTypeError(f"not JSON ({exc.msg})") from None
    if not isinstance(parsed, dict):
        raise argparse.ArgumentTypeError('must be a JSON object, e.g. \'{"source": "chat"}\'')
    return parsed


def int_range(low: int, high: int | None = None) -> Callable[[str], int]:
    """A whole number from ``low`` to ``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number") from None
        if number < low or (high is not None and number > high):
            raise argparse.ArgumentTypeError(f"{number} is not in {low}..{high if high is not None else ''}")
        return number

    return parse


# --------------------------------------------------------------------------- the parser


class Parser(argparse.ArgumentParser):
    """argparse with the tool's error style: one line and a suggestion, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageProblem(message, f"Run '{self.prog} --help' for the options and an example.")


def _shared_options(parser: argparse.ArgumentParser, *, default: Any) -> None:
    group = parser.add_argument_group("connection and output")
    group.add_argument("--base-url", default=default, help="the server's root URL [CML_BASE_URL]")
    group.add_argument("--api-key", default=default, help="the API key [CML_API_KEY]; never printed")
    group.add_argument(
        "--tenant",
        default=default,
        help="the tenant, sent as X-Tenant-Id [CML_TENANT_ID]; honoured only with the admin key as --api-key "
        "(another key accepts only its own tenant: exit 2)",
    )
    group.add_argument("--admin-api-key", default=default, help="the admin key [CML_ADMIN_API_KEY]; never printed")
    group.add_argument("--timeout", type=float, default=default, help="seconds per request [CML_TIMEOUT]")
    group.add_argument(
        "--json",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="print JSON: one document, or JSON Lines for listings",
    )
    group.add_argument(
        "--debug",
        action="store_true",
        default=default if default is argparse.SUPPRESS else False,
        help="show the traceback of an error",
    )


class _Commands:
    """Adds commands to a parser, each with its shared options, help text and example."""

    def __init__(self, parser: argparse.ArgumentParser, shared: Parser) -> None:
        self.shared = shared
        self.subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)

    def add(self, name: str, summary: str, examples: Sequence[str], run: Command | None = None) -> Parser:
        parser: Parser = self.subparsers.add_parser(
            name,
            help=summary.split(". ")[0].rstrip("."),  # the first sentence in the list of commands
            description=textwrap.fill(summary, 100),
            epilog=example(*examples),
            parents=[self.shared],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        if run is not None:
            parser.set_defaults(run=run)
        return parser

    def group(self, name: str, summary: str, examples: Sequence[str]) -> _Commands:
        return _Commands(self.add(name, summary, examples), self.shared)


def build_parser() -> Parser:
    """The whole command tree."""
    from cml_ergonomic.cli import _commands, _server, _transfer_commands

    shared = Parser(add_help=False)
    _shared_options(shared, default=argparse.SUPPRESS)  # after the command: only what is given overrides
    root = Parser(
        prog=PROG,
        description="Talk to a Cognitive Memory Layer server from the shell.",
        epilog=example(
            "export CML_BASE_URL=http://localhost:8000 CML_API_KEY=...",
            f"{PROG} health",
            f'{PROG} write "User prefers dark mode" --tag preferences',
            f'{PROG} read "preferences" --json',
        )
        + "\n\n"
        + EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _shared_options(root, default=None)
    root.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = _Commands(root, shared)
    _commands.register(commands)
    _transfer_commands.register(commands)
    _server.register(commands)
    return root


# --------------------------------------------------------------------------- running


def _mask_argv_keys(argv: Sequence[str], output: Output) -> None:
    """Mask the keys given as arguments before anything is parsed, so even a parse error cannot echo them."""
    for index, arg in enumerate(argv):
        for flag in ("--api-key", "--admin-api-key"):
            if arg == flag and index + 1 < len(argv):
                output.add_secret(argv[index + 1])
            elif arg.startswith(flag + "="):
                output.add_secret(arg.split("=", 1)[1])


def run(argv: Sequence[str], *, output: Output | None = None) -> int:
    """Run the command line with ``argv`` and return its exit code (never raises).

    Args:
        argv: the arguments, without the program name.
        output: where to print (tests pass their own streams).

    Returns:
        The exit code: 0 ok, 1 an API error, 2 a usage or configuration error, 3 the server was unreachable,
        130 interrupted (Ctrl-C).
    """
    output = output or Output(json_mode=False)
    _mask_argv_keys(argv, output)
    debug = "--debug" in argv
    output.json_mode = "--json" in argv  # until the arguments are parsed: a usage error is JSON too
    state: State | None = None
    try:
        args = build_parser().parse_args(list(argv))
        output.json_mode = bool(args.json)
        state = State(output, args.base_url, args.api_key, args.tenant, args.admin_api_key, args.timeout)
        code = args.run(state, args)
        return EXIT_OK if code is None else int(code)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except KeyboardInterrupt:
        output.error("interrupted (Ctrl-C)", "Run the command again to finish it.", code=EXIT_INTERRUPTED)
        return EXIT_INTERRUPTED
    except Exception as exc:
        failure = describe(exc)
        if debug:
            output.note("".join(traceback.format_exception(exc)).rstrip())
        output.error(failure.message.replace("\n", " "), failure.suggestion, code=failure.code, **failure.details)
        return failure.code
    finally:
        if state is not None:
            state.close()


def render(state: State, value: Any, text: Callable[[], None]) -> None:
    """One JSON document with ``--json``, else what ``text`` prints."""
    if state.output.json_mode:
        state.output.document(value)
    else:
        text()


__all__ = ["EXIT_API_ERROR", "Parser", "State", "build_parser", "render", "run", "to_jsonable"]


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run(sys.argv[1:]))
