"""The machine and versions a run was measured on (the header of RESULTS.md)."""

from __future__ import annotations

import datetime
import os
import platform
import sys
from importlib import metadata


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def describe(command: str) -> list[tuple[str, str]]:
    """(label, value) pairs: date, CPU count, platform, Python and library versions."""
    import heygen_async

    now = datetime.datetime.now(datetime.timezone.utc)
    return [
        ("Date", now.strftime("%Y-%m-%d %H:%M UTC")),
        ("CPUs", str(os.cpu_count())),
        ("Platform", f"{platform.platform()} ({platform.machine()})"),
        ("Python", f"{platform.python_implementation()} {sys.version.split()[0]}"),
        ("heygen_async", heygen_async.__version__),
        ("httpx", _version("httpx")),
        ("anyio", _version("anyio")),
        ("pydantic", _version("pydantic")),
        ("uvicorn (fake server)", _version("uvicorn")),
        ("trio (virtual time)", _version("trio")),
        ("Command", f"`{command}`"),
    ]
