"""``python -m codegen diff OLD NEW``: what changed between two schemas, for both kinds of callers.

The comparison itself lives in :mod:`cml_ergonomic._schemadiff` (the runtime's
``check_compatibility()`` uses the same engine); :mod:`codegen.names` names the
generated module and models each change touches. This module loads the two
documents and renders the result as a Markdown report or as JSON, with a
severity for each audience: callers of the wrapper (``cml_ergonomic``'s
methods) and raw callers of the generated client (``client.raw``,
``cml_api_client``).

Exit codes: 0 when nothing is breaking (or ``--fail-on-breaking`` is not
given); 1 when ``--fail-on-breaking`` is given and a change is breaking for
the audience ``--breaking-for`` names (``any`` by default: wrapper or raw
callers); 2 when a document cannot be read, is not OpenAPI 3, or cannot be
resolved.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from cml_ergonomic._schemadiff import RULES, Audience, Change, SchemaDiff, SchemaDiffError, Severity, compare
from codegen.names import name_changes
from codegen.schema import Document, SchemaError, load_document

EXIT_OK, EXIT_BREAKING = 0, 1
BREAKING_FOR = ("any", "wrapper", "raw")

_SECTIONS = (
    "Breaking for wrapper callers",
    "Breaking for raw callers only",
    "Compatible changes",
    "Informational changes",
)


def compare_named(old: Document, new: Document) -> SchemaDiff:
    """Compare two documents and name the generated code each change touches.

    Args:
        old: the document callers were written against.
        new: the document of the server they will talk to.

    Returns:
        The classified changes, with ``module`` and ``models`` filled in.

    Raises:
        SchemaDiffError: a document cannot be resolved.
    """
    return name_changes(compare(old, new), old, new)


def is_breaking(diff: SchemaDiff, breaking_for: str = "any") -> bool:
    """Whether ``--fail-on-breaking`` fails for this diff.

    Args:
        diff: the comparison result.
        breaking_for: ``wrapper``, ``raw``, or ``any`` (either audience).

    Returns:
        True when a change is breaking for that audience.
    """
    audiences = list(Audience) if breaking_for == "any" else [Audience(breaking_for)]
    return any(diff.of_severity(Severity.BREAKING, audience) for audience in audiences)


def run_diff(args: argparse.Namespace) -> int:
    """Compare ``args.old`` with ``args.new`` and print the report.

    Args:
        args: ``old`` and ``new`` (snapshot file or server URL), ``format``
            (``markdown`` or ``json``), ``fail_on_breaking`` and
            ``breaking_for`` (``any``, ``wrapper`` or ``raw``).

    Returns:
        1 when ``fail_on_breaking`` is set and a change is breaking for the
        chosen audience, else 0.

    Raises:
        SchemaError: a document cannot be read, is not OpenAPI 3, or has a
            ``$ref`` that does not resolve.
    """
    old_source, new_source = str(args.old), str(args.new)
    old, new = load_document(old_source), load_document(new_source)
    try:
        diff = compare_named(old, new)
    except SchemaDiffError as exc:
        raise SchemaError(f"cannot compare {old_source} with {new_source}: {exc}") from exc
    if args.format == "json":
        print(json.dumps({"old": old_source, "new": new_source, **diff.to_json()}, indent=2, ensure_ascii=False))
    else:
        print(render_markdown(diff, old_source, new_source), end="")
    return EXIT_BREAKING if args.fail_on_breaking and is_breaking(diff, args.breaking_for) else EXIT_OK


def _section(change: Change) -> int:
    """Which of ``_SECTIONS`` a change is listed in: the worst it is for anyone comes first."""
    if change.severity is Severity.BREAKING:
        return 0
    if change.raw_severity is Severity.BREAKING:
        return 1
    if Severity.COMPATIBLE in (change.severity, change.raw_severity):
        return 2
    return 3


def render_markdown(diff: SchemaDiff, old_source: str, new_source: str) -> str:
    """The Markdown report: a summary per audience first, then the changes, then the rules that classified them.

    Args:
        diff: the comparison result (named by :func:`compare_named` to list generated code).
        old_source: how to name the old document.
        new_source: how to name the new document.

    Returns:
        The report, ending with a newline.
    """
    lines = [f"# Schema diff: `{old_source}` → `{new_source}`", "", *_summary(diff)]
    for index, heading in enumerate(_SECTIONS):
        changes = [change for change in diff.changes if _section(change) == index]
        if changes:
            lines += ["", f"## {heading} ({len(changes)})", *_details(changes)]
    if diff.changes:
        lines += ["", "## Rules", "", *_rules(diff.changes)]
    return "\n".join(lines) + "\n"


def _summary(diff: SchemaDiff) -> list[str]:
    lines = [
        "## Summary",
        "",
        "| Severity | Wrapper callers | Raw callers |",
        "|---|---:|---:|",
    ]
    for severity in Severity:
        wrapper, raw = (len(diff.of_severity(severity, audience)) for audience in Audience)
        lines.append(f"| {severity.value} | {wrapper} | {raw} |")
    lines.append("")
    if not diff.changes:
        return [*lines, "**No changes.**"]
    wrapper_breaking = diff.of_severity(Severity.BREAKING, Audience.WRAPPER)
    raw_breaking = diff.of_severity(Severity.BREAKING, Audience.RAW)
    lines.append(
        f"- **Wrapper callers** (`cml_ergonomic`): {len(wrapper_breaking)} breaking change(s); callers of "
        f"{_names(diff.methods_affected_by(Severity.BREAKING))} can fail against the new server."
        if wrapper_breaking
        else "- **Wrapper callers** (`cml_ergonomic`): no breaking changes."
    )
    lines.append(
        f"- **Raw callers** (`client.raw`, `cml_api_client`): {len(raw_breaking)} breaking change(s), in "
        f"{_names(diff.generated_affected_by(Severity.BREAKING))}."
        if raw_breaking
        else "- **Raw callers** (`client.raw`, `cml_api_client`): no breaking changes."
    )
    return lines


def _severity(severity: Severity) -> str:
    return f"**{severity.value}**" if severity is Severity.BREAKING else severity.value


def _details(changes: list[Change]) -> Iterator[str]:
    for operation in dict.fromkeys(change.operation for change in changes):
        in_operation = [change for change in changes if change.operation == operation]
        first = in_operation[0]
        yield ""
        yield f"### `{operation}`"
        yield ""
        yield (
            f"Wrapper methods: {_names(first.methods) if first.methods else 'none (raw only)'}. "
            f"Generated module: {f'`{first.module}`' if first.module else 'none'}."
        )
        yield ""
        yield "| Location | Change | Wrapper | Raw | Rule | Generated models |"
        yield "|---|---|---|---|---|---|"
        for change in in_operation:
            yield (
                f"| `{change.location}` | {_cell(change.detail)} | {_severity(change.severity)} | "
                f"{_severity(change.raw_severity)} | `{change.rule}` | {_names(change.models)} |"
            )


def _rules(changes: list[Change]) -> Iterator[str]:
    """Each rule the report used, with why it means what it means for each audience."""
    raw_only = any(change.reason != RULES[change.rule].sentence for change in changes)
    for rule_id in sorted({change.rule for change in changes}):
        rule = RULES[rule_id]
        yield (f"- `{rule.id}`: wrapper {rule.severity.value}: {rule.sentence} Raw {rule.raw.value}: {rule.raw_reason}")
    if raw_only:
        yield "- On an operation no wrapper method calls, no change is breaking for wrapper callers."


def _cell(text: str) -> str:
    """Text that stays inside its Markdown table cell (``string | null`` has a pipe)."""
    return text.replace("|", "\\|").replace("\n", " ")


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names) if names else "—"
