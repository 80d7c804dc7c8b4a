"""A single wait on asyncio: a loop future that the poller answers.

The caller awaits the future itself: a sleeping wait holds this future and its
``Watch``, no coroutine frame of its own and no listener beside it (issue 24: about
350 bytes a wait fewer than a coroutine sleeping on an event; 10,000 waits are
3.4 MiB lighter). Imported only under asyncio, never at the SDK's import.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from .._errors import HeyGenError
from ._poller import JobPoller, Watch

if TYPE_CHECKING:
    from ._wait import StatusListener  # (``_wait`` imports this module when it runs)


class FutureWait(asyncio.Future[Any]):
    """The future of one wait: its result is the finished status, its exception the
    wait's error. Cancelling it (its caller was cancelled) ends the wait on the
    poller at once; the job itself goes on at HeyGen."""

    __slots__ = ("on_status", "poller", "watch")

    def __init__(self, poller: JobPoller, on_status: StatusListener | None) -> None:
        super().__init__(loop=asyncio.get_running_loop())
        self.poller = poller
        self.on_status = on_status
        self.watch: Watch | None = None  # set once the poller holds it

    def changed(self, watch: Watch, status: Any) -> None:
        if self.on_status is not None:
            self.on_status(status)

    def finished(self, watch: Watch, status: Any, error: HeyGenError | None) -> None:
        # The watch holds this future as its listener: with the link back gone, both
        # (and the status) are freed as the caller returns, not by a cyclic collection
        # (10,000 waits held 11 MiB of ended ones until one ran).
        self.watch = None
        if self.done():  # its caller was cancelled
            return
        if error is not None:
            self.set_exception(error)
        else:
            self.set_result(status)

    def cancel(self, msg: Any | None = None) -> bool:
        # Task.cancel() cancels the future its task awaits through this method.
        cancelled = super().cancel(msg)
        watch, self.watch = self.watch, None
        if cancelled and watch is not None:
            self.poller.discard(watch)
        return cancelled


__all__ = ["FutureWait"]
