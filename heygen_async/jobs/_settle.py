"""What webhook deliveries tell a client's ``JobPoller``: its pace, the news that
came before a wait began, and the way back onto the waits' event loop.

The poller keeps one ``PushedNews``. A receiver (``client.webhook_receiver``)
``attach``es to it; from then on:

- **pace**: every wait's interval is multiplied by ``slow_factor`` (8) while
  deliveries are trusted; a read that finds a job ended that no delivery announced
  (``missed``) shows they are not arriving, and the policy's own pace is back until
  the next authentic delivery. Polling is the safety net, never off.
- **catch-up**: after such a miss (at most once per ``flowing_for`` seconds) the
  receiver's ``catch_up`` reads the event log, which settles what was missed.
- **early news**: a finished status delivered while no wait waited for its job is
  kept (the newest ``keep``), and answers a wait that starts later at once.
- **home**: a receiver served on another thread (uvicorn in a thread, the sync
  client) settles on the waits' own event loop (asyncio ``call_soon_threadsafe``).

::

    poller.settle("video", "vid_1", status)       # ends every wait for vid_1
    poller.news.pace()                            # 8.0 while deliveries flow
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from .._clock import Clock
from .._errors import HeyGenError
from .._logging import logger

# Poll intervals are multiplied by this while deliveries are trusted.
DELIVERY_SLOW_FACTOR = 8.0
# A delivery ends a "silence" (the event log is read) after this many seconds without.
DELIVERY_FLOWING_FOR = 120.0
# Finished statuses kept for waits that start after their delivery arrived.
EARLY_NEWS_KEEP = 10_000

CatchUp = Callable[[], Awaitable[object]]


class PushedNews:
    """One poller's view of webhook deliveries (see the module docstring)."""

    def __init__(
        self,
        clock: Clock,
        *,
        slow_factor: float = DELIVERY_SLOW_FACTOR,
        flowing_for: float = DELIVERY_FLOWING_FOR,
        keep: int = EARLY_NEWS_KEEP,
    ) -> None:
        self.clock = clock
        self.slow_factor = slow_factor
        self.flowing_for = flowing_for
        self.keep = keep
        self.attached = False
        """True once a receiver takes deliveries for this client (the pace slows)."""
        self.catch_up: CatchUp | None = None
        """Reads the event log and settles what it finds (set by the receiver)."""
        self._early: OrderedDict[tuple[str, str], Any] = OrderedDict()
        self._announced: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._last_delivery = -math.inf
        self._last_missed = -math.inf
        self._last_catch_up = -math.inf
        # The waits' thread and a way onto their loop: learned when a wait starts.
        self._home: tuple[int, Any] | None = None

    # -- pace -------------------------------------------------------------------------

    def attach(self, catch_up: CatchUp | None) -> None:
        """A receiver takes deliveries from now on; ``catch_up`` reads the event log.
        Called on the client's loop, it learns that loop (before any wait does), so
        that a catch-up from a receiver on another thread reads the log there."""
        self.attached = True
        self.catch_up = catch_up
        self.learn_home()

    def pace(self) -> float:
        """The factor on poll intervals now: ``slow_factor`` while a receiver is
        attached and no read found a job ended that no delivery announced since the
        last delivery; else 1."""
        if self.attached and self._last_missed <= self._last_delivery:
            return self.slow_factor
        return 1.0

    def delivered(self) -> bool:
        """Note an authentic delivery now; True when it ends a silence (the first one,
        or the first after ``flowing_for`` seconds without): deliveries may have been
        missed meanwhile, so the receiver reads the event log."""
        now = self.clock.now()
        after_gap = now - self._last_delivery > self.flowing_for
        self._last_delivery = now
        return after_gap

    def missed(self, kind_name: str, job_id: str) -> bool:
        """A read found this job ended before any delivery said so: the pace is back
        to the policy's own. True when the event log should be read now (at most
        once per ``flowing_for`` seconds)."""
        key = (kind_name, job_id)
        if not self.attached or key in self._early or key in self._announced:
            return False
        now = self.clock.now()
        self._last_missed = now
        if self.catch_up is None or now - self._last_catch_up <= self.flowing_for:
            return False
        self._last_catch_up = now
        return True

    async def read_event_log(self) -> None:
        """``catch_up``, a failure logged (polling still covers every wait)."""
        if self.catch_up is None:
            return
        try:
            await self.catch_up()
        except HeyGenError as exc:
            logger.warning("reading the webhook event log failed: %s", exc)

    # -- early news ---------------------------------------------------------------------

    def keep_early(self, kind_name: str, job_id: str, status: Any) -> None:
        """Keep a finished status for a wait that may start later."""
        _remember(self._early, (kind_name, job_id), status, self.keep)

    def announce(self, kind_name: str, job_id: str) -> None:
        """Note a delivery that said this job ended without its status (the read it
        causes is then no sign of a missed delivery)."""
        _remember(self._announced, (kind_name, job_id), None, self.keep)

    def early(self, kind_name: str, job_id: str) -> Any:
        """The finished status delivered before this wait began, or None."""
        return self._early.get((kind_name, job_id))

    # -- the waits' event loop --------------------------------------------------------------

    def learn_home(self) -> None:
        """Note the waits' thread and asyncio loop (called as a wait starts)."""
        try:
            import asyncio

            loop = asyncio.get_running_loop()
        except RuntimeError:  # trio, or no loop: settle on the caller's thread
            return
        self._home = (threading.get_ident(), loop)

    def away_from_home(self, fn: Callable[[], object]) -> bool:
        """Run ``fn`` on the waits' loop and return True when called from another
        thread; False (``fn`` not run) on the waits' own thread."""
        home = self._home
        if home is None or home[0] == threading.get_ident():
            return False
        home[1].call_soon_threadsafe(fn)
        return True

    async def at_home(self, fn: Callable[[], Awaitable[Any]]) -> Any:
        """Await ``fn()`` on the waits' loop (the client's connections live there),
        from whichever thread and loop the caller runs on."""
        home = self._home
        if home is None or home[0] == threading.get_ident():
            return await fn()
        import asyncio

        future = asyncio.run_coroutine_threadsafe(_call(fn), home[1])
        return await asyncio.wrap_future(future)


def _remember(
    memory: OrderedDict[tuple[str, str], Any], key: tuple[str, str], value: Any, keep: int
) -> None:
    memory[key] = value
    memory.move_to_end(key)
    while len(memory) > keep:
        memory.popitem(last=False)


async def _call(fn: Callable[[], Awaitable[Any]]) -> Any:
    return await fn()


__all__ = ["DELIVERY_FLOWING_FOR", "DELIVERY_SLOW_FACTOR", "EARLY_NEWS_KEEP", "PushedNews"]
