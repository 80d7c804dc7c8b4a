"""Generate-and-wait: submit one video, then wait for it, holding a render slot.

::

    status = await generate_and_wait(core, request, idempotency_key=None,
                                     timeout=600, poll=None)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._transport._hold import hold_at_job_limit
from ..jobs._policy import PollPolicy
from ..models import AvatarIVVideoRequest, GenerateVideoRequest, VideoStatus
from ._wait import resolve_policy, wait_on_poller

if TYPE_CHECKING:
    from .._core import ClientCore, VideoCreate


async def generate_and_wait(
    core: ClientCore,
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
    policy = resolve_policy(core.poll, poll, timeout)
    async with core.rate.job_slot():
        with hold_at_job_limit(core.clock, policy.timeout):
            video = await core.generate(request, idempotency_key=idempotency_key)
        return await wait_on_poller(core, video.video_id, policy, just_created=True)
