"""What a release promises: one version everywhere, and extras that ``import cml_ergonomic`` never imports."""

from __future__ import annotations

import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import cml_ergonomic
from cml_ergonomic.cli import main

CONSOLE_SCRIPT = Path(sys.executable).parent / "cml-ergonomic"
ROOT = Path(__file__).resolve().parents[2]
KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}  # Keep a Changelog 1.1.0


def test_version_matches_the_installed_metadata() -> None:
    assert cml_ergonomic.__version__ == importlib.metadata.version("cml-ergonomic")


def test_the_console_script_prints_the_metadata_version() -> None:
    done = subprocess.run([str(CONSOLE_SCRIPT), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"cml-ergonomic {importlib.metadata.version('cml-ergonomic')}"


def test_version_needs_no_cli_extra(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``--version`` is answered before the cli extra (rich) is looked for."""
    monkeypatch.setitem(sys.modules, "rich", None)  # `import rich` now raises ImportError
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"cml-ergonomic {cml_ergonomic.__version__}"
    assert main(["health"]) == 2  # every other command still asks for the extra
    assert '"cli" extra' in capsys.readouterr().err


# What `import httpx` loads is httpx's (with click installed, as the mcp extra brings it, httpx imports its own
# command line: click, rich, pygments); the check is on what importing the SDK adds to that.
IMPORTED = """
import json, sys
import httpx
before = set(sys.modules)
import cml_ergonomic
extras = {"cml_ergonomic", "uv", "rich", "pytest", "mcp", "openai", "opentelemetry", "starlette"}
print(json.dumps(sorted(m for m in set(sys.modules) - before if m.split(".")[0] in extras)))
"""


EXTRA_MODULES = ("cml_ergonomic.server", "cml_ergonomic.cli", "cml_ergonomic.mcp", "cml_ergonomic.otel")


def test_import_cml_ergonomic_imports_no_extra() -> None:
    done = subprocess.run([sys.executable, "-c", IMPORTED], capture_output=True, text=True, timeout=60, check=True)
    modules = json.loads(done.stdout)
    assert "cml_ergonomic" in modules
    extras = [m for m in modules if not m.startswith("cml_ergonomic") or m.startswith(EXTRA_MODULES)]
    assert not extras, extras


def test_the_server_command_needs_no_cli_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "rich", None)
    assert main(["server", "--help"]) == 0
    assert "--server-source" in capsys.readouterr().out
    assert main(["server", "--server-source", "/nowhere/at/all"]) == 2
    assert "no server source at '/nowhere/at/all'" in capsys.readouterr().err


def test_otel_without_the_extra_is_a_configuration_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from cml_ergonomic import CognitiveMemoryLayer, ConfigurationError

    monkeypatch.setitem(sys.modules, "opentelemetry", None)  # `from opentelemetry import trace` now fails
    monkeypatch.delitem(sys.modules, "cml_ergonomic.otel", raising=False)
    with pytest.raises(ConfigurationError, match=r"cml-ergonomic\[otel\]"):
        CognitiveMemoryLayer(api_key="k", base_url="http://127.0.0.1:9", otel=True)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_the_changelog_keeps_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, re.MULTILINE)
    assert releases and releases[0] == ("Unreleased", ""), releases
    released = releases[1:]
    assert all(date for _, date in released), "a released version needs its date"
    versions = [_version_key(version) for version, _ in released]
    assert versions == sorted(versions, reverse=True), "newest release first"
    assert set(re.findall(r"^### (.+)$", text, re.MULTILINE)) <= KINDS
    if released:  # the package is the newest release, or ahead of it (unreleased work)
        assert _version_key(cml_ergonomic.__version__) >= versions[0]
