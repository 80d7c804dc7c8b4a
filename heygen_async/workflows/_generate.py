"""Generate-and-wait: submit one video, then wait for it, holding a render slot.

::

    status = await generate_and_wait(session, request, idempotency_key=None,
                                     timeout=600, poll=None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import AvatarIVVideoRequest, GenerateVideoRequest, VideoStatus
from ._policy import PollPolicy
from ._wait import poll_until_done, resolve_policy

if TYPE_CHECKING:
    from .._session import Session


async def generate_and_wait(
    session: Session,
    request: GenerateVideoRequest | AvatarIVVideoRequest,
    *,
    idempotency_key: str | None,
    timeout: float | None,
    poll: PollPolicy | None,
) -> VideoStatus:
    """Send ``request`` (one billed create) and wait for the new video.

    ``timeout``/``poll`` are checked before anything is sent. The client's
    renders-in-flight slot is held from the submission until the video is
    terminal, so at most ``max_concurrent_jobs`` of these render at once.
    """
    policy = resolve_policy(session.poll, poll, timeout)
    async with session.rate.job_slot():
        video = await session.generate(request, idempotency_key=idempotency_key)
        poller = session.poller
        return await poll_until_done(
            poller.next_status, video.video_id, policy, session.clock, pace=poller.pace
        )
