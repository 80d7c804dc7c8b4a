"""Waiting for a video: ``wait_for_video`` and the wait after a create.

Every wait is a ``Watch`` on the client's one poller (``jobs._poller``): a sleeping
wait costs a few slots and the future its caller awaits, no task, no coroutine of
its own and no model, and the waits due
together share one status read (v3: up to 100 ids a request).

A wait on a video this client has just submitted sleeps ``first_delay`` before its
first check (renders never finish instantly); a wait on an id it was given (which
may have finished long ago) checks at once.

A video the bulk status read does not know (v3's ``not_found``: unknown, or not
this account's) gets one single read to confirm; its ``404`` ends the wait with
``NotFoundError`` (``.video_id`` set). Only a video this client created less than
``NOT_FOUND_GRACE`` seconds ago is still waited for (a read right after a create
may lag): each such check counts as a failed one.

::

    policy = resolve_policy(core.poll, poll=None, timeout=600)
    status = await wait_on_poller(core, video_id, policy, just_created=False)
"""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from .._errors import InvalidRequestError
from .._validation import require_text
from ..jobs._policy import PollPolicy
from ..jobs._wait import wait_for_job
from ..models import VideoStatus

if TYPE_CHECKING:
    from .._core import ClientCore

StatusListener = Callable[[VideoStatus], None]


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


# Neither function below is a coroutine function: each checks its arguments and hands
# back what ``wait_for_job`` gives (on asyncio, the poller's future), so a sleeping
# wait holds no frame of theirs (about 300 bytes apiece; issue 24). Bad arguments
# raise before any request; the caller awaits what they return at once.


def wait_for_video(
    core: ClientCore,
    video_id: str,
    *,
    timeout: float | None = None,
    poll: PollPolicy | None = None,
    on_status: StatusListener | None = None,
) -> Awaitable[VideoStatus]:
    """``AsyncHeyGenClient.wait_for_video``: arguments checked before any request. The
    video may be done already: the first check is at once."""
    video_id = require_text(video_id, "video_id")
    policy = resolve_policy(core.poll, poll, timeout)
    return wait_on_poller(core, video_id, policy, on_status, just_created=False)


def wait_on_poller(
    core: ClientCore,
    video_id: str,
    policy: PollPolicy,
    on_status: StatusListener | None = None,
    *,
    just_created: bool,
) -> Awaitable[VideoStatus]:
    """Wait for a video on the core's poller until it completes (await it): its
    status, or ``VideoFailedError``, ``WaitTimeoutError``, ``WaitAbortedError``,
    ``NotFoundError``. ``just_created``: this client submitted it a moment ago."""
    return wait_for_job(
        core.poller,
        core.videos,
        video_id,
        policy,
        just_created=just_created,
        on_status=on_status,
    )
