"""Every code block of the documentation site runs as written, against the real server where it needs one.

The blocks are those of README.md, of every page under ``docs/`` and of every
file a page includes (the site's home page is README.md, its changelog page
CHANGELOG.md). The fence's language decides what happens to a block:

- ``python``: run in its own interpreter against the real server. A block that
  defines a ``def test_`` function is a test file: it runs under pytest, with
  the package's pytest plugins loaded from their entry points exactly as in a
  user's project (``cml_fake``, ``cml_client``, ``cml_async_client``,
  ``cml_local_server``), and must collect and pass at least one test.
- ``bash``: run by ``bash -euo pipefail`` against the real server, with this
  environment's ``bin/`` first on ``PATH`` (so ``cml-ergonomic`` and ``python``
  are the installed package's), and must exit 0.
- ``console`` and ``text`` are not run: ``text`` is not code (diagrams,
  tables, reports) and ``console`` shows commands a test cannot run as written
  here: the quick start (the demo and the whole test suite), install lines
  with placeholder paths (``nox -s package`` runs them with real ones: see
  ``checks/test_dist.py``), long-running servers (``cml-ergonomic server`` and
  ``nox -s server``: ``tests/integration/test_harness.py`` and
  ``test_nox_server.py``; the MCP server: ``tests/unit/test_mcp_server.py``),
  migrations between placeholder hosts, and forgetting by query or age, which
  would delete other tests' memories on the shared server (the forget tests of
  ``tests/unit/test_cli.py`` and ``tests/contract/cases_forget.py``).
- ``json`` (an MCP client's configuration) is parsed, not run.
- Any other language, or a fence without one, fails
  ``test_every_block_has_a_known_kind``: a new kind of block needs a rule here.

Every block runs in a fresh folder outside the repository, with only the
server's ``CML_BASE_URL``, ``CML_API_KEY``, ``CML_ADMIN_API_KEY`` and
``CML_TENANT_ID`` set (what a reader's shell holds after pasting what
``cml-ergonomic server`` prints) and no ``PYTHONPATH``, so it gets nothing a
reader would not have. New blocks are picked up on their own.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from docs_build.includes import INCLUDE
from tests.conftest import ServerInfo

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
FENCE = re.compile(r"^```(?P<lang>[^\n`]*)\n(?P<code>.*?)^```", re.DOTALL | re.MULTILINE)
RUN = {"python", "bash"}
NOT_RUN = {"console", "text"}
PARSED = {"json"}  # configuration examples: no server to run them against, but they must parse


def documents() -> list[Path]:
    """README.md, every page of the site, and every file a page includes."""
    pages = sorted((ROOT / "docs").rglob("*.md"))
    included = {ROOT / m.group("path") for page in pages for m in INCLUDE.finditer(page.read_text(encoding="utf-8"))}
    return [README, *pages, *sorted(included - {README})]


def blocks(path: Path) -> list[tuple[int, str, str]]:
    """The fenced code blocks of a Markdown file: (line it starts on, language, code)."""
    text = path.read_text(encoding="utf-8")
    return [
        (text.count("\n", 0, m.start()) + 2, m.group("lang").strip(), m.group("code")) for m in FENCE.finditer(text)
    ]


def python_blocks(path: Path = README) -> list[tuple[int, str]]:
    """The ``python`` blocks of a Markdown file, with the line each starts on."""
    return [(line, code) for line, lang, code in blocks(path) if lang == "python"]


def reader_environment(server: ServerInfo) -> dict[str, str]:
    """What a reader's shell holds: no CML_* of ours, no PYTHONPATH, just the server's exports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_") and k != "PYTHONPATH"}
    env.update(
        CML_BASE_URL=server.base_url,
        CML_API_KEY=server.api_key,
        CML_ADMIN_API_KEY=server.admin_api_key,
        CML_TENANT_ID=server.tenant_id,
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


ALL_BLOCKS = [
    (f"{path.relative_to(ROOT)}:{line}", lang, code) for path in documents() for line, lang, code in blocks(path)
]
RUNNABLE = [(where, lang, code) for where, lang, code in ALL_BLOCKS if lang in RUN]


def test_every_block_has_a_known_kind() -> None:
    unknown = [
        f"{where} ({lang or 'no language'})" for where, lang, _ in ALL_BLOCKS if lang not in RUN | NOT_RUN | PARSED
    ]
    assert not unknown, f"blocks without a rule (mark them python, bash, console or text): {unknown}"


@pytest.mark.parametrize(
    ("where", "code"),
    [(where, code) for where, lang, code in ALL_BLOCKS if lang in PARSED],
    ids=[where for where, lang, _ in ALL_BLOCKS if lang in PARSED],
)
def test_documented_json_parses(where: str, code: str) -> None:
    json.loads(code)  # a reader pastes it into a configuration file as it stands


def test_the_documents_have_runnable_examples_and_none_hard_codes_a_server() -> None:
    assert python_blocks(README), "no ```python block found in README.md: the extraction is broken"
    assert len({where.split(":")[0] for where, _, _ in RUNNABLE}) > 2, "no runnable block found in docs/"
    assert {"python", "bash"} <= {lang for _, lang, _ in RUNNABLE}
    assert any("def test_" in code for _, _, code in RUNNABLE), "no pytest example found"
    for where, _, code in RUNNABLE:
        assert 'api_key="..."' not in code, f"{where} hard-codes a placeholder key"
        assert "localhost:8000" not in code, f"{where} hard-codes a server address"


def _command(lang: str, code: str, folder: Path) -> list[str]:
    if lang == "bash":
        return ["bash", "-euo", "pipefail", "-c", code]
    if "def test_" in code:
        (folder / "test_example.py").write_text(code, encoding="utf-8")
        return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_example.py"]
    (folder / "example.py").write_text(code, encoding="utf-8")
    return [sys.executable, "example.py"]


@pytest.mark.parametrize(("where", "lang", "code"), RUNNABLE, ids=[where for where, _, _ in RUNNABLE])
def test_documented_block_runs_as_written(
    cml_server: ServerInfo, tmp_path: Path, where: str, lang: str, code: str
) -> None:
    tmp_path.chmod(0o755)  # a block may start a server whose PostgreSQL runs as nobody under its run folder
    done = subprocess.run(
        _command(lang, code, tmp_path),
        cwd=tmp_path,
        env=reader_environment(cml_server),
        capture_output=True,
        text=True,
        timeout=600,
    )

    output = f"--- stdout ---\n{done.stdout[-3000:]}\n--- stderr ---\n{done.stderr[-3000:]}"
    assert done.returncode == 0, f"{where} failed:\n{code}\n{output}"
    if "def test_" in code and lang == "python":
        assert re.search(r"\b\d+ passed\b", done.stdout) and " failed" not in done.stdout, output
