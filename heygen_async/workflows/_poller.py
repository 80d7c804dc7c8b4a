"""One status poller per client, shared by all of its waits.

Each wait keeps its own ``PollPolicy`` schedule: it asks the poller for its next
status ``delay`` seconds from now (``next_status``). When a wait falls due, it
reads the statuses of every wait due within the coalescing window with it, in one
request of up to ``batch_size`` ids (v3's ``GET /v3/videos/statuses``): the others
find their answer waiting when their own moment comes, so a thousand waits cost a
few requests per round instead of a thousand. A status read in bulk carries no
download URLs on v3, so a video seen ``completed`` (or ``failed``, for its reason)
gets one single read of its own.

With ``batch_size == 1`` (the legacy API) every wait reads its own status when due,
exactly as a lone poller would.

A settlement (``Settlements.settle``: a webhook delivery) ends the sleep of every
ticket of its video at once: a status that says all (completed with its URL, or
failed) is the answer without any read; otherwise the video is read now.

::

    poller = StatusPoller(read_batch, read_one, batch_size=100, batch_has_urls=False,
                          clock=clock)
    status = await poller.next_status("vid_1", delay=5.0)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import anyio

from .._clock import Clock
from .._constants import POLL_COALESCE_FRACTION, POLL_COALESCE_WINDOW
from .._transport._call import CURRENT_CALL, CallOptions
from ..models import VideoStatus
from ._settle import Settlements, settles_wait

BatchReader = Callable[[Sequence[str]], Awaitable[list[VideoStatus]]]
SingleReader = Callable[[str], Awaitable[VideoStatus]]


@dataclass(eq=False, slots=True)
class _Ticket:
    """One wait's next check: when it is due, and its answer once read."""

    video_id: str
    due: float
    delay: float
    # The wait's per-request options: only reads with equal options are shared.
    options: CallOptions | None = None
    answer: VideoStatus | BaseException | None = None
    batch: anyio.Event | None = None  # set while a batch read includes this ticket
    settled: VideoStatus | None = None  # pushed by a settlement
    poked: bool = False  # a settlement came: stop sleeping
    sleep: anyio.CancelScope | None = None  # cancelled by a settlement


@dataclass(eq=False)
class StatusPoller:
    """Coalesces the status checks of every wait of one client."""

    read_batch: BatchReader
    read_one: SingleReader
    batch_size: int
    batch_has_urls: bool
    clock: Clock
    window: float = POLL_COALESCE_WINDOW
    settlements: Settlements | None = None
    _tickets: set[_Ticket] = field(default_factory=set)
    _by_video: dict[str, set[_Ticket]] = field(default_factory=dict)
    _stop_listening: Callable[[], None] | None = None

    def pace(self) -> float:
        """The factor on poll intervals now (slower while webhook deliveries flow)."""
        return 1.0 if self.settlements is None else self.settlements.pace()

    async def next_status(self, video_id: str, delay: float) -> VideoStatus:
        """Sleep ``delay`` seconds, then return the video's status (raising what the
        read raised). A terminal status always comes from a single read, with its
        URLs and failure reason, unless a settlement brought them: then it is
        returned at once, without a read."""
        pushed = None if self.settlements is None else self.settlements.settled(video_id)
        if pushed is not None:
            return pushed  # delivered before this wait asked
        call = CURRENT_CALL.get()
        options = None if call is None else call.options
        ticket = _Ticket(video_id, self.clock.now() + delay, delay, options)
        self._add(ticket)
        try:
            with anyio.CancelScope() as ticket.sleep:
                if not ticket.poked:
                    await self.clock.sleep(delay)
            ticket.sleep = None
            while ticket.answer is None and not ticket.poked:
                if ticket.batch is not None:
                    await ticket.batch.wait()  # a read that includes us is under way
                else:
                    await self._read_due(ticket)
            answer = ticket.answer
        finally:
            self._remove(ticket)
        if ticket.poked:
            if settles_wait(ticket.settled):
                assert ticket.settled is not None
                return ticket.settled
            return await self.read_one(video_id)
        if isinstance(answer, BaseException):
            raise answer
        assert answer is not None
        if answer.is_terminal and self.settlements is not None:
            # No delivery said so: slow polling ends; the event log may settle it.
            await self.settlements.missed(video_id)
            pushed = self.settlements.settled(video_id)
            if pushed is not None:
                return pushed
        if answer.is_terminal and not self.batch_has_urls:
            return await self.read_one(video_id)
        return answer

    def settle(self, video_id: str, status: VideoStatus | None) -> None:
        """``Settlements`` listener: wake every ticket of ``video_id`` with the news."""
        for ticket in self._by_video.get(video_id, ()):
            # Even a ticket answered early (coalesced) takes the news: it is newer.
            ticket.poked, ticket.settled = True, status
            if ticket.sleep is not None:
                ticket.sleep.cancel()

    def _add(self, ticket: _Ticket) -> None:
        if self.settlements is not None:
            # Re-subscribed on each first ticket, to learn the waits' event loop.
            if not self._tickets and self._stop_listening is not None:
                self._stop_listening()
                self._stop_listening = None
            if self._stop_listening is None:
                self._stop_listening = self.settlements.listen(self.settle)
        self._tickets.add(ticket)
        self._by_video.setdefault(ticket.video_id, set()).add(ticket)

    def _remove(self, ticket: _Ticket) -> None:
        self._tickets.discard(ticket)
        same = self._by_video.get(ticket.video_id)
        if same is not None:
            same.discard(ticket)
            if not same:
                del self._by_video[ticket.video_id]

    async def _read_due(self, leader: _Ticket) -> None:
        """Read ``leader`` and every ticket due within the window, in batches."""
        if self.batch_size <= 1:
            members = [leader]
        else:
            # Reading a status a little early is harmless; how early scales with the
            # wait's own interval, so a fast policy is not answered with stale news.
            window = min(self.window, POLL_COALESCE_FRACTION * leader.delay)
            horizon = self.clock.now() + window
            due = sorted(
                (
                    t
                    for t in self._tickets
                    if t is not leader
                    and t.answer is None
                    and t.batch is None
                    and not t.poked
                    and t.due <= horizon
                    and t.options == leader.options
                ),
                key=lambda t: t.due,
            )
            members = [leader, *due[: self.batch_size - 1]]
        done = anyio.Event()
        for ticket in members:
            ticket.batch = done
        try:
            if len(members) == 1 and self.batch_size <= 1:
                statuses = [await self.read_one(leader.video_id)]
            else:
                statuses = await self.read_batch([t.video_id for t in members])
            for ticket, status in zip(members, statuses, strict=True):
                ticket.answer = status
        except Exception as exc:
            for ticket in members:
                ticket.answer = exc  # every wait in the batch counts one failed check
        finally:
            # Cancelled mid-read: the others are not answered and read again themselves.
            for ticket in members:
                ticket.batch = None
            done.set()


async def read_statuses(
    poller_batch: BatchReader, batch_size: int, video_ids: Sequence[str]
) -> list[VideoStatus]:
    """Any number of statuses, ``batch_size`` ids per request, in the order asked."""
    statuses: list[VideoStatus] = []
    for start in range(0, len(video_ids), batch_size):
        statuses += await poller_batch(video_ids[start : start + batch_size])
    return statuses
