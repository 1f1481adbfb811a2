"""Every ``python`` block of README.md and of the guides in ``docs/`` runs as written against the real server.

The blocks read the server's address, keys and tenant from ``CML_BASE_URL``,
``CML_API_KEY``, ``CML_ADMIN_API_KEY`` and ``CML_TENANT_ID``, as a reader's
shell has them after pasting what ``nox -s server`` prints. Each block runs in its own
interpreter with only those variables set, from a folder outside the
repository, so it gets nothing a reader would not have. New blocks are picked
up on their own.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ServerInfo

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(path: Path = README) -> list[tuple[int, str]]:
    """The ``python`` code blocks of a Markdown file, with the line each starts on."""
    text = path.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group(1)) for m in BLOCK.finditer(text)]


def reader_environment(server: ServerInfo) -> dict[str, str]:
    """What a reader's shell holds: no CML_* of ours, no PYTHONPATH, just the server's exports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CML_") and k != "PYTHONPATH"}
    env.update(
        CML_BASE_URL=server.base_url,
        CML_API_KEY=server.api_key,
        CML_ADMIN_API_KEY=server.admin_api_key,
        CML_TENANT_ID=server.tenant_id,
    )
    return env


BLOCKS = [
    (f"{path.relative_to(ROOT)}:{line}", code) for path in DOCUMENTS for line, code in python_blocks(path)
]


def test_the_documents_have_python_examples_and_none_hard_codes_a_server() -> None:
    assert python_blocks(README), "no ```python block found in README.md: the extraction is broken"
    assert len({where.split(":")[0] for where, _ in BLOCKS}) > 1, "no ```python block found in docs/"
    for where, code in BLOCKS:
        assert 'api_key="..."' not in code, f"{where} hard-codes a placeholder key"
        assert "localhost:8000" not in code, f"{where} hard-codes a server address"


@pytest.mark.parametrize(("where", "code"), BLOCKS, ids=[where for where, _ in BLOCKS])
def test_documented_block_runs_as_written(cml_server: ServerInfo, tmp_path: Path, where: str, code: str) -> None:
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")

    done = subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=reader_environment(cml_server),
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 0, f"{where} failed:\n{code}\n--- stderr ---\n{done.stderr[-3000:]}"
