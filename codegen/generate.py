"""Run the pinned ``openapi-python-client`` on the patched snapshot, and check the result.

Generation always happens in a fresh temporary directory, outside the
repository, so that ``generate`` and ``check`` produce the same bytes: no
ruff configuration of ours or anyone's leaks into the formatting, and a
half-finished run never leaves ``generated/`` broken.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from codegen.patches import apply_patches
from codegen.schema import load_document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGE = "cml_api_client"
GENERATED_DIR = ROOT / "generated" / PACKAGE
CONFIG = HERE / "config.yaml"
TEMPLATES = HERE / "templates"


class GenerationError(Exception):
    """The generator failed or warned (warnings are errors: ``--fail-on-warning``)."""


def _run_generator(snapshot: Path, workdir: Path) -> Path:
    patched = apply_patches(load_document(snapshot))
    document = workdir / "openapi.json"
    document.write_text(json.dumps(patched, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    output = workdir / PACKAGE
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}  # the pinned ruff for post-hooks
    cmd = [
        sys.executable,
        "-m",
        "openapi_python_client",
        "generate",
        "--path",
        str(document),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--fail-on-warning",
        "--output-path",
        str(output),
    ]
    proc = subprocess.run(cmd, cwd=workdir, env=env, capture_output=True, text=True)
    if proc.returncode != 0 or not (output / "__init__.py").exists():
        raise GenerationError(f"openapi-python-client failed (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    # With --meta none the generator writes no py.typed; the package ships typed, so the pipeline adds it.
    (output / "py.typed").write_text("")
    return output


def generate(snapshot: Path, destination: Path = GENERATED_DIR) -> int:
    """Regenerate ``destination`` from ``snapshot``.

    Args:
        snapshot: the OpenAPI snapshot (unpatched; patches are applied in memory).
        destination: the package directory to replace.

    Returns:
        The number of generated API operation modules.

    Raises:
        GenerationError: the generator failed or warned.
        codegen.schema.SchemaError: the snapshot is unreadable.
    """
    with tempfile.TemporaryDirectory(prefix="cml-codegen-") as tmp:
        output = _run_generator(snapshot, Path(tmp))
        if destination.exists():
            shutil.rmtree(destination)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(output, destination)
    return count_operations(destination)


def count_operations(package: Path) -> int:
    """How many operation modules a generated package has (one per API operation)."""
    return sum(1 for p in (package / "api").rglob("*.py") if p.name != "__init__.py")


@dataclass
class Drift:
    """How ``generated/`` differs from what the snapshot produces."""

    added: list[str] = field(default_factory=list)  # would be created
    removed: list[str] = field(default_factory=list)  # would be deleted
    changed: dict[str, list[str]] = field(default_factory=dict)  # path -> unified diff lines

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def summary(self, max_diff_lines: int = 20) -> str:
        """A readable list of the differing files, with the start of each diff."""
        lines = []
        for name in self.added:
            lines.append(f"  missing from generated/: {name}")
        for name in self.removed:
            lines.append(f"  not produced by the generator: {name}")
        for name, diff in self.changed.items():
            lines.append(f"  differs: {name} ({sum(1 for d in diff if d[:1] in '+-') - 2} lines)")
            lines.extend("      " + d.rstrip("\n") for d in diff[:max_diff_lines])
        return "\n".join(lines)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def check(snapshot: Path, destination: Path = GENERATED_DIR) -> Drift:
    """Regenerate into a temporary directory and compare with ``destination``.

    Args:
        snapshot: the OpenAPI snapshot.
        destination: the committed generated package.

    Returns:
        The drift; empty (falsy) when ``destination`` is exactly what generation produces.

    Raises:
        GenerationError: the generator failed or warned.
    """
    with tempfile.TemporaryDirectory(prefix="cml-codegen-check-") as tmp:
        expected = _files(_run_generator(snapshot, Path(tmp)))
    actual = _files(destination) if destination.exists() else {}
    drift = Drift(
        added=sorted(set(expected) - set(actual)),
        removed=sorted(set(actual) - set(expected)),
    )
    for name in sorted(set(expected) & set(actual)):
        if expected[name] != actual[name]:
            drift.changed[name] = list(
                difflib.unified_diff(
                    actual[name].decode(errors="replace").splitlines(keepends=True),
                    expected[name].decode(errors="replace").splitlines(keepends=True),
                    f"generated/{PACKAGE}/{name}",
                    f"regenerated/{name}",
                )
            )
    return drift
