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

import hashlib
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
    JobFailedError,
    NotFoundError,
    RateLimitError,
    WaitTimeoutError,
)
from .._ids import activity_idempotency_key
from .._logging import redact
from ..jobs._wait import wait_for_job
from ..resources.lipsyncs import LipsyncKind
from ..resources.video_agents import VideoAgentKind
from ..resources.video_translations import VideoTranslationKind
from ..workflows._download import _Download, file_name_for
from ..workflows._kinds import CREATE_KINDS, CreateKind, resource_create
from ..workflows._wait import resolve_policy, wait_for_video
from ._types import Created, CreateInput, DownloadInput, Waited, WaitInput

# HeyGen replays a key's first answer for 24 h; an hour is kept in hand for clock
# drift, as the local bulk runner does (cli/_bulk_runner.py, KEY_RESEND_WINDOW).
KEY_RESEND_WINDOW = 23 * 3600.0
# Heartbeats per heartbeat timeout: a missed one or two does not fail the wait.
HEARTBEATS_PER_TIMEOUT = 3

CreateFunction = Callable[[AsyncHeyGenClient, Mapping[str, Any], str], Awaitable[str]]

VIDEO = "video"
VIDEO_KINDS = ("avatar_video", "avatar_iv_video")
"""The kinds made by ``generate_video`` and ``generate_avatar_iv_video``."""


async def _create_avatar_video(
    client: AsyncHeyGenClient, fields: Mapping[str, Any], key: str
) -> str:
    return (await client.generate_video(**fields, idempotency_key=key)).video_id


async def _create_avatar_iv_video(
    client: AsyncHeyGenClient, fields: Mapping[str, Any], key: str
) -> str:
    return (await client.generate_avatar_iv_video(**fields, idempotency_key=key)).video_id


def _resource_creator(kind: CreateKind) -> CreateFunction:
    """A kind ``generate_many`` makes through a resource method (``templates.generate``,
    ``video_translations.create``, ...): the same checks and shaping, the same id."""

    async def create(client: AsyncHeyGenClient, fields: Mapping[str, Any], key: str) -> str:
        made = resource_create(kind, key, dict(fields))
        method = getattr(getattr(client, kind.noun), kind.method)
        return kind.id_of(await method(**made.arguments, idempotency_key=key))

    return create


CREATORS: dict[str, CreateFunction] = {
    "avatar_video": _create_avatar_video,
    "avatar_iv_video": _create_avatar_iv_video,
    **{kind.name: _resource_creator(kind) for kind in CREATE_KINDS},
}
"""How each job kind is created: one entry per kind (the kind's create method with
the job's fields and the derived key; it returns the job's id). The kinds are
``generate_many``'s: ``avatar_video``, ``avatar_iv_video``, ``template``,
``translation`` (one output language), ``lipsync``, ``video_agent``."""

WAIT_KINDS: dict[str, str] = {
    **dict.fromkeys(VIDEO_KINDS, VIDEO),
    **{kind.name: VIDEO if kind.waits_as_video else kind.job_kind for kind in CREATE_KINDS},
}
"""What each job kind is waited for as: ``video`` (any video, templates too), or the
job kind of its resource (``video_translation``, ``lipsync``, ``video_agent``)."""

CALLBACK_KINDS = frozenset(
    ("avatar_video", *(kind.name for kind in CREATE_KINDS if kind.takes_callback_id))
)
"""The kinds whose create takes a ``callback_id`` (HeyGen's Avatar IV create has none)."""

CALLBACK_PREFIX = "hgt."


def callback_id_for(workflow_id: str, job_key: str) -> str:
    """The ``callback_id`` a job of workflow ``workflow_id`` is created with (unless
    its fields name one): HeyGen echoes it in the job's webhook events, so a receiver
    finds the workflow to signal from the delivery alone (``workflow_id_of``)."""
    digest = hashlib.sha256(job_key.encode()).hexdigest()[:12]
    return f"{CALLBACK_PREFIX}{digest}.{workflow_id}"


def workflow_id_of(callback_id: str | None) -> str | None:
    """The workflow a ``callback_id`` made by ``callback_id_for`` names; None for any
    other callback id."""
    if not callback_id or not callback_id.startswith(CALLBACK_PREFIX):
        return None
    _, dot, workflow_id = callback_id[len(CALLBACK_PREFIX) :].partition(".")
    return workflow_id or None if dot else None


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
        fields = dict(request.job.fields)
        if workflow_id and request.job.kind in CALLBACK_KINDS and not fields.get("callback_id"):
            fields["callback_id"] = callback_id_for(workflow_id, request.job.key)
        try:
            job_id = await creator(self.client, fields, key)
        except TypeError as exc:  # a field the create method does not take
            raise _non_retryable(exc, self._secret) from None
        except HeyGenError as exc:
            if _is_permanent(exc):
                raise _non_retryable(exc, self._secret) from None
            raise  # transient: Temporal retries with the same key
        return Created(job_id=job_id, idempotency_key=key)

    @activity.defn(name="heygen.wait")
    async def wait(self, request: WaitInput) -> Waited:
        """Wait for a job of any kind, heartbeating its last status. A retry (a new
        worker after a crash) resumes: it keeps the wait's deadline, starts from the
        last status heartbeated and never creates anything."""
        waits_as = WAIT_KINDS.get(request.kind)
        if waits_as is None:
            raise ApplicationError(
                f"kind {request.kind!r} cannot be waited for; kinds are "
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

        def remaining() -> float | None:
            return None if request.timeout is None else started + request.timeout - time.time()

        left = remaining()
        if left is not None and left <= 0:
            return Waited(request.job_id, "timeout", f"no end within {request.timeout:g} s")
        every = _heartbeat_interval(info.heartbeat_timeout)
        async with anyio.create_task_group() as group:
            beats = Heartbeats(last, every)
            group.start_soon(beats.run)
            try:
                waited = await self._wait_for(request.job_id, waits_as, beats, remaining)
            except JobFailedError as exc:
                waited = Waited(request.job_id, "failed", redact(str(exc), self._secret))
            except WaitTimeoutError as exc:
                waited = Waited(request.job_id, "timeout", redact(str(exc), self._secret))
            except NotFoundError as exc:
                raise _non_retryable(exc, self._secret) from None
            finally:
                group.cancel_scope.cancel()
        return waited

    async def _wait_for(
        self,
        job_id: str,
        waits_as: str,
        beats: Heartbeats,
        remaining: Callable[[], float | None],
    ) -> Waited:
        """The wait itself: a video's, or a job's through its kind (a video agent's
        session, then the video it names)."""

        on_status, last = beats.changed, beats.details
        core = self.client._core
        if waits_as != VIDEO and "video_id" not in last:  # (a resumed agent's: known)
            policy = resolve_policy(core.poll, None, remaining())
            kind = _job_kind(self.client, waits_as)
            finished = await wait_for_job(
                core.poller, kind, job_id, policy, just_created=False, on_status=on_status
            )
            if waits_as != "video_agent":
                return Waited(
                    job_id, "completed", video_url=finished.video_url, result=_plain(finished)
                )
            last["agent"] = _plain(finished)
            last["video_id"] = finished.video_id
            beats.note()
        if "video_id" in last:  # the agent's session named its video: wait for that
            video = await wait_for_video(
                core, last["video_id"], timeout=remaining(), on_status=on_status
            )
            return Waited(job_id, "completed", video_url=video.video_url, result=last["agent"])
        status = await wait_for_video(core, job_id, timeout=remaining(), on_status=on_status)
        return Waited(job_id, "completed", video_url=status.video_url, result=_plain(status))

    @activity.defn(name="heygen.download")
    async def download(self, request: DownloadInput) -> str:
        """Save a finished job's video under ``out_dir`` (resumes a ``.part`` left by a
        crashed attempt); return the path as the worker sees it. A video agent's is
        its session's video; a translation's or a lipsync's is the job's ``video_url``."""
        waits_as = WAIT_KINDS.get(request.kind, VIDEO)
        try:
            target = Path(request.out_dir) / file_name_for(request.job_key, request.video_id)
            if waits_as == VIDEO:
                path = await self.client.download_video(request.video_id, target)
            elif waits_as == "video_agent":
                agent = await self.client.video_agents.get(request.video_id)
                path = await self.client.download_video(str(agent.video_id), target)
            else:
                resource = _job_kind(self.client, waits_as).resource
                path = await JobDownload(
                    self.client._core, request.video_id, target, resource
                ).run()
        except OSError as exc:
            raise ApplicationError(
                f"cannot write the video: {exc}", type="OSError", non_retryable=True
            ) from None
        except HeyGenError as exc:
            if _is_permanent(exc) or isinstance(exc, JobFailedError):
                raise _non_retryable(exc, self._secret) from None
            raise
        return str(path)


class JobDownload(_Download):
    """A translation's or a lipsync's video (``video_url`` of the job), with the
    download's guarantees: atomic, resumable, a fresh URL read from the job."""

    def __init__(self, core: Any, job_id: str, target: Path, resource: Any) -> None:
        super().__init__(core, job_id, target, caption=False)
        self.resource = resource

    async def fresh_url(self) -> None:
        job = await self.resource.get(self.video_id)
        if job.is_failed:
            raise JobFailedError(
                self.video_id, kind="job", message=getattr(job, "failure_message", None)
            )
        if not job.is_completed or not job.video_url:
            raise InvalidRequestError(
                f"job {self.video_id} has no video to download yet (status: {job.status})",
                field="video_id",
                allowed="a completed job",
            )
        self.url = job.video_url


def _job_kind(client: AsyncHeyGenClient, name: str) -> Any:
    """The SDK's job kind of that name, over the client's resource (what its ``wait``
    polls with)."""
    resources = {
        "video_translation": (client.video_translations, VideoTranslationKind),
        "lipsync": (client.lipsyncs, LipsyncKind),
        "video_agent": (client.video_agents, VideoAgentKind),
    }
    resource, kind = resources[name]
    return kind(resource)


def _status_text(status: Any) -> str:
    value = getattr(status, "status", None)
    return str(getattr(value, "value", value))


def _plain(model: Any) -> dict[str, Any]:
    """A finished job as JSON values (what crosses Temporal's wire)."""
    plain: dict[str, Any] = model.model_dump(mode="json", exclude_none=True)
    return plain


def _heartbeat_interval(timeout: timedelta | None) -> float:
    if timeout is None:
        return 10.0
    return max(timeout.total_seconds() / HEARTBEATS_PER_TIMEOUT, 0.1)


class Heartbeats:
    """A wait's heartbeats, every one sent from the activity's own task.

    Status callbacks run in the client's poller task, outside the activity's context
    (a heartbeat sent from there would go to the activity that started the poller):
    they only note the status and wake this loop. A worker that dies stops the loop,
    and Temporal retries the wait elsewhere after the heartbeat timeout."""

    def __init__(self, details: dict[str, Any], every: float) -> None:
        self.details = details
        self.every = every
        self._wake = anyio.Event()

    def changed(self, status: Any) -> None:
        """A new status (called from the poller): heartbeat it soon."""
        self.details["status"] = _status_text(status)
        self.note()

    def note(self) -> None:
        """The details changed: heartbeat them now rather than at the next beat."""
        self._wake.set()

    async def run(self) -> None:
        """Heartbeat the details every ``every`` seconds and after each change."""
        while True:
            activity.heartbeat(self.details)
            with anyio.move_on_after(self.every):
                await self._wake.wait()
            self._wake = anyio.Event()


__all__ = [
    "CALLBACK_KINDS",
    "CREATORS",
    "KEY_RESEND_WINDOW",
    "VIDEO_KINDS",
    "WAIT_KINDS",
    "HeyGenActivities",
    "JobDownload",
    "callback_id_for",
    "idempotency_key_for",
    "workflow_id_of",
]
