"""``wait_for_videos``: wait for many videos at once, one result per video as it ends.

Each video is a ``Watch`` on the client's one poller (``jobs._poller``), which reads
the statuses due together in bulk (v3: up to 100 ids a request) from its single
background driver: no task and no model per sleeping wait. Each video keeps its
own ``PollPolicy`` schedule and ends exactly as ``wait_for_video`` would; the ids
were given, not just created, so every first check is at once. Results come in
completion order; closing the generator ends the waits still running (the videos
go on rendering at HeyGen).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from typing import TYPE_CHECKING

from .._errors import InvalidRequestError
from .._validation import require_id_list
from ..jobs._policy import PollPolicy
from ..jobs._wait import ManyWaits
from ..models import VideoStatus
from ._events import JobResult
from ._wait import resolve_policy

if TYPE_CHECKING:
    from .._core import ClientCore


async def wait_for_videos(
    core: ClientCore,
    video_ids: Iterable[str],
    *,
    timeout: float | None = None,
    poll: PollPolicy | None = None,
) -> AsyncGenerator[JobResult, None]:
    """``AsyncHeyGenClient.wait_for_videos``: one ``JobResult`` per video (``key`` and
    ``video_id`` are the id) in completion order. Arguments are checked before any
    request: ``video_ids`` must be an iterable of non-empty strings (a lone string is
    refused), without duplicates; an empty one yields nothing."""
    ids = checked_video_ids(video_ids)
    policy = resolve_policy(core.poll, poll, timeout)
    if not ids:
        return
    waits: ManyWaits[VideoStatus] = ManyWaits(core.poller)
    results = waits.results(core.videos, ids, policy)
    del ids
    try:
        async for video_id, status, error in results:
            yield JobResult(video_id, video_id, status, error)
    finally:
        await results.aclose()


def checked_video_ids(video_ids: object) -> list[str]:
    """The ids as a list, or ``InvalidRequestError`` (a str, a non-string id, an empty
    id, the same id twice)."""
    ids = require_id_list(video_ids, "video_ids", "video", "wait_for_video")
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
