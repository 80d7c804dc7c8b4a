"""``AsyncHeyGenClient``: every HeyGen endpoint and workflow, async.

::

    async with AsyncHeyGenClient() as client:           # key from HEYGEN_API_KEY
        video = await client.generate_video("Hello!", avatar_id, voice_id)
        status = await client.wait_for_video(video.video_id)
        print(status.video_url)
"""

from __future__ import annotations

import copy
import os
import types
from collections.abc import AsyncGenerator, AsyncIterable, Callable, Iterable, Mapping, Sequence
from contextlib import aclosing
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._constants import (
    DEFAULT_MAX_CONCURRENT_REQUESTS,
    DEFAULT_MAX_RETRIES,
    ENV_API_KEY,
)
from ._errors import InvalidRequestError, VideoFailedError
from ._params import (
    AVATAR_IV_SUBJECT,
    VIDEO_SUBJECT,
    AvatarIVAndWaitOptions,
    AvatarIVCallOptions,
    GenerateVideoAndWaitOptions,
    GenerateVideoCallOptions,
    RequestOptions,
    Unpack,
    WaitCallOptions,
    WaitRequestOptions,
)
from ._request_options import api_call, open_call, own_call
from ._transport._call import leave_call
from .resources._attach import Attached, attach

# Importing the client loads what its class needs. Building one imports the
# sending machinery (transport, session, backend); each call what it uses (the
# models, uploads, the workflows).
if TYPE_CHECKING:
    from ._capabilities import Capabilities
    from ._clock import Clock
    from ._core import ClientCore, VideoCreate
    from ._progress import ProgressCallback
    from ._transport import Transport
    from .jobs._policy import PollPolicy
    from .models import (
        Asset,
        Avatar,
        AvatarIVVideoRequest,
        GeneratedVideo,
        GenerateVideoRequest,
        TalkingPhoto,
        UploadedAsset,
        VideoStatus,
        VideoSummary,
        Voice,
    )
    from .workflows import JobEvent, JobResult

if TYPE_CHECKING:
    from ._raw import AsyncRawResponses
    from .resources.ai_clips import AsyncAIClips
    from .resources.assets import AsyncAssets
    from .resources.audio import AsyncAudio
    from .resources.avatars import AsyncAvatars
    from .resources.background_removals import AsyncBackgroundRemovals
    from .resources.brand import AsyncBrand
    from .resources.lipsyncs import AsyncLipsyncs
    from .resources.templates import AsyncTemplates
    from .resources.users import AsyncUsers
    from .resources.video_agents import AsyncVideoAgents
    from .resources.video_translations import AsyncVideoTranslations
    from .resources.videos import AsyncVideos
    from .resources.voices import AsyncVoices
    from .resources.webhooks import AsyncWebhooks
    from .webhooks._events import WebhookEvent
    from .webhooks._receiver import WebhookReceiver
    from .webhooks._verify import SignatureScheme

_ASSET_FILE_TYPES = ("image", "video", "audio")
# Settings ``with_options`` hands to the transport as they are: (setting, its name there).
_TRANSPORT_SETTINGS = (
    ("base_url", "base_url"),
    ("upload_url", "upload_url"),
    ("timeout", "default_timeout"),
    ("max_retries", "max_retries"),
)


class _NotGiven:
    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Any = _NotGiven()


_F = TypeVar("_F", bound=Callable[..., Any])


def _same_method_named(function: _F, name: str) -> _F:
    """``function`` under another name (``copy`` is ``with_options``, as in the
    Stainless SDKs), so that its own name shows in tracebacks and ``help()``."""
    assert isinstance(function, types.FunctionType)
    alias = types.FunctionType(
        function.__code__, function.__globals__, name, function.__defaults__, function.__closure__
    )
    alias.__kwdefaults__ = function.__kwdefaults__
    alias.__annotations__ = function.__annotations__
    alias.__qualname__ = function.__qualname__.rsplit(".", 1)[0] + "." + name
    alias.__doc__ = function.__doc__
    alias.__alias_of__ = function.__name__  # type: ignore[attr-defined]  # docs link it there
    return alias  # type: ignore[return-value]


class AsyncHeyGenClient:
    """Async client for HeyGen's video API.

    One client holds one connection pool and one rate controller; share it across
    all your tasks. Use it as a context manager, or call ``aclose()``.

    Args:
        api_key: HeyGen API key; defaults to the ``HEYGEN_API_KEY`` environment variable.
        base_url: API host; ``HEYGEN_BASE_URL`` or ``https://api.heygen.com``.
        upload_url: upload host; ``HEYGEN_UPLOAD_URL`` or ``https://upload.heygen.com``.
        timeout: seconds (or an ``httpx.Timeout``) for every request; by default
            reads get 60 s, generation 120 s, uploads and downloads 600 s.
        max_retries: retries of one call, whatever the cause (billed generation
            requests are retried only when HeyGen provably did not get them).
        poll: the ``PollPolicy`` every wait uses unless a call passes its own.
        max_concurrent_requests: requests in flight at once, across all tasks.
        max_concurrent_jobs: renders in flight at once in generate-and-wait and bulk
            runs (HeyGen plans allow 1 to 10 and queue the rest); None = no cap.
        http_client: your own ``httpx.AsyncClient``; it is used as is and not closed.
        api_version: the HeyGen API to speak: ``"v3"`` (the default) or ``"v2"`` (the
            legacy v1/v2 endpoints); ``HEYGEN_API_VERSION`` when not given.
        default_headers: headers sent with every API request (not to media hosts),
            e.g. a tracing header; ``X-Api-Key`` and ``Idempotency-Key`` have their
            own parameters.
        api_key_source: where the key came from, in your users' words (``"--api-key-file
            key.txt"``): a rejected key's error names it (never the key itself).

    Every method also takes per-request options: ``extra_headers``,
    ``extra_query`` and an HTTP ``timeout`` (``request_timeout`` on the methods
    that wait, whose ``timeout`` is the wait's deadline).
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        base_url: str | None = None,
        upload_url: str | None = None,
        timeout: float | httpx.Timeout | None = None,
        max_retries: int = DEFAULT_MAX_RETRIES,
        poll: PollPolicy | None = None,
        max_concurrent_requests: int = DEFAULT_MAX_CONCURRENT_REQUESTS,
        max_concurrent_jobs: int | None = None,
        http_client: httpx.AsyncClient | None = None,
        api_version: str | None = None,
        default_headers: Mapping[str, str] | None = None,
        api_key_source: str | None = None,
    ) -> None:
        from ._clock import Clock
        from ._config import checked_settings
        from ._core import ClientCore
        from ._logging import apply_env_log_level
        from ._transport import RateController, Transport
        from ._transport._pool import owned_pool
        from ._transport._request import client_headers
        from .jobs._policy import PollPolicy

        settings = checked_settings(locals())  # the arguments, by their names
        backend, key = settings["backend"], settings["api_key"]
        headers = settings["default_headers"]
        apply_env_log_level(key)  # HEYGEN_LOG's handler also redacts a key given here
        self.base_url = settings["base_url"]
        self.upload_url = settings["upload_url"]
        self._owns_http = http_client is None
        self._closed = False
        # An owned client carries the headers of every request itself, so that a
        # request merges none of them (a given http_client's headers stay its own).
        requests = settings["max_concurrent_requests"]
        http = http_client or owned_pool(requests, client_headers(key, headers))
        rate = RateController(
            Clock(),
            max_concurrent_requests=requests,
            max_concurrent_jobs=settings["max_concurrent_jobs"],
        )
        self._transport: Transport = Transport(
            http=http,
            api_key=key,
            base_url=self.base_url,
            upload_url=self.upload_url,
            max_retries=settings["max_retries"],
            default_timeout=settings["timeout"],
            rate=rate,
            dialect=backend.dialect,
            default_headers=headers,
            key_source=api_key_source or _key_source(api_key),
        )
        poll_policy = settings["poll"] or PollPolicy()
        self._core: ClientCore = ClientCore(self._transport, backend(self._transport), poll_policy)

    # -- lifecycle -------------------------------------------------------------

    def __repr__(self) -> str:
        from ._logging import mask_key

        return (
            f"{type(self).__name__}(base_url={self.base_url!r}, api_key={mask_key('x')}, "
            f"api_version={self.api_version!r}, max_retries={self.max_retries})"
        )

    @property
    def api_version(self) -> str:
        """The HeyGen API version this client speaks (``"v3"`` or ``"v2"``)."""
        return self._core.api_version

    @property
    def poll(self) -> PollPolicy:
        """The ``PollPolicy`` every wait uses unless a call passes its own."""
        return self._core.poll

    @property
    def capabilities(self) -> Capabilities:
        """What this client's API version can do (idempotency keys, finding a lost
        create by its ``callback_id``, ...): ask these rather than the version."""
        from ._capabilities import Capabilities

        return Capabilities.of(self._core.backend)

    def redact(self, text: str) -> str:
        """``text`` with this client's API key (and any piece of it) masked: for
        printing or journaling what a server may have echoed back."""
        return self._transport.redact(text)

    def check_request(self, request: GenerateVideoRequest | AvatarIVVideoRequest) -> None:
        """Raise ``InvalidRequestError`` now (nothing is sent) when this client's API
        version cannot send ``request`` (``test`` or an inexact ``dimension`` on v3...)."""
        self._core.check(request)

    def image_key_of(self, asset: UploadedAsset) -> str | None:
        """What ``generate_avatar_iv_video`` takes for an uploaded photo in this API
        version (the asset id on v3, the ``image_key`` on v2); None for a file that
        is not an image."""
        if self.capabilities.avatar_iv_image_is_asset_id:
            return asset.id if asset.file_type == "image" else None
        if asset.image_key:
            return asset.image_key
        return asset.id if asset.file_type == "image" else None

    @api_call(RequestOptions)
    async def find_videos_by_callback_id(
        self, callback_ids: Iterable[str], **options: Unpack[RequestOptions]
    ) -> dict[str, str]:
        """``callback_id -> video_id`` for those of ``callback_ids`` found among the
        account's videos (the first found for each). Where the API version cannot
        look them up (``capabilities.settles_by_callback_id`` is False: v3, whose
        idempotency keys settle a lost create instead) it raises
        ``InvalidRequestError`` naming the version, before anything is sent.

        How a create whose answer was lost (a crash) is found again on v2."""
        capabilities = self.capabilities
        if not capabilities.settles_by_callback_id:
            raise InvalidRequestError(
                f"find_videos_by_callback_id: api_version {capabilities.api_version} cannot "
                "find videos by callback_id; resend the create's idempotency key instead",
                field="api_version",
                allowed="an API version whose capabilities.settles_by_callback_id is True",
            )
        return await self._core.backend.find_videos_by_callback_id(set(callback_ids))

    @property
    def max_retries(self) -> int:
        return self._transport.max_retries

    @property
    def max_concurrent_jobs(self) -> int | None:
        return self._transport.rate.max_concurrent_jobs

    @property
    def is_closed(self) -> bool:
        return self._closed

    # -- HeyGen's API by noun (each module loads on first use: resources/_attach) -----

    videos: Attached[AsyncVideos] = attach(
        "videos",
        "AsyncVideos",
        "Videos (v3): create, get, list, delete, statuses, batches.",
    )
    """Videos (v3): create, get, list, delete, statuses, batches."""
    templates: Attached[AsyncTemplates] = attach(
        "templates",
        "AsyncTemplates",
        "Templates (v3): list, get, and generate videos from them.",
    )
    """Templates (v3): list, get, and generate videos from them."""
    video_translations: Attached[AsyncVideoTranslations] = attach(
        "video_translations",
        "AsyncVideoTranslations",
        "Video translations (v3): a video in other languages.",
    )
    """Video translations (v3): a video in other languages."""
    lipsyncs: Attached[AsyncLipsyncs] = attach(
        "lipsyncs",
        "AsyncLipsyncs",
        "Lipsyncs (v3): put new audio on a video's speaker.",
    )
    """Lipsyncs (v3): put new audio on a video's speaker."""
    video_agents: Attached[AsyncVideoAgents] = attach(
        "video_agents",
        "AsyncVideoAgents",
        "Video agent sessions (v3): a video from a prompt.",
    )
    """Video agent sessions (v3): a video from a prompt."""
    voices: Attached[AsyncVoices] = attach(
        "voices",
        "AsyncVoices",
        "Voices (v3): list, get, design, clone, and speech.",
    )
    """Voices (v3): list, get, design, clone, and speech."""
    avatars: Attached[AsyncAvatars] = attach(
        "avatars",
        "AsyncAvatars",
        "Avatars (v3): avatar groups and their looks.",
    )
    """Avatars (v3): avatar groups and their looks."""
    assets: Attached[AsyncAssets] = attach(
        "assets",
        "AsyncAssets",
        "Assets (v3): the files your videos use.",
    )
    """Assets (v3): the files your videos use."""
    webhooks: Attached[AsyncWebhooks] = attach(
        "webhooks",
        "AsyncWebhooks",
        "Webhook endpoints, event types and the event log (v3).",
    )
    """Webhook endpoints, event types and the event log (v3)."""
    ai_clips: Attached[AsyncAIClips] = attach(
        "ai_clips",
        "AsyncAIClips",
        "AI clipping (v3): short clips cut from a long video.",
    )
    """AI clipping (v3): short clips cut from a long video."""
    background_removals: Attached[AsyncBackgroundRemovals] = attach(
        "background_removals",
        "AsyncBackgroundRemovals",
        "Background removals (v3): a video without its background.",
    )
    """Background removals (v3): a video without its background."""
    brand: Attached[AsyncBrand] = attach(
        "brand",
        "AsyncBrand",
        "Your brand kits and glossaries (v3).",
    )
    """Your brand kits and glossaries (v3)."""
    audio: Attached[AsyncAudio] = attach(
        "audio",
        "AsyncAudio",
        "Audio (v3): the sound library.",
    )
    """Audio (v3): the sound library."""
    users: Attached[AsyncUsers] = attach(
        "users",
        "AsyncUsers",
        "Your account (v3): ``users.me()``.",
    )
    """Your account (v3): ``users.me()``."""

    @property
    def with_raw_response(self) -> AsyncRawResponses:
        """The methods again, each returning a ``RawResponse``: the HTTP status, the
        headers (request id, rate-limit headers) and ``parse()`` for the usual model.

        ::

            raw = client.with_raw_response.get_video_status(video_id)
            print(raw.status_code, raw.request_id)
            status = raw.parse()
        """
        from ._raw import AsyncRawResponses

        return AsyncRawResponses(self)

    def webhook_receiver(
        self,
        *,
        secret: str,
        scheme: SignatureScheme | None = None,
        catch_up_pages: int = 3,
        on_event: Callable[[WebhookEvent], None] | None = None,
    ) -> WebhookReceiver:
        """An ASGI app taking HeyGen's webhook deliveries for this client.

        It verifies each delivery with ``secret`` (the endpoint's, as HeyGen returned
        it) under ``scheme`` (default ``webhooks.DEFAULT_SCHEME``), refuses bodies
        over 1 MiB (413), bad signatures (401) and non-JSON bodies (400), answers a
        repeated ``event_id`` with 200 and nothing more, and ends every wait of this
        client for the job at once (a success carrying the URL needs no request).
        From now on this client's waits poll 8 times less often, until a poll finds
        a job ended that no delivery announced; the event log (up to
        ``catch_up_pages`` pages) is read then, after the first delivery, and after
        each silence, to settle the deliveries missed. Mount it in FastAPI/Starlette or
        serve it with uvicorn. ``on_event`` hears each new authentic event after
        the waits did (on the server's event loop; keep it quick). A coroutine
        function goes on the receiver's ``forward`` instead, which is awaited and
        answers 500 when it fails, so HeyGen delivers again::

            app.mount("/heygen/webhooks", client.webhook_receiver(secret=secret))
        """
        import inspect

        from ._validation import require_int_range
        from .webhooks._dispatch import client_receiver
        from .webhooks._verify import DEFAULT_SCHEME

        require_int_range(catch_up_pages, "catch_up_pages", 0, 100)
        if on_event is not None and inspect.iscoroutinefunction(on_event):
            raise InvalidRequestError(
                "on_event: a coroutine function would never be awaited here; set it as "
                "the receiver's forward instead (receiver.forward = ...), which is awaited",
                field="on_event",
                allowed="a plain function",
            )
        return client_receiver(
            self._core.poller,
            self.webhooks,
            secret=secret,
            scheme=scheme or DEFAULT_SCHEME,
            catch_up_pages=catch_up_pages,
            on_event=on_event,
        )

    async def __aenter__(self) -> AsyncHeyGenClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in)."""
        if self._closed:
            return
        self._closed = True
        if self._owns_http:
            await self._transport.http.aclose()

    def with_options(
        self,
        *,
        api_key: str | None = NOT_GIVEN,
        base_url: str | None = NOT_GIVEN,
        upload_url: str | None = NOT_GIVEN,
        timeout: float | httpx.Timeout | None = NOT_GIVEN,
        max_retries: int = NOT_GIVEN,
        poll: PollPolicy | None = NOT_GIVEN,
        max_concurrent_requests: int = NOT_GIVEN,
        max_concurrent_jobs: int | None = NOT_GIVEN,
        http_client: httpx.AsyncClient | None = NOT_GIVEN,
        api_version: str | None = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = NOT_GIVEN,
        api_key_source: str | None = NOT_GIVEN,
    ) -> AsyncHeyGenClient:
        """A client with some settings changed; the rest are this client's.

        It takes every constructor argument. It shares this client's connection
        pool (unless given an ``http_client``), and its rate limits and pauses
        (unless the key, ``max_concurrent_requests`` or ``max_concurrent_jobs``
        differ: another key is another account). ``default_headers`` are added to
        this client's; closing the new client leaves the pool open. ``copy`` is
        the same method.

        ::

            patient = client.with_options(timeout=300, max_retries=5)
            traced = client.with_options(default_headers={"X-Trace-Id": trace_id})
        """
        given = {name: value for name, value in locals().items() if value is not NOT_GIVEN}
        from ._config import checked_settings
        from ._transport import RateController
        from .jobs._policy import PollPolicy

        settings = checked_settings(given)  # as the constructor checks them
        parent = self._transport
        changes: dict[str, Any] = {}
        if "api_key" in settings and not parent.same_account(settings["api_key"]):
            changes.update(api_key=settings["api_key"], key_source=_key_source(api_key))
        if api_key_source is not NOT_GIVEN and api_key_source is not None:
            changes["key_source"] = api_key_source
        plain: Mapping[str, object] = settings
        for setting, change in _TRANSPORT_SETTINGS:
            if setting in plain:
                changes[change] = plain[setting]
        if "default_headers" in settings:
            changes["default_headers"] = {**parent.default_headers, **settings["default_headers"]}
        if http_client is not NOT_GIVEN and http_client is not None:
            changes["http"] = http_client
        backend = settings.get("backend", type(self._core.backend))
        if "backend" in settings:
            changes["dialect"] = backend.dialect
        requests = settings.get("max_concurrent_requests", parent.rate.max_concurrent_requests)
        jobs = settings.get("max_concurrent_jobs", parent.rate.max_concurrent_jobs)
        if "api_key" in changes or (requests, jobs) != (
            parent.rate.max_concurrent_requests,
            parent.rate.max_concurrent_jobs,
        ):
            changes["rate"] = RateController(
                parent.rate.clock, max_concurrent_requests=requests, max_concurrent_jobs=jobs
            )
        clone = copy.copy(self)
        clone._owns_http = False
        clone.base_url = changes.get("base_url", self.base_url)
        clone.upload_url = changes.get("upload_url", self.upload_url)
        clone._transport = parent.derive(**changes)
        new_poll = self.poll if "poll" not in settings else (settings["poll"] or PollPolicy())
        # The status poller batches reads: it is shared only with a client whose
        # requests are this one's (same account, host, API version and headers).
        same_requests = not changes.keys() & {
            "api_key",
            "base_url",
            "dialect",
            "default_headers",
            "http",
            "rate",
        }
        clone._core = self._core.with_transport(
            clone._transport, new_poll, backend=backend, share_poller=same_requests
        )
        return clone

    copy = _same_method_named(with_options, "copy")

    def _use_clock(self, clock: Clock) -> None:
        """Swap the time source (tests use a virtual clock)."""
        self._transport.rate.clock = clock
        self._core.poller.clock = clock
        self._core.poller.news.clock = clock

    # -- videos ----------------------------------------------------------------

    @api_call(GenerateVideoCallOptions)
    async def generate_video(
        self,
        script: str | None = None,
        avatar_id: str | None = None,
        voice_id: str | None = None,
        **options: Unpack[GenerateVideoCallOptions],
    ) -> GeneratedVideo:
        """Submit a video for rendering and return its id (the render runs on HeyGen).

        The simple form is one scene: ``script`` spoken by ``avatar_id`` in ``voice_id``
        (with ``avatar_style``, ``speed`` 0.5-1.5, ``pitch`` -50..50, ``emotion``,
        ``locale`` and a ``background``, e.g. ``"#FAFAFA"``). For multi-scene videos,
        talking photos, audio or silence voices and image/video backgrounds pass
        ``video_inputs`` (1-50 ``VideoInput`` models or dicts in HeyGen's format).
        ``dimension`` is ``Dimension(width, height)``, a dict or a ``(w, h)`` pair,
        even numbers from 128 to 4096. ``extra_body`` adds fields HeyGen accepts that
        this SDK does not model. Bad input raises ``InvalidRequestError`` before
        anything is sent.

        This request is billed. On v3 it carries an ``Idempotency-Key`` (yours, or a
        fresh one per call), so it is retried after timeouts, dropped connections
        and 5xx and still makes exactly one video; on v2 it is retried only when
        HeyGen provably did not receive it. Parameters v3 cannot express
        (``test``, ``emotion``, ``avatar_style``, ``folder_id``, video backgrounds,
        sizes with no aspect ratio) raise ``InvalidRequestError`` there. A create
        refused at v3's concurrent-job limit (429) is retried after its
        ``Retry-After`` at most ``max_retries`` times, then ``RateLimitError``; the
        ``_and_wait`` methods and ``generate_many`` wait for a free slot instead.

        ::

            video = client.generate_video("Hello!", avatar_id="...", voice_id="...")
            print(video.video_id)
        """
        create = self._video_request((script, avatar_id, voice_id), options)
        return await self._core.generate(create, idempotency_key=options.get("idempotency_key"))

    @api_call(AvatarIVCallOptions)
    async def generate_avatar_iv_video(
        self,
        script: str | None = None,
        image_key: str | None = None,
        voice_id: str | None = None,
        **options: Unpack[AvatarIVCallOptions],
    ) -> GeneratedVideo:
        """Submit an Avatar IV video made from one photo and return its id.

        ``image_key`` is the photo: on v3 the asset id ``upload_asset`` returns (or
        an image URL); on v2 ``UploadedAsset.image_key``. The photo speaks a
        ``script`` in ``voice_id``, or your own audio: ``audio_url`` or
        ``audio_asset_id`` (one of them), with no script or voice needed; a script
        beside audio raises ``InvalidRequestError`` naming both, before sending.
        ``video_orientation`` is ``portrait``, ``landscape`` or ``square``; ``fit``
        is ``cover`` or ``contain``. ``video_title`` defaults to the start of the
        script, or the audio's name. Billed: retried as ``generate_video`` is.

        ::

            asset = client.upload_asset("face.jpg")
            video = client.generate_avatar_iv_video("Hi!", asset.id, voice_id)
            own = client.generate_avatar_iv_video(image_key=asset.id, audio_asset_id=audio.id)
        """
        create = self._avatar_iv_request((script, image_key, voice_id), options)
        return await self._core.generate(create, idempotency_key=options.get("idempotency_key"))

    @api_call(RequestOptions)
    async def get_video_status(
        self, video_id: str, **options: Unpack[RequestOptions]
    ) -> VideoStatus:
        """Read a video's status once (``waiting``, ``pending``, ``processing``,
        ``completed`` or ``failed``), with fresh download URLs when completed.

        ::

            status = client.get_video_status(video_id)
            print(status.status, status.video_url)
        """
        return await self._core.get_video_status(video_id)

    @api_call(RequestOptions)
    async def get_video_statuses(
        self, video_ids: Sequence[str], **options: Unpack[RequestOptions]
    ) -> list[VideoStatus]:
        """The statuses of many videos, in the order asked.

        On v3 this reads up to 100 ids per request (``GET /v3/videos/statuses``),
        without download URLs (``get_video_status`` has them); an id HeyGen does not
        know (or not this account's) comes back with status ``not_found``, the others
        as usual. On v2 it reads one by one, and an unknown id raises
        ``NotFoundError`` for the whole call.

        ::

            for status in client.get_video_statuses(video_ids):
                print(status.video_id, status.status)
        """
        if isinstance(video_ids, (str, bytes)):
            raise InvalidRequestError(
                "video_ids: must be a list of video ids, not one string",
                field="video_ids",
                allowed="a list of non-empty strings",
            )
        return await self._core.get_video_statuses(list(video_ids))

    @api_call(RequestOptions)
    async def get_video_url(self, video_id: str, **options: Unpack[RequestOptions]) -> str | None:
        """The finished video's download URL (freshly signed), or None while it renders.

        Raises ``VideoFailedError`` if HeyGen reports the video as failed.
        """
        status = await self.get_video_status(video_id)
        if status.is_failed:
            raise VideoFailedError.from_status(status)
        return status.video_url if status.is_completed else None

    @api_call(RequestOptions)
    async def list_videos(
        self, limit: int = 100, **options: Unpack[RequestOptions]
    ) -> list[VideoSummary]:
        """Your most recent videos (newest first), following HeyGen's pages up to ``limit``."""
        from ._validation import require_int_range

        require_int_range(limit, "limit", 1)
        return [video async for video in self._videos(limit=limit)]

    @api_call(RequestOptions)
    async def iter_videos(
        self, **options: Unpack[RequestOptions]
    ) -> AsyncGenerator[VideoSummary, None]:
        """Every video of the account, newest first, fetching pages as you go."""
        async for video in self._videos(limit=None):
            yield video

    def _videos(self, *, limit: int | None) -> AsyncGenerator[VideoSummary, None]:
        from ._backends._paging import paged

        async def fetch(size: int, token: str | None) -> tuple[list[VideoSummary], str | None]:
            return await self._core.backend.list_videos_page(limit=size, token=token)

        return paged(fetch, limit=limit)

    # -- avatars and voices ----------------------------------------------------

    @api_call(RequestOptions)
    async def list_avatars(self, **options: Unpack[RequestOptions]) -> list[Avatar]:
        """Every avatar look your account can use (public and your own)."""
        return await self._core.backend.list_avatars()

    @api_call(RequestOptions)
    async def list_talking_photos(self, **options: Unpack[RequestOptions]) -> list[TalkingPhoto]:
        """Every talking photo (photo avatar look) of your account."""
        return await self._core.backend.list_talking_photos()

    @api_call(RequestOptions)
    async def list_voices(self, **options: Unpack[RequestOptions]) -> list[Voice]:
        """Every text-to-speech voice your account can use."""
        return await self._core.backend.list_voices()

    # -- assets ----------------------------------------------------------------

    @api_call(RequestOptions)
    async def list_assets(
        self, file_type: str | None = None, limit: int = 100, **options: Unpack[RequestOptions]
    ) -> list[Asset]:
        """Your uploaded assets, newest first, following HeyGen's pages up to ``limit``.

        ``file_type`` is ``image``, ``video``, ``audio`` or None for all.
        """
        self._check_file_type(file_type)
        from ._validation import require_int_range

        require_int_range(limit, "limit", 1)
        return [asset async for asset in self._assets(file_type, limit=limit)]

    @api_call(RequestOptions)
    async def iter_assets(
        self, file_type: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncGenerator[Asset, None]:
        """Every uploaded asset, fetching pages as you go."""
        self._check_file_type(file_type)
        async for asset in self._assets(file_type, limit=None):
            yield asset

    @staticmethod
    def _check_file_type(file_type: str | None) -> None:
        if file_type is not None:
            from ._validation import require_choice

            require_choice(file_type, "file_type", _ASSET_FILE_TYPES)

    def _assets(self, file_type: str | None, *, limit: int | None) -> AsyncGenerator[Asset, None]:
        from ._backends._paging import paged

        async def fetch(size: int, token: str | None) -> tuple[list[Asset], str | None]:
            return await self._core.backend.list_assets_page(
                file_type=file_type, limit=size, token=token
            )

        return paged(fetch, limit=limit)

    @api_call(RequestOptions)
    async def upload_asset(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        content_type: str | None = None,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> UploadedAsset:
        """Upload a file and return HeyGen's record of it (id, url, file_type, image_key).

        ``source`` is a path, the file's ``bytes``, or an ``http(s)://`` URL (fetched
        and streamed through a temporary file, capped in size). The content type
        (JPEG, PNG, MP4, WEBM or MP3) comes from ``content_type``, else the name,
        else the first bytes. ``on_progress`` is called with a ``TransferProgress``
        (bytes sent so far, the total) as the upload goes, in the event loop: keep
        it quick (for a URL it reports the upload, not the fetch).

        ::

            asset = client.upload_asset("portrait.jpg")
            print(asset.id, asset.image_key)
        """
        if isinstance(source, (bytes, bytearray, memoryview)):
            return await self._upload_bytes(bytes(source), content_type, on_progress)
        if isinstance(source, str) and source.lower().startswith(("http://", "https://")):
            return await self._upload_url(source, content_type, on_progress)
        if isinstance(source, str) and "://" in source:
            raise InvalidRequestError(
                f"source: only http(s) URLs can be uploaded from (got {source!r})",
                field="source",
                allowed="path, bytes or http(s) URL",
            )
        if isinstance(source, (str, os.PathLike)):
            return await self._upload_file(source, content_type, on_progress)
        raise InvalidRequestError(
            f"source: must be a path, bytes or an http(s) URL (got {type(source).__name__})",
            field="source",
            allowed="path, bytes or http(s) URL",
        )

    @api_call(RequestOptions)
    async def upload_asset_from_file(
        self,
        path: str | os.PathLike[str],
        content_type: str | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """Upload a file from disk (streamed) and return the asset id (``on_progress``:
        as for ``upload_asset``)."""
        return (await self._upload_file(path, content_type, on_progress)).id

    @api_call(RequestOptions)
    async def upload_asset_from_bytes(
        self,
        data: bytes,
        content_type: str | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """Upload bytes and return the asset id; the type is sniffed when not given
        (``on_progress``: as for ``upload_asset``)."""
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise InvalidRequestError(
                f"data: must be bytes (got {type(data).__name__})", field="data", allowed="bytes"
            )
        return (await self._upload_bytes(bytes(data), content_type, on_progress)).id

    @api_call(RequestOptions)
    async def upload_asset_from_url(
        self,
        url: str,
        content_type: str | None = None,
        *,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> str:
        """Fetch an http(s) URL (streamed, size-capped) and upload it; return the asset id
        (``on_progress`` reports the upload of the fetched file, as for ``upload_asset``)."""
        return (await self._upload_url(url, content_type, on_progress)).id

    async def _upload_bytes(
        self, data: bytes, content_type: str | None, on_progress: ProgressCallback | None = None
    ) -> UploadedAsset:
        from ._uploads import SNIFF_BYTES, default_filename, resolve_content_type, send_upload

        if not data:
            raise InvalidRequestError("data: is empty", field="data", allowed="non-empty bytes")
        kind = self._core.backend.check_upload_type(
            resolve_content_type(content_type, head=data[:SNIFF_BYTES])
        )
        return await send_upload(
            self._core.backend,
            content_type=kind,
            filename=default_filename(kind),
            content=data,
            on_progress=on_progress,
        )

    async def _upload_file(
        self,
        path: str | os.PathLike[str],
        content_type: str | None,
        on_progress: ProgressCallback | None = None,
    ) -> UploadedAsset:
        from ._uploads import file_body, send_upload

        body = await file_body(path, content_type)
        self._core.backend.check_upload_type(body.content_type)
        return await send_upload(
            self._core.backend,
            content_type=body.content_type,
            filename=body.path.name,
            stream=body.open_stream,
            length=body.size,
            on_progress=on_progress,
        )

    async def _upload_url(
        self, url: str, content_type: str | None, on_progress: ProgressCallback | None = None
    ) -> UploadedAsset:
        from ._uploads import (
            check_url,
            resolve_content_type,
            send_upload,
            spooled_download,
            url_filename,
        )

        check_url(url)
        if content_type is not None:
            resolve_content_type(content_type)
        async with spooled_download(self._transport, url, content_type=content_type) as body:
            self._core.backend.check_upload_type(body.content_type)
            return await send_upload(
                self._core.backend,
                content_type=body.content_type,
                filename=url_filename(url, body.content_type),
                stream=body.open_stream,
                length=body.size,
                on_progress=on_progress,
            )

    # -- downloads -------------------------------------------------------------

    @api_call(RequestOptions)
    async def download_video(
        self,
        video_id: str,
        path: str | os.PathLike[str],
        *,
        caption: bool = False,
        on_progress: ProgressCallback | None = None,
        **options: Unpack[RequestOptions],
    ) -> Path:
        """Download a finished video's MP4 and return where it was saved.

        ``path`` is a directory (the file becomes ``<path>/<video_id>.mp4``, or
        ``<video_id>_caption.mp4`` with ``caption=True``: the version with burned-in
        captions) or a file name ending in ``.mp4``; missing directories are created.
        The bytes stream to ``<file>.part``, which is fsync'd and renamed into place,
        so the final name never holds half a video. An interrupted transfer resumes
        where it stopped (HTTP ranges), also from a ``.part`` left by an earlier run;
        an expired or refused link is renewed with a fresh status call; the size on
        disk must match what the server announced. Nothing is written outside the
        target directory.

        ``on_progress`` is called with a ``TransferProgress`` (bytes on disk so far,
        the total once known) before each attempt, after each chunk and once with
        ``finished=True`` at the end; it runs in the event loop, so keep it quick.
        A resume starts at the bytes already on disk; an exception it raises stops
        the download (the ``.part`` stays for a resume).

        Raises ``VideoFailedError`` for a failed video, ``InvalidRequestError`` for a
        video that is not finished yet (wait for it first) or an id unusable as a
        file name, ``APIResponseError`` when the size still does not match after
        retries, ``APIConnectionError`` when the transfer keeps breaking.

        ::

            status = client.wait_for_video(video_id)
            path = client.download_video(video_id, "videos/")
        """
        from .workflows._download import download_video

        return await download_video(
            self._core, video_id, path, caption=caption, on_progress=on_progress
        )

    # -- workflows -------------------------------------------------------------

    @own_call(WaitCallOptions)  # no wrapper: one frame less per sleeping wait
    async def wait_for_video(
        self, video_id: str, **options: Unpack[WaitCallOptions]
    ) -> VideoStatus:
        """Wait until a video has rendered and return its completed ``VideoStatus``.

        Polls the status on the backoff schedule of ``poll`` (default: the client's
        ``poll``): the first check at once (the video may be done already), then
        every 5 s growing x1.3 up to 30 s, each jittered. ``timeout`` (seconds,
        default ``poll.timeout`` = 30 minutes) overrides the policy's deadline,
        measured on a monotonic clock.

        Raises ``VideoFailedError`` (HeyGen's ``code``, ``message``, ``detail``) if
        the render fails; ``WaitTimeoutError`` (also a ``TimeoutError``, with
        ``last_status``) at the deadline; ``WaitAbortedError`` when
        ``poll.max_poll_failures`` status checks in a row failed (one failed check
        does not end the wait); at once any error that will not go away by asking
        again (``AuthenticationError``...). An id HeyGen does not know raises
        ``NotFoundError`` (``.video_id`` set) at the first check: on v3, after one
        ``GET /v3/videos/{id}`` confirms the bulk read's ``not_found``. A wait that
        ends early never cancels or deletes the video: wait again to pick it up.
        Cancelling the caller stops the wait at once.

        ::

            status = client.wait_for_video(video_id, timeout=600)
            print(status.video_url)
        """
        from .workflows._wait import wait_for_video

        # api_call(WaitCallOptions, timeout_name="request_timeout", stamp=False), inline
        record, token = open_call(options, "request_timeout")
        try:
            return await wait_for_video(
                self._core, video_id, timeout=options.get("timeout"), poll=options.get("poll")
            )
        finally:
            leave_call(record, token)

    @api_call(WaitRequestOptions, timeout_name="request_timeout")
    async def wait_for_videos(
        self,
        video_ids: Iterable[str],
        *,
        timeout: float | None = None,
        poll: PollPolicy | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> AsyncGenerator[JobResult, None]:
        """Wait for many videos at once; yield one ``JobResult`` per video as it ends.

        Results (``key`` and ``video_id`` are the id, ``status``, ``error``, ``ok``)
        come in completion order, one per id; each video ends as ``wait_for_video``
        would (``error`` is its ``VideoFailedError``, ``WaitTimeoutError``,
        ``WaitAbortedError``, ``NotFoundError`` for an id HeyGen does not know...),
        and one video's ending never stops the others. ``timeout`` and ``poll``
        apply to every video, each on its own schedule, its first check at once.
        ``video_ids`` (a list or any iterable of ids; not a lone string, no id twice)
        is checked before any request; no ids yields nothing.

        No task per video: one driver reads the ids due together (v3: 100 per
        request, then one read per finished video for its URLs; v2: one request
        per check), so thousands of waits cost a few hundred bytes each. Leaving
        the loop early (or cancelling) stops every wait; the videos go on.

        ::

            for result in client.wait_for_videos(video_ids, timeout=3600):
                print(result.video_id, result.status.video_url if result.ok else result.error)
        """
        from .workflows._wait_many import wait_for_videos

        run = wait_for_videos(self._core, video_ids, timeout=timeout, poll=poll)
        async with aclosing(run) as results:
            async for result in results:
                yield result

    @api_call(GenerateVideoAndWaitOptions, timeout_name="request_timeout", stamp=False)
    async def generate_video_and_wait(
        self,
        script: str | None = None,
        avatar_id: str | None = None,
        voice_id: str | None = None,
        **options: Unpack[GenerateVideoAndWaitOptions],
    ) -> VideoStatus:
        """Submit a video (as ``generate_video``) and wait for it (as ``wait_for_video``).

        Returns the completed ``VideoStatus``; raises what those two raise. Every
        argument is checked before the (billed) request is sent. With the client's
        ``max_concurrent_jobs`` set, this waits for a free render slot first and
        holds it until the video is done. Refused at v3's concurrent-job limit, the
        create is sent again (same key, not a retry) until a slot frees, or until
        ``timeout`` passes with no create of the client accepted (``RateLimitError``).

        ::

            status = client.generate_video_and_wait("Hello!", avatar_id, voice_id, timeout=900)
            print(status.video_url)
        """
        timeout, poll = options.pop("timeout", None), options.pop("poll", None)
        request = self._video_request((script, avatar_id, voice_id), options)
        return await self._submit_and_wait(request, options, timeout, poll)

    @api_call(AvatarIVAndWaitOptions, timeout_name="request_timeout", stamp=False)
    async def generate_avatar_iv_video_and_wait(
        self,
        script: str | None = None,
        image_key: str | None = None,
        voice_id: str | None = None,
        **options: Unpack[AvatarIVAndWaitOptions],
    ) -> VideoStatus:
        """Submit an Avatar IV video (as ``generate_avatar_iv_video``) and wait for it.

        Returns the completed ``VideoStatus``; raises what ``generate_avatar_iv_video``
        and ``wait_for_video`` raise. Arguments are checked before anything is sent.
        At v3's concurrent-job limit it waits for a slot as ``generate_video_and_wait``.

        ::

            asset = client.upload_asset("face.jpg")
            status = client.generate_avatar_iv_video_and_wait("Hi!", asset.id, voice_id)
        """
        timeout, poll = options.pop("timeout", None), options.pop("poll", None)
        request = self._avatar_iv_request((script, image_key, voice_id), options)
        return await self._submit_and_wait(request, options, timeout, poll)

    def _video_request(
        self, subject: tuple[str | None, ...], options: Mapping[str, Any]
    ) -> VideoCreate:
        """The checked create of a ``generate_video*`` call (nothing is sent yet)."""
        from ._video_requests import build_video_request

        request = build_video_request({**dict(zip(VIDEO_SUBJECT, subject, strict=True)), **options})
        return self._core.check(request)

    def _avatar_iv_request(
        self, subject: tuple[str | None, ...], options: Mapping[str, Any]
    ) -> VideoCreate:
        """The checked create of a ``generate_avatar_iv_video*`` call."""
        from ._video_requests import build_avatar_iv_request

        params = {**dict(zip(AVATAR_IV_SUBJECT, subject, strict=True)), **options}
        return self._core.check(build_avatar_iv_request(params))

    async def _submit_and_wait(
        self,
        request: VideoCreate,
        options: Mapping[str, Any],
        timeout: float | None,
        poll: PollPolicy | None,
    ) -> VideoStatus:
        from .workflows._generate import generate_and_wait

        key = options.get("idempotency_key")
        return await generate_and_wait(
            self._core, request, idempotency_key=key, timeout=timeout, poll=poll
        )

    @api_call(WaitRequestOptions, timeout_name="request_timeout")
    async def generate_many(
        self,
        jobs: Iterable[GenerateVideoRequest | AvatarIVVideoRequest | Mapping[str, Any]]
        | AsyncIterable[GenerateVideoRequest | AvatarIVVideoRequest | Mapping[str, Any]],
        *,
        max_concurrent_jobs: int | None = None,
        poll: PollPolicy | None = None,
        on_event: Callable[[JobEvent], None] | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> AsyncGenerator[JobResult, None]:
        """Generate many videos; yield one ``JobResult`` per job as each one finishes.

        A job is a ``GenerateVideoRequest`` (or ``AvatarIVVideoRequest``) model, or a
        dict of ``generate_video`` keyword arguments (``generate_avatar_iv_video``'s
        when it has ``image_key``; HeyGen's wire format also works), optionally with
        ``key`` (your name for it; default: its index) and ``video_id`` (already
        submitted by an earlier run: only waited for, never sent again). A dict with
        ``template_id`` and ``variables`` is a template video (v3:
        ``templates.generate``'s arguments; a plain text value is sent as HeyGen's
        text variable), waited for as any video; ``kind`` names a job's kind
        explicitly (docs/waiting.md). ``jobs`` may
        be any iterable, even an endless one: jobs are read as slots free up.

        Results (``key``, ``video_id``, ``status``, ``error``, ``ok``) come in
        completion order; a job that fails (bad input, refused, failed render,
        timeout) is a result with its ``error`` and never stops the others. At most
        ``max_concurrent_jobs`` (default: the client's, else 1000) jobs are in
        flight, each holding a render slot from submission until its video is done.
        A 429 pauses every submission and status check of the client. A job refused
        at v3's concurrent-job limit waits for a free slot (sent again with the same
        key, never counted as a retry); it fails with ``RateLimitError`` only when
        ``poll.timeout`` passes with no create of the client accepted. Each job gets
        a ``callback_id`` (derived from its key and body) unless it has one.

        ``on_event`` receives ``JobSubmitting`` (before the billed request: journal
        it there; if the callback raises, that job is not submitted), ``JobSending``
        (right before each attempt of it is sent: attempt number and idempotency
        key; raising keeps that attempt off the wire),
        ``JobSubmitted``, ``JobStatusChanged``, ``JobCompleted`` and ``JobFailed``.
        It runs synchronously in the event loop, so it must be quick; other
        exceptions from it are logged and ignored. Leaving the loop early (or
        cancelling) stops the outstanding waits; the videos themselves go on.

        ::

            jobs = [{"key": row.id, "script": row.text, "avatar_id": a, "voice_id": v}
                    for row in rows]
            for result in client.generate_many(jobs, max_concurrent_jobs=10):
                print(result.key, result.ok, result.status.video_url if result.ok else result.error)
        """
        from .workflows._generate_many import generate_many

        run = generate_many(
            self._core,
            jobs,
            max_concurrent_jobs=max_concurrent_jobs,
            poll=poll,
            on_event=on_event,
            resources=lambda noun: getattr(self, noun),
        )
        async with aclosing(run) as results:
            async for result in results:
                yield result


def _key_source(api_key: str | None) -> str:
    """Where the key came from, for a 401's message (never the key itself)."""
    return (
        "the api_key argument" if api_key is not None else f"the {ENV_API_KEY} environment variable"
    )


__all__ = ["NOT_GIVEN", "AsyncHeyGenClient"]
