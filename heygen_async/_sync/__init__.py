"""The sync facade: ``HeyGenClient`` runs ``AsyncHeyGenClient``'s coroutines on one
background event-loop thread. See docs/sync.md."""

from ._facade import HeyGenClient
from ._loop import shutdown, shutdown_sync_clients

__all__ = ["HeyGenClient", "shutdown", "shutdown_sync_clients"]
