"""``cml-ergonomic mcp``: run the MCP server (stdio by default, or streamable HTTP on loopback).

The connection options are the command line's (``--base-url``, ``--api-key``,
``--tenant``, ``--admin-api-key``, ``--timeout``), each falling back to its
``CML_*`` variable. Nothing but the protocol is written to stdout: an MCP
client reads it. Exit codes: 0 stopped; 2 a usage or configuration error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

EXIT_OK, EXIT_USAGE = 0, 2
DEFAULT_PORT = 8765
TOKEN_ENV = "CML_MCP_TOKEN"


def build_parser() -> argparse.ArgumentParser:
    """The options of ``cml-ergonomic mcp``."""
    parser = argparse.ArgumentParser(
        prog="cml-ergonomic mcp",
        description="Serve the CML memory tools to MCP clients (Claude Desktop, Cursor, agent frameworks).",
        epilog="Example:\n  cml-ergonomic mcp                                  # stdio, what an MCP client spawns\n"
        "  cml-ergonomic mcp --transport http --port 8765     # http://127.0.0.1:8765/mcp\n\n"
        "Every connection option falls back to its CML_* variable (CML_BASE_URL, CML_API_KEY, CML_TENANT_ID,\n"
        "CML_ADMIN_API_KEY, CML_TIMEOUT). Exit codes: 0 stopped; 2 a usage or configuration error.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    group = parser.add_argument_group("connection")
    group.add_argument("--base-url", help="the server's root URL [CML_BASE_URL]")
    group.add_argument("--api-key", help="the API key [CML_API_KEY]; never printed")
    group.add_argument("--tenant", help="the tenant, sent as X-Tenant-Id [CML_TENANT_ID]")
    group.add_argument("--admin-api-key", help="the admin key [CML_ADMIN_API_KEY]; no tool uses it")
    group.add_argument("--timeout", type=float, help="seconds per request [CML_TIMEOUT]")
    group.add_argument("--fake", action="store_true", help="an in-memory FakeCML instead of a server (to try a client)")
    tools = parser.add_argument_group("tools")
    tools.add_argument("--tools", help="comma-separated tool names (default: the five the server documents)")
    tools.add_argument("--session-id", help="the session the writes and turns belong to")
    tools.add_argument("--forget-cap", type=int, help="memories one memory_forget call may affect (default 10)")
    http = parser.add_argument_group("transport")
    http.add_argument("--transport", choices=("stdio", "http"), default="stdio", help="default: stdio")
    http.add_argument("--host", default="127.0.0.1", help="HTTP address (default 127.0.0.1)")
    http.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"HTTP port (default {DEFAULT_PORT})")
    http.add_argument("--allow-remote", action="store_true", help="allow a non-loopback --host (needs a token)")
    http.add_argument(
        "--token-env",
        default=TOKEN_ENV,
        help=f"the variable holding the bearer token every HTTP request must carry (default {TOKEN_ENV})",
    )
    http.add_argument("--allowed-host", action="append", default=[], help="another Host header to accept")
    http.add_argument("--allowed-origin", action="append", default=[], help="another Origin header to accept")
    return parser


def _client(args: argparse.Namespace) -> Any:
    if args.fake:
        from cml_ergonomic.testing import FakeCML

        return FakeCML().async_client()
    from cml_ergonomic import AsyncCognitiveMemoryLayer

    return AsyncCognitiveMemoryLayer(
        api_key=args.api_key,
        base_url=args.base_url,
        tenant_id=args.tenant,
        admin_api_key=args.admin_api_key,
        timeout=args.timeout,
    )


async def _run(args: argparse.Namespace, token: str | None) -> None:
    from cml_ergonomic.mcp._http import security_settings, serve
    from cml_ergonomic.mcp._server import build_server

    include = [name.strip() for name in args.tools.split(",") if name.strip()] if args.tools else None
    async with _client(args) as client:
        server = build_server(client, include=include, session_id=args.session_id, forget_cap=args.forget_cap)
        if args.transport == "stdio":
            await server.run_stdio_async()
        else:
            settings = security_settings(args.host, args.port, args.allowed_host, args.allowed_origin)
            print(f"serving MCP at http://{args.host}:{args.port}/mcp", file=sys.stderr, flush=True)
            await serve(server, args.host, args.port, token=token, settings=settings)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``cml-ergonomic mcp``.

    Args:
        argv: the arguments after ``mcp``.

    Returns:
        The exit code: 0 when the server stopped, 2 for a usage or configuration error.
    """
    try:
        import mcp  # noqa: F401
    except ImportError:
        print('cml-ergonomic mcp: needs the "mcp" extra: pip install "cml-ergonomic[mcp]"', file=sys.stderr)
        return EXIT_USAGE
    import anyio

    from cml_ergonomic.errors import ConfigurationError
    from cml_ergonomic.mcp._http import RemoteBindRefused, check_bind

    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    token = os.environ.get(args.token_env) or None
    try:
        if args.transport == "http":
            check_bind(args.host, allow_remote=args.allow_remote, token=token)
        anyio.run(_run, args, token)
    except (RemoteBindRefused, ConfigurationError, ValueError) as exc:
        print(f"cml-ergonomic mcp: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        pass
    return EXIT_OK
