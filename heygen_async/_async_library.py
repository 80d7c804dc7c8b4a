"""Which async library the current task runs on (the SDK supports asyncio and trio)."""

from __future__ import annotations

import sys


def running_under_trio() -> bool:
    """True inside a trio task; checked without importing trio when it isn't loaded."""
    trio = sys.modules.get("trio")
    if trio is None:
        return False
    try:
        trio.lowlevel.current_task()
    except RuntimeError:
        return False
    return True
