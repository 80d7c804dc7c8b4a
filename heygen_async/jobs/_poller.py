"""One poller per client for every wait of every job kind.

Design: no task and no model per sleeping wait. A wait is a ``Watch`` of a few
slots (its schedule, its failure streak, what it keeps of the last status), kept in
a heap per kind and per-request options, ordered by when its next check is due. One
driver, a background task started when the first wait arrives and gone when the
last one ends, sleeps until the earliest due time, then reads the jobs due: up to
``kind.batch_size`` ids a request (v3's bulk ``statuses`` reads), with the ids due
within the coalescing window, at most ``MAX_READS_IN_FLIGHT`` requests at once (the
transport's shared limits apply on top). Each wait keeps its own ``PollPolicy``
schedule with jitter and ends as the contract says: the finished status,
``JobFailedError`` (``VideoFailedError`` for videos), ``WaitTimeoutError``,
``WaitAbortedError`` after a streak of failed checks, ``NotFoundError`` for an id
HeyGen does not know, or another ``HeyGenError`` of a check at once.

A job a bulk read reports finished, when that read lacks what the result needs
(v3 video statuses carry no URLs), or reports missing, gets one read of its own.
``settle`` ends the waits of a job at once from news that came another way (a
webhook delivery): the waits then make no further check. What deliveries change
besides lives in ``news`` (``jobs/_settle.py``): while a receiver is trusted
``_schedule`` stretches every interval by ``news.pace()`` (8x), back to 1x when a
read finds a job ended that no delivery announced (and the event log is read
then); a finished status delivered before its wait began answers that wait at
once; a delivery taken on another thread is handed to the waits' loop.

Who waits decides what a finished wait does (``Listener``): a single wait wakes
its caller; a bulk run sends a result to its stream.
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import anyio

from .._clock import Clock
from .._constants import (
    NOT_FOUND_GRACE,
    POLL_COALESCE_FRACTION,
    POLL_COALESCE_WINDOW,
    WAIT_LAST_CHECK_ALLOWANCE,
)
from .._errors import (
    APIConnectionError,
    APIResponseError,
    HeyGenError,
    InternalServerError,
    NotFoundError,
    RateLimitError,
    WaitAbortedError,
    WaitTimeoutError,
)
from .._transport._call import CURRENT_CALL, CallOptions, call_scope
from ._background import start_background_task
from ._kinds import JobKind, Progress
from ._policy import PollPolicy
from ._settle import PushedNews

# A failed check of these kinds says nothing about the job: try again at the next
# tick. Anything else (bad key, no permission...) will not get better by asking
# again, so it ends the wait at once.
TRANSIENT_ERRORS: tuple[type[HeyGenError], ...] = (
    APIConnectionError,
    InternalServerError,
    RateLimitError,
    APIResponseError,
)
# Status requests in flight at once for one poller. A v3 bulk read answers 100
# ids, so this is 1,600 checks at a time; on v2 (one id a request) it bounds the
# burst when thousands of checks fall due together.
MAX_READS_IN_FLIGHT = 16
_IN_FLIGHT_CAUSE = "the deadline passed during a status check (or a shared pause)"
_NO_WAITS: dict[str, Any] = {}  # a kind nobody waited for yet (never written to)


class Listener(Protocol):
    """Who is told about a wait: each new state, and its one ending."""

    def changed(self, watch: Watch, status: Any) -> None: ...

    def finished(self, watch: Watch, status: Any, error: HeyGenError | None) -> None: ...


# Shared by every wait on a given id: ``-math.inf`` written in place is a new float
# object (24 bytes) per wait.
_NO_GRACE = -math.inf


class Watch:
    """One wait: its job, its schedule, its failure streak, what it keeps of the
    last status (never a model when the status said nothing but its state)."""

    __slots__ = (
        "check",
        "created",
        "deadline",
        "delay",
        "done",
        "due",
        "error",
        "failures",
        "final",
        "floor",
        "grace_end",
        "group",
        "job_id",
        "kept",
        "listener",
        "policy",
        "reading",
        "state",
    )

    def __init__(
        self,
        group: _Group,
        job_id: str,
        policy: PollPolicy,
        listener: Listener,
        *,
        now: float,
        just_created: bool,
    ) -> None:
        self.group = group
        self.job_id = job_id
        self.policy = policy
        self.listener = listener
        self.deadline = None if policy.timeout is None else now + policy.timeout
        # A job this client created a moment ago that a read does not know yet is
        # still waited for (reads after a create may lag); any other is not found.
        self.grace_end = now + NOT_FOUND_GRACE if just_created else _NO_GRACE
        self.due = now
        self.delay = 0.0
        # A wait on a job just created sleeps first_delay; one on a given id (which
        # may have finished long ago) checks at once.
        self.created = just_created
        self.check = 0
        self.failures = 0
        self.floor = 0.0  # a Retry-After the transport passed on: not sooner
        self.final = False  # the check scheduled is the last before the deadline
        self.reading = False
        self.done = False
        self.state: Any = None  # the kind's state of the last status seen
        self.kept: Any = None  # what the kind keeps of that status
        self.error: HeyGenError | None = None  # the last failed check's

    def __lt__(self, other: Watch) -> bool:
        return self.due < other.due

    @property
    def kind(self) -> JobKind[Any]:
        return self.group.kind

    def last_status(self) -> Any:
        return self.kind.restored(self.job_id, self.state, self.kept)


class _Group:
    """The waits read together: one job kind, one set of per-request options."""

    __slots__ = ("heap", "kind", "options", "singles")

    def __init__(self, kind: JobKind[Any], options: CallOptions | None) -> None:
        self.kind = kind
        self.options = options
        self.heap: list[Watch] = []
        self.singles: deque[Watch] = deque()  # due for a read of their own, now


class JobPoller:
    """Every wait of one client (and of its ``with_options`` copies that send the
    same requests), of every job kind."""

    def __init__(self, clock: Clock, *, window: float = POLL_COALESCE_WINDOW) -> None:
        self.clock = clock
        self.window = window
        # By kind; a kind's groups differ by options, which compare equal but may not
        # hash (an httpx.Timeout), and are few.
        self._groups: dict[str, list[_Group]] = {}
        # Kind name -> job id -> its wait, or its waits when there are several: one
        # wait per job is the rule, and a list (or a set, or a (kind, id) key) per
        # sleeping wait is memory every one of thousands of waits would hold (issue 24).
        self._by_job: dict[str, dict[str, Watch | list[Watch]]] = {}
        self._live = 0  # waits not yet ended
        self._reads = 0  # requests in flight
        self._reading: set[Watch] = set()  # in a read, with a deadline on real time
        self._driving = False
        self._target = math.inf  # when the driver wakes by itself
        self._wake: anyio.CancelScope | None = None
        self._ids = itertools.count()
        # While the answers of one bulk read are handled: the jitter its waits share.
        self._shared_step: float | None = None
        self.news = PushedNews(clock)
        """What webhook deliveries tell the waits (pace, early news, their loop)."""

    # -- what the waits call -----------------------------------------------------------

    def add(
        self,
        kind: JobKind[Any],
        job_id: str,
        policy: PollPolicy,
        listener: Listener,
        *,
        just_created: bool,
        options: CallOptions | None = None,
    ) -> Watch:
        """Start waiting for ``job_id``; ``listener`` hears how it goes."""
        group = self._group(kind, options)
        now = self.clock.now()
        watch = Watch(group, job_id, policy, listener, now=now, just_created=just_created)
        self._live += 1
        self._hold(watch)
        self.news.learn_home()
        self._schedule(watch, now)
        self._start_driver()
        early = self.news.early(kind.name, job_id)
        if early is not None and not watch.done:  # delivered before this wait began
            self._unschedule(watch)
            self._answered(watch, early, single=True, pushed=True)
        return watch

    def discard(self, watch: Watch) -> None:
        """Stop a wait nobody awaits any more (its caller was cancelled)."""
        if not watch.done:
            self._end(watch)
            self._poke()

    def settle(self, kind_name: str, job_id: str, status: Any, *, final: bool = True) -> int:
        """End every wait for this job with ``status`` (news from a webhook), as if a
        read had answered it; ``final=False`` when ``status`` lacks what a finished
        job needs (a read of its own follows); ``status=None`` when the news says the
        job ended but not how (its waits read it now). Returns how many waits it
        reached.

        Safe from any thread: from another one than the waits' (a receiver served
        by uvicorn in a thread) it runs on the waits' loop soon and returns 0. A
        final status is also kept for a wait that starts later (``news.early``)."""
        if self.news.away_from_home(lambda: self.settle(kind_name, job_id, status, final=final)):
            return 0
        watches = [w for w in self._watches(kind_name, job_id) if not w.done]
        if status is None:
            self.news.announce(kind_name, job_id)
            for watch in watches:
                if not watch.reading:
                    self._unschedule(watch)
                    self._read_alone(watch)
            return len(watches)
        if final:
            self.news.keep_early(kind_name, job_id, status)
        else:
            self.news.announce(kind_name, job_id)  # the read that follows is no miss
        for watch in watches:
            if watch.reading and not (final and self._ends(watch, status)):
                continue  # its read answers soon; a second answer would race it
            # A final answer wins over a read under way (whose answer is then ignored).
            self._unschedule(watch)
            self._answered(watch, status, single=final, pushed=True)
        self._poke()
        return len(watches)

    @staticmethod
    def _ends(watch: Watch, status: Any) -> bool:
        return watch.kind.progress(status) in (Progress.COMPLETED, Progress.FAILED)

    def waiting_for(self, kind_name: str, job_id: str) -> bool:
        """True while some wait of this poller waits for this job."""
        return any(not w.done for w in self._watches(kind_name, job_id))

    def _watches(self, kind_name: str, job_id: str) -> Sequence[Watch]:
        held = self._by_job.get(kind_name, _NO_WAITS).get(job_id)
        if held is None:
            return ()
        return (held,) if isinstance(held, Watch) else held

    def _hold(self, watch: Watch) -> None:
        jobs = self._by_job.get(watch.kind.name)
        if jobs is None:
            jobs = self._by_job[watch.kind.name] = {}
        held = jobs.get(watch.job_id)
        if held is None:
            jobs[watch.job_id] = watch
        elif isinstance(held, Watch):
            jobs[watch.job_id] = [held, watch]
        else:
            held.append(watch)

    def _release(self, watch: Watch) -> None:
        jobs = self._by_job.get(watch.kind.name, _NO_WAITS)
        held = jobs.get(watch.job_id)
        if held is watch:
            del jobs[watch.job_id]
        elif isinstance(held, list) and watch in held:
            held.remove(watch)
            if len(held) == 1:
                jobs[watch.job_id] = held[0]

    # -- scheduling -----------------------------------------------------------------------

    def _group(self, kind: JobKind[Any], options: CallOptions | None) -> _Group:
        groups = self._groups.setdefault(kind.name, [])
        for group in groups:
            if group.options == options:
                return group
        group = _Group(kind, options)
        groups.append(group)
        return group

    def _all_groups(self) -> list[_Group]:
        return [group for groups in self._groups.values() for group in groups]

    def _schedule(self, watch: Watch, now: float) -> None:
        """The wait's next check on its policy, capped by its deadline."""
        policy = watch.policy
        at_once = watch.check == 0 and not watch.created
        # Slower while webhook deliveries are trusted (news.pace(): 8, else 1).
        paced = 0.0 if at_once else self._next_delay(watch, policy) * self.news.pace()
        delay = max(paced, watch.floor)
        if watch.deadline is not None and policy.timeout is not None:
            remaining = watch.deadline - now
            if remaining <= 0:
                self._time_out(watch)
                return
            allowance = (
                min(WAIT_LAST_CHECK_ALLOWANCE, 0.1 * policy.timeout) if self._real_time() else 0.0
            )
            if delay >= remaining - allowance:
                delay, watch.final = max(0.0, remaining - allowance), True
        watch.check += 1
        watch.delay = delay
        watch.due = now + delay
        watch.reading = False
        heapq.heappush(watch.group.heap, watch)
        self._poke(watch.due)

    def _next_delay(self, watch: Watch, policy: PollPolicy) -> float:
        """``first_delay`` before the first check, then the grown interval (as the
        wait's kind grows it) with jitter, so that waits started together drift apart."""
        check = watch.check
        base = watch.kind.interval(policy, check)
        if check == 0 or policy.jitter == 0:
            return base
        if self._shared_step is not None:
            return base * (1.0 + policy.jitter * self._shared_step)
        return base * self.clock.uniform(1.0 - policy.jitter, 1.0 + policy.jitter)

    def _unschedule(self, watch: Watch) -> None:
        heap = watch.group.heap
        if watch in heap:
            heap.remove(watch)
            heapq.heapify(heap)

    def _real_time(self) -> bool:
        kind = type(self.clock)
        return kind.now is Clock.now and kind.sleep is Clock.sleep

    # -- the driver -------------------------------------------------------------------------

    def _start_driver(self) -> None:
        if not self._driving:
            self._driving = True
            start_background_task(self._drive)

    async def _drive(self) -> None:
        CURRENT_CALL.set(None)  # the first waiter's call scope is not the driver's
        try:
            async with anyio.create_task_group() as reads:
                while self._live > 0:
                    now = self.clock.now()
                    self._expire_in_flight(now)
                    self._start_reads(reads, now)
                    if self._live <= 0:
                        break
                    await self._sleep_until(self._next_wake())
                reads.cancel_scope.cancel()  # every wait has ended: drop late reads
        except BaseException as exc:  # a bug, or the loop shutting down
            self._driving, self._wake = False, None
            self._fail_all(exc)
            if not isinstance(exc, Exception):
                raise
            return
        self._driving, self._wake = False, None
        if self._live > 0:  # a wait arrived as the driver stopped
            self._start_driver()
        else:
            self._groups.clear()  # idle: nothing kept between bursts of waits

    def _fail_all(self, exc: BaseException) -> None:
        """The driver itself broke (a bug) or was cancelled: no wait may hang."""
        error = HeyGenError(f"the SDK's status poller stopped: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        for group in self._all_groups():
            for watch in [*group.heap, *group.singles]:
                if not watch.done:
                    self._finish(watch, watch.last_status(), error)
        for watch in list(self._reading):
            if not watch.done:
                self._finish(watch, watch.last_status(), error)

    def _start_reads(self, reads: anyio.abc.TaskGroup, now: float) -> None:
        for group in self._all_groups():
            while group.singles and self._reads < MAX_READS_IN_FLIGHT:
                watch = group.singles.popleft()
                if not watch.done:
                    self._begin(reads, group, [watch], single=True)
            heap = group.heap
            size = group.kind.batch_size
            while heap and heap[0].due <= now and self._reads < MAX_READS_IN_FLIGHT:
                if heap[0].done:
                    heapq.heappop(heap)
                    continue
                if size == 1:
                    self._begin(reads, group, [heapq.heappop(heap)], single=True)
                    continue
                # Reading a status a little early is harmless; how early scales with
                # the wait's own interval. A wait's last check before its deadline is
                # read only when due, so that a timeout is never reported early.
                horizon = now + min(self.window, POLL_COALESCE_FRACTION * heap[0].delay)
                batch: list[Watch] = []
                later: list[Watch] = []
                while heap and len(batch) < size and heap[0].due <= horizon:
                    watch = heapq.heappop(heap)
                    if watch.done:
                        continue
                    (later if watch.final and watch.due > now else batch).append(watch)
                for watch in later:
                    heapq.heappush(heap, watch)
                if batch:
                    self._begin(reads, group, batch, single=False)

    def _begin(
        self, reads: anyio.abc.TaskGroup, group: _Group, batch: list[Watch], *, single: bool
    ) -> None:
        for watch in batch:
            watch.reading = True
            if watch.deadline is not None and self._real_time():
                self._reading.add(watch)
        self._reads += 1
        reads.start_soon(self._read, group, batch, single)

    def _next_wake(self) -> float:
        target = math.inf
        if self._reads < MAX_READS_IN_FLIGHT:
            for group in self._all_groups():
                if group.singles:
                    return self.clock.now()
                if group.heap:
                    target = min(target, group.heap[0].due)
        for watch in self._reading:
            if watch.deadline is not None:
                target = min(target, watch.deadline)
        return target

    async def _sleep_until(self, target: float) -> None:
        self._target = target
        with anyio.CancelScope() as scope:
            self._wake = scope
            if target == math.inf:
                await anyio.sleep_forever()
            else:
                # Never a negative delay: time moved on since ``target`` was chosen.
                await self.clock.sleep(max(0.0, target - self.clock.now()))
        self._wake = None
        self._target = math.inf

    def _poke(self, due: float = -math.inf) -> None:
        """Wake the driver if it sleeps past ``due`` (default: now)."""
        if self._wake is not None and due < self._target:
            self._wake.cancel()
            self._target = -math.inf

    def _expire_in_flight(self, now: float) -> None:
        """On the loop's clock a deadline also bounds a check in flight: those waits
        time out now; their reads go on for the others and their answers are ignored."""
        for watch in list(self._reading):
            if watch.done:
                self._reading.discard(watch)
            elif watch.deadline is not None and now >= watch.deadline:
                self._time_out(watch, cause=_IN_FLIGHT_CAUSE)

    # -- one read ---------------------------------------------------------------------------

    async def _read(self, group: _Group, batch: list[Watch], single: bool) -> None:
        try:
            with call_scope(group.options):
                try:
                    if single:
                        statuses = [await group.kind.read_one(batch[0].job_id)]
                    else:
                        statuses = await group.kind.read_many([w.job_id for w in batch])
                except HeyGenError as exc:
                    for watch in batch:
                        if not watch.done:
                            self._failed_check(watch, exc, single)
                    return
            # The waits of one bulk read share its jitter: they stay in step, so their
            # next checks share one read again, at the policy's average pace (each
            # drawing its own would drift them apart into more and more reads).
            self._shared_step = None if single else self.clock.uniform(-1.0, 1.0)
            try:
                for watch, status in zip(batch, statuses, strict=True):
                    if not watch.done:
                        self._answered(watch, status, single)
            finally:
                self._shared_step = None
        except Exception as exc:  # a bug, not a failed check: these waits end with it
            error = HeyGenError(f"reading {group.kind.name} statuses failed: {exc!r}")
            error.__cause__ = exc
            for watch in batch:
                if not watch.done:
                    self._finish(watch, watch.last_status(), error)
        finally:
            self._reads -= 1
            self._poke()

    def _answered(self, watch: Watch, status: Any, single: bool, *, pushed: bool = False) -> None:
        kind = watch.kind
        progress = kind.progress(status)
        if progress in (Progress.COMPLETED, Progress.FAILED) and not pushed:
            self._missed(kind.name, watch.job_id)
        if progress is Progress.MISSING:
            if not single:
                self._read_alone(watch)  # unknown to the bulk read: its own read confirms
                return
            error = APIResponseError(
                f"{kind.name} {watch.job_id}: HeyGen's status read answered not_found"
            )
            self._failed_check(watch, error, single)
            return
        if progress is not Progress.RUNNING and not single and not kind.bulk_is_final:
            self._read_alone(watch)  # one read of its own, for URLs and the reason
            return
        watch.failures, watch.floor, watch.error = 0, 0.0, None
        state = kind.state(status)
        if watch.state != state or watch.kept is None:
            watch.listener.changed(watch, status)
        watch.state = state
        watch.kept = kind.kept(watch.job_id, status)
        if progress is Progress.COMPLETED:
            self._finish(watch, status, None)
        elif progress is Progress.FAILED:
            self._finish(watch, status, kind.failure(status))
        elif watch.final:
            self._time_out(watch, last_status=status)
        else:
            self._reschedule(watch)

    def _missed(self, kind_name: str, job_id: str) -> None:
        """A read found a job ended that no delivery announced: the pace is back to
        the policy's own, and the event log is read (when due) for the others."""
        if self.news.missed(kind_name, job_id):
            start_background_task(self.news.read_event_log)

    def _read_alone(self, watch: Watch) -> None:
        watch.reading = True
        watch.group.singles.append(watch)
        self._poke()

    def _failed_check(self, watch: Watch, exc: HeyGenError, single: bool) -> None:
        if isinstance(exc, NotFoundError) and single:
            if self.clock.now() >= watch.grace_end:
                self._not_found(watch, exc)
                return
            exc = APIResponseError(
                f"{watch.kind.name} {watch.job_id}: not found yet (created under "
                f"{NOT_FOUND_GRACE:g} s ago: may not be visible yet)"
            )
        if not isinstance(exc, TRANSIENT_ERRORS):
            self._finish(watch, watch.last_status(), exc)  # asking again will not help
            return
        watch.failures += 1
        watch.error = exc
        if watch.failures >= watch.policy.max_poll_failures:
            last = watch.last_status()
            error = WaitAbortedError(
                watch.job_id,
                failures=watch.failures,
                last_status=last,
                cause=str(exc),
                kind=watch.kind.name,
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

    def _not_found(self, watch: Watch, exc: NotFoundError) -> None:
        if getattr(exc, "video_id", None) is None and watch.kind.name == "video":
            exc.video_id = watch.job_id
        self._finish(watch, watch.last_status(), exc)

    # -- endings ----------------------------------------------------------------------------

    def _reschedule(self, watch: Watch) -> None:
        # A check read early (coalesced) counts from when it was due, as a lone
        # wait's would.
        self._reading.discard(watch)
        self._schedule(watch, max(self.clock.now(), watch.due))

    def _time_out(self, watch: Watch, *, last_status: Any = None, cause: str | None = None) -> None:
        last = last_status if last_status is not None else watch.last_status()
        if cause is None and watch.error is not None:
            cause = str(watch.error)
        error = WaitTimeoutError(
            watch.job_id,
            timeout=watch.policy.timeout or 0.0,
            last_status=last,
            cause=cause,
            kind=watch.kind.name,
        )
        error.__cause__ = watch.error
        self._finish(watch, last, error)

    def _finish(self, watch: Watch, status: Any, error: HeyGenError | None) -> None:
        self._end(watch)
        watch.listener.finished(watch, status, error)

    def _end(self, watch: Watch) -> None:
        watch.done, watch.reading, watch.error = True, False, None
        self._reading.discard(watch)
        self._live -= 1
        self._release(watch)
        if self._live <= 0:
            self._poke()


async def read_in_batches(
    read_many: Callable[[Sequence[str]], Any], batch_size: int, job_ids: Sequence[str]
) -> list[Any]:
    """Any number of statuses, ``batch_size`` ids a request, in the order asked."""
    statuses: list[Any] = []
    for start in range(0, len(job_ids), batch_size):
        statuses += await read_many(job_ids[start : start + batch_size])
    return statuses


__all__ = ["MAX_READS_IN_FLIGHT", "TRANSIENT_ERRORS", "JobPoller", "Listener", "Watch"]
