"""docs/errors.md shows the table of client-side limits exactly as ``cml_ergonomic._limits`` has it."""

from __future__ import annotations

from pathlib import Path

from cml_ergonomic._limits import LIMITS, Limit

ERRORS_MD = Path(__file__).resolve().parents[2] / "docs" / "errors.md"


def row(limit: Limit) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    return f"| `{limit.name}` | {cell(limit.applies_to)} | {cell(limit.rule)} | {cell(limit.source)} |"


def table() -> str:
    return "\n".join(["| limit | applies to | rule | source |", "|---|---|---|---|", *(row(x) for x in LIMITS)])


def test_the_guide_shows_every_limit_with_its_source() -> None:
    text = ERRORS_MD.read_text(encoding="utf-8")
    assert table() in text, "docs/errors.md is out of date: paste tests.unit.test_limits_docs.table() into it"


if __name__ == "__main__":
    print(table())
