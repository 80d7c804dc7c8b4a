"""``client.lipsyncs``: put new audio on a video's speaker (v3): the audio is
replaced and the lips re-animated to match it.

::

    job = await client.lipsyncs.create("https://example.com/talk.mp4", "new-voice.mp3")
    lipsync = await client.lipsyncs.get(job.lipsync_id)
    print(lipsync.status, lipsync.video_url)

``client.lipsyncs.batches`` submits up to 100 lipsyncs at once.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .._params import RequestOptions, Unpack
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._resource_kind import ResourceKind
from ..models._base import Deleted, RequestModel, ResponseModel
from ._arguments import bulk_read
from ._assets import AssetInput, AssetReference
from ._batches import AsyncBatches
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Batch, BatchCreated, BatchItem, Settles, StatusEntry, SyncJobs
from ._pages import AsyncPager, PageSize
from ._resource import AsyncRawResource, RawView, raw_method

MAX_BATCH_ITEMS = 100
"""Most lipsyncs one batch or one bulk read takes."""

Ids = Annotated[
    list[Annotated[str, StringConstraints(min_length=1)]],
    Field(min_length=1, max_length=MAX_BATCH_ITEMS),
]
Seconds = Annotated[float, Field(ge=0)]


# -- answers ----------------------------------------------------------------------


class Lipsync(Settles, ResponseModel):
    """One lipsync job as ``get``, ``list`` and ``update`` describe it."""

    id: str
    """The lipsync's id (``lipsync_id`` everywhere else)."""
    status: Literal["pending", "running", "completed", "failed"] | str | None = None
    """``pending``, ``running``, ``completed`` or ``failed`` (another value HeyGen
    adds later is kept as it is, and counts as still running)."""
    title: str | None = None
    """The job's display title."""
    duration: float | None = None
    """The video's length in seconds (None until HeyGen knows it)."""
    video_url: str | None = None
    """Download link of the result, a presigned URL that expires (completed jobs only)."""
    caption_url: str | None = None
    """Download link of the SRT captions (completed jobs made with ``enable_caption``)."""
    callback_id: str | None = None
    """The ``callback_id`` you gave at creation, echoed in webhook deliveries."""
    failure_message: str | None = None
    """Why the job failed (only when ``status`` is ``failed``)."""
    created_at: int | None = None
    """Creation time, Unix seconds."""


class LipsyncCreated(ResponseModel):
    """The answer of ``create``."""

    lipsync_id: str
    """The new job's id (``get`` follows it)."""


class LipsyncStatus(StatusEntry):
    """One entry of ``statuses``: a lipsync's id and where it stands, nothing more
    (``get`` has its URLs)."""

    @property
    def lipsync_id(self) -> str | None:
        """The lipsync's id: ``video_id`` under the name the rest of the API uses (or
        ``lipsync_id``, should HeyGen's answer come to spell it so)."""
        return self._job_id("lipsync_id")


class DeletedLipsync(Deleted):
    """The answer of ``delete``: the deleted lipsync's ``id``."""


class LipsyncBatchCreated(BatchCreated):
    """The answer of ``batches.create``: the batch to follow with ``batches.get``."""


class LipsyncBatchItem(BatchItem):
    """One item of a batch: one lipsync."""

    @property
    def lipsync_id(self) -> str | None:
        """The lipsync's id: ``video_id`` under the name the rest of the API uses (or
        ``lipsync_id``, should HeyGen's answer come to spell it so)."""
        return self._job_id("lipsync_id")


class LipsyncBatch(Batch[LipsyncBatchItem]):
    """A batch and one page of its items, as ``batches.get`` reads it."""


# -- request parts ----------------------------------------------------------------


class LipsyncRequest(RequestModel):
    """One payload of ``batches.create``: the fields of ``create``. Files are given by
    asset id or URL here (``client.upload_asset`` a local file first)."""

    video: AssetReference
    """The video whose speaker gets the new audio: an asset id, a URL or HeyGen's dict."""
    audio: AssetReference
    """The new audio: an asset id, an http(s) URL or HeyGen's dict."""
    title: str | None = None
    """The job's title."""
    mode: Literal["speed", "precision"] | None = None
    """``speed`` (HeyGen's default) or ``precision`` (better lip-sync, slower)."""
    fps_mode: Literal["vfr", "cfr", "passthrough"] | None = None
    """Output frame rate: variable, constant, or the source's."""
    start_time: Seconds | None = None
    """Lip-sync from this second of the video on."""
    end_time: Seconds | None = None
    """Lip-sync up to this second of the video."""
    enable_caption: bool | None = None
    """True to make SRT captions of the result."""
    enable_dynamic_duration: bool | None = None
    """Let the result run longer or shorter than the source (HeyGen's default: True)."""
    enable_speech_enhancement: bool | None = None
    """True to clean up the speech."""
    enable_watermark: bool | None = None
    """True to watermark the output."""
    disable_music_track: bool | None = None
    """True to drop the background music."""
    keep_the_same_format: bool | None = None
    """True to keep the source's resolution and bitrate."""
    folder_id: str | None = None
    """The folder to file the job in."""
    callback_id: str | None = None
    """Your own id, echoed in webhook deliveries."""
    callback_url: str | None = None
    """A URL HeyGen notifies when this job finishes."""


BatchPayloads = Annotated[list[LipsyncRequest], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]


# -- client.lipsyncs ----------------------------------------------------------------


class LipsyncKind(ResourceKind):
    """Lipsyncs: ``statuses`` reads up to 100 at once; a lipsync it shows finished
    gets one ``get`` of its own (the bulk entry has no URL), which is what a wait
    returns."""

    name = "lipsync"
    bulk_ids = "lipsync_ids"
    bulk_id_field = "lipsync_id"


class AsyncLipsyncs(AsyncJobs[Lipsync]):
    """``client.lipsyncs`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = LipsyncKind
    _job = "a lipsync job"
    _jobs = "lipsync jobs"
    _result = "the job with its ``video_url``"

    @endpoint("POST", "/v3/lipsyncs", billed=True)
    async def create(
        self,
        video: AssetInput,
        audio: AssetInput,
        *,
        title: str | None = None,
        mode: Literal["speed", "precision"] | None = None,
        fps_mode: Literal["vfr", "cfr", "passthrough"] | None = None,
        start_time: Seconds | None = None,
        end_time: Seconds | None = None,
        enable_caption: bool | None = None,
        enable_dynamic_duration: bool | None = None,
        enable_speech_enhancement: bool | None = None,
        enable_watermark: bool | None = None,
        disable_music_track: bool | None = None,
        keep_the_same_format: bool | None = None,
        folder_id: str | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> LipsyncCreated:
        """Put ``audio`` on the speaker of ``video`` (billed): the audio is replaced and
        the lips re-animated to match. Each is an asset id, an http(s) URL, a local
        path or bytes (uploaded first). ``mode`` is ``speed`` (HeyGen's default) or
        ``precision``; ``start_time``/``end_time`` (seconds) lip-sync a part;
        ``enable_caption`` adds SRT captions. A retry never pays twice: every attempt
        carries the same ``Idempotency-Key`` (yours, or a fresh one).

        ::

            job = await client.lipsyncs.create("https://example.com/talk.mp4", "voice.mp3")
            print(job.lipsync_id)
        """
        ...

    @endpoint("GET", "/v3/lipsyncs/{lipsync_id}")
    async def get(self, lipsync_id: str, **options: Unpack[RequestOptions]) -> Lipsync:
        """One lipsync job: its status, and its ``video_url`` once ``completed``. An
        unknown id raises ``NotFoundError``.

        ::

            lipsync = await client.lipsyncs.get(lipsync_id)
            if lipsync.is_completed:
                print(lipsync.video_url)
        """
        ...

    @endpoint("PATCH", "/v3/lipsyncs/{lipsync_id}")
    async def update(
        self, lipsync_id: str, title: str, **options: Unpack[RequestOptions]
    ) -> Lipsync:
        """Rename a lipsync job (its ``title`` is all that can change); the job as it is
        now.

        ::

            await client.lipsyncs.update(lipsync_id, "Keynote, new voice")
        """
        ...

    @endpoint("DELETE", "/v3/lipsyncs/{lipsync_id}")
    async def delete(self, lipsync_id: str, **options: Unpack[RequestOptions]) -> DeletedLipsync:
        """Delete a lipsync job and its files, for good.

        ::

            await client.lipsyncs.delete(lipsync_id)
        """
        ...

    @endpoint("GET", "/v3/lipsyncs/statuses", check=bulk_read("lipsync_ids"))
    async def statuses(
        self,
        lipsync_ids: Ids | None = None,
        *,
        batch_ids: Ids | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[LipsyncStatus]:
        """Where up to 100 lipsyncs stand, in one request: by id, and/or every item of
        the batches in ``batch_ids`` (at most 100 ids and batch ids together). An id
        HeyGen does not know comes back ``not_found``; no URLs here (``get`` has them).

        ::

            for entry in await client.lipsyncs.statuses(lipsync_ids):
                print(entry.lipsync_id, entry.status)
        """
        ...

    # Declared after every ``-> list[...]``: mypy reads ``list`` in the class body as this.
    @endpoint("GET", "/v3/lipsyncs", paged=True)
    def list(
        self,
        *,
        limit: PageSize | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[Lipsync]:
        """Your lipsync jobs, a page at a time (``limit`` 1-100 a page, HeyGen's
        default 10). Await it for one page, or iterate it for all::

            async for lipsync in client.lipsyncs.list():
                print(lipsync.id, lipsync.status)
        """
        ...

    @property
    def batches(self) -> AsyncLipsyncBatches:
        """Batches: up to 100 lipsyncs submitted and followed as one."""
        return AsyncLipsyncBatches(self._client)

    with_raw_response: RawView[AsyncLipsyncsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncLipsyncBatches(AsyncBatches[LipsyncBatch]):
    """``client.lipsyncs.batches`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _path = "/v3/lipsyncs/batches"

    @endpoint("POST", "/v3/lipsyncs/batches", billed=True)
    async def create(
        self,
        lipsyncs: BatchPayloads,
        *,
        title: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> LipsyncBatchCreated:
        """Submit up to 100 lipsyncs as one batch (billed per lipsync): each payload
        takes ``create``'s fields (a ``LipsyncRequest`` or a dict in HeyGen's form,
        files by asset id or URL) and becomes one item. Items run independently: one
        bad source does not fail the rest. ``callback_url`` is notified once, when
        every item has finished. The same ``Idempotency-Key`` on every attempt returns
        the same batch.

        ::

            batch = await client.lipsyncs.batches.create(
                [{"video": video_url, "audio": url} for url in audio_urls], title="Dubs"
            )
        """
        ...

    with_raw_response: RawView[AsyncLipsyncBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


# -- raw forms ---------------------------------------------------------------------


class AsyncLipsyncsWithRawResponse(AsyncRawResource[AsyncLipsyncs]):
    """``client.lipsyncs.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncLipsyncs.create)
    get = raw_method(AsyncLipsyncs.get)
    update = raw_method(AsyncLipsyncs.update)
    delete = raw_method(AsyncLipsyncs.delete)
    statuses = raw_method(AsyncLipsyncs.statuses)


class AsyncLipsyncBatchesWithRawResponse(AsyncRawResource[AsyncLipsyncBatches]):
    """``client.lipsyncs.batches.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncLipsyncBatches.create)
    get = raw_method(AsyncLipsyncBatches.get)


# -- the sync client ---------------------------------------------------------------


class Lipsyncs(SyncJobs[AsyncLipsyncs]):
    """``client.lipsyncs`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncLipsyncs.create)
    get = blocking(AsyncLipsyncs.get)
    list = paging(AsyncLipsyncs.list)
    update = blocking(AsyncLipsyncs.update)
    delete = blocking(AsyncLipsyncs.delete)
    statuses = blocking(AsyncLipsyncs.statuses)

    @property
    def batches(self) -> LipsyncBatches:
        """Batches: up to 100 lipsyncs submitted and followed as one."""
        return LipsyncBatches(*self._inner("batches"))

    with_raw_response: RawView[LipsyncsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class LipsyncBatches(SyncResource[AsyncLipsyncBatches]):
    """``client.lipsyncs.batches`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncLipsyncBatches.create)
    get = blocking(AsyncLipsyncBatches.get)

    with_raw_response: RawView[LipsyncBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class LipsyncsWithRawResponse(SyncRawResource[AsyncLipsyncs]):
    """``client.lipsyncs.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncLipsyncsWithRawResponse.create)
    get = blocking_raw(AsyncLipsyncsWithRawResponse.get)
    update = blocking_raw(AsyncLipsyncsWithRawResponse.update)
    delete = blocking_raw(AsyncLipsyncsWithRawResponse.delete)
    statuses = blocking_raw(AsyncLipsyncsWithRawResponse.statuses)


class LipsyncBatchesWithRawResponse(SyncRawResource[AsyncLipsyncBatches]):
    """``client.lipsyncs.batches.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncLipsyncBatchesWithRawResponse.create)
    get = blocking_raw(AsyncLipsyncBatchesWithRawResponse.get)


__all__ = [
    "AsyncLipsyncBatches",
    "AsyncLipsyncBatchesWithRawResponse",
    "AsyncLipsyncs",
    "AsyncLipsyncsWithRawResponse",
    "DeletedLipsync",
    "Lipsync",
    "LipsyncBatch",
    "LipsyncBatchCreated",
    "LipsyncBatchItem",
    "LipsyncBatches",
    "LipsyncBatchesWithRawResponse",
    "LipsyncCreated",
    "LipsyncKind",
    "LipsyncRequest",
    "LipsyncStatus",
    "Lipsyncs",
    "LipsyncsWithRawResponse",
]
