"""The poller: check a video's status on a backoff schedule until it is terminal.

Every wait of the SDK (``wait_for_video``, generate-and-wait, each job of
``generate_many``) runs ``poll_until_done``, which asks the client's shared
``StatusPoller`` for each status on the wait's own schedule (the poller reads the
statuses due together in one request). One wait is one sleeping coroutine: it
costs a few kilobytes and no CPU between checks, so thousands can run at once.

::

    policy = resolve_policy(session.poll, poll=None, timeout=600)
    status = await poll_until_done(session.poller.next_status, video_id, policy, session.clock)
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import anyio

from .._clock import Clock
from .._constants import WAIT_LAST_CHECK_ALLOWANCE
from .._errors import (
    APIConnectionError,
    APIResponseError,
    HeyGenError,
    InternalServerError,
    InvalidRequestError,
    RateLimitError,
    VideoFailedError,
    WaitAbortedError,
    WaitTimeoutError,
)
from .._validation import require_text
from ..models import VideoState, VideoStatus
from ._policy import PollPolicy

if TYPE_CHECKING:
    from .._session import Session

# (video id, seconds to wait first) -> the status then.
NextStatus = Callable[[str, float], Awaitable[VideoStatus]]
StatusListener = Callable[[VideoStatus], None]

# A failed check of these kinds says nothing about the video: try again at the next
# tick. Anything else (bad key, unknown video, no permission...) will not get better
# by asking again, so it ends the wait at once.
TRANSIENT_ERRORS: tuple[type[HeyGenError], ...] = (
    APIConnectionError,
    InternalServerError,
    RateLimitError,
    APIResponseError,
)


def resolve_policy(
    default: PollPolicy, poll: PollPolicy | None, timeout: float | None
) -> PollPolicy:
    """The policy of one call: ``poll`` over the client's, ``timeout`` over both.

    Raises ``InvalidRequestError`` (before anything is sent) for a bad argument.
    """
    if poll is not None and not isinstance(poll, PollPolicy):
        raise InvalidRequestError(
            f"poll: must be a PollPolicy (got {type(poll).__name__})",
            field="poll",
            allowed="PollPolicy",
        )
    policy = poll or default
    if timeout is None:
        return policy
    if (
        isinstance(timeout, bool)
        or not isinstance(timeout, (int, float))
        or math.isnan(timeout)
        or timeout <= 0
    ):
        raise InvalidRequestError(
            f"timeout: must be a number of seconds > 0 (got {timeout!r})",
            field="timeout",
            allowed="> 0 seconds",
        )
    return policy.with_timeout(float(timeout))


def next_delay(policy: PollPolicy, check_number: int, clock: Clock) -> float:
    """Seconds to sleep before check ``check_number``: ``first_delay`` exactly for the
    first, then the grown interval times ``U(1 - jitter, 1 + jitter)`` so that waits
    started together drift apart instead of polling in lockstep."""
    base = policy.interval(check_number)
    if check_number == 0 or policy.jitter == 0:
        return base
    return base * clock.uniform(1.0 - policy.jitter, 1.0 + policy.jitter)


async def poll_until_done(
    next_status: NextStatus,
    video_id: str,
    policy: PollPolicy,
    clock: Clock,
    on_status: StatusListener | None = None,
    pace: Callable[[], float] | None = None,
) -> VideoStatus:
    """Check the video on ``policy``'s schedule until it completes; return its status.

    Raises ``VideoFailedError`` (HeyGen's reason attached) when it fails,
    ``WaitTimeoutError`` once ``policy.timeout`` seconds have passed on ``clock``
    (never sleeping past the deadline; a last check happens at the deadline),
    ``WaitAbortedError`` after ``policy.max_poll_failures`` transient check
    failures in a row, and any other ``HeyGenError`` of a check at once.
    ``on_status`` hears every status that differs from the previous one. Nothing
    is ever cancelled or deleted on HeyGen's side. ``pace()``, when given, multiplies
    each interval (the poller's: slower while webhook deliveries flow).
    """
    timeout = policy.timeout
    deadline = None if timeout is None else clock.now() + timeout
    # On the event loop's own clock the deadline also bounds the check in flight and
    # any shared pause it waits out (a cancel scope), so the last check starts a
    # little before the deadline to have time to answer. Other clocks (virtual
    # time in tests) keep the last check at the deadline itself.
    real_time = _is_loop_clock(clock)
    # The last status seen, kept small while the wait sleeps: its state, and the model
    # only when it carries more than its id and state (see ``_keep``); ``_last_status``
    # rebuilds an equal one on demand. Sleeping waits then hold no model each.
    last_state: VideoState | None = None
    last_kept: _Kept = None
    last_error: HeyGenError | None = None
    failures = 0
    check = 0
    final = False  # the check just made was the last one before the deadline
    floor = 0.0  # a Retry-After the transport passed on to us: do not ask sooner
    while True:
        delay = max(next_delay(policy, check, clock) * (pace() if pace else 1.0), floor)
        remaining: float | None = None
        if deadline is not None and timeout is not None:
            remaining = deadline - clock.now()
            if remaining <= 0 or final:
                last_status = _last_status(video_id, last_state, last_kept)
                raise _timed_out(video_id, timeout, last_status, last_error)
            allowance = min(WAIT_LAST_CHECK_ALLOWANCE, 0.1 * timeout) if real_time else 0.0
            if delay >= remaining - allowance:
                delay, final = max(0.0, remaining - allowance), True
        check += 1
        try:
            with anyio.move_on_after(remaining if real_time else None) as scope:
                status = await next_status(video_id, delay)
            if scope.cancelled_caught:
                raise _timed_out(
                    video_id,
                    timeout or 0.0,
                    _last_status(video_id, last_state, last_kept),
                    last_error,
                    cause="the deadline passed during a status check (or a shared pause)",
                )
            if status.status is VideoState.NOT_FOUND:
                # Unknown to the bulk read, or not this account's: not "still running",
                # but possibly not visible yet; it counts as a failed check.
                del status
                raise APIResponseError(f"video {video_id}: HeyGen's status read answered not_found")
        except TRANSIENT_ERRORS as exc:
            failures += 1
            last_error = exc
            if failures >= policy.max_poll_failures:
                last_status = _last_status(video_id, last_state, last_kept)
                raise WaitAbortedError(
                    video_id, failures=failures, last_status=last_status, cause=str(exc)
                ) from exc
            retry_after = exc.retry_after if isinstance(exc, RateLimitError) else None
            floor = retry_after or 0.0
            continue
        failures, floor, last_error = 0, 0.0, None
        if on_status is not None and status.status != last_state:
            on_status(status)
        last_state, last_kept = status.status, _keep(status, video_id)
        if status.is_completed:
            return status
        if status.is_failed:
            raise VideoFailedError.from_status(status)
        del status  # not held while asleep


# What a sleeping wait keeps of its last status: the model, or only the names of the
# fields it had, when all of them but its id and state were None (one shared tuple
# per shape: a bulk read's items all look alike).
_Kept = VideoStatus | tuple[str, ...] | None
_SHAPES: dict[frozenset[str], tuple[str, ...]] = {}
_ID_AND_STATE = frozenset({"video_id", "status"})


def _keep(status: VideoStatus, video_id: str) -> VideoStatus | tuple[str, ...]:
    """``status`` itself, or its shape when ``_last_status`` can rebuild an equal one."""
    extra = status.model_extra or {}
    names = status.model_fields_set | extra.keys()
    if status.video_id != video_id or any(
        getattr(status, name) is not None for name in status.model_fields_set - _ID_AND_STATE
    ):
        return status
    if any(value is not None for value in extra.values()) or len(_SHAPES) > 64:
        return status
    key = frozenset(names)
    return _SHAPES.setdefault(key, tuple(sorted(key)))


def _last_status(video_id: str, state: VideoState | None, kept: _Kept) -> VideoStatus | None:
    """The last status seen: the kept model, else one rebuilt equal to it (same
    fields set, the same None values) from its shape and state."""
    if kept is None or isinstance(kept, VideoStatus):
        return kept
    data: dict[str, object] = dict.fromkeys(kept)
    data["video_id"] = video_id
    if "status" in data:
        data["status"] = state
    return VideoStatus.model_validate(data)


def _is_loop_clock(clock: Clock) -> bool:
    """True when ``clock`` keeps the event loop's time (cancel scopes measure it)."""
    kind = type(clock)
    return kind.now is Clock.now and kind.sleep is Clock.sleep


def _timed_out(
    video_id: str,
    timeout: float,
    last_status: VideoStatus | None,
    last_error: HeyGenError | None,
    *,
    cause: str | None = None,
) -> WaitTimeoutError:
    if cause is None and last_error is not None:
        cause = str(last_error)
    error = WaitTimeoutError(video_id, timeout=timeout, last_status=last_status, cause=cause)
    error.__cause__ = last_error
    return error


async def wait_for_video(
    session: Session,
    video_id: str,
    *,
    timeout: float | None = None,  # noqa: ASYNC109 - the public API's wait deadline
    poll: PollPolicy | None = None,
    on_status: StatusListener | None = None,
) -> VideoStatus:
    """``AsyncHeyGenClient.wait_for_video``: arguments checked before any request."""
    video_id = require_text(video_id, "video_id")
    policy = resolve_policy(session.poll, poll, timeout)
    poller = session.poller
    return await poll_until_done(
        poller.next_status, video_id, policy, session.clock, on_status, poller.pace
    )
