"""Generate-and-wait: submit one video, then wait for it, holding a render slot.

::

    status = await generate_and_wait(session, request, idempotency_key=None,
                                     timeout=600, poll=None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._transport._hold import hold_at_job_limit
from ..jobs._policy import PollPolicy
from ..models import AvatarIVVideoRequest, GenerateVideoRequest, VideoStatus
from ._wait import resolve_policy, wait_in_session

if TYPE_CHECKING:
    from .._session import Session, VideoCreate


async def generate_and_wait(
    session: Session,
    request: GenerateVideoRequest | AvatarIVVideoRequest | VideoCreate,
    *,
    idempotency_key: str | None,
    timeout: float | None,
    poll: PollPolicy | None,
) -> VideoStatus:
    """Send ``request`` (one billed create) and wait for the new video.

    ``timeout``/``poll`` are checked before anything is sent. The client's
    renders-in-flight slot is held from the submission until the video is
    terminal, so at most ``max_concurrent_jobs`` of these render at once. A create
    refused at v3's concurrent-job limit is held (same key, never a retry) until a
    slot frees, or ``timeout`` seconds pass with the limit making no progress.
    """
    policy = resolve_policy(session.poll, poll, timeout)
    async with session.rate.job_slot():
        with hold_at_job_limit(session.clock, policy.timeout):
            video = await session.generate(request, idempotency_key=idempotency_key)
        return await wait_in_session(session, video.video_id, policy, just_created=True)
