"""``Account``: the public interface to one fake account's state (no HTTP here)."""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from .. import _defaults as defaults
from ._assets import AssetFiles, DirectUpload, StoredFile
from ._catalogue import ASSET_NOT_FOUND_CODE, FAILURE_REASONS, Catalogue
from ._counters import Counters, canonical_json
from ._idempotency import IdempotencyStore
from ._jobs import LIMITED_KINDS, FakeJob, JobKind, JobStore
from ._time import FakeTime
from ._videos import FakeVideo, RenderSeconds, VideoOrder, VideoStore, draw_render_seconds
from ._webhooks import WebhookBook


class Account:
    """Videos, renders, assets, keys and counters of one fake HeyGen account.

    Dialects call these methods; tests may too (``fake.account``). Time is fake
    time (``account.time``), the same for every API version.
    """

    def __init__(
        self,
        *,
        time: FakeTime,
        api_keys: Iterable[str] | None,
        seed: int,
        render_seconds: RenderSeconds,
        pending_seconds: float,
        max_concurrent_renders: int | None,
        failure_rate: float,
        url_ttl: float,
        video_file_size: int,
        catalogue: Catalogue | None,
        idempotency_retention: float = defaults.IDEMPOTENCY_RETENTION_SECONDS,
        job_limit_retry_after: float | None = defaults.JOB_LIMIT_RETRY_AFTER,
    ) -> None:
        if url_ttl <= 0:
            raise ValueError(f"url_ttl must be > 0 seconds, got {url_ttl!r}")
        self.api_keys: frozenset[str] | None = None if api_keys is None else frozenset(api_keys)
        if self.api_keys is not None and not all(self.api_keys):
            raise ValueError("api_keys must not contain an empty key")
        self.time = time
        self.url_ttl = float(url_ttl)
        if job_limit_retry_after is not None and not job_limit_retry_after >= 0:
            raise ValueError(
                f"job_limit_retry_after must be >= 0 or None, got {job_limit_retry_after!r}"
            )
        # The Retry-After of a v3 create refused at the job limit: these seconds as
        # they are (HeyGen-like), or None for the exact time until a render slot frees.
        self.job_limit_retry_after = job_limit_retry_after
        self.video_file_size = int(video_file_size)
        self.catalogue = catalogue if catalogue is not None else Catalogue()
        self.counters = Counters()
        self.idempotency = IdempotencyStore(idempotency_retention)
        self.username = defaults.ACCOUNT_USERNAME
        self.email = defaults.ACCOUNT_EMAIL
        self._videos = VideoStore(
            seed=seed,
            render_seconds=render_seconds,
            pending_seconds=pending_seconds,
            max_concurrent_renders=max_concurrent_renders,
            failure_rate=failure_rate,
        )
        self._files = AssetFiles(seed)
        self._jobs = JobStore(seed)
        self._job_seconds = random.Random(f"{seed}:job-seconds")
        self._pending_seconds = pending_seconds
        self.webhooks = WebhookBook(time, seed)
        """Webhook endpoints, the event log and the deliveries due."""

    # --- settings -------------------------------------------------------------

    @property
    def render_seconds(self) -> RenderSeconds:
        return self._videos.render_seconds

    @property
    def failure_rate(self) -> float:
        return self._videos.failure_rate

    @property
    def max_concurrent_renders(self) -> int | None:
        return self._videos.max_concurrent_renders

    def accepts_key(self, key: str) -> bool:
        """Whether ``X-Api-Key: key`` authenticates (any non-empty key if none were set)."""
        return bool(key) and (self.api_keys is None or key in self.api_keys)

    def reset_counters(self) -> None:
        """Start counting afresh (videos, faults and the clock carry on)."""
        self.counters = Counters()

    # --- videos ---------------------------------------------------------------

    def create_video(self, order: VideoOrder, body: dict[str, Any]) -> FakeVideo:
        """Create (and bill) a video; its whole render is scheduled now."""
        video = self._videos.submit(
            now=self.time.now(),
            order=order,
            forced_error=_forced_error(order),
            random_errors=list(FAILURE_REASONS.values()),
            body=body,
        )
        counters = self.counters
        counters.videos_created += 1
        counters.generations_by_callback_id[order.callback_id] += 1
        counters.generations_by_body[canonical_json(body)] += 1
        self.webhooks.track(video)
        return video

    def video(self, video_id: str) -> FakeVideo | None:
        return self._videos.get(video_id)

    def videos(self) -> list[FakeVideo]:
        """Every video, oldest first."""
        return self._videos.all()

    def video_count(self) -> int:
        return len(self._videos)

    def videos_page(
        self, limit: int, before_sequence: int | None
    ) -> tuple[list[FakeVideo], int | None]:
        """Newest first, ``limit`` at most, older than ``before_sequence``; and the
        cursor (a sequence number) of the next page, None at the end."""
        return self._videos.page_newest_first(limit, before_sequence)

    def unfinished_renders(self) -> int:
        """Videos not yet terminal (waiting, pending or processing)."""
        return self._videos.unfinished(self.time.now())

    def seconds_until_render_slot(self) -> float:
        """Fake seconds until fewer than ``max_concurrent_renders`` jobs are
        unfinished (videos, and the job kinds in ``LIMITED_KINDS``: translations);
        0 when a new one could start now (or there is no limit)."""
        limit = self._videos.max_concurrent_renders
        if limit is None:
            return 0.0
        now = self.time.now()
        jobs = self._jobs.unfinished_until(now, LIMITED_KINDS)
        if not jobs:
            return self._videos.seconds_until_fewer_than(limit, now)
        # Translations in progress share the limit with renders (heygen-v3.md 2.4).
        ends = sorted([*self._videos.unfinished_ends(now), *jobs])
        if len(ends) < limit:
            return 0.0
        return ends[len(ends) - limit] - now

    # --- jobs (translations, lipsyncs, clips, removals, clones, proofreads) ---

    def create_job(self, kind: JobKind, fields: dict[str, Any], texts: list[str]) -> FakeJob:
        """Create (and bill) a job; its whole life is scheduled now, like a render's.
        ``[fail]`` / ``[fail:<reason>]`` in ``texts`` makes it fail."""
        seconds = draw_render_seconds(self._videos.render_seconds, self._job_seconds)
        job = self._jobs.add(
            kind,
            now=self.time.now(),
            pending=self._pending_seconds,
            seconds=seconds,
            error=marker_error(texts),
            fields=fields,
        )
        self.counters.jobs_created[kind] += 1
        self.webhooks.track_job(job)
        return job

    def job(self, job_id: str, kind: JobKind | None = None) -> FakeJob | None:
        """A job that is not deleted (of ``kind`` when given), or None."""
        return self._jobs.get(job_id, kind)

    def jobs(self, kind: JobKind) -> list[FakeJob]:
        """The kind's jobs that are not deleted, oldest first."""
        return self._jobs.of_kind(kind)

    # --- assets ---------------------------------------------------------------

    def new_asset_id(self) -> str:
        return self._files.new_id()

    def store_file(self, asset_id: str, data: bytes, mime_type: str) -> None:
        """Keep the bytes the fake serves at the asset's URL."""
        self._files.store(asset_id, data, mime_type)

    def file(self, asset_id: str) -> StoredFile | None:
        return self._files.get(asset_id)

    def add_asset(self, item: dict[str, Any], size: int) -> None:
        """List an uploaded asset (a v1-wire catalogue item) and count the upload."""
        self.catalogue.assets.append(item)
        self.counters.uploads += 1
        self.counters.upload_bytes += size

    def asset(self, asset_id: str) -> dict[str, Any] | None:
        """A listed (usable) asset, or None."""
        return self.catalogue.asset(asset_id)

    def open_direct_upload(self, upload: DirectUpload) -> None:
        self._files.open_direct(upload)
        self.counters.direct_uploads += 1

    def direct_upload(self, asset_id: str) -> DirectUpload | None:
        return self._files.direct(asset_id)


def marker_error(texts: list[str]) -> dict[str, Any] | None:
    """The failure a ``[fail]`` / ``[fail:<reason>]`` marker in ``texts`` asks for."""
    for text in texts:
        start = text.find("[fail")
        if start < 0:
            continue
        end = text.find("]", start)
        marker = text[start + 1 : end] if end > 0 else "fail"
        _, _, key = marker.partition(":")
        reason = FAILURE_REASONS.get(key.strip()) or next(iter(FAILURE_REASONS.values()))
        return dict(reason)
    return None


def _forced_error(order: VideoOrder) -> dict[str, Any] | None:
    """``[fail]`` / ``[fail:<reason>]`` in any user text, or an unknown asset id."""
    marked = marker_error(order.texts)
    if marked is not None:
        return marked
    if order.unknown_assets:
        asset_id = order.unknown_assets[0]
        return {
            "code": ASSET_NOT_FOUND_CODE,
            "message": f"Asset {asset_id} not found.",
            "detail": "An asset id in the request does not belong to this account.",
        }
    return None
