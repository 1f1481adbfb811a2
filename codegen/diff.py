"""``python -m codegen diff OLD NEW``: what changed between two schemas, for callers of ``cml_ergonomic``.

The comparison itself lives in :mod:`cml_ergonomic._schemadiff` (the runtime's
``check_compatibility()`` uses the same engine); this module loads the two
documents and renders the result as a Markdown report or as JSON.

Exit codes: 0 when nothing is breaking (or ``--fail-on-breaking`` is not
given); 1 when something is breaking and ``--fail-on-breaking`` is given;
2 when a document cannot be read, is not OpenAPI 3, or cannot be resolved.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator

from cml_ergonomic._schemadiff import Change, SchemaDiff, SchemaDiffError, Severity, compare
from codegen.schema import SchemaError, load_document

EXIT_OK, EXIT_BREAKING = 0, 1

_HEADINGS = {
    Severity.BREAKING: "Breaking changes",
    Severity.COMPATIBLE: "Compatible changes",
    Severity.INFORMATIONAL: "Informational changes",
}


def run_diff(args: argparse.Namespace) -> int:
    """Compare ``args.old`` with ``args.new`` and print the report.

    Args:
        args: ``old`` and ``new`` (snapshot file or server URL), ``format``
            (``markdown`` or ``json``) and ``fail_on_breaking``.

    Returns:
        1 when a change is breaking and ``fail_on_breaking`` is set, else 0.

    Raises:
        SchemaError: a document cannot be read, is not OpenAPI 3, or has a
            ``$ref`` that does not resolve.
    """
    old_source, new_source = str(args.old), str(args.new)
    old, new = load_document(old_source), load_document(new_source)
    try:
        diff = compare(old, new)
    except SchemaDiffError as exc:
        raise SchemaError(f"cannot compare {old_source} with {new_source}: {exc}") from exc
    if args.format == "json":
        print(json.dumps({"old": old_source, "new": new_source, **diff.to_json()}, indent=2, ensure_ascii=False))
    else:
        print(render_markdown(diff, old_source, new_source), end="")
    return EXIT_BREAKING if args.fail_on_breaking and diff.breaking else EXIT_OK


def render_markdown(diff: SchemaDiff, old_source: str, new_source: str) -> str:
    """The Markdown report: a summary table first, then the changes by severity and operation.

    Args:
        diff: the comparison result.
        old_source: how to name the old document.
        new_source: how to name the new document.

    Returns:
        The report, ending with a newline.
    """
    lines = [f"# Schema diff: `{old_source}` → `{new_source}`", "", *_summary(diff)]
    for severity in Severity:
        changes = diff.of_severity(severity)
        if changes:
            lines += ["", f"## {_HEADINGS[severity]} ({len(changes)})", *_details(changes)]
    return "\n".join(lines) + "\n"


def _summary(diff: SchemaDiff) -> list[str]:
    lines = [
        "## Summary",
        "",
        "| Severity | Changes | Affected wrapper methods |",
        "|---|---:|---|",
    ]
    for severity in Severity:
        methods = diff.methods_affected_by(severity) if severity is not Severity.INFORMATIONAL else ()
        lines.append(f"| {severity.value} | {len(diff.of_severity(severity))} | {_methods(methods)} |")
    lines.append("")
    if diff.breaking:
        lines.append(
            f"**{len(diff.breaking)} breaking change(s)**: callers of "
            f"{_methods(diff.methods_affected_by(Severity.BREAKING))} can fail against the new server."
        )
    elif diff.changes:
        lines.append("**No breaking changes.**")
    else:
        lines.append("**No changes.**")
    return lines


def _details(changes: list[Change]) -> Iterator[str]:
    operations = list(dict.fromkeys(change.operation for change in changes))
    for operation in operations:
        in_operation = [change for change in changes if change.operation == operation]
        yield ""
        yield f"### `{operation}`"
        yield ""
        yield f"Wrapper methods: {_methods(in_operation[0].methods) if in_operation[0].methods else 'none (raw only)'}"
        yield ""
        for change in in_operation:
            yield f"- `{change.location}`: {change.detail}. Rule `{change.rule}`: {change.reason}"


def _methods(methods: tuple[str, ...]) -> str:
    return ", ".join(f"`{method}`" for method in methods) if methods else "—"
