"""MkDocs hook: pages that show another file of the repository, so that file stays the single source.

A line ``<!-- include PATH -->`` (PATH relative to the repository root) is
replaced by that file, without its first-level heading; ``<!-- include
PATH#Heading -->`` by the body of the second-level section ``## Heading``,
its own sub-headings kept and the benchmark's ``_N s_`` timing line dropped.
Links that the included file makes to ``docs/`` pages (and to the changelog)
are rewritten to work on the site; a link to any other file of the repository
keeps its text only, since the site does not carry that file. The home page includes
README.md, the changelog page CHANGELOG.md, and the performance figures come
from ``bench/results.md``, so none of them is copied by hand.

On GitHub the directive is an invisible comment, so each page says in words
where the included content lives as well.

The functions take and return text only; ``tests/docs`` uses :func:`expand`
to see a page exactly as the site shows it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
INCLUDE = re.compile(r"^<!-- include (?P<path>[^#\s]+)(?:#(?P<heading>[^>]+?))? -->$", re.MULTILINE)
TIMING_LINE = re.compile(r"^_\d+ s_$")
LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?!https?://|#|mailto:)(?P<target>[^)\s]+)\)")


class IncludeError(ValueError):
    """An include names a file or a section that does not exist (the strict build fails on it)."""


def section(text: str, heading: str) -> str:
    """The body of the ``## heading`` section of ``text`` (up to the next ``##``), without timing lines.

    Raises:
        IncludeError: there is no such section.
    """
    lines = text.splitlines()
    try:
        start = lines.index(f"## {heading}") + 1
    except ValueError:
        raise IncludeError(f"no section '## {heading}'") from None
    body: list[str] = []
    for line in lines[start:]:
        if line.startswith("## "):
            break
        if not TIMING_LINE.match(line.strip()):
            body.append(line)
    return "\n".join(body).strip() + "\n"


def without_title(text: str) -> str:
    """``text`` without its first ``# `` heading line."""
    lines = text.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[:index] + lines[index + 1 :]).strip() + "\n"
    return text


def _relink(text: str, source: Path, page: Path) -> str:
    """Rewrite the relative links of ``source``'s text so that they work from ``page`` on the site."""

    def fix(match: re.Match[str]) -> str:
        target, _, anchor = match.group("target").partition("#")
        resolved = (source.parent / target).resolve()
        suffix = f"#{anchor}" if anchor else ""
        if resolved.is_relative_to(DOCS):
            relative = Path(*([".."] * (len(page.parent.relative_to(DOCS).parts)))) / resolved.relative_to(DOCS)
            return f"[{match.group('text')}]({relative.as_posix()}{suffix})"
        if resolved == ROOT / "CHANGELOG.md":
            up = "../" * len(page.parent.relative_to(DOCS).parts)
            return f"[{match.group('text')}]({up}changelog.md{suffix})"
        # Another file of the repository is not a page of the site: its name stays, as text.
        return match.group("text")

    return LINK.sub(fix, text)


def expand(text: str, page: Path) -> str:
    """``text`` (the Markdown of ``page``) with every include directive replaced by what it names.

    Raises:
        IncludeError: a directive names a missing file or section.
    """

    def include(match: re.Match[str]) -> str:
        source = ROOT / match.group("path")
        if not source.is_file():
            raise IncludeError(f"{page.name}: {match.group(0)}: no file {source}")
        content = source.read_text(encoding="utf-8")
        heading = match.group("heading")
        try:
            body = section(content, heading.strip()) if heading else without_title(content)
        except IncludeError as exc:
            raise IncludeError(f"{page.name}: {match.group(0)}: {exc} in {source.name}") from None
        return _relink(body, source, page).rstrip("\n")

    return INCLUDE.sub(include, text)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """MkDocs' hook: expand the includes of each page."""
    return expand(markdown, DOCS / page.file.src_path)
