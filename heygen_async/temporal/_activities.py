"""The activities: create a job, wait for it, download it.

One ``HeyGenActivities`` per worker process holds one ``AsyncHeyGenClient``, so
every wait running on that worker shares the client's poller (a bulk status read
covers them all) and its rate controller.

Nothing is paid twice: a create's ``Idempotency-Key`` is derived from the
workflow id, the activity id and the job key, so any attempt of the same activity
(a retry, or a new worker after a crash) sends the same key and HeyGen replays the
first answer. HeyGen keeps keys 24 h: a retry whose key may be older than
``KEY_RESEND_WINDOW`` is refused (``IdempotencyKeyExpired``, not retried) rather
than resent, since the same key past HeyGen's retention would make a second job.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import anyio
from temporalio import activity
from temporalio.exceptions import ApplicationError

from .._client import AsyncHeyGenClient
from .._errors import (
    APIStatusError,
    ConflictError,
    HeyGenError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    RateLimitError,
    VideoFailedError,
    WaitTimeoutError,
)
from .._ids import activity_idempotency_key
from .._logging import redact
from ..models import VideoStatus
from ..workflows._download import file_name_for
from ..workflows._wait import wait_for_video
from ._types import Created, CreateInput, DownloadInput, Waited, WaitInput

# HeyGen replays a key's first answer for 24 h; an hour is kept in hand for clock
# drift, as the local bulk runner does (cli/_bulk_runner.py, KEY_RESEND_WINDOW).
KEY_RESEND_WINDOW = 23 * 3600.0
# Heartbeats per heartbeat timeout: a missed one or two does not fail the wait.
HEARTBEATS_PER_TIMEOUT = 3

CreateFunction = Callable[[AsyncHeyGenClient, Mapping[str, Any], str], Awaitable[str]]


async def _create_avatar_video(
    client: AsyncHeyGenClient, fields: Mapping[str, Any], key: str
) -> str:
    return (await client.generate_video(**fields, idempotency_key=key)).video_id


async def _create_avatar_iv_video(
    client: AsyncHeyGenClient, fields: Mapping[str, Any], key: str
) -> str:
    return (await client.generate_avatar_iv_video(**fields, idempotency_key=key)).video_id


CREATORS: dict[str, CreateFunction] = {
    "avatar_video": _create_avatar_video,
    "avatar_iv_video": _create_avatar_iv_video,
}
"""How each job kind is created: one entry per kind (the kind's create method with
the job's fields and the derived key; it returns the job's id)."""

WAIT_KINDS = {"avatar_video": "video", "avatar_iv_video": "video"}
"""What each job kind is waited for as (every video kind is a video)."""


def idempotency_key_for(workflow_id: str, activity_id: str, job_key: str) -> str:
    """The ``Idempotency-Key`` of one create: the same for every attempt of the same
    activity of the same workflow, different for anything else. A digest, so any
    workflow id or job key fits HeyGen's rules (1-255 of ``A-Za-z0-9_-:.``)."""
    return activity_idempotency_key(workflow_id, activity_id, job_key)  # made in _ids


def _non_retryable(error: BaseException, secret: str | None) -> ApplicationError:
    return ApplicationError(
        redact(str(error), secret), type=type(error).__name__, non_retryable=True
    )


def _is_permanent(error: HeyGenError) -> bool:
    """An error that asking again will not change (bad input, auth, credit, 404)."""
    if isinstance(error, InvalidRequestError):
        return True
    if isinstance(error, (RateLimitError, ConflictError, InternalServerError)):
        return False
    return isinstance(error, APIStatusError) and 400 <= (error.status_code or 0) < 500


class HeyGenActivities:
    """The activities of one worker, over one client (register ``.activities``)."""

    def __init__(self, client: AsyncHeyGenClient, *, secret: str | None = None) -> None:
        self.client = client
        self._secret = secret  # only to redact it from error messages

    @property
    def activities(self) -> list[Callable[..., Any]]:
        """The activity functions, for ``Worker(activities=...)``."""
        return [self.create, self.wait, self.download]

    @activity.defn(name="heygen.create")
    async def create(self, request: CreateInput) -> Created:
        """Create one job, billed once whatever the retries (see the module)."""
        info = activity.info()
        creator = CREATORS.get(request.job.kind)
        if creator is None:
            raise ApplicationError(
                f"job {request.job.key!r}: kind {request.job.kind!r} cannot be created; "
                f"kinds are {', '.join(sorted(CREATORS))}",
                type="InvalidRequestError",
                non_retryable=True,
            )
        # Outside a workflow (a standalone activity) the activity id alone is the identity.
        workflow_id = info.workflow_id or ""
        key = idempotency_key_for(workflow_id, info.activity_id, request.job.key)
        if info.attempt > 1 and time.time() - request.scheduled_at > KEY_RESEND_WINDOW:
            raise ApplicationError(
                f"job {request.job.key!r}: its create was first scheduled more than 23 h "
                "ago and may have been sent; HeyGen forgets an idempotency key after 24 h, "
                "so resending it could pay twice. Check the account's videos, then rerun "
                "the job under a new key if it is not there.",
                type="IdempotencyKeyExpired",
                non_retryable=True,
            )
        try:
            job_id = await creator(self.client, request.job.fields, key)
        except TypeError as exc:  # a field the create method does not take
            raise _non_retryable(exc, self._secret) from None
        except HeyGenError as exc:
            if _is_permanent(exc):
                raise _non_retryable(exc, self._secret) from None
            raise  # transient: Temporal retries with the same key
        return Created(job_id=job_id, idempotency_key=key)

    @activity.defn(name="heygen.wait")
    async def wait(self, request: WaitInput) -> Waited:
        """Wait for a job, heartbeating its last status. A retry (a new worker after a
        crash) resumes: it keeps the wait's deadline, starts from the last status
        heartbeated and never creates anything."""
        if WAIT_KINDS.get(request.kind) != "video":
            raise ApplicationError(
                f"kind {request.kind!r} cannot be waited for here yet; kinds are "
                f"{', '.join(sorted(WAIT_KINDS))}",
                type="InvalidRequestError",
                non_retryable=True,
            )
        info = activity.info()
        last: dict[str, Any] = dict(info.heartbeat_details[0]) if info.heartbeat_details else {}
        started = float(last.get("started_at", time.time()))
        last["started_at"] = started
        if last.get("status"):
            activity.logger.info("resuming the wait for %s at %s", request.job_id, last["status"])
        remaining = None if request.timeout is None else started + request.timeout - time.time()
        if remaining is not None and remaining <= 0:
            return Waited(request.job_id, "timeout", f"no end within {request.timeout:g} s")

        def on_status(status: VideoStatus) -> None:
            last["status"] = status.status
            activity.heartbeat(last)

        every = _heartbeat_interval(info.heartbeat_timeout)
        async with anyio.create_task_group() as group:
            group.start_soon(_keep_heartbeating, last, every)
            try:
                status = await wait_for_video(
                    self.client._core, request.job_id, timeout=remaining, on_status=on_status
                )
            except VideoFailedError as exc:
                return Waited(request.job_id, "failed", redact(str(exc), self._secret))
            except WaitTimeoutError as exc:
                return Waited(request.job_id, "timeout", redact(str(exc), self._secret))
            except NotFoundError as exc:
                raise _non_retryable(exc, self._secret) from None
            finally:
                group.cancel_scope.cancel()
        return Waited(request.job_id, "completed", video_url=status.video_url)

    @activity.defn(name="heygen.download")
    async def download(self, request: DownloadInput) -> str:
        """Save a finished video under ``out_dir`` (resumes a ``.part`` left by a
        crashed attempt); return the path as the worker sees it."""
        try:
            target = Path(request.out_dir) / file_name_for(request.job_key, request.video_id)
            path = await self.client.download_video(request.video_id, target)
        except OSError as exc:
            raise ApplicationError(
                f"cannot write the video: {exc}", type="OSError", non_retryable=True
            ) from None
        except HeyGenError as exc:
            if _is_permanent(exc) or isinstance(exc, VideoFailedError):
                raise _non_retryable(exc, self._secret) from None
            raise
        return str(path)


def _heartbeat_interval(timeout: timedelta | None) -> float:
    if timeout is None:
        return 10.0
    return max(timeout.total_seconds() / HEARTBEATS_PER_TIMEOUT, 0.1)


async def _keep_heartbeating(details: dict[str, Any], every: float) -> None:
    """Heartbeat the last status now and then: a worker that dies stops this, and
    Temporal retries the wait elsewhere after the heartbeat timeout."""
    while True:
        activity.heartbeat(details)
        await anyio.sleep(every)


__all__ = [
    "CREATORS",
    "KEY_RESEND_WINDOW",
    "WAIT_KINDS",
    "HeyGenActivities",
    "idempotency_key_for",
]
