"""What a bulk run reports: one ``JobResult`` per job, and typed progress events.

``generate_many`` yields ``JobResult``s; its ``on_event`` callback receives the
events below, in this order for each job::

    JobSubmitting -> JobSending+ -> JobSubmitted -> JobStatusChanged* -> JobCompleted | JobFailed

(``JobSending`` once per attempt of the billed create: the first send and each
retry, each right before it leaves; a job resumed from a known ``video_id``
starts at ``JobStatusChanged``; a job that fails validation or submission goes
straight to ``JobFailed``; a translation, lipsync or video agent job, waited for
by its resource's ``wait``, has no ``JobStatusChanged``: its events carry its
``kind``). A progress bar::

    def on_event(event: JobEvent) -> None:
        if isinstance(event, (JobCompleted, JobFailed)):
            bar.update(1)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .._errors import HeyGenError
from ..models import VideoStatus

__all__ = [
    "JobCompleted",
    "JobEvent",
    "JobFailed",
    "JobResult",
    "JobSending",
    "JobStatusChanged",
    "JobSubmitted",
    "JobSubmitting",
]


@dataclass(frozen=True)
class JobResult:
    """How one job of a bulk run ended: exactly one per job.

    ``key`` is the job's ``key`` (its index in ``jobs`` when it has none),
    ``video_id`` is None if nothing was created, ``status`` is the last status
    read (the completed one on success, the failed one with HeyGen's reason on a
    render failure), ``error`` is None on success, else the ``HeyGenError`` that
    ended the job (``InvalidRequestError``, ``VideoFailedError``,
    ``WaitTimeoutError``...). ``callback_id`` is the correlation id sent to HeyGen.

    ``kind`` says what the job made: ``video`` (avatar and template videos), or
    ``video_translation``, ``lipsync``, ``video_agent``. For those three ``status``
    is the job's own model as its ``client.<noun>.wait`` returns it
    (``VideoTranslation``, ``Lipsync``, ``VideoAgentSession``), ``job_id`` its id,
    a failure's ``error`` that kind's ``JobFailedError``, and ``video_id`` the video
    a video agent made (None for translations and lipsyncs: ``status.video_url``).
    """

    key: Any
    video_id: str | None
    status: VideoStatus | Any | None
    """A video's ``VideoStatus``; another kind's own model (see above)."""
    error: HeyGenError | None
    callback_id: str | None = None
    job_id: str | None = None
    """The created job's id: the video's for a video, else the translation's, the
    lipsync's or the agent session's (None if nothing was created)."""
    kind: str = "video"
    """``video``, ``video_translation``, ``lipsync`` or ``video_agent``."""

    def __post_init__(self) -> None:
        if self.job_id is None and self.kind == "video" and self.video_id is not None:
            object.__setattr__(self, "job_id", self.video_id)

    @property
    def ok(self) -> bool:
        """True when the video completed."""
        return self.error is None


@dataclass(frozen=True)
class JobSubmitting:
    """About to send the (billed) generation request; emitted before it is sent.

    Journal ``callback_id`` and ``body`` here: if the process dies during the
    request, the video may exist and ``callback_id`` is how to find it. If the
    ``on_event`` callback raises for this event, the job is NOT submitted (it ends
    with a ``HeyGenError`` result), so a failed journal write never leaves an
    unrecorded video behind.
    """

    key: Any
    callback_id: str | None
    body: dict[str, Any]
    """The wire body about to be sent (in the client's API version)."""
    idempotency_key: str | None = None
    """The key the create carries (v3): resending it within 24 h cannot pay twice."""


@dataclass(frozen=True)
class JobSending:
    """One attempt of the job's billed create is about to be sent: emitted right
    before each send (the first, and every retry the transport makes), after any
    pause and with its request slot held, so nothing but the send follows it.

    Record "on the wire" here: a job whose ``JobSending`` never came was never sent
    (nothing to pay), one whose did may have made a video. A retry carries the same
    ``idempotency_key`` (v3), so HeyGen replays the first answer. If the
    ``on_event`` callback raises for this event, that attempt is NOT sent and the
    job ends with a ``HeyGenError`` (its ``may_have_been_processed`` is True when an
    earlier attempt had gone out).
    """

    key: Any
    attempt: int
    """1 for the first send, 2 for the first retry, and so on."""
    idempotency_key: str | None
    """The key this attempt carries (v3; None on v2, which has none)."""


@dataclass(frozen=True)
class JobSubmitted:
    """HeyGen accepted the job and returned its ``video_id`` (for a job of another
    ``kind``, ``video_id`` holds that job's id: the translation's, ...)."""

    key: Any
    video_id: str
    callback_id: str | None
    kind: str = "video"
    """``video``, ``video_translation``, ``lipsync`` or ``video_agent``."""


@dataclass(frozen=True)
class JobStatusChanged:
    """A status check returned a status different from the previous one."""

    key: Any
    video_id: str
    status: VideoStatus


@dataclass(frozen=True)
class JobCompleted:
    """The video rendered; ``status.video_url`` is its download link. For a job of
    another ``kind``, ``video_id`` holds that job's id and ``status`` its own
    finished model (as in ``JobResult``)."""

    key: Any
    video_id: str
    status: VideoStatus | Any
    kind: str = "video"
    """``video``, ``video_translation``, ``lipsync`` or ``video_agent``."""


@dataclass(frozen=True)
class JobFailed:
    """The job ended without a video: ``error`` says why (``video_id`` is None when
    nothing was created; for a job of another ``kind``, that job's id)."""

    key: Any
    video_id: str | None
    error: HeyGenError
    kind: str = "video"
    """``video``, ``video_translation``, ``lipsync`` or ``video_agent``."""


JobEvent = JobSubmitting | JobSending | JobSubmitted | JobStatusChanged | JobCompleted | JobFailed
"""Any of the events ``generate_many`` passes to ``on_event``."""
