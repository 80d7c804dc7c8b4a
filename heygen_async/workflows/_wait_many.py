"""``wait_for_videos``: wait for many videos at once, one result per video as it ends.

Design: no task and no model per sleeping wait. Each video is a ``_Watch`` of a
few slots (its schedule, its failure streak, the last *state* seen, not the
``VideoStatus``: a v3 bulk answer's is rebuilt from a shared shape when needed),
kept in one heap ordered by the time its next check is due. A
single driver, in a background task, sleeps until the earliest due time, then
reads the ids due (v3: up to ``backend.status_batch_size`` = 100 ids a request,
with the ids due within the client poller's coalescing window; v2: one read per
video), at most ``MAX_READS_IN_FLIGHT`` requests at once (the transport's shared
rate and concurrency control applies on top). A read task lives only as long as
its request. Each video keeps its own ``PollPolicy`` schedule with jitter and ends
exactly as ``wait_for_video`` would (completed, ``VideoFailedError``,
``WaitTimeoutError``, ``WaitAbortedError``, a permanent error of a check); a video
seen terminal in a bulk read that carries no URLs (v3) gets one single read.

Results go to an unbounded memory stream that the generator yields from (see
``_background``: a task group must not stay open across ``yield``), so they come
in completion order; closing the generator cancels the driver and its reads.

A settlement (``Settlements.settle``: a webhook delivery) ends a video's wait at
once: with the status pushed when it says all, else by a single read now; while
deliveries flow every interval is stretched by the poller's ``pace()``.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import AsyncGenerator, Iterable, Mapping
from contextlib import aclosing
from typing import TYPE_CHECKING

import anyio
from anyio.abc import TaskGroup

from .._constants import POLL_COALESCE_FRACTION, WAIT_LAST_CHECK_ALLOWANCE
from .._errors import (
    APIResponseError,
    HeyGenError,
    InvalidRequestError,
    RateLimitError,
    VideoFailedError,
    WaitAbortedError,
)
from .._validation import require_text
from ..models import VideoState, VideoStatus
from ._background import BackgroundRun, read_results
from ._events import JobResult
from ._policy import PollPolicy
from ._settle import settles_wait
from ._wait import (
    TRANSIENT_ERRORS,
    _is_loop_clock,
    _keep,
    _last_status,
    _timed_out,
    next_delay,
    resolve_policy,
)

if TYPE_CHECKING:
    from .._session import Session

# Status requests of one call in flight at once. The v3 bulk read answers 100 ids, so
# this is 1,600 checks at a time; on v2 (one id a request) it bounds the burst when
# thousands of checks fall due together. The client's own limits apply on top.
MAX_READS_IN_FLIGHT = 16
_IN_FLIGHT_CAUSE = "the deadline passed during a status check (or a shared pause)"


async def wait_for_videos(
    session: Session,
    video_ids: Iterable[str],
    *,
    timeout: float | None = None,  # noqa: ASYNC109 - the public API's wait deadline
    poll: PollPolicy | None = None,
) -> AsyncGenerator[JobResult, None]:
    """``AsyncHeyGenClient.wait_for_videos``: one ``JobResult`` per video (``key`` and
    ``video_id`` are the id) in completion order. Arguments are checked before any
    request: ``video_ids`` must be an iterable of non-empty strings (a lone string is
    refused), without duplicates; an empty one yields nothing."""
    ids = checked_video_ids(video_ids)
    policy = resolve_policy(session.poll, poll, timeout)
    if not ids:
        return
    run = _WaitRun(session, ids, policy)
    del ids
    async with aclosing(read_results(run)) as results:
        async for result in results:
            yield result


def checked_video_ids(video_ids: object) -> list[str]:
    """The ids as a list, or ``InvalidRequestError`` (a str, a non-string id, an empty
    id, the same id twice)."""
    if isinstance(video_ids, (str, bytes, Mapping)) or not isinstance(video_ids, Iterable):
        raise InvalidRequestError(
            f"video_ids: must be a list (or other iterable) of video ids "
            f"(got {type(video_ids).__name__}; for one video use wait_for_video)",
            field="video_ids",
            allowed="iterable of non-empty strings",
        )
    ids = [require_text(video_id, "video_ids") for video_id in video_ids]
    seen: set[str] = set()
    for video_id in ids:
        if video_id not in seen:
            seen.add(video_id)
            continue
        raise InvalidRequestError(
            f"video_ids: {video_id!r} appears more than once (each video gets one result; "
            "pass each id once, e.g. list(dict.fromkeys(video_ids)))",
            field="video_ids",
            allowed="distinct video ids",
        )
    return ids


class _Watch:
    """One video's wait: its next check, its failure streak, the last state seen."""

    __slots__ = (
        "check",
        "delay",
        "done",
        "due",
        "error",
        "failures",
        "final",
        "floor",
        "queued",
        "reading",
        "shape",
        "state",
        "video_id",
    )

    def __init__(self, video_id: str, now: float) -> None:
        self.video_id = video_id
        self.due = now  # when the next check is due (set by _schedule)
        self.delay = 0.0  # the sleep before that check (how early it may be read)
        self.check = 0  # checks scheduled so far
        self.failures = 0  # failed checks in a row
        self.floor = 0.0  # a Retry-After passed on by the transport: not sooner
        self.final = False  # the check scheduled is the last one before the deadline
        self.reading = False  # in a read now (not in the heap)
        self.queued = False  # has an entry in the heap
        self.done = False  # its result was sent (a read still under way is ignored)
        self.state: VideoState | None = None  # the last status seen, not its model
        self.shape: tuple[str, ...] | None = None  # its fields, when all else was None
        self.error: HeyGenError | None = None  # the last failed check's error (streak)

    def __lt__(self, other: _Watch) -> bool:  # heap order: due time
        return self.due < other.due

    def last_status(self) -> VideoStatus | None:
        """The last status seen: rebuilt equal to it when it carried nothing but its
        id and state (v3's bulk reads), else a ``VideoStatus`` of its id and state."""
        if self.state is None:
            return None
        if self.shape is not None:
            return _last_status(self.video_id, self.state, self.shape)
        return VideoStatus(video_id=self.video_id, status=self.state)


class _WaitRun(BackgroundRun[JobResult]):
    """The waits of one ``wait_for_videos`` call, driven from a background task."""

    def __init__(self, session: Session, ids: list[str], policy: PollPolicy) -> None:
        backend = session.backend
        self._read_batch = backend.get_video_statuses
        self._read_one = backend.get_video_status
        self._batch_size = max(1, backend.status_batch_size)
        self._batch_has_urls = backend.statuses_carry_urls
        self._window = session.poller.window
        self._settlements = session.settlements
        self._pace = session.poller.pace
        self._by_id: dict[str, _Watch] = {}
        self._clock = session.clock
        self._policy = policy
        self._real_time = _is_loop_clock(self._clock)
        now = self._clock.now()
        deadline = None if policy.timeout is None else now + policy.timeout
        self._ids = ids
        self._deadline = deadline  # every video's: they all start now
        self._heap: list[_Watch] = []
        self._singles: deque[_Watch] = deque()  # terminal in a bulk read: read for URLs
        # The videos in a read (or queued for their URL read), tracked only where the
        # deadline also bounds a check in flight: on the loop's own clock.
        self._bounded = self._real_time and deadline is not None
        self._reading: set[_Watch] = set()
        self._left = len(ids)
        self._reads = 0
        self._target = math.inf  # when the driver wakes up by itself
        self._wake: anyio.CancelScope | None = None  # cancel to wake the driver early
        super().__init__()

    async def _run(self, group: TaskGroup) -> None:
        stop_listening = self._settlements.listen(self._settle)
        try:
            self._schedule_all()
            await self._drive(group)
        finally:
            stop_listening()
        group.cancel_scope.cancel()  # every video has ended: drop late reads

    def _schedule_all(self) -> None:
        now = self._clock.now()
        for video_id in self._ids:
            watch = _Watch(video_id, now)
            self._by_id[video_id] = watch
            self._schedule(watch, now)
            pushed = self._settlements.settled(video_id)
            if pushed is not None:  # delivered before this wait began
                self._settle(video_id, pushed)
        self._ids = []

    def _settle(self, video_id: str, status: VideoStatus | None) -> None:
        """``Settlements`` listener: end the video's wait with the pushed status when
        it says all, else read it now (a single read, for its URLs)."""
        watch = self._by_id.get(video_id)
        if watch is None or watch.done:
            return
        if settles_wait(status):
            assert status is not None
            watch.state = status.status
            error = VideoFailedError.from_status(status) if status.is_failed else None
            self._finish(watch, status, error)  # a read under way is ignored
        elif not watch.reading:
            watch.reading = True  # its heap entry is skipped when it comes up
            if self._bounded:
                self._reading.add(watch)
            self._singles.append(watch)
            self._poke()

    # -- the driver ---------------------------------------------------------------

    async def _drive(self, group: TaskGroup) -> None:
        while self._left > 0:
            now = self._clock.now()
            self._expire_in_flight(now)
            self._start_reads(group, now)
            if self._left <= 0:
                break
            await self._sleep_until(self._next_wake())

    def _start_reads(self, group: TaskGroup, now: float) -> None:
        while self._singles and self._reads < MAX_READS_IN_FLIGHT:
            watch = self._singles.popleft()
            if not watch.done:  # (timed out while it waited for a slot)
                self._begin(group, [watch], single=True)
        heap = self._heap
        while heap and heap[0].due <= now and self._reads < MAX_READS_IN_FLIGHT:
            if self._skip_settled(heap):
                continue
            if self._batch_size == 1:
                self._begin(group, [self._pop(heap)], single=True)
                continue
            # Reading a status a little early is harmless; how early scales with the
            # wait's own interval. A video's last check before its deadline is read
            # only when due, so that a timeout is never reported early.
            horizon = now + min(self._window, POLL_COALESCE_FRACTION * heap[0].delay)
            batch: list[_Watch] = []
            later: list[_Watch] = []
            while heap and len(batch) < self._batch_size and heap[0].due <= horizon:
                if self._skip_settled(heap):
                    continue
                watch = self._pop(heap)
                (later if watch.final and watch.due > now else batch).append(watch)
            for watch in later:
                watch.queued = True
                heapq.heappush(heap, watch)
            if batch:
                self._begin(group, batch, single=False)

    @staticmethod
    def _pop(heap: list[_Watch]) -> _Watch:
        watch = heapq.heappop(heap)
        watch.queued = False
        return watch

    def _skip_settled(self, heap: list[_Watch]) -> bool:
        """Drop the first entry when a settlement ended or took over its video."""
        if heap[0].done or heap[0].reading:
            self._pop(heap)
            return True
        return False

    def _begin(self, group: TaskGroup, batch: list[_Watch], *, single: bool) -> None:
        for watch in batch:
            watch.reading = True
        if self._bounded:
            self._reading.update(batch)
        self._reads += 1
        group.start_soon(self._read, batch, single)

    def _next_wake(self) -> float:
        target = math.inf
        if self._heap and self._reads < MAX_READS_IN_FLIGHT:
            target = self._heap[0].due
        if self._reading and self._deadline is not None:
            target = min(target, self._deadline)
        return target

    async def _sleep_until(self, target: float) -> None:
        self._target = target
        with anyio.CancelScope() as scope:
            self._wake = scope
            if target == math.inf:
                await anyio.sleep_forever()
            else:
                await self._clock.sleep(target - self._clock.now())
        self._wake = None
        self._target = math.inf

    def _poke(self, due: float = -math.inf) -> None:
        """Wake the driver if it sleeps past ``due`` (default: now)."""
        if self._wake is not None and due < self._target:
            self._wake.cancel()
            self._target = -math.inf

    def _expire_in_flight(self, now: float) -> None:
        """On the loop's clock, the deadline also bounds a check in flight (as
        ``wait_for_video``'s cancel scope does): those videos time out now; their
        reads go on for any others and their answers are ignored."""
        if self._reading and self._deadline is not None and now >= self._deadline:
            for watch in list(self._reading):
                self._time_out(watch, cause=_IN_FLIGHT_CAUSE)

    # -- one read -------------------------------------------------------------------

    async def _read(self, batch: list[_Watch], single: bool) -> None:
        try:
            try:
                if single:
                    statuses = [await self._read_one(batch[0].video_id)]
                else:
                    statuses = await self._read_batch([watch.video_id for watch in batch])
            except HeyGenError as exc:
                for watch in batch:
                    if not watch.done:
                        self._failed_check(watch, exc)
                return
            for watch, status in zip(batch, statuses, strict=True):
                if not watch.done:
                    self._answered(watch, status, single)
        except Exception as exc:  # a bug, not a failed check: end the run with it
            self._failure = exc
            if self._scope is not None:
                self._scope.cancel()
        finally:
            self._reads -= 1
            self._poke()

    def _answered(self, watch: _Watch, status: VideoStatus, single: bool) -> None:
        if status.status is VideoState.NOT_FOUND:
            # Unknown to the bulk read, or not this account's: possibly not visible
            # yet; it counts as a failed check (as in wait_for_video).
            error = APIResponseError(
                f"video {watch.video_id}: HeyGen's status read answered not_found"
            )
            self._failed_check(watch, error)
            return
        if status.is_terminal and not single:
            self._settlements.note_missed(watch.video_id)  # no delivery said so
        if status.is_terminal and not single and not self._batch_has_urls:
            self._singles.append(watch)  # one read of its own, for URLs and reason
            return
        watch.failures, watch.floor, watch.error = 0, 0.0, None
        watch.state = status.status
        kept = _keep(status, watch.video_id)
        watch.shape = kept if isinstance(kept, tuple) else None  # shared, never a model
        if status.is_completed:
            self._finish(watch, status, None)
        elif status.is_failed:
            self._finish(watch, status, VideoFailedError.from_status(status))
        elif watch.final:
            self._time_out(watch, last_status=status)
        else:
            self._reschedule(watch)

    def _failed_check(self, watch: _Watch, exc: HeyGenError) -> None:
        if not isinstance(exc, TRANSIENT_ERRORS):
            self._finish(watch, watch.last_status(), exc)  # asking again will not help
            return
        watch.failures += 1
        watch.error = exc
        if watch.failures >= self._policy.max_poll_failures:
            last = watch.last_status()
            error = WaitAbortedError(
                watch.video_id, failures=watch.failures, last_status=last, cause=str(exc)
            )
            error.__cause__ = exc
            self._finish(watch, last, error)
            return
        retry_after = exc.retry_after if isinstance(exc, RateLimitError) else None
        watch.floor = retry_after or 0.0
        if watch.final:
            self._time_out(watch)
        else:
            self._reschedule(watch)

    # -- scheduling and endings ----------------------------------------------------------

    def _reschedule(self, watch: _Watch) -> None:
        # A check read early (coalesced) counts from when it was due, as it would in
        # wait_for_video, where its answer is handed over at that moment.
        watch.reading = False
        self._reading.discard(watch)
        self._schedule(watch, max(self._clock.now(), watch.due))

    def _schedule(self, watch: _Watch, now: float) -> None:
        """``poll_until_done``'s step: the next delay, capped by the deadline."""
        policy = self._policy
        delay = max(next_delay(policy, watch.check, self._clock) * self._pace(), watch.floor)
        if self._deadline is not None and policy.timeout is not None:
            remaining = self._deadline - now
            if remaining <= 0:
                self._time_out(watch)
                return
            allowance = (
                min(WAIT_LAST_CHECK_ALLOWANCE, 0.1 * policy.timeout) if self._real_time else 0.0
            )
            if delay >= remaining - allowance:
                delay, watch.final = max(0.0, remaining - allowance), True
        watch.check += 1
        watch.delay = delay
        watch.due = now + delay
        if watch.queued:  # settled while asleep, read, still not done: rare
            heapq.heapify(self._heap)
        else:
            watch.queued = True
            heapq.heappush(self._heap, watch)
        self._poke(watch.due)

    def _time_out(
        self, watch: _Watch, *, last_status: VideoStatus | None = None, cause: str | None = None
    ) -> None:
        last = last_status or watch.last_status()
        error = _timed_out(
            watch.video_id, self._policy.timeout or 0.0, last, watch.error, cause=cause
        )
        self._finish(watch, last, error)

    def _finish(self, watch: _Watch, status: VideoStatus | None, error: HeyGenError | None) -> None:
        watch.done, watch.reading, watch.error = True, False, None
        self._reading.discard(watch)
        self._left -= 1
        video_id = watch.video_id
        self._send.send_nowait(JobResult(video_id, video_id, status, error))
        if self._left <= 0:
            self._poke()
