"""The commands: a click group whose options configure the client, and one function per command.

Exit codes: 0 ok; 1 an API error (or lines that failed to import); 2 a usage or
configuration error; 3 the server was unreachable.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import click

from cml_ergonomic import CognitiveMemoryLayer
from cml_ergonomic.cli import EXIT_API_ERROR, EXIT_OK, EXIT_USAGE
from cml_ergonomic.cli._errors import UsageProblem, describe
from cml_ergonomic.cli._output import Output, to_jsonable

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CODES = """\b
Exit codes: 0 ok; 1 an API error; 2 a usage or configuration error; 3 the server was unreachable.
Every option falls back to its CML_* variable (CML_BASE_URL, CML_API_KEY, CML_TENANT_ID,
CML_ADMIN_API_KEY, CML_TIMEOUT)."""


def example(*lines: str) -> str:
    """An epilog that click prints as written: ``Example:`` and the command lines."""
    return "\b\nExample:\n" + "\n".join(f"  {line}" for line in lines)


@dataclass
class State:
    """What the group's options set up for the command that runs."""

    output: Output
    base_url: str | None = None
    api_key: str | None = None
    tenant: str | None = None
    admin_api_key: str | None = None
    timeout: float | None = None
    debug: bool = False
    _client: CognitiveMemoryLayer | None = field(default=None, repr=False)

    def client(self, *, needs_key: bool = True) -> CognitiveMemoryLayer:
        """The client, made on first use (a configuration error surfaces here, as exit code 2)."""
        if self._client is None:
            key = self.api_key
            if not needs_key and not key:
                import os

                key = os.environ.get("CML_API_KEY") or "unused"  # health needs no key; the client wants one
            self._client = CognitiveMemoryLayer(
                api_key=key,
                base_url=self.base_url,
                tenant_id=self.tenant,
                admin_api_key=self.admin_api_key,
                timeout=self.timeout,
                # The dashboard's POST routes refuse requests without it (a CSRF guard); it harms no other route.
                default_headers={"X-Requested-With": "XMLHttpRequest"},
            )
            click.get_current_context().call_on_close(self._client.close)
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


def _state() -> State:
    state = click.get_current_context().find_object(State)
    assert state is not None
    return state


def _timestamp(value: str | None, name: str) -> dt.datetime | None:
    if value is None:
        return None
    try:
        stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 time (e.g. 2025-01-31T12:00:00Z)", param_hint=name)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def _json_object(value: str | None, name: str) -> dict[str, Any] | None:
    if value is None:
        return None
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON ({exc.msg})", param_hint=name) from None
    if not isinstance(parsed, dict):
        raise click.BadParameter('must be a JSON object, e.g. \'{"source": "chat"}\'', param_hint=name)
    return parsed


# --------------------------------------------------------------------------- the group


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog=example(
        "export CML_BASE_URL=http://localhost:8000 CML_API_KEY=...",
        "cml-ergonomic health",
        'cml-ergonomic write "User prefers dark mode" --tag preferences',
        'cml-ergonomic --json read "preferences"',
    )
    + "\n\n"
    + EXIT_CODES,
)
@click.option("--base-url", envvar="CML_BASE_URL", help="The server's root URL [CML_BASE_URL].")
@click.option("--api-key", envvar="CML_API_KEY", help="The API key [CML_API_KEY]. Never printed.")
@click.option("--tenant", envvar="CML_TENANT_ID", help="The tenant (X-Tenant-Id) [CML_TENANT_ID].")
@click.option("--admin-api-key", envvar="CML_ADMIN_API_KEY", help="The admin key [CML_ADMIN_API_KEY]. Never printed.")
@click.option("--timeout", type=float, envvar="CML_TIMEOUT", help="Seconds per request [CML_TIMEOUT].")
@click.option("--json", "json_mode", is_flag=True, help="Print JSON (one document; JSON Lines for listings).")
@click.option("--debug", is_flag=True, help="Show the traceback of an error.")
@click.version_option(package_name="cml-ergonomic", prog_name="cml-ergonomic")
@click.pass_context
def cli(
    ctx: click.Context,
    base_url: str | None,
    api_key: str | None,
    tenant: str | None,
    admin_api_key: str | None,
    timeout: float | None,
    json_mode: bool,
    debug: bool,
) -> None:
    """Talk to a Cognitive Memory Layer server from the shell."""
    output = ctx.find_object(Output) or Output(json_mode=json_mode)
    output.json_mode = json_mode
    for secret in (api_key, admin_api_key):
        output.add_secret(secret)
    ctx.obj = State(output, base_url, api_key, tenant, admin_api_key, timeout, debug)


def command(group: click.Group, name: str, *examples: str, **kwargs: Any) -> Callable[[F], F]:
    """Register a command of ``group`` with its example in the help."""
    return group.command(name, epilog=example(*examples), **kwargs)  # type: ignore[return-value]


# --------------------------------------------------------------------------- memory commands


@command(cli, "health", "cml-ergonomic health", "cml-ergonomic --json health")
def health() -> None:
    """Check that the server is up."""
    state = _state()
    result = state.client(needs_key=False).health()
    if state.output.json_mode:
        state.output.document(result)
    else:
        state.output.text(f"{result.get('status', '?')} ({state.client().config.base_url}, {result.get('timestamp')})")


@command(cli, "stats", "cml-ergonomic stats", "cml-ergonomic --tenant acme --admin-api-key ... stats")
def stats() -> None:
    """Count the tenant's memories, by state and by type."""
    state = _state()
    result = state.client().stats()
    if state.output.json_mode:
        state.output.document(result)
        return
    state.output.text(str(result))
    by_type = to_jsonable(result).get("by_type") or {}
    if by_type:
        state.output.table(None, ["type", "count"], sorted(by_type.items()))


@command(
    cli,
    "write",
    'cml-ergonomic write "User prefers dark mode" --tag preferences --type preference',
    "echo 'Lives in Oslo' | cml-ergonomic write - --metadata '{\"source\": \"import\"}'",
)
@click.argument("text")
@click.option("--tag", "tags", multiple=True, help="A context tag (repeatable).")
@click.option("--type", "memory_type", help="The memory type (the server classifies it when omitted).")
@click.option("--namespace", help="A namespace.")
@click.option("--metadata", help="Metadata as a JSON object.")
@click.option("--session", "session_id", help="The session it belongs to.")
@click.option("--turn-id", help="The conversation turn it came from.")
@click.option("--agent", "agent_id", help="The agent that wrote it.")
@click.option("--timestamp", help="When it happened (ISO 8601; UTC when no zone is given).")
def write(
    text: str,
    tags: Sequence[str],
    memory_type: str | None,
    namespace: str | None,
    metadata: str | None,
    session_id: str | None,
    turn_id: str | None,
    agent_id: str | None,
    timestamp: str | None,
) -> None:
    """Store TEXT as a memory ("-" reads it from standard input)."""
    state = _state()
    content = sys.stdin.read() if text == "-" else text
    result = state.client().write(
        content.strip("\n") if text == "-" else content,
        context_tags=list(tags) or None,
        memory_type=memory_type,
        namespace=namespace,
        metadata=_json_object(metadata, "--metadata"),
        session_id=session_id,
        turn_id=turn_id,
        agent_id=agent_id,
        timestamp=_timestamp(timestamp, "--timestamp"),
    )
    if state.output.json_mode:
        state.output.document(result)
    else:
        state.output.text(str(result))


@command(
    cli,
    "read",
    'cml-ergonomic read "UI preferences" --max-results 5',
    'cml-ergonomic read "what do I like?" --format llm_context --type preference',
)
@click.argument("query")
@click.option("--format", "format_", type=click.Choice(["packet", "list", "llm_context"]), default="packet")
@click.option("--max-results", type=int, default=10, show_default=True, help="1 to 50.")
@click.option("--tag", "tags", multiple=True, help="Only memories with this context tag (repeatable).")
@click.option("--type", "types", multiple=True, help="Only this memory type (repeatable).")
@click.option("--since", help="Only memories from this time on (ISO 8601).")
@click.option("--until", help="Only memories up to this time (ISO 8601).")
@click.option("--timezone", "user_timezone", help="An IANA zone for relative dates ('yesterday').")
def read(
    query: str,
    format_: str,
    max_results: int,
    tags: Sequence[str],
    types: Sequence[str],
    since: str | None,
    until: str | None,
    user_timezone: str | None,
) -> None:
    """Find the memories most relevant to QUERY."""
    state = _state()
    result: Any = state.client().read(
        query,
        format=format_,  # type: ignore[arg-type]
        max_results=max_results,
        context_filter=list(tags) or None,
        memory_types=list(types) or None,
        since=_timestamp(since, "--since"),
        until=_timestamp(until, "--until"),
        user_timezone=user_timezone,
    )
    if state.output.json_mode:
        state.output.document(result)
        return
    if format_ == "llm_context":
        state.output.text(str(result.llm_context or ""))
        return
    rows = [(m.type_, f"{m.relevance:.2f}", m.timestamp, m.text) for m in result.memories]
    state.output.table(
        f"{result.total_count} memories for {query!r} ({result.elapsed_ms:.0f} ms)",
        ["type", "relevance", "time", "text"],
        rows,
    )


@command(cli, "turn", 'cml-ergonomic turn "What do I like?" --session s-42')
@click.argument("message")
@click.option("--assistant", "assistant_response", help="The assistant's reply, to store with it.")
@click.option("--session", "session_id", help="The session.")
@click.option("--max-context-tokens", type=int, help="The budget for the returned context.")
@click.option("--timezone", "user_timezone", help="An IANA zone for relative dates.")
def turn(
    message: str,
    assistant_response: str | None,
    session_id: str | None,
    max_context_tokens: int | None,
    user_timezone: str | None,
) -> None:
    """Process one conversation turn: store MESSAGE and return the memory context for it."""
    state = _state()
    result = state.client().turn(
        message,
        assistant_response=assistant_response,
        session_id=session_id,
        max_context_tokens=max_context_tokens,
        user_timezone=user_timezone,
    )
    if state.output.json_mode:
        state.output.document(result)
    else:
        state.output.text(result.memory_context or "(no memory context)")
        state.output.note(f"retrieved {result.memories_retrieved}, stored {result.memories_stored}")


@command(
    cli,
    "forget",
    "cml-ergonomic forget --id 3f0c...e1 --id 9a2b...07",
    'cml-ergonomic forget --query "old address" --action archive',
)
@click.option("--id", "memory_ids", multiple=True, help="A memory id (repeatable).")
@click.option("--query", help="Forget what matches this query.")
@click.option("--before", help="Forget what is older than this (ISO 8601).")
@click.option("--action", type=click.Choice(["delete", "archive", "silence"]), default="delete", show_default=True)
def forget(memory_ids: Sequence[str], query: str | None, before: str | None, action: str) -> None:
    """Forget memories chosen by id, by query or by age (at least one)."""
    state = _state()
    if not memory_ids and query is None and before is None:
        raise UsageProblem("forget needs --id, --query or --before", "e.g. cml-ergonomic forget --query 'old address'")
    result = state.client().forget(
        memory_ids=list(memory_ids) or None,
        query=query,
        before=_timestamp(before, "--before"),
        action=action,  # type: ignore[arg-type]
    )
    if state.output.json_mode:
        state.output.document(result)
    else:
        state.output.text(str(result))


@cli.group("session", epilog=example('cml-ergonomic session create --name onboarding --ttl-hours 48'))
def session() -> None:
    """Sessions group the memories of one conversation."""


@command(session, "create", "cml-ergonomic session create --name onboarding --ttl-hours 48")
@click.option("--name", help="A label.")
@click.option("--ttl-hours", type=int, default=24, show_default=True, help="Hours until it expires.")
@click.option("--metadata", help="Metadata as a JSON object.")
def session_create(name: str | None, ttl_hours: int, metadata: str | None) -> None:
    """Create a session and print its id."""
    state = _state()
    result = state.client().create_session(name=name, ttl_hours=ttl_hours, metadata=_json_object(metadata, "--metadata"))
    if state.output.json_mode:
        state.output.document(result)
    else:
        state.output.text(str(result))


@command(cli, "check", "cml-ergonomic check", "cml-ergonomic --json check")
def check() -> None:
    """Compare the server's API with the one this SDK was built for (exit 1 when they differ)."""
    state = _state()
    report = state.client(needs_key=False).check_compatibility()
    if state.output.json_mode:
        state.output.document(
            {
                "compatible": report.compatible,
                "error": report.error,
                "affected_methods": list(report.affected_methods),
                "issues": [
                    {"operation": c.operation, "location": c.location, "detail": c.detail, "rule": c.rule}
                    for c in report.issues
                ],
            }
        )
    else:
        state.output.text(str(report))
    if not report.compatible:
        raise click.exceptions.Exit(EXIT_API_ERROR)


# --------------------------------------------------------------------------- admin


@cli.group("admin", epilog=example("cml-ergonomic --admin-api-key ... admin tenants"))
def admin() -> None:
    """Operator views of the server (need the admin key)."""


@command(admin, "tenants", "cml-ergonomic admin tenants", "cml-ergonomic --json admin tenants | jq .tenant_id")
def admin_tenants() -> None:
    """List every tenant with its memory counts (JSON Lines with --json)."""
    from cml_ergonomic.cli import _admin

    state = _state()
    rows = _admin.tenants(state.admin_client("admin tenants"))
    if state.output.json_mode:
        for row in rows:
            state.output.row(row)
        return
    columns = ["tenant_id", "memory_count", "active_memory_count", "fact_count", "event_count", "last_memory_at"]
    state.output.table(f"{len(rows)} tenants", columns, [[r.get(c) for c in columns] for r in rows])


@command(
    admin,
    "memories",
    "cml-ergonomic --tenant acme admin memories --limit 20",
    "cml-ergonomic --tenant acme --json admin memories --type preference > prefs.jsonl",
)
@click.option("--type", "memory_type", help="Only this memory type.")
@click.option("--status", help="Only this status (active, silent, archived, deleted).")
@click.option("--search", help="Only memories whose text contains this.")
@click.option("--session", "session_id", help="Only memories of this session.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (default: all).")
@click.option("--page-size", type=click.IntRange(1, 200), default=100, show_default=True, help="Memories per request.")
def admin_memories(
    memory_type: str | None,
    status: str | None,
    search: str | None,
    session_id: str | None,
    limit: int | None,
    page_size: int,
) -> None:
    """List a tenant's memories, oldest first, page after page (JSON Lines with --json)."""
    from cml_ergonomic.cli import _admin

    state = _state()
    client = state.admin_client("admin memories")
    tenant = state.tenant_of(client, "admin memories")
    items = _admin.iter_memories(
        client, tenant, per_page=page_size, memory_type=memory_type, status=status, search=search, session_id=session_id
    )
    columns = ["id", "type", "status", "written_at", "text"]
    rows, total = [], 0
    for total, item in items:
        if limit is not None and len(rows) >= limit:
            break
        if state.output.json_mode:
            state.output.row(item)
            rows.append(None)
        else:
            rows.append([item.get(c) for c in columns])
    if not state.output.json_mode:
        state.output.table(f"{len(rows)} of {total} memories of {tenant}", columns, rows)


@command(admin, "explain", 'cml-ergonomic --tenant acme admin explain "dark mode"')
@click.argument("query")
@click.option("--max-results", type=click.IntRange(1, 50), default=10, show_default=True)
def admin_explain(query: str, max_results: int) -> None:
    """Show how the server retrieves for QUERY: its plan, steps and results."""
    from cml_ergonomic.cli import _admin

    state = _state()
    client = state.admin_client("admin explain")
    result = _admin.explain(client, state.tenant_of(client, "admin explain"), query, max_results=max_results)
    if state.output.json_mode:
        state.output.document(result)
        return
    state.output.text(f"explain {query!r}: {result.get('total_count', 0)} results in {result.get('elapsed_ms', 0):.0f} ms")
    steps = result.get("plan_steps") or []
    if steps:
        keys = sorted({k for step in steps for k in step})[:5]
        state.output.table("plan", keys, [[step.get(k) for k in keys] for step in steps])
    hits = result.get("results") or []
    state.output.table(
        "results",
        ["type", "relevance", "text"],
        [[h.get("type"), h.get("relevance") if h.get("relevance") is not None else h.get("score"), h.get("text")] for h in hits],
    )


# --------------------------------------------------------------------------- export / import

from cml_ergonomic.cli import _transfer_commands  # noqa: E402,F401  (registers export and import)


# --------------------------------------------------------------------------- running


def run(argv: list[str], *, output: Output | None = None) -> int:
    """Run the command line with ``argv`` and return its exit code (never raises).

    Args:
        argv: the arguments, without the program name.
        output: where to print (tests pass their own streams).

    Returns:
        The exit code.
    """
    output = output or Output(json_mode="--json" in argv)
    for secret_flag in ("--api-key", "--admin-api-key"):  # mask keys even when parsing fails before the group runs
        if secret_flag in argv[:-1]:
            output.add_secret(argv[argv.index(secret_flag) + 1])
    debug = "--debug" in argv
    try:
        result = cli.main(args=argv, prog_name="cml-ergonomic", standalone_mode=False, obj=output)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        output.error("aborted")
        return EXIT_USAGE
    except click.UsageError as exc:
        hint = f"Run '{exc.ctx.command_path} --help' for the options and an example." if exc.ctx else ""
        output.error(exc.format_message().replace("\n", " "), hint)
        return EXIT_USAGE
    except click.ClickException as exc:
        output.error(exc.format_message().replace("\n", " "))
        return exc.exit_code
    except Exception as exc:
        failure = describe(exc)
        if debug:
            output.note("".join(traceback.format_exception(exc)))
        output.error(failure.message.replace("\n", " "), failure.suggestion)
        return failure.code
    return result if isinstance(result, int) else EXIT_OK


__all__ = ["cli", "run"]
