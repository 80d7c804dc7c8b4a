"""The one seam between pushed news (webhook deliveries, the event log) and waits.

Every scheduler that waits on jobs (today the shared ``StatusPoller`` of single
waits and each ``wait_for_videos`` run) ``listen``s here; a receiver calls
``settle(video_id, status)`` and every wait of the client for that video ends at
once: with ``status`` when it says all a wait returns (completed with its URL, or
failed), else by reading the status now instead of at its next tick.

Once a receiver is attached, waits trust deliveries and poll ``slow_factor`` times
less often (``pace``). A poll that finds a job ended that no delivery announced
(``missed``) shows deliveries are not arriving: the policy's own pace is back
until the next authentic delivery. Polling is the safety net.

::

    settlements.settle("vid_1", VideoStatus(video_id="vid_1", status="completed",
                                            video_url="https://..."))
    settlements.settle("vid_2")   # something happened: read it now
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from .._clock import Clock
from .._errors import HeyGenError
from .._logging import logger
from ..models import VideoStatus

# (video id, the status when known) -> None. Called on the event loop of the waits.
Listener = Callable[[str, VideoStatus | None], None]

# Terminal statuses kept for waits that start after their delivery arrived.
SETTLED_KEEP = 10_000
# Poll intervals are multiplied by this while deliveries flow.
DELIVERY_SLOW_FACTOR = 8.0
# Deliveries "flow" for this many seconds after the last authentic one.
DELIVERY_FLOWING_FOR = 120.0


def settles_wait(status: VideoStatus | None) -> bool:
    """True when ``status`` is all a wait returns: failed, or completed with its URL."""
    if status is None:
        return False
    return status.is_failed or (status.is_completed and bool(status.video_url))


@dataclass(eq=False)
class Settlements:
    """Pushed outcomes of one client's jobs, handed to every wait of that client."""

    clock: Clock
    slow_factor: float = DELIVERY_SLOW_FACTOR
    flowing_for: float = DELIVERY_FLOWING_FOR
    keep: int = SETTLED_KEEP
    _listeners: list[Listener] = field(default_factory=list)
    _settled: OrderedDict[str, VideoStatus] = field(default_factory=OrderedDict)
    _last_delivery: float = -math.inf
    _last_missed: float = -math.inf
    attached: bool = False
    """True once a receiver takes deliveries for this client (pace slows)."""
    catch_up: Callable[[], Awaitable[object]] | None = None
    """Reads the event log and settles what it finds (set by the receiver)."""
    _last_catch_up: float = -math.inf
    # The thread of the waits' event loop, and a way onto it, for receivers served
    # from another thread (uvicorn in a thread): learned when a wait first listens.
    _home: tuple[int, Callable[[Callable[[], None]], object]] | None = None

    # -- waits ----------------------------------------------------------------------

    def listen(self, listener: Listener) -> Callable[[], None]:
        """Hear every settlement; returns the function that stops it."""
        self._learn_home()
        self._listeners.append(listener)

        def stop() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return stop

    def settled(self, video_id: str) -> VideoStatus | None:
        """The terminal status pushed for ``video_id`` before a wait asked, if any."""
        return self._settled.get(video_id)

    def pace(self) -> float:
        """The factor on poll intervals now: ``slow_factor`` while a receiver is
        attached and no poll has found a job ended that no delivery announced since
        the last delivery; else 1."""
        if self.attached and self._last_missed <= self._last_delivery:
            return self.slow_factor
        return 1.0

    def note_missed(self, video_id: str) -> bool:
        """A poll found ``video_id`` ended before any delivery said so: deliveries
        are late or lost, and polling goes back to its own pace. True when the
        event log should be read now (at most once per ``flowing_for`` seconds)."""
        if not self.attached or video_id in self._settled:
            return False
        now = self.clock.now()
        self._last_missed = now
        if self.catch_up is None or now - self._last_catch_up <= self.flowing_for:
            return False
        self._last_catch_up = now
        return True

    async def missed(self, video_id: str) -> None:
        """``note_missed``, then read the event log when due, settling what it finds
        (a failed read is logged: polling still covers every wait)."""
        if self.note_missed(video_id) and self.catch_up is not None:
            try:
                await self.catch_up()
            except HeyGenError as exc:
                logger.warning("reading the webhook event log failed: %s", exc)

    # -- news -------------------------------------------------------------------------

    def delivered(self) -> bool:
        """Note an authentic delivery now; True when it ends a silence (the first one,
        or the first after ``flowing_for`` seconds without): deliveries may have been
        missed, so the caller should read the event log."""
        now = self.clock.now()
        after_gap = now - self._last_delivery > self.flowing_for
        self._last_delivery = now
        return after_gap

    def settle(self, video_id: str, status: VideoStatus | None = None) -> None:
        """End every wait of this client for ``video_id`` now: with ``status`` when
        ``settles_wait(status)``, else by a status read now. Safe from any thread."""
        home = self._home
        if home is not None and home[0] != threading.get_ident():
            home[1](lambda: self._settle_here(video_id, status))
            return
        self._settle_here(video_id, status)

    def _settle_here(self, video_id: str, status: VideoStatus | None) -> None:
        if settles_wait(status):
            assert status is not None
            self._settled[video_id] = status
            self._settled.move_to_end(video_id)
            while len(self._settled) > self.keep:
                self._settled.popitem(last=False)
        for listener in list(self._listeners):
            listener(video_id, status)

    def _learn_home(self) -> None:
        try:
            import asyncio

            loop = asyncio.get_running_loop()
        except RuntimeError:  # trio, or no loop: settle on the caller's thread
            return
        self._home = (threading.get_ident(), loop.call_soon_threadsafe)
