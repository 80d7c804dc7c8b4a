"""``FakeHeyGen``: one fake HeyGen account (``account``) served by one app (``app``).

It builds the pieces and hands out ways in: the account's state, the
version-neutral server core with both dialects (v1/v2 and v3), the in-process
transport and SDK clients wired to it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import httpx

from . import _defaults as defaults
from ._client_clock import use_clock
from .account import (
    Account,
    Catalogue,
    Counters,
    FakeJob,
    FakeTime,
    FakeVideo,
    RenderSeconds,
    VideoState,
)
from .dialects.legacy import FakeLegacyDialect
from .dialects.v3 import FakeV3Dialect
from .server import FakeApp, FaultPlan, InProcessTransport, MediaUrls, UrlSigner
from .server._deliveries import Deliveries

if TYPE_CHECKING:
    from heygen_async import AsyncHeyGenClient, HeyGenClient, PollPolicy
    from heygen_async._clock import Clock


class FakeHeyGen:
    """A fake HeyGen account that speaks HeyGen's wire format. No credits, no network.

    In-process, hand the SDK (or any httpx client) its transport::

        fake = FakeHeyGen(time_scale=600)           # a 10-minute render takes 1 s
        async with fake.client() as client:         # AsyncHeyGenClient on the fake
            video = await client.generate_video("Hello!", SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)

    Over a real socket: ``with serve_loopback(fake) as server: server.base_url``.

    Drive renders with a ``ManualClock`` instead of waiting::

        clock = ManualClock()
        fake = FakeHeyGen(clock=clock, render_seconds=60)
        ...                        # submit: "pending"
        clock.advance(61)          # now "completed"

    Arguments (defaults in ``heygen_async.testing._defaults``):

    - ``api_keys``: keys accepted in ``X-Api-Key``; None accepts any non-empty key.
    - ``seed``: seeds video ids, render times, failures and (unless ``faults`` is
      given) the fault plan; the same seed replays the same run.
    - ``clock`` / ``time_scale``: fake seconds = (clock() - clock at start) x scale.
    - ``render_seconds``: fake seconds from render slot to final state:
      ``(low, high)`` log-uniform (default 30 s..20 min), a number, or
      ``f(random.Random) -> float``.
    - ``pending_seconds``: the first part of a render shown as ``pending``.
    - ``max_concurrent_renders``: renders in flight (None: unlimited). On v1/v2
      extra videos stay ``waiting`` until a slot frees, first come first served;
      v3 refuses a create while that many renders are unfinished (429
      ``rate_limit_exceeded`` with ``Retry-After``).
      ``PLAN_CONCURRENCY["pro"]`` etc. give HeyGen's plan numbers.
    - ``job_limit_retry_after``: the ``Retry-After`` (seconds) of a v3 create
      refused at that limit. None (default): the exact time until a render slot
      frees, rounded up (at least 1 s), so one retry always lands. HeyGen promises
      no such thing: a number (``job_limit_retry_after=1``) answers with that value
      whenever a slot frees, as HeyGen may; use it to test bulk runs.
    - ``failure_rate``: share of videos that fail at random. Independently, a
      title, callback_id or script containing ``[fail]`` (or ``[fail:credit]``,
      ``[fail:too_long]``, ``[fail:moderation]``, ``[fail:audio]``) always fails,
      and so does a video using an asset id the fake does not know (v2; v3
      refuses unknown asset ids with 404). On v3, ``[refuse:credit]`` makes the
      create itself answer 402 ``insufficient_credit``.
    - ``url_ttl``: lifetime of signed media URLs, fake seconds (default 7 days).
    - ``faults``: a ``FaultPlan``; default an empty plan seeded with ``seed``.
    - ``video_file_size``: bytes of the MP4 served at ``video_url``.
    - ``generate_envelope``: ``"v2"`` (documented) or ``"v1"``, which HeyGen was also
      seen to answer ``/v2/video/generate`` with.
    - ``epoch``: Unix time the fake starts at (default now); fix it for
      reproducible ``created_at`` and ``Expires`` values.
    - ``catalogue``: avatars, voices and assets (default: the built-in samples).
    - ``storage_origin``: where v3 direct-upload URLs point (default: the
      loopback server itself when reached over loopback, else
      ``https://storage.fake-heygen.test``, which the in-process transport serves).

    Both API versions are served at once, on one account: a video created
    with ``POST /v2/video/generate`` can be read at ``GET /v3/videos/{id}``.
    """

    def __init__(
        self,
        *,
        api_keys: Iterable[str] | None = None,
        seed: int = 0,
        clock: Callable[[], float] | None = None,
        time_scale: float = defaults.TIME_SCALE,
        render_seconds: RenderSeconds = (defaults.RENDER_SECONDS_MIN, defaults.RENDER_SECONDS_MAX),
        pending_seconds: float = defaults.PENDING_SECONDS,
        max_concurrent_renders: int | None = defaults.MAX_CONCURRENT_RENDERS,
        job_limit_retry_after: float | None = defaults.JOB_LIMIT_RETRY_AFTER,
        failure_rate: float = defaults.FAILURE_RATE,
        url_ttl: float = defaults.URL_TTL_SECONDS,
        faults: FaultPlan | None = None,
        video_file_size: int = defaults.VIDEO_FILE_BYTES,
        generate_envelope: Literal["v1", "v2"] = "v2",
        epoch: float | None = None,
        catalogue: Catalogue | None = None,
        storage_origin: str | None = None,
    ) -> None:
        if generate_envelope not in ("v1", "v2"):
            raise ValueError(f"generate_envelope must be 'v1' or 'v2', got {generate_envelope!r}")
        self.seed = seed
        self.faults = faults if faults is not None else FaultPlan(seed)
        fake_time = FakeTime(
            clock if clock is not None else time.monotonic,
            time_scale,
            time.time() if epoch is None else float(epoch),
        )
        self.account = Account(
            time=fake_time,
            api_keys=api_keys,
            seed=seed,
            render_seconds=render_seconds,
            pending_seconds=pending_seconds,
            max_concurrent_renders=max_concurrent_renders,
            failure_rate=failure_rate,
            url_ttl=url_ttl,
            video_file_size=video_file_size,
            catalogue=catalogue,
            job_limit_retry_after=job_limit_retry_after,
        )
        """The account's state (videos, assets, counters), shared by every API version."""
        signer = UrlSigner(hashlib.sha256(f"heygen-fake:{seed}".encode()).digest())
        self.media = MediaUrls(signer, self.account)
        """Signs media URLs (``fake.media.sign(origin, path, expires)``)."""
        self.legacy = FakeLegacyDialect(self.account, self.media, generate_envelope)
        self.v3 = FakeV3Dialect(self.account, self.media, storage_origin=storage_origin)
        self.app = FakeApp(self.account, lambda: self.faults, signer, [self.legacy, self.v3])
        """The ASGI callable: mount it anywhere, or use ``transport()`` / ``serve_loopback``."""
        self.account.webhooks.describe = self._event_data
        self.deliveries = Deliveries(self.account, seed)
        """Webhook deliveries: knobs (drop, duplicate, delay, paused), ``deliver_due()``,
        ``run()`` and every attempt in ``records`` (see ``Deliveries``)."""

    def _event_data(self, video: FakeVideo, origin: str) -> dict[str, Any]:
        """A video's webhook event data (legacy docs' fields, v3's URL names beside)."""
        shown = self.v3.videos.video_object(video, origin)
        data: dict[str, Any] = {"video_id": video.video_id, "callback_id": video.callback_id}
        if video.error is not None:
            data["msg"] = shown.get("failure_message")
            data["code"] = shown.get("failure_code")
            return data
        data["url"] = shown.get("video_url")
        data["thumbnail_url"] = shown.get("thumbnail_url")
        data["gif_download_url"] = shown.get("gif_url")
        data["video_share_page_url"] = shown.get("video_page_url")
        return data

    # --- settings kept on the account -----------------------------------------

    @property
    def api_keys(self) -> frozenset[str] | None:
        return self.account.api_keys

    @property
    def catalogue(self) -> Catalogue:
        return self.account.catalogue

    @property
    def counters(self) -> Counters:
        """What the fake saw (see ``Counters``)."""
        return self.account.counters

    @counters.setter
    def counters(self, value: Counters) -> None:
        self.account.counters = value

    @property
    def time_scale(self) -> float:
        return self.account.time.time_scale

    @time_scale.setter
    def time_scale(self, value: float) -> None:
        if value <= 0:
            raise ValueError(f"time_scale must be > 0, got {value!r}")
        self.account.time.time_scale = float(value)

    @property
    def epoch(self) -> float:
        return self.account.time.epoch

    @property
    def url_ttl(self) -> float:
        return self.account.url_ttl

    @property
    def video_file_size(self) -> int:
        return self.account.video_file_size

    @property
    def generate_envelope(self) -> Literal["v1", "v2"]:
        return self.legacy.generate_envelope

    # --- time ------------------------------------------------------------------

    def now(self) -> float:
        """Fake ("HeyGen") seconds since the fake was created."""
        return self.account.time.now()

    def unix_now(self) -> float:
        """The fake's Unix time (``epoch`` + ``now()``): what ``created_at``/``Expires`` use."""
        return self.account.time.unix_now()

    # --- ways in ---------------------------------------------------------------

    @property
    def api_key(self) -> str:
        """A key this fake accepts (for clients you build yourself)."""
        if self.api_keys:
            return min(self.api_keys)
        return defaults.DEFAULT_API_KEY

    def transport(self, *, honour_timeouts: bool = True) -> httpx.AsyncBaseTransport:
        """An in-process httpx transport to this fake: no sockets, no threads.

        ``httpx.AsyncClient(transport=fake.transport())`` reaches every endpoint,
        whatever host the URL names (api.heygen.com, upload.heygen.com, the media
        URLs, the v3 storage host). The client's read timeout applies as over a
        socket (``httpx.ReadTimeout`` when a ``latency`` fault outlasts it);
        ``honour_timeouts=False`` waits for every answer however long it takes.
        """
        return InProcessTransport(self.app, honour_timeouts=honour_timeouts)

    def http_client(self, **kwargs: Any) -> httpx.AsyncClient:
        """An ``httpx.AsyncClient`` wired to ``transport()`` (kwargs go to httpx)."""
        kwargs.setdefault("transport", self.transport())
        return httpx.AsyncClient(**kwargs)

    def client(self, *, clock: Clock | None = None, **kwargs: Any) -> AsyncHeyGenClient:
        """An ``AsyncHeyGenClient`` pointed at this fake in-process.

        Keyword arguments go to the client unchanged (``max_retries``, ``poll``,
        ``api_version``, ...);
        ``api_key`` defaults to one this fake accepts, and ``poll`` to the SDK's
        default policy sped up by ``time_scale`` (see ``scaled_poll_policy``), so a
        wait polls as often per rendered minute as it would against HeyGen.

        ``clock`` (a ``VirtualClock``) is the client's time: its waits, retry
        back-offs and rate-limit pauses sleep on it instead of the event loop's.
        Give the fake the same time (``FakeHeyGen(clock=virtual.now,
        time_scale=1.0)``) and renders move with the client's sleeps.
        """
        from heygen_async import AsyncHeyGenClient

        client = AsyncHeyGenClient(**self._client_settings(kwargs))
        return client if clock is None else use_clock(client, clock)

    def sync_client(self, *, clock: Clock | None = None, **kwargs: Any) -> HeyGenClient:
        """A ``HeyGenClient`` (the sync facade) on this fake in-process; as ``client()``
        (``clock`` included).

        The in-process transport holds no loop-bound state, so the facade's own
        event-loop thread can use it.
        """
        from heygen_async import HeyGenClient

        client = HeyGenClient(**self._client_settings(kwargs))
        return client if clock is None else use_clock(client, clock)

    def _client_settings(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """A client's arguments: the caller's, with this fake's key, transport and poll."""
        kwargs.setdefault("api_key", self.api_key)
        kwargs.setdefault("http_client", self.http_client())
        if "poll" not in kwargs and self.time_scale != 1.0:
            kwargs["poll"] = self.scaled_poll_policy()
        return kwargs

    def scaled_poll_policy(self) -> PollPolicy:
        """The SDK's default ``PollPolicy`` with every duration divided by ``time_scale``.

        Against ``FakeHeyGen(time_scale=600)`` the first status check comes after
        5 s / 600 instead of 5 s, and the 30-minute deadline is 3 s.
        """
        from heygen_async import PollPolicy

        policy = PollPolicy()
        scale = self.time_scale
        # PollPolicy refuses intervals under a millisecond.
        return dataclasses.replace(
            policy,
            first_delay=policy.first_delay / scale,
            initial_interval=max(0.001, policy.initial_interval / scale),
            max_interval=max(0.001, policy.max_interval / scale),
            timeout=None if policy.timeout is None else policy.timeout / scale,
        )

    # --- inspection ------------------------------------------------------------

    def video(self, video_id: str) -> FakeVideo:
        """The fake's record of a video (timeline, error, request body). KeyError if unknown."""
        video = self.account.video(video_id)
        if video is None:
            raise KeyError(video_id)
        return video

    def job(self, job_id: str) -> FakeJob:
        """The fake's record of a v3 job (translation, lipsync, AI clip, background
        removal, voice clone, proofread): kind, timeline, error, fields. KeyError if
        unknown or deleted."""
        job = self.account.job(job_id)
        if job is None:
            raise KeyError(job_id)
        return job

    def videos(self) -> list[FakeVideo]:
        """Every video created so far, oldest first."""
        return self.account.videos()

    def status_of(self, video_id: str) -> VideoState:
        """A video's state right now, without counting a status call."""
        return self.video(video_id).status_at(self.now())

    def reset_counters(self) -> None:
        """Start counting afresh (videos, faults and the clock carry on)."""
        self.account.reset_counters()

    def __repr__(self) -> str:
        return (
            f"FakeHeyGen(seed={self.seed!r}, time_scale={self.time_scale!r}, "
            f"videos={self.account.video_count()}, now={self.now():.1f}s)"
        )
