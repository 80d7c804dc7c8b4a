"""Generate-and-wait: submit one video, then wait for it, holding a render slot.

::

    status = await generate_and_wait(client, lambda: client.generate_video(...),
                                     timeout=600, poll=None)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from ..models import GeneratedVideo, VideoStatus
from ._policy import PollPolicy
from ._wait import poll_until_done, resolve_policy

if TYPE_CHECKING:
    from .._client import AsyncHeyGenClient


async def generate_and_wait(
    client: AsyncHeyGenClient,
    submit: Callable[[], Awaitable[GeneratedVideo]],
    *,
    timeout: float | None,
    poll: PollPolicy | None,
) -> VideoStatus:
    """Run ``submit`` (one billed generation request) and wait for the new video.

    ``timeout``/``poll`` are checked before anything is sent. The client's
    renders-in-flight slot is held from the submission until the video is
    terminal, so at most ``max_concurrent_jobs`` of these render at once.
    """
    policy = resolve_policy(client.poll, poll, timeout)
    async with client._transport.rate.job_slot():
        video = await submit()
        return await poll_until_done(
            client.get_video_status, video.video_id, policy, client._transport.clock
        )
