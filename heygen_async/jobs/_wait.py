"""Waiting on the client's ``JobPoller``: one job (a future the poller answers), or
many (results in completion order, from a background run)."""

from __future__ import annotations

import math
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from typing import Any, Generic, TypeVar

import anyio

from .._async_library import running_under_trio
from .._errors import HeyGenError
from .._transport._call import CURRENT_CALL
from ._kinds import JobKind
from ._policy import PollPolicy
from ._poller import JobPoller, Watch

S = TypeVar("S")
StatusListener = Callable[[Any], None]


class _EventWait(Generic[S]):
    """A single wait's listener under trio: wakes its caller once, with the ending.
    (On asyncio the wait is a ``FutureWait``: the poller answers the future the
    caller awaits.)"""

    __slots__ = ("error", "on_status", "status", "wakeup")

    def __init__(self, on_status: StatusListener | None) -> None:
        self.wakeup = anyio.Event()
        self.on_status = on_status
        self.status: S | None = None
        self.error: HeyGenError | None = None

    def changed(self, watch: Watch, status: Any) -> None:
        if self.on_status is not None:
            self.on_status(status)

    def finished(self, watch: Watch, status: Any, error: HeyGenError | None) -> None:
        self.status, self.error = status, error
        self.wakeup.set()


def _call_options() -> Any:
    call = CURRENT_CALL.get()
    return None if call is None else call.options


def wait_for_job(
    poller: JobPoller,
    kind: JobKind[S],
    job_id: str,
    policy: PollPolicy,
    *,
    just_created: bool,
    on_status: StatusListener | None = None,
) -> Awaitable[S]:
    """Wait for one job on the poller (await what this returns): its finished
    status, or the wait's error.

    Not a coroutine function: the wait starts when this is called (its checks carry
    the per-request options of the call it runs in) and the caller awaits it at
    once. On asyncio it is a ``FutureWait``, so a sleeping wait holds no frame of
    its own. Cancelling the caller ends the wait (the job itself goes on at HeyGen).
    """
    options = _call_options()
    if not running_under_trio():
        from ._future_wait import FutureWait  # imports asyncio: this is asyncio

        future = FutureWait(poller, on_status)
        future.watch = poller.add(
            kind, job_id, policy, future, just_created=just_created, options=options
        )
        return future
    listener: _EventWait[S] = _EventWait(on_status)
    watch = poller.add(kind, job_id, policy, listener, just_created=just_created, options=options)
    return _woken(poller, watch, listener)


async def _woken(poller: JobPoller, watch: Watch, listener: _EventWait[S]) -> S:
    try:
        await listener.wakeup.wait()
    finally:
        poller.discard(watch)
    if listener.error is not None:
        raise listener.error
    assert listener.status is not None
    return listener.status


class ManyWaits(Generic[S]):
    """The waits of one ``wait_many`` call: each ending goes to a stream, read in
    completion order; closing it ends the waits still running."""

    def __init__(self, poller: JobPoller) -> None:
        self._poller = poller
        # The waits still running: a finished one leaves at once, so a long
        # wait_many does not keep every ended job's last status (a completed video's,
        # URLs and all) until its last job ends (issue 24: 100,000 ids in 150 MB).
        self._watches: set[Watch] = set()
        self._send, self._receive = anyio.create_memory_object_stream[
            tuple[str, S | None, HeyGenError | None]
        ](math.inf)

    def changed(self, watch: Watch, status: Any) -> None:
        pass

    def finished(self, watch: Watch, status: Any, error: HeyGenError | None) -> None:
        self._watches.discard(watch)
        self._send.send_nowait((watch.job_id, status, error))

    async def results(
        self,
        kind: JobKind[S],
        job_ids: Sequence[str],
        policy: PollPolicy,
        *,
        just_created: bool = False,
    ) -> AsyncGenerator[tuple[str, S | None, HeyGenError | None], None]:
        options = _call_options()
        for job_id in job_ids:
            self._watches.add(
                self._poller.add(
                    kind, job_id, policy, self, just_created=just_created, options=options
                )
            )
        try:
            for _ in range(len(job_ids)):  # each wait ends exactly once
                yield await self._receive.receive()
        finally:
            for watch in list(self._watches):
                self._poller.discard(watch)
            self._watches.clear()


__all__ = ["ManyWaits", "wait_for_job"]
