"""The sync facade: ``HeyGenClient`` runs ``AsyncHeyGenClient``'s coroutines on one
background event-loop thread. See docs/sync.md.

Its names load on first use: the noun modules import the sync forms of their
methods (``_resources``), and an async-only program should not pay for the facade
or the loop thread's machinery.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._facade import HeyGenClient
    from ._loop import shutdown, shutdown_sync_clients

_EXPORTS = {
    "HeyGenClient": "._facade",
    "shutdown": "._loop",
    "shutdown_sync_clients": "._loop",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = ["HeyGenClient", "shutdown", "shutdown_sync_clients"]
