"""``client.video_translations``: translate a video into other languages (v3), with
the voice cloned and the lips re-synced, and proofread its subtitles first if you like.

::

    created = await client.video_translations.create(
        "https://example.com/talk.mp4", ["Spanish (Spain)", "French"]
    )
    for translation_id in created.video_translation_ids:  # one job per language
        translation = await client.video_translations.get(translation_id)
        print(translation.output_language, translation.status)

``client.video_translations.batches`` submits up to 100 translations at once and
``client.video_translations.proofreads`` edits the subtitles before the render.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from .._constants import POLL_MAX_INTERVAL
from .._errors import InvalidRequestError
from .._params import RequestOptions, Unpack
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._policy import PollPolicy
from ..jobs._resource_kind import Missing, ResourceKind
from ..models._base import Deleted, RequestModel, ResponseModel
from ._arguments import bulk_read
from ._assets import AssetInput, AssetReference
from ._batches import AsyncBatches
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Batch, BatchCreated, BatchItem, Settles, StatusEntry, SyncJobs
from ._pages import AsyncPager, PageSize
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method

MAX_BATCH_ITEMS = 100
"""Most items one batch (after one item per output language) or one bulk read takes."""
MAX_LISTED_PAGES = 10
"""Most pages of ``list`` one poll reads for the full answers of finished translations."""

Text = Annotated[str, StringConstraints(min_length=1)]
Languages = Annotated[list[Text], Field(min_length=1)]
Ids = Annotated[list[Text], Field(min_length=1, max_length=MAX_BATCH_ITEMS)]
Seconds = Annotated[float, Field(ge=0)]
Speakers = Annotated[int, Field(ge=1)]

JobState = Literal["pending", "running", "completed", "failed"]
ProofreadState = Literal["processing", "completed", "failed"]


def _code_or_none(value: Any) -> int | str | None:
    """A failure code as HeyGen sent it (a number or text); anything else is no code,
    never a reason to refuse the whole answer."""
    if isinstance(value, (int, str)) and not isinstance(value, bool) and value != "":
        return value
    return None


FailureCode = Annotated[int | str | None, BeforeValidator(_code_or_none)]


# -- answers ----------------------------------------------------------------------


class VideoTranslation(Settles, ResponseModel):
    """One translation job (one output language) as ``get``, ``list`` and ``update``
    describe it."""

    id: str
    """The translation's id (``video_translation_id`` everywhere else)."""
    status: JobState | str | None = None
    """``pending``, ``running``, ``completed`` or ``failed`` (another value HeyGen
    adds later is kept as it is, and counts as still running)."""
    title: str | None = None
    """The job's display title."""
    input_language: str | None = None
    """The source language, as given or as HeyGen detected it."""
    output_language: str | None = None
    """The language this job translates into, e.g. ``Spanish (Spain)``."""
    duration: float | None = None
    """The video's length in seconds (None until HeyGen knows it)."""
    video_url: str | None = None
    """Download link of the translated video, a presigned URL that expires (completed
    jobs only; None for an audio-only translation's video)."""
    audio_url: str | None = None
    """Download link of the translated audio track (completed jobs only)."""
    srt_caption_url: str | None = None
    """Download link of the SRT captions (completed jobs made with ``enable_caption``)."""
    vtt_caption_url: str | None = None
    """Download link of the WebVTT captions (completed jobs made with ``enable_caption``)."""
    translate_audio_only: bool | None = None
    """True when only the audio was translated and the original picture kept."""
    callback_id: str | None = None
    """The ``callback_id`` you gave at creation, echoed in webhook deliveries."""
    failure_message: str | None = None
    """Why the job failed (only when ``status`` is ``failed``)."""
    failure_code: FailureCode = None
    """HeyGen's code for the failure (``wait`` reads it from ``statuses``; None when
    HeyGen gave none)."""
    created_at: int | None = None
    """Creation time, Unix seconds."""


class VideoTranslationsCreated(ResponseModel):
    """The answer of ``create``: one job per output language."""

    video_translation_ids: list[str]
    """The new jobs' ids, one per output language (in HeyGen's order)."""


class VideoTranslationStatus(StatusEntry):
    """One entry of ``statuses``: a translation's id and where it stands, nothing more
    (``get`` has its URLs)."""

    @property
    def video_translation_id(self) -> str | None:
        """The translation's id: ``video_id`` under the name the rest of the API uses (or
        ``video_translation_id``, should HeyGen's answer come to spell it so)."""
        return self._job_id("video_translation_id")


class VideoTranslationLanguages(ResponseModel):
    """The answer of ``languages``."""

    languages: list[str] = Field(default_factory=list)
    """Every language name ``output_languages`` takes, e.g. ``Spanish (Spain)``."""


class DeletedVideoTranslation(Deleted):
    """The answer of ``delete``: the deleted translation's ``id``."""


class VideoTranslationBatchCreated(BatchCreated):
    """The answer of ``batches.create``: the batch to follow with ``batches.get``
    (``total_items`` counts one item per output language of each payload)."""


class VideoTranslationBatchItem(BatchItem):
    """One item of a batch: one translation (one output language of one payload)."""

    @property
    def video_translation_id(self) -> str | None:
        """The translation's id: ``video_id`` under the name the rest of the API uses (or
        ``video_translation_id``, should HeyGen's answer come to spell it so)."""
        return self._job_id("video_translation_id")


class VideoTranslationBatch(Batch[VideoTranslationBatchItem]):
    """A batch and one page of its items, as ``batches.get`` reads it."""


class ProofreadsCreated(ResponseModel):
    """The answer of ``proofreads.create``: one proofread per output language."""

    proofread_ids: list[str]
    """The new proofreads' ids, one per output language."""
    status: ProofreadState | str | None = None
    """Their state at creation (``processing``)."""


class Proofread(Settles, ResponseModel):
    """A proofread: the subtitles HeyGen extracted and translated, to check before the
    final render (``proofreads.get``, ``proofreads.update_srt``)."""

    id: str
    """The proofread's id."""
    status: ProofreadState | str | None = None
    """``processing`` while subtitles are made, then ``completed`` (ready to edit and
    generate) or ``failed``."""
    title: str | None = None
    """The proofread's title."""
    input_language: str | None = None
    """The source language, as given or detected."""
    output_language: str | None = None
    """The language the subtitles are translated into."""
    submitted_for_review: bool | None = None
    """True once it was submitted for review."""
    failure_message: str | None = None
    """Why it failed (only when ``status`` is ``failed``)."""
    created_at: int | None = None
    """Creation time, Unix seconds."""


class ProofreadSrt(ResponseModel):
    """Download links of a proofread's subtitles (``proofreads.get_srt``)."""

    srt_url: str | None = None
    """The current (edited) SRT file, a presigned URL that expires."""
    original_srt_url: str | None = None
    """The SRT file given at creation, if one was."""


class ProofreadGeneration(ResponseModel):
    """The answer of ``proofreads.generate``: the translation job it started."""

    video_translation_id: str
    """The new translation's id (``client.video_translations.get`` follows it)."""
    status: ProofreadState | str | None = None
    """Its state at creation (``processing``)."""


# -- request parts ----------------------------------------------------------------


class StockVoiceConfig(RequestModel):
    """Speak the translation with one of HeyGen's preset voices instead of a clone of
    the speaker (an enterprise feature, for some accounts and languages)."""

    use_stock_voice: bool | None = None
    """True to use a preset voice (HeyGen's default: False, the speaker is cloned)."""
    preferred_stock_voice_ids: list[Text] | None = None
    """Preset voice ids to choose from; None: the language's default pool."""


class VideoTranslationRequest(RequestModel):
    """One payload of ``batches.create``: the fields of ``create``. Files are given by
    asset id or URL here (``client.upload_asset`` a local file first)."""

    video: AssetReference
    """The video to translate: an asset id, an http(s) URL or HeyGen's dict."""
    output_languages: Languages
    """Languages to translate into (``languages()``); each becomes one batch item."""
    audio: AssetReference | None = None
    """Your own dubbed audio to use instead of a generated one."""
    srt: AssetReference | None = None
    """Your own subtitle file (see ``srt_role``)."""
    srt_role: Literal["input", "output"] | None = None
    """Whether ``srt`` is the source's subtitles (``input``) or the translation's."""
    title: str | None = None
    """The job's title."""
    input_language: str | None = None
    """The source language (detected when None)."""
    mode: Literal["speed", "precision"] | None = None
    """``speed`` (HeyGen's default) or ``precision`` (better lip-sync, slower)."""
    speaker_num: Speakers | None = None
    """How many people speak (helps tell their voices apart)."""
    translate_audio_only: bool | None = None
    """True to translate the audio and keep the original picture."""
    fps_mode: Literal["vfr", "cfr", "passthrough"] | None = None
    """Output frame rate: variable, constant, or the source's (with ``audio`` only)."""
    start_time: Seconds | None = None
    """Translate from this second of the video on."""
    end_time: Seconds | None = None
    """Translate up to this second of the video."""
    enable_caption: bool | None = None
    """True to make SRT and VTT captions of the translation."""
    enable_dynamic_duration: bool | None = None
    """Let the translation run longer or shorter than the source (HeyGen's default: True)."""
    enable_speech_enhancement: bool | None = None
    """True to clean up the speech."""
    enable_watermark: bool | None = None
    """True to watermark the output."""
    disable_music_track: bool | None = None
    """True to drop the background music."""
    keep_the_same_format: bool | None = None
    """True to keep the source's resolution and bitrate."""
    brand_glossary_id: str | None = None
    """A brand glossary (``client.brand``) for terms to translate your way."""
    brand_voice_id: str | None = None
    """The older name of ``brand_glossary_id``."""
    stock_voice_config: StockVoiceConfig | None = None
    """Use a preset voice instead of a clone of the speaker."""
    folder_id: str | None = None
    """The folder to file the job in."""
    callback_id: str | None = None
    """Your own id, echoed in webhook deliveries."""
    callback_url: str | None = None
    """A URL HeyGen notifies when this job finishes."""


BatchPayloads = Annotated[
    list[VideoTranslationRequest], Field(min_length=1, max_length=MAX_BATCH_ITEMS)
]


def _at_most_100_items(values: Mapping[str, Any]) -> None:
    """HeyGen caps a batch at 100 items, counting one item per output language."""
    payloads: list[VideoTranslationRequest] = values["video_translations"]
    items = sum(len(payload.output_languages) for payload in payloads)
    if items > MAX_BATCH_ITEMS:
        raise InvalidRequestError(
            f"video_translations: at most {MAX_BATCH_ITEMS} translations per batch, one per "
            f"output language of each payload (got {items})",
            field="video_translations",
            allowed=f"1 to {MAX_BATCH_ITEMS} output languages over all payloads",
        )


# -- client.video_translations ----------------------------------------------------


# The bulk entry has no URLs, so the translations one read shows finished are read
# in full: several at once from the newest pages of ``list`` (100 a page, where a bulk
# run's jobs are; the next page only while the last held some of them), one alone
# (or one the pages miss) by its ``get``. A failure's
# code, which only the bulk entry carries, is kept on the full one. Translations run
# for many minutes: past ``max_interval`` a wait's interval goes on growing up to
# LONG_WAIT_FACTOR times it (unless the policy's cap is below the default: whoever
# lowers it wants news sooner), so 30 waits on 10 to 20 minute translations cost under
# 1.5 status requests each (tests/jobs/test_translation_wait_cost.py).
class VideoTranslationKind(ResourceKind):
    """Video translations: ``statuses`` reads up to 100 at once, finished ones read in
    full (their URLs) by ``list`` or ``get``."""

    name = "video_translation"
    bulk_ids = "video_translation_ids"
    bulk_id_field = "video_translation_id"
    bulk_is_final = True  # read_many reads the finished ones in full itself
    LONG_WAIT_FACTOR = 4.0

    def interval(self, policy: PollPolicy, check: int) -> float:
        base = policy.interval(check)
        if check <= 1 or base < policy.max_interval or policy.multiplier <= 1.0:
            return base
        if policy.max_interval < POLL_MAX_INTERVAL:
            return base  # a cap below the default asks for quick news: it is kept
        longest = policy.max_interval * self.LONG_WAIT_FACTOR
        # In logs: a long wait's check count would overflow multiplier ** check.
        growth = (check - 1) * math.log(policy.multiplier)
        if growth >= math.log(longest / policy.initial_interval):
            return longest
        return max(base, min(longest, policy.initial_interval * math.exp(growth)))

    async def read_one(self, job_id: str) -> Any:
        translation = await self.resource.get(job_id)
        if translation.is_failed and translation.failure_code is None:
            # ``get`` gives the reason but no code; the bulk entry has it.
            entries = await self.resource.statuses([job_id])
            _keep_code(translation, entries[0] if entries else None)
        return translation

    async def read_many(self, job_ids: Sequence[str]) -> list[Any]:
        # Each finished entry is replaced by the translation in full (``Missing``
        # where the listing lacks it: the poller then reads it alone, by ``get``).
        entries = await super().read_many(job_ids)
        ended = {
            entry.video_translation_id: entry
            for entry in entries
            if not isinstance(entry, Missing) and entry.is_terminal
        }
        if not ended:
            return entries
        full = await self._listed(ended) if len(ended) > 1 else {}
        for translation in full.values():
            _keep_code(translation, ended[translation.id])
        return [
            (full.get(job_id) or Missing(job_id)) if job_id in ended else entry
            for job_id, entry in zip(job_ids, entries, strict=True)
        ]

    async def _listed(self, ended: Mapping[str | None, Any]) -> dict[str, VideoTranslation]:
        # The finished ones among the newest pages of ``list``, by id; one it shows
        # unfinished yet is left out. The next page is read only while the last one
        # held some of them and some are still unseen (a server may give fewer than
        # ``limit`` a page); the rest are read alone, by ``get``.
        wanted = {job_id for job_id in ended if job_id}
        found: dict[str, VideoTranslation] = {}
        seen: set[str] = set()
        page = await self.resource.list(limit=MAX_BATCH_ITEMS)
        for _ in range(MAX_LISTED_PAGES):
            hits = [translation for translation in page.data if translation.id in wanted]
            seen.update(translation.id for translation in hits)
            found.update((t.id, t) for t in hits if t.is_terminal)
            if not hits or not wanted - seen or not (page.has_more and page.next_token):
                break
            page = await self.resource.list(limit=MAX_BATCH_ITEMS, token=page.next_token)
        return found


def _keep_code(translation: VideoTranslation, entry: Any) -> None:
    """A failed translation's ``failure_code`` from its bulk entry's ``error`` (and its
    ``failure_message``, should the translation's own read leave that out)."""
    error = getattr(entry, "error", None)
    if not (translation.is_failed and isinstance(error, Mapping)):
        return
    if translation.failure_code is None:
        translation.failure_code = _code_or_none(error.get("code"))
    if not translation.failure_message and isinstance(error.get("message"), str):
        translation.failure_message = error["message"] or None


class AsyncVideoTranslations(AsyncJobs[VideoTranslation]):
    """``client.video_translations`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = VideoTranslationKind
    _job = "a translation job"
    _jobs = "translation jobs"
    _result = "the job with its download URLs"

    @endpoint("POST", "/v3/video-translations", billed=True)
    async def create(
        self,
        video: AssetInput,
        output_languages: Languages,
        *,
        audio: AssetInput | None = None,
        srt: AssetInput | None = None,
        srt_role: Literal["input", "output"] | None = None,
        title: str | None = None,
        input_language: str | None = None,
        mode: Literal["speed", "precision"] | None = None,
        speaker_num: Speakers | None = None,
        translate_audio_only: bool | None = None,
        fps_mode: Literal["vfr", "cfr", "passthrough"] | None = None,
        start_time: Seconds | None = None,
        end_time: Seconds | None = None,
        enable_caption: bool | None = None,
        enable_dynamic_duration: bool | None = None,
        enable_speech_enhancement: bool | None = None,
        enable_watermark: bool | None = None,
        disable_music_track: bool | None = None,
        keep_the_same_format: bool | None = None,
        brand_glossary_id: str | None = None,
        brand_voice_id: str | None = None,
        stock_voice_config: StockVoiceConfig | None = None,
        folder_id: str | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoTranslationsCreated:
        """Translate ``video`` into each of ``output_languages`` (names from
        ``languages()``, e.g. ``"Spanish (Spain)"``): one billed job per language,
        the speaker's voice cloned and lips re-synced.

        ``video`` (and ``audio``, your own dub, or ``srt``, your own subtitles, whose
        ``srt_role`` says if they are the source's or the translation's) is an asset
        id, an http(s) URL, a local path or bytes (uploaded first). ``mode`` is
        ``speed`` (HeyGen's default) or ``precision``; ``start_time``/``end_time``
        translate a part (seconds); ``enable_caption`` adds SRT/VTT captions;
        ``fps_mode`` applies with ``audio`` only. A retry never pays twice: every
        attempt carries the same ``Idempotency-Key`` (yours, or a fresh one).

        ::

            created = await client.video_translations.create(
                "https://example.com/talk.mp4", ["French", "German"], enable_caption=True
            )
            print(created.video_translation_ids)
        """
        ...

    @endpoint("GET", "/v3/video-translations/{video_translation_id}")
    async def get(
        self, video_translation_id: str, **options: Unpack[RequestOptions]
    ) -> VideoTranslation:
        """One translation job: its status, and its download URLs once ``completed``.
        An unknown id raises ``NotFoundError``.

        ::

            translation = await client.video_translations.get(translation_id)
            if translation.is_completed:
                print(translation.video_url)
        """
        ...

    @endpoint("PATCH", "/v3/video-translations/{video_translation_id}")
    async def update(
        self, video_translation_id: str, title: str, **options: Unpack[RequestOptions]
    ) -> VideoTranslation:
        """Rename a translation job (its ``title`` is all that can change); the job as
        it is now.

        ::

            await client.video_translations.update(translation_id, "Keynote (French)")
        """
        ...

    @endpoint("DELETE", "/v3/video-translations/{video_translation_id}")
    async def delete(
        self, video_translation_id: str, **options: Unpack[RequestOptions]
    ) -> DeletedVideoTranslation:
        """Delete a translation job and its files, for good.

        ::

            await client.video_translations.delete(translation_id)
        """
        ...

    @endpoint("GET", "/v3/video-translations/statuses", check=bulk_read("video_translation_ids"))
    async def statuses(
        self,
        video_translation_ids: Ids | None = None,
        *,
        batch_ids: Ids | None = None,
        **options: Unpack[RequestOptions],
    ) -> list[VideoTranslationStatus]:
        """Where up to 100 translations stand, in one request: by id, and/or every item
        of the batches in ``batch_ids`` (at most 100 ids and batch ids together). An
        id HeyGen does not know comes back ``not_found``; no URLs here (``get`` has
        them).

        ::

            for entry in await client.video_translations.statuses(translation_ids):
                print(entry.video_translation_id, entry.status)
        """
        ...

    @endpoint("GET", "/v3/video-translations/languages")
    async def languages(self, **options: Unpack[RequestOptions]) -> VideoTranslationLanguages:
        """Every language a video can be translated into (the names
        ``output_languages`` takes).

        ::

            supported = (await client.video_translations.languages()).languages
        """
        ...

    # Declared after every ``-> list[...]``: mypy reads ``list`` in the class body as this.
    @endpoint("GET", "/v3/video-translations", paged=True)
    def list(
        self,
        *,
        limit: PageSize | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[VideoTranslation]:
        """Your translation jobs, a page at a time (``limit`` 1-100 a page, HeyGen's
        default 10). Await it for one page, or iterate it for all::

            async for translation in client.video_translations.list():
                print(translation.id, translation.output_language, translation.status)
        """
        ...

    @property
    def batches(self) -> AsyncVideoTranslationBatches:
        """Batches: up to 100 translations submitted and followed as one."""
        return AsyncVideoTranslationBatches(self._client)

    @property
    def proofreads(self) -> AsyncProofreads:
        """Proofreads: check and edit a translation's subtitles before it is rendered."""
        return AsyncProofreads(self._client)

    with_raw_response: RawView[AsyncVideoTranslationsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncVideoTranslationBatches(AsyncBatches[VideoTranslationBatch]):
    """``client.video_translations.batches`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _path = "/v3/video-translations/batches"

    @endpoint("POST", "/v3/video-translations/batches", billed=True, check=_at_most_100_items)
    async def create(
        self,
        video_translations: BatchPayloads,
        *,
        title: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoTranslationBatchCreated:
        """Submit many translations as one batch (billed per translation): each payload
        takes ``create``'s fields (a ``VideoTranslationRequest`` or a dict in HeyGen's
        form, files by asset id or URL) and becomes one item per output language, at
        most 100 items. Items run independently: one bad source does not fail the
        rest. ``callback_url`` is notified once, when every item has finished. The
        same ``Idempotency-Key`` on every attempt returns the same batch.

        ::

            batch = await client.video_translations.batches.create(
                [{"video": url, "output_languages": ["French"]} for url in urls],
                title="Spring launch",
            )
        """
        ...

    with_raw_response: RawView[AsyncVideoTranslationBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncProofreads(AsyncResource):
    """``client.video_translations.proofreads`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("POST", "/v3/video-translations/proofreads", billed=True)
    async def create(
        self,
        video: AssetInput,
        output_languages: Languages,
        title: str,
        *,
        srt: AssetInput | None = None,
        mode: Literal["speed", "precision"] | None = None,
        speaker_num: Speakers | None = None,
        enable_video_stretching: bool | None = None,
        enable_speech_enhancement: bool | None = None,
        disable_music_track: bool | None = None,
        keep_the_same_format: bool | None = None,
        brand_glossary_id: str | None = None,
        brand_voice_id: str | None = None,
        folder_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ProofreadsCreated:
        """Start a proofread (billed): HeyGen extracts and translates ``video``'s
        subtitles into each of ``output_languages`` (one proofread each), for you to
        check (``get_srt``), fix (``update_srt``) and then render (``generate``).
        ``video`` and ``srt`` (a first subtitle file) are asset ids, URLs, paths or
        bytes; ``enable_video_stretching`` lets the timing stretch.

        ::

            started = await client.video_translations.proofreads.create(
                "https://example.com/talk.mp4", ["French"], "Keynote"
            )
        """
        ...

    @endpoint("GET", "/v3/video-translations/proofreads/{proofread_id}")
    async def get(self, proofread_id: str, **options: Unpack[RequestOptions]) -> Proofread:
        """One proofread: ``completed`` once its subtitles are ready.

        ::

            proofread = await client.video_translations.proofreads.get(proofread_id)
        """
        ...

    @endpoint("GET", "/v3/video-translations/proofreads/{proofread_id}/srt")
    async def get_srt(self, proofread_id: str, **options: Unpack[RequestOptions]) -> ProofreadSrt:
        """Download links of a completed proofread's subtitles: the current SRT
        (``srt_url``) and the one given at creation (``original_srt_url``).

        ::

            links = await client.video_translations.proofreads.get_srt(proofread_id)
        """
        ...

    @endpoint("PUT", "/v3/video-translations/proofreads/{proofread_id}/srt")
    async def update_srt(
        self, proofread_id: str, srt: AssetInput, **options: Unpack[RequestOptions]
    ) -> Proofread:
        """Replace a proofread's subtitles with your edited SRT file (an asset id, a
        URL, a local path or bytes); the proofread as it is now.

        ::

            await client.video_translations.proofreads.update_srt(proofread_id, "fixed.srt")
        """
        ...

    @endpoint("POST", "/v3/video-translations/proofreads/{proofread_id}/generate", billed=True)
    async def generate(
        self,
        proofread_id: str,
        *,
        captions: bool | None = None,
        translate_audio_only: bool | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> ProofreadGeneration:
        """Render the translation from a proofread's approved subtitles (billed): a new
        translation job to follow with ``client.video_translations.get``.
        ``captions`` adds captions; ``translate_audio_only`` keeps the picture.

        ::

            job = await client.video_translations.proofreads.generate(proofread_id)
            print(job.video_translation_id)
        """
        ...

    with_raw_response: RawView[AsyncProofreadsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


# -- raw forms ---------------------------------------------------------------------


class AsyncVideoTranslationsWithRawResponse(AsyncRawResource[AsyncVideoTranslations]):
    """``client.video_translations.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncVideoTranslations.create)
    get = raw_method(AsyncVideoTranslations.get)
    update = raw_method(AsyncVideoTranslations.update)
    delete = raw_method(AsyncVideoTranslations.delete)
    statuses = raw_method(AsyncVideoTranslations.statuses)
    languages = raw_method(AsyncVideoTranslations.languages)


class AsyncVideoTranslationBatchesWithRawResponse(AsyncRawResource[AsyncVideoTranslationBatches]):
    """``client.video_translations.batches.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncVideoTranslationBatches.create)
    get = raw_method(AsyncVideoTranslationBatches.get)


class AsyncProofreadsWithRawResponse(AsyncRawResource[AsyncProofreads]):
    """``client.video_translations.proofreads.with_raw_response`` of an
    ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncProofreads.create)
    get = raw_method(AsyncProofreads.get)
    get_srt = raw_method(AsyncProofreads.get_srt)
    update_srt = raw_method(AsyncProofreads.update_srt)
    generate = raw_method(AsyncProofreads.generate)


# -- the sync client ---------------------------------------------------------------


class VideoTranslations(SyncJobs[AsyncVideoTranslations]):
    """``client.video_translations`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncVideoTranslations.create)
    get = blocking(AsyncVideoTranslations.get)
    list = paging(AsyncVideoTranslations.list)
    update = blocking(AsyncVideoTranslations.update)
    delete = blocking(AsyncVideoTranslations.delete)
    statuses = blocking(AsyncVideoTranslations.statuses)
    languages = blocking(AsyncVideoTranslations.languages)

    @property
    def batches(self) -> VideoTranslationBatches:
        """Batches: up to 100 translations submitted and followed as one."""
        return VideoTranslationBatches(*self._inner("batches"))

    @property
    def proofreads(self) -> Proofreads:
        """Proofreads: check and edit a translation's subtitles before it is rendered."""
        return Proofreads(*self._inner("proofreads"))

    with_raw_response: RawView[VideoTranslationsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideoTranslationBatches(SyncResource[AsyncVideoTranslationBatches]):
    """``client.video_translations.batches`` of a ``HeyGenClient``: the same methods,
    blocking."""

    __slots__ = ()
    create = blocking(AsyncVideoTranslationBatches.create)
    get = blocking(AsyncVideoTranslationBatches.get)

    with_raw_response: RawView[VideoTranslationBatchesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class Proofreads(SyncResource[AsyncProofreads]):
    """``client.video_translations.proofreads`` of a ``HeyGenClient``: the same methods,
    blocking."""

    __slots__ = ()
    create = blocking(AsyncProofreads.create)
    get = blocking(AsyncProofreads.get)
    get_srt = blocking(AsyncProofreads.get_srt)
    update_srt = blocking(AsyncProofreads.update_srt)
    generate = blocking(AsyncProofreads.generate)

    with_raw_response: RawView[ProofreadsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideoTranslationsWithRawResponse(SyncRawResource[AsyncVideoTranslations]):
    """``client.video_translations.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncVideoTranslationsWithRawResponse.create)
    get = blocking_raw(AsyncVideoTranslationsWithRawResponse.get)
    update = blocking_raw(AsyncVideoTranslationsWithRawResponse.update)
    delete = blocking_raw(AsyncVideoTranslationsWithRawResponse.delete)
    statuses = blocking_raw(AsyncVideoTranslationsWithRawResponse.statuses)
    languages = blocking_raw(AsyncVideoTranslationsWithRawResponse.languages)


class VideoTranslationBatchesWithRawResponse(SyncRawResource[AsyncVideoTranslationBatches]):
    """``client.video_translations.batches.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncVideoTranslationBatchesWithRawResponse.create)
    get = blocking_raw(AsyncVideoTranslationBatchesWithRawResponse.get)


class ProofreadsWithRawResponse(SyncRawResource[AsyncProofreads]):
    """``client.video_translations.proofreads.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncProofreadsWithRawResponse.create)
    get = blocking_raw(AsyncProofreadsWithRawResponse.get)
    get_srt = blocking_raw(AsyncProofreadsWithRawResponse.get_srt)
    update_srt = blocking_raw(AsyncProofreadsWithRawResponse.update_srt)
    generate = blocking_raw(AsyncProofreadsWithRawResponse.generate)


__all__ = [
    "AsyncProofreads",
    "AsyncProofreadsWithRawResponse",
    "AsyncVideoTranslationBatches",
    "AsyncVideoTranslationBatchesWithRawResponse",
    "AsyncVideoTranslations",
    "AsyncVideoTranslationsWithRawResponse",
    "DeletedVideoTranslation",
    "Proofread",
    "ProofreadGeneration",
    "ProofreadSrt",
    "Proofreads",
    "ProofreadsCreated",
    "ProofreadsWithRawResponse",
    "StockVoiceConfig",
    "VideoTranslation",
    "VideoTranslationBatch",
    "VideoTranslationBatchCreated",
    "VideoTranslationBatchItem",
    "VideoTranslationBatches",
    "VideoTranslationBatchesWithRawResponse",
    "VideoTranslationKind",
    "VideoTranslationLanguages",
    "VideoTranslationRequest",
    "VideoTranslationStatus",
    "VideoTranslations",
    "VideoTranslationsCreated",
    "VideoTranslationsWithRawResponse",
]
