"""The memory, session, admin and check commands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from cml_ergonomic.cli import EXIT_API_ERROR
from cml_ergonomic.cli._app import PROG, State, int_range, json_object, render, timestamp, to_jsonable
from cml_ergonomic.cli._errors import UsageProblem

if TYPE_CHECKING:
    from cml_ergonomic.cli._app import _Commands


def health(state: State, args: argparse.Namespace) -> None:
    result = state.client(needs_key=False).health()
    base_url = state.client().config.base_url
    render(
        state, result, lambda: state.output.text(f"{result.get('status', '?')} ({base_url}, {result.get('timestamp')})")
    )


def stats(state: State, args: argparse.Namespace) -> None:
    result = state.client().stats()

    def text() -> None:
        state.output.text(str(result))
        by_type = to_jsonable(result).get("by_type") or {}
        if by_type:
            state.output.table(None, ["type", "count"], sorted(by_type.items()))

    render(state, result, text)


def write(state: State, args: argparse.Namespace) -> None:
    content = sys.stdin.read().strip("\n") if args.text == "-" else args.text
    result = state.client().write(
        content,
        context_tags=args.tags or None,
        memory_type=args.type,
        namespace=args.namespace,
        metadata=args.metadata,
        session_id=args.session,
        turn_id=args.turn_id,
        agent_id=args.agent,
        timestamp=args.timestamp,
    )
    render(state, result, lambda: state.output.text(str(result)))


def read(state: State, args: argparse.Namespace) -> None:
    result: Any = state.client().read(
        args.query,
        format=args.format,
        max_results=args.max_results,
        context_filter=args.tags or None,
        memory_types=args.types or None,
        since=args.since,
        until=args.until,
        user_timezone=args.timezone,
    )

    def text() -> None:
        if args.format == "llm_context":
            state.output.text(str(result.llm_context or ""))
            return
        state.output.table(
            f"{result.total_count} memories for {args.query!r} ({result.elapsed_ms:.0f} ms)",
            ["type", "relevance", "time", "text"],
            [(m.type_, f"{m.relevance:.2f}", m.timestamp, m.text) for m in result.memories],
        )

    render(state, result, text)


def turn(state: State, args: argparse.Namespace) -> None:
    result = state.client().turn(
        args.message,
        assistant_response=args.assistant,
        session_id=args.session,
        max_context_tokens=args.max_context_tokens,
        user_timezone=args.timezone,
    )

    def text() -> None:
        state.output.text(result.memory_context or "(no memory context)")
        state.output.note(f"retrieved {result.memories_retrieved}, stored {result.memories_stored}")

    render(state, result, text)


def _interactive() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def forget(state: State, args: argparse.Namespace) -> None:
    if not args.ids and args.query is None and args.before is None:
        raise UsageProblem("forget needs --id, --query or --before", f"e.g. {PROG} forget --query 'old address'")
    client = state.client()
    if args.query is None and args.before is None:  # ids the user named: nothing unseen can go
        result = client.forget(memory_ids=args.ids, action=args.action)
        render(state, result, lambda: state.output.text(str(result)))
        return
    # A query or an age is resolved to ids first, shown, and only those go (issue 17: a query once took 7 of 7).
    plan = client.plan_forget(query=args.query, before=args.before, memory_ids=args.ids, limit=args.limit)
    if not plan.memory_ids:
        state.output.note("nothing matches: nothing was forgotten")
        return
    state.output.note(str(plan))
    if not args.yes:
        if not _interactive():
            raise UsageProblem(
                f"forget by --query/--before would {args.action} the {len(plan)} memories listed above, "
                "and there is no terminal to ask",
                "Check the list, then run again with --yes to forget exactly those (or use --id).",
            )
        state.output.note(f"{args.action} these {len(plan)} memories? [y/N] ")
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            state.output.note("nothing was forgotten")
            return
    result = client.forget(plan, action=args.action)
    render(state, result, lambda: state.output.text(str(result)))


def session_create(state: State, args: argparse.Namespace) -> None:
    result = state.client().create_session(name=args.name, ttl_hours=args.ttl_hours, metadata=args.metadata)
    render(state, result, lambda: state.output.text(str(result)))


def check(state: State, args: argparse.Namespace) -> int:
    report = state.client(needs_key=False).check_compatibility()
    document = {
        "compatible": report.compatible,
        "older_server": report.older_server,
        "error": report.error,
        "affected_methods": list(report.affected_methods),
        "issues": [
            {"operation": c.operation, "location": c.location, "detail": c.detail, "rule": c.rule}
            for c in report.issues
        ],
    }
    render(state, document, lambda: state.output.text(str(report)))
    if report.compatible:
        return 0
    if state.output.json_mode:  # a script that sees the exit code finds the reason on stderr, as for any error
        first_line = str(report).splitlines()[0]
        state.output.error(first_line, "See the issues in the report on standard output.", code=EXIT_API_ERROR)
    return EXIT_API_ERROR


def admin_tenants(state: State, args: argparse.Namespace) -> None:
    from cml_ergonomic.cli import _admin

    rows = _admin.tenants(state.admin_client("admin tenants"))
    if state.output.json_mode:
        for row in rows:
            state.output.row(row)
        return
    columns = ["tenant_id", "memory_count", "active_memory_count", "fact_count", "event_count", "last_memory_at"]
    state.output.table(f"{len(rows)} tenants", columns, [[r.get(c) for c in columns] for r in rows])


def admin_memories(state: State, args: argparse.Namespace) -> None:
    from cml_ergonomic.cli import _admin

    client = state.admin_client("admin memories")
    tenant = state.tenant_of(client, "admin memories")
    listing = _admin.iter_memories(
        client,
        tenant,
        per_page=args.page_size,
        memory_type=args.type,
        status=args.status,
        search=args.search,
        session_id=args.session,
    )
    columns = ["id", "type", "status", "written_at", "text"]
    rows: list[list[Any]] = []
    total = shown = 0
    for reported, item in listing:
        total = reported
        if args.limit is not None and shown >= args.limit:
            break
        shown += 1
        if state.output.json_mode:
            state.output.row(item)  # JSON Lines as the pages arrive
        else:
            rows.append([item.get(c) for c in columns])
    if not state.output.json_mode:
        state.output.table(f"{shown} of {total} memories of {tenant}", columns, rows)


PLAN_COLUMNS = ("source", "query", "top_k", "priority", "timeout_ms", "memory_types")


def _score(value: Any) -> Any:
    return f"{value:.2f}" if isinstance(value, float) else value


def admin_explain(state: State, args: argparse.Namespace) -> None:
    from cml_ergonomic.cli import _admin

    client = state.admin_client("admin explain")
    result = _admin.explain(client, state.tenant_of(client, "admin explain"), args.query, max_results=args.max_results)

    def text() -> None:
        elapsed = float(result.get("elapsed_ms") or 0)
        state.output.text(f"explain {args.query!r}: {result.get('total_count', 0)} results in {elapsed:.0f} ms")
        steps = result.get("plan_steps") or []
        if steps:
            present = {k for step in steps for k in step}
            # What each step asks of which source first; alphabetical order would show flags and omit the source.
            keys = [k for k in PLAN_COLUMNS if k in present] or sorted(present)[:6]
            state.output.table("plan", keys, [[step.get(k) for k in keys] for step in steps])
        hits = result.get("results") or []
        rows = [
            [hit.get("type"), _score(hit.get("relevance_score", hit.get("relevance"))), hit.get("text")] for hit in hits
        ]
        state.output.table("results", ["type", "relevance", "text"], rows)

    render(state, result, text)


def register(commands: _Commands) -> None:
    """Add these commands to the tree."""
    commands.add("health", "Check that the server is up.", [f"{PROG} health", f"{PROG} health --json"], health)
    commands.add(
        "stats", "Count the tenant's memories, by state and by type.", [f"{PROG} stats", f"{PROG} stats --json"], stats
    )

    p = commands.add(
        "write",
        'Store TEXT as a memory ("-" reads it from standard input).',
        [
            f'{PROG} write "User prefers dark mode" --tag preferences --type preference',
            f"echo 'Lives in Oslo' | {PROG} write - --metadata '{{\"source\": \"import\"}}'",
        ],
        write,
    )
    p.add_argument("text", help='the text, or "-" for standard input')
    p.add_argument("--tag", dest="tags", action="append", help="a context tag (repeatable)")
    p.add_argument("--type", help="the memory type (the server classifies it when omitted)")
    p.add_argument("--namespace", help="a namespace")
    p.add_argument("--metadata", type=json_object, help="metadata as a JSON object")
    p.add_argument("--session", help="the session it belongs to")
    p.add_argument("--turn-id", help="the conversation turn it came from")
    p.add_argument("--agent", help="the agent that wrote it")
    p.add_argument("--timestamp", type=timestamp, help="when it happened (ISO 8601; UTC when no zone is given)")

    p = commands.add(
        "read",
        "Find the memories most relevant to QUERY.",
        [f'{PROG} read "UI preferences" --max-results 5', f'{PROG} read "what do I like?" --format llm_context'],
        read,
    )
    p.add_argument("query")
    p.add_argument("--format", choices=["packet", "list", "llm_context"], default="packet", help="default: packet")
    p.add_argument("--max-results", type=int_range(1, 50), default=10, help="1 to 50 (default 10)")
    p.add_argument("--tag", dest="tags", action="append", help="only memories with this context tag (repeatable)")
    p.add_argument("--type", dest="types", action="append", help="only this memory type (repeatable)")
    p.add_argument("--since", type=timestamp, help="only memories from this time on (ISO 8601)")
    p.add_argument("--until", type=timestamp, help="only memories up to this time (ISO 8601)")
    p.add_argument("--timezone", help="an IANA zone for relative dates ('yesterday')")

    p = commands.add(
        "turn",
        "Process one conversation turn: store MESSAGE, print the memory context for it.",
        [f'{PROG} turn "What do I like?" --session s-42'],
        turn,
    )
    p.add_argument("message")
    p.add_argument("--assistant", help="the assistant's reply, stored with it")
    p.add_argument("--session", help="the session")
    p.add_argument("--max-context-tokens", type=int, help="the budget for the context (tokens)")
    p.add_argument("--timezone", help="an IANA zone for relative dates")

    p = commands.add(
        "forget",
        "Forget memories chosen by id, or by query or age after showing them (asks on a terminal, else needs --yes).",
        [
            f"{PROG} forget --id 3f0c...e1 --id 9a2b...07",
            f'{PROG} forget --query "old address"',
            f"{PROG} forget --before 2025-01-01T00:00:00Z --yes --admin-api-key ...",
        ],
        forget,
    )
    p.add_argument("--id", dest="ids", action="append", help="a memory id (repeatable); forgotten without asking")
    p.add_argument("--query", help="forget what a read for this query returns (listed first; at most 50)")
    p.add_argument(
        "--before", type=timestamp, help="forget active memories older than this (ISO 8601; listed first; admin key)"
    )
    p.add_argument("--limit", type=int_range(1, 10_000), default=50, help="list at most this many (default 50)")
    p.add_argument("--yes", action="store_true", help="forget the listed memories without asking")
    p.add_argument(
        "--action",
        choices=["delete"],
        default="delete",
        help="delete (the server deletes for archive and silence too: use the admin bulk action for those)",
    )

    sessions = commands.group(
        "session", "Sessions group the memories of one conversation.", [f"{PROG} session create --name onboarding"]
    )
    p = sessions.add(
        "create", "Create a session and print its id.", [f"{PROG} session create --name onboarding --ttl-hours 48"]
    )
    p.set_defaults(run=session_create)
    p.add_argument("--name", help="a label")
    p.add_argument("--ttl-hours", type=int, default=24, help="hours until it expires (default 24)")
    p.add_argument("--metadata", type=json_object, help="metadata as a JSON object")

    commands.add(
        "check",
        "Compare the server's API with the one this SDK was built for (exit 1 when they differ).",
        [f"{PROG} check", f"{PROG} check --json"],
        check,
    )

    admin = commands.group(
        "admin", "Operator views of the server (need the admin key).", [f"{PROG} admin tenants --admin-api-key ..."]
    )
    admin.add(
        "tenants",
        "List every tenant with its memory counts (JSON Lines with --json).",
        [f"{PROG} admin tenants", f"{PROG} admin tenants --json | jq .tenant_id"],
        admin_tenants,
    )
    p = admin.add(
        "memories",
        "List a tenant's memories, oldest first, page after page (JSON Lines with --json).",
        [
            f"{PROG} admin memories --tenant acme --limit 20",
            f"{PROG} admin memories --type preference --json > p.jsonl",
        ],
        admin_memories,
    )
    p.add_argument("--type", help="only this memory type")
    p.add_argument("--status", help="only this status (active, silent, archived, deleted)")
    p.add_argument("--search", help="only memories whose text contains this")
    p.add_argument("--session", help="only memories of this session")
    p.add_argument("--limit", type=int_range(1), help="at most this many (default: all)")
    p.add_argument("--page-size", type=int_range(1, 200), default=100, help="memories per request (default 100)")
    p = admin.add(
        "explain",
        "Show how the server retrieves for QUERY: its plan, steps and results.",
        [f'{PROG} admin explain "dark mode" --tenant acme'],
        admin_explain,
    )
    p.add_argument("query")
    p.add_argument("--max-results", type=int_range(1, 50), default=10, help="1 to 50 (default 10)")
