"""A virtual environment with only the SDK's runtime dependencies, for the benchmarks
that start fresh interpreters (import time, time to the first request).

Why not the development venv: httpx registers its command-line entry point by
importing ``rich`` when it is installed, so ``import httpx`` there pulls in rich
and pygments and looks several times slower than it is for a user of the SDK.

The venv is built once from ``pyproject.toml``'s ``[project] dependencies``, each
pinned to the version installed here so every benchmark measures the same
libraries (``python -m venv`` + ``pip install``), and cached under
``$HEYGEN_BENCH_CACHE`` (default: ``<tempdir>/heygen-async-benchmarks``), keyed by
the interpreter and the dependency list, so later runs (CI's ``--quick``)
reuse it. When pip cannot reach an index, the venv is made from the
distributions already installed here instead (the same dependency closure,
linked, without rich); when that fails too, the benchmarks fall back to this
interpreter and say so. The SDK itself is never installed into it: the child
processes get the checkout on ``PYTHONPATH``, so they import the code under test.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_COMPLETE = "heygen-bench-complete.json"
_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class CoreEnv:
    python: str
    how: str  # how it was made, for the report
    versions: dict[str, str]
    core_only: bool  # False: the fallback to this interpreter (dev venv)

    def env(self) -> dict[str, str]:
        """Environment for a child that imports the checkout's ``heygen_async``."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["PYTHONPATH"] = str(REPO_ROOT)
        return env

    def describe(self) -> str:
        shown = ", ".join(f"{name} {version}" for name, version in sorted(self.versions.items()))
        return f"{self.how} ({shown})"


def runtime_dependencies() -> list[str]:
    """``[project] dependencies`` of the checkout's pyproject.toml (installed metadata
    on Python 3.10, which has no tomllib)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        requires = metadata.requires("heygen-async") or []
        return [r for r in requires if "extra ==" not in r]
    with open(REPO_ROOT / "pyproject.toml", "rb") as handle:
        return list(tomllib.load(handle)["project"]["dependencies"])


def pinned(requirements: list[str]) -> list[str]:
    """Each dependency at the version installed here (the one every other benchmark
    measures), when it is installed; pyproject's specifier otherwise."""
    pins = []
    for requirement in requirements:
        match = _NAME.match(requirement)
        try:
            version = metadata.version(match.group(1)) if match else None
        except metadata.PackageNotFoundError:
            version = None
        pins.append(f"{match.group(1)}=={version}" if match and version else requirement)
    return pins


def cache_dir() -> Path:
    root = os.environ.get("HEYGEN_BENCH_CACHE")
    return Path(root) if root else Path(tempfile.gettempdir()) / "heygen-async-benchmarks"


def _venv_python(directory: Path) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return directory / scripts / ("python.exe" if os.name == "nt" else "python")


def _probe(python: Path, names: list[str]) -> dict[str, str] | None:
    """Versions of ``names`` in that venv, or None when it is unusable or has rich."""
    program = (
        "import json, importlib.util, importlib.metadata as m\n"
        f"names = {names!r}\n"
        "print(json.dumps({'rich': importlib.util.find_spec('rich') is not None,"
        " 'versions': {n: m.version(n) for n in names}}))"
    )
    try:
        out = subprocess.run(
            [str(python), "-c", program], capture_output=True, text=True, check=True, timeout=60
        ).stdout
        found = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    return None if found["rich"] else dict(found["versions"])


def _closure(requirements: list[str]) -> list[metadata.Distribution]:
    """The installed distributions ``requirements`` need, transitively (extras
    ignored; a requirement whose marker excludes this interpreter is simply not
    installed, so it is skipped)."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(requirements)
    while todo:
        match = _NAME.match(todo.pop())
        if match is None:
            continue
        key = re.sub(r"[-_.]+", "-", match.group(1)).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(key)
        except metadata.PackageNotFoundError:
            continue
        seen[key] = dist
        todo += [r for r in (dist.requires or []) if "extra ==" not in r]
    return list(seen.values())


def _link_installed(directory: Path, requirements: list[str]) -> None:
    """Offline: a venv whose site-packages links the installed dependency closure."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(directory)], check=True, timeout=120
    )
    python = _venv_python(directory)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    target = Path(site)
    for dist in _closure(requirements):
        base = Path(str(dist.locate_file("")))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            source = base / top
            if top.endswith(".pth") or "__pycache__" in top or not source.exists():
                continue
            link = target / top
            if not link.exists():
                link.symlink_to(source, target_is_directory=source.is_dir())


def core_env(*, build: bool = True) -> CoreEnv:
    """The cached core-only venv (built when missing), or this interpreter as a
    clearly labelled fallback."""
    requirements = pinned(runtime_dependencies())
    names = sorted({_NAME.match(r).group(1) for r in requirements if _NAME.match(r)})  # type: ignore[union-attr]
    tag = hashlib.sha256(
        json.dumps([sys.version, sys.executable, requirements]).encode()
    ).hexdigest()[:12]
    directory = cache_dir() / f"core-venv-py{sys.version_info[0]}{sys.version_info[1]}-{tag}"
    python = _venv_python(directory)
    marker = directory / _COMPLETE
    if marker.exists():
        versions = _probe(python, names)
        if versions is not None:
            how = json.loads(marker.read_text())["how"]
            return CoreEnv(str(python), f"cached core-only venv, {how}", versions, True)
    if build:
        for how, make in (("pip install", _pip_install), ("linked installed", _link_installed)):
            shutil.rmtree(directory, ignore_errors=True)
            try:
                make(directory, requirements)
            except (OSError, subprocess.SubprocessError) as exc:
                print(f"core-only venv: {how} failed ({exc})", file=sys.stderr, flush=True)
                continue
            versions = _probe(python, names)
            if versions is not None:
                marker.write_text(json.dumps({"how": how, "requirements": requirements}))
                return CoreEnv(str(python), f"core-only venv built by {how}", versions, True)
    shutil.rmtree(directory, ignore_errors=True)
    print(
        "core-only venv unavailable: falling back to this interpreter (rich may skew httpx)",
        file=sys.stderr,
        flush=True,
    )
    versions = {name: metadata.version(name) for name in names}
    return CoreEnv(sys.executable, "FALLBACK: this (development) interpreter", versions, False)


def _pip_install(directory: Path, requirements: list[str]) -> None:
    subprocess.run([sys.executable, "-m", "venv", str(directory)], check=True, timeout=300)
    subprocess.run(
        [
            str(_venv_python(directory)),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *requirements,
        ],
        check=True,
        timeout=600,
    )
