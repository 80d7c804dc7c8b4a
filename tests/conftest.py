"""Fixtures shared by every test folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import heygen_async


@pytest.fixture(autouse=True)
def _no_heygen_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or hosts from the environment."""
    for name in (
        "HEYGEN_API_KEY",
        "HEYGEN_BASE_URL",
        "HEYGEN_UPLOAD_URL",
        "HEYGEN_LOG",
        "HEYGEN_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)


MypyRun = Callable[..., "tuple[str, str, int]"]


@pytest.fixture
def mypy_strict(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MypyRun:
    """``run(name, source, *flags)``: ``mypy --strict`` over a user's script
    ``<name>.py`` holding ``source``, with this checkout's config and cache (only the
    script is new, so a run takes a fraction of a second once the package is
    cached); its stdout, stderr and exit status. Skips without mypy or a checkout."""
    api = pytest.importorskip("mypy.api")
    project = Path(heygen_async.__file__).resolve().parent.parent
    if not (project / "pyproject.toml").exists():
        pytest.skip("needs the project's checkout (its config)")
    monkeypatch.chdir(project)  # mypy finds this checkout's heygen_async first

    def run(name: str, source: str, *flags: str) -> tuple[str, str, int]:
        script = tmp_path / f"{name}.py"
        script.write_text(source, encoding="utf-8")
        config = ["--config-file", str(project / "pyproject.toml")]
        cache = ["--cache-dir", str(project / ".mypy_cache")]
        quiet = ["--no-error-summary", "--show-error-codes"]
        stdout, stderr, status = api.run(["--strict", *config, *cache, *quiet, *flags, str(script)])
        return stdout, stderr, status

    return run
