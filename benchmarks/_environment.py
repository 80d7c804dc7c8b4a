"""The machine and versions a run was measured on (the header of RESULTS.md)."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from importlib import metadata


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    """The checkout's commit, and whether the package differs from it."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    try:
        head = subprocess.run(
            ["git", "-C", root, "log", "-1", "--format=%h %s"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", root, "status", "--porcelain", "--", "heygen_async"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    sha, _, subject = head.partition(" ")
    subject = subject if len(subject) <= 60 else subject[:57] + "..."
    suffix = " + uncommitted changes to heygen_async/" if dirty else ""
    return f"`{sha}` ({subject}){suffix}"


def _load() -> str:
    try:
        one, five, _ = os.getloadavg()
    except (AttributeError, OSError):
        return "unknown"
    return f"{one:.2f} (1 min), {five:.2f} (5 min) at the start"


def _placement() -> str:
    from ._fake_server import cpu_split

    split = cpu_split()
    if split is None:
        return "one CPU: the loopback fake shares it with the client"
    mine, server_cpu = split
    client = ", ".join(str(cpu) for cpu in sorted(mine))
    return (
        f"loopback fake pinned to CPU {server_cpu}, the benchmark process to CPU {client} "
        "(unless a row says the scheduler placed them)"
    )


def describe(command: str) -> list[tuple[str, str]]:
    """(label, value) pairs: date, CPU count, platform, Python and library versions."""
    import heygen_async

    now = datetime.datetime.now(datetime.timezone.utc)
    return [
        ("Date", now.strftime("%Y-%m-%d %H:%M UTC")),
        ("CPUs", str(os.cpu_count())),
        ("Load average", _load()),
        ("CPU placement", _placement()),
        ("Commit", _commit()),
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
