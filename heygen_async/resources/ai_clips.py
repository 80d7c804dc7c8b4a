"""``client.ai_clips``: AI clipping (v3): short clips cut from a long video.

::

    job = await client.ai_clips.create(
        "https://cdn.example/keynote.mp4",
        output_settings={"aspect_ratio": "portrait", "duration_types": ["30", "60"]},
    )
    job = await client.ai_clips.get(job.id)
    for clip in job.clips or []:
        print(clip.title, clip.virality_score, clip.video_url)

HeyGen picks the highlights, renders each as its own clip and scores how likely it
is to travel (``virality_score``).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AliasChoices, Field, field_validator

from .._params import RequestOptions, Unpack
from .._sync._resources import (
    SyncRawResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._resource_kind import ResourceKind
from ..models._base import Deleted, RequestModel, ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Settles, SyncJobs
from ._pages import AsyncPager
from ._resource import AsyncRawResource, RawView, raw_method

AspectRatio = Literal["landscape", "portrait", "square"]
"""A clip's shape: 16:9, 9:16 or 1:1."""


class ClipOutputSettings(RequestModel):
    """What clips ``ai_clips.create`` should produce (every field optional; a dict in
    HeyGen's form is accepted too)."""

    aspect_ratio: AspectRatio | None = None
    """Shape of every clip: ``landscape``, ``portrait`` (HeyGen's default, 9:16) or
    ``square``."""
    duration_types: list[Literal["30", "60", "180", "long"]] | None = None
    """Target lengths, one clip each: ``"30"``, ``"60"``, ``"180"`` seconds, or ``"long"``
    (the model's choice, over 180 s). Numbers (``30``) are accepted and sent as text."""
    captions: bool | None = None
    """Burn captions into the clips (HeyGen's default: true)."""
    caption_style: str | None = None
    """A named caption preset, e.g. ``classic`` or ``bold`` (default style when left out)."""
    prompt: Annotated[str, Field(max_length=500)] | None = None
    """Editorial guidance for picking highlights, at most 500 characters."""

    @field_validator("duration_types", mode="before")
    @classmethod
    def _durations_as_text(cls, value: Any) -> Any:
        # HeyGen spells durations as strings; 30 and "30" mean the same to a caller.
        if isinstance(value, (list, tuple)):
            return [str(item) if isinstance(item, int) else item for item in value]
        return value


class AIClip(ResponseModel):
    """One clip an AI clipping job produced."""

    id: str
    """The clip's id."""
    status: Literal["pending", "completed", "failed"] | str | None = None
    """The clip's own state: ``pending``, ``completed`` or ``failed``."""
    title: str | None = None
    """A title the model wrote for the clip."""
    video_url: str | None = None
    """Presigned MP4 download URL (``None`` until the clip is completed)."""
    thumbnail_url: str | None = None
    """Presigned thumbnail URL (``None`` until the clip is completed)."""
    duration_seconds: float | None = None
    """The clip's length, in seconds (``None`` until it is completed)."""
    aspect_ratio: AspectRatio | str | None = None
    """``landscape``, ``portrait`` or ``square`` (``None`` until completed)."""
    virality_score: int | None = None
    """How likely the model thinks the clip is to spread, 0-100 (``None`` until
    completed)."""
    failure_message: str | None = None
    """Reserved by HeyGen for a clip's failure reason; currently always ``None``."""


class AIClipJob(Settles, ResponseModel):
    """An AI clipping job and the clips it has produced so far."""

    _failed_states: ClassVar[frozenset[str]] = frozenset({"failed", "cancelled"})
    """A cancelled job never completes."""

    id: str = Field(validation_alias=AliasChoices("id", "job_id"))
    """The job's id (pass it to ``get`` or ``delete``)."""
    status: Literal["pending", "running", "completed", "failed", "cancelled"] | str | None = None
    """Where the job is: ``pending``, ``running``, ``completed``, ``failed`` or
    ``cancelled``."""
    progress: int | None = None
    """Approximate progress, 0-100. ``get`` gives it live; the listing only says 0 or
    100."""
    clips: list[AIClip] | None = None
    """The clips produced so far (empty until the first one is rendered)."""
    title: str | None = None
    """The job's title (the source video's, unless one was given)."""
    input_language: str | None = None
    """The source's language code (ISO 639-1, e.g. ``en``), given or detected."""
    source_duration: float | None = None
    """Length of the source video, in seconds."""
    failure_message: str | None = None
    """Why the job failed (only when ``status`` is ``failed``)."""
    callback_id: str | None = None
    """Your ``callback_id`` from the create, echoed back."""
    output_settings: dict[str, Any] | None = None
    """The output settings, should HeyGen return them (today it never does)."""
    created_at: int | None = None
    """When the job was created, Unix seconds."""


class DeletedAIClipJob(Deleted):
    """The answer to deleting an AI clipping job: its ``id`` (its clips are deleted
    with it)."""


class AIClipKind(ResourceKind):
    """AI clipping jobs, read by id (HeyGen has no bulk read for them)."""

    name = "ai_clip"


class AsyncAIClips(AsyncJobs[AIClipJob]):
    """``client.ai_clips`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = AIClipKind
    _job = "an AI clipping job"
    _jobs = "AI clipping jobs"
    _result = "the job with its clips"

    @endpoint("POST", "/v3/ai-clipping", billed=True)
    async def create(
        self,
        video: AssetInput,
        *,
        output_settings: ClipOutputSettings | None = None,
        title: str | None = None,
        input_language: str | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AIClipJob:
        """Start cutting short clips from ``video`` (an asset id, an http(s) URL, a
        local file or its bytes, uploaded first); billed. Returns the job at once:
        poll ``get`` until ``is_terminal``.

        ``output_settings`` (a ``ClipOutputSettings`` or its dict): the clips' shape,
        target lengths, captions and an editorial ``prompt``. ``input_language``: the
        source's ISO 639-1 code (detected when left out). ``callback_url`` is called
        when the job ends, with your ``callback_id``; those calls are not signed, so
        check the ``callback_id``::

            job = await client.ai_clips.create(
                "https://cdn.example/keynote.mp4",
                output_settings={"aspect_ratio": "square", "duration_types": ["60"]},
            )
        """
        ...

    @endpoint("GET", "/v3/ai-clipping/{job_id}")
    async def get(self, job_id: str, **options: Unpack[RequestOptions]) -> AIClipJob:
        """One AI clipping job by its id, with its live progress and its clips'
        download URLs. An unknown id raises ``NotFoundError``::

            job = await client.ai_clips.get(job_id)
        """
        ...

    @endpoint("DELETE", "/v3/ai-clipping/{job_id}")
    async def delete(self, job_id: str, **options: Unpack[RequestOptions]) -> DeletedAIClipJob:
        """Delete an AI clipping job and its clips::

        await client.ai_clips.delete(job_id)
        """
        ...

    @endpoint("GET", "/v3/ai-clipping", paged=True)
    def list(
        self,
        *,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[AIClipJob]:
        """Your AI clipping jobs, newest first, a page at a time (``limit`` 1-100 a
        page, HeyGen's default 10: each job carries its clips). Await it for one page,
        or iterate it for every job::

            async for job in client.ai_clips.list():
                print(job.id, job.status, len(job.clips or []))
        """
        ...

    with_raw_response: RawView[AsyncAIClipsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncAIClipsWithRawResponse(AsyncRawResource[AsyncAIClips]):
    """``client.ai_clips.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncAIClips.create)
    delete = raw_method(AsyncAIClips.delete)
    get = raw_method(AsyncAIClips.get)


class AIClips(SyncJobs[AsyncAIClips]):
    """``client.ai_clips`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncAIClips.create)
    delete = blocking(AsyncAIClips.delete)
    get = blocking(AsyncAIClips.get)
    list = paging(AsyncAIClips.list)

    with_raw_response: RawView[AIClipsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AIClipsWithRawResponse(SyncRawResource[AsyncAIClips]):
    """``client.ai_clips.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncAIClipsWithRawResponse.create)
    delete = blocking_raw(AsyncAIClipsWithRawResponse.delete)
    get = blocking_raw(AsyncAIClipsWithRawResponse.get)


__all__ = [
    "AIClip",
    "AIClipJob",
    "AIClipKind",
    "AIClips",
    "AIClipsWithRawResponse",
    "AsyncAIClips",
    "AsyncAIClipsWithRawResponse",
    "ClipOutputSettings",
    "DeletedAIClipJob",
]
