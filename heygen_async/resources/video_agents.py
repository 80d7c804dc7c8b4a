"""``client.video_agents``:
Video agent sessions (v3): a video from a prompt, and the conversation that makes it.

::

    session = await client.video_agents.create("A 30 second demo of our new app")
    session = await client.video_agents.get(session.session_id)
    if session.has_video:
        video = await client.videos.get(session.video_id)

In ``generate`` mode (the default) the agent writes, casts and renders one video on
its own; in ``chat`` mode it may stop to ask (``status`` ``waiting_for_input``): answer
with ``send``, which also asks for revisions of a video it made.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from .._errors import HeyGenError, JobFailedError
from .._params import RequestOptions, Unpack
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._kinds import Progress
from ..jobs._resource_kind import ResourceKind
from ..models._base import ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Settles, SyncJobs
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method

Files = Annotated[list[AssetInput], Field(max_length=20)]
"""Up to 20 attachments: asset ids, http(s) URLs, local files or bytes (uploaded
first), or HeyGen's own ``{"type": "url" | "asset_id", ...}`` dicts."""


class VideoAgentMessage(ResponseModel):
    """One message of a session's conversation."""

    role: Literal["user", "model"] | str | None = None
    """Who wrote it: ``user`` (you) or ``model`` (the agent)."""
    content: str | None = None
    """The message's text."""
    type: Literal["text", "resource", "error"] | str | None = None
    """``text``, ``resource`` (it points at ``resource_ids``) or ``error``."""
    resource_ids: list[str] | None = None
    """Resources the message refers to (read one with ``video_agents.resources.get``)."""
    created_at: int | None = None
    """When it was written, Unix seconds."""


class VideoAgentSession(Settles, ResponseModel):
    """A video agent session, as ``create`` and ``get`` give it (``is_terminal``: it
    will not change on its own; a ``chat`` session can still be sent a message)."""

    session_id: str
    """The session's id (pass it to ``get``, ``send``, ``stop``, ``videos``)."""
    status: (
        Literal["thinking", "waiting_for_input", "reviewing", "generating", "completed", "failed"]
        | str
        | None
    ) = None
    """What the agent is doing: ``thinking``, ``waiting_for_input`` (chat mode: it
    asked you something, answer with ``send``), ``reviewing``, ``generating``,
    ``completed`` or ``failed``."""
    video_id: str | None = None
    """The video the session renders, once generation has started (read it with
    ``client.videos.get``); ``None`` before that."""
    progress: int | None = None
    """Progress, 0-100 (``get`` only)."""
    title: str | None = None
    """A title the agent gave the session (``get`` only; ``None`` until it has one)."""
    messages: list[VideoAgentMessage] | None = None
    """The latest visible messages, newest first, at most 40 (``get`` only)."""
    created_at: int | None = None
    """When the session was created, Unix seconds."""

    @property
    def has_video(self) -> bool:
        """True once the session names its video (``video_id``): from then on the video
        is an ordinary one, to read or wait for with ``client.videos``."""
        return bool(self.video_id)


class ListedVideoAgentSession(ResponseModel):
    """One session of ``client.video_agents.list()`` (read it with ``get`` for more)."""

    session_id: str
    """The session's id."""
    title: str | None = None
    """A title the agent gave the session (``None`` until it has one)."""
    created_at: int | None = None
    """When the session was created, Unix seconds."""


class VideoAgentStyle(ResponseModel):
    """A visual style a session can use (``style_id`` of ``create``)."""

    style_id: str
    """The id to pass as ``style_id``."""
    name: str | None = None
    """Display name."""
    tags: list[str] | None = None
    """Tags such as ``cinematic`` or ``retro-tech`` (filter with ``styles(tag=...)``)."""
    aspect_ratio: str | None = None
    """The style's aspect ratio, e.g. ``16:9``, ``9:16`` or ``1:1``."""
    thumbnail_url: str | None = None
    """A still of the style."""
    preview_video_url: str | None = None
    """A short MP4 of the style."""


class VideoAgentRun(ResponseModel):
    """What ``send`` started: the agent's run that handles your message."""

    session_id: str
    """The session the message went to."""
    run_id: str | None = None
    """The id of the run handling the message."""
    title: str | None = None
    """The session's title, when it has one."""


class StoppedVideoAgentSession(ResponseModel):
    """The answer to ``stop``."""

    session_id: str
    """The session that was asked to stop (at its next checkpoint; what it made so far
    is kept)."""


class VideoAgentResource(ResponseModel):
    """Something a session made or was given: an image, a video, a draft, an avatar, a
    voice, ..."""

    resource_id: str
    """The resource's id (as messages' ``resource_ids`` name it)."""
    resource_type: str | None = None
    """What it is: ``image``, ``video``, ``draft``, ``avatar``, ``voice``, ..."""
    source_type: Literal["generated", "user_uploaded"] | str | None = None
    """``generated`` by the agent or ``user_uploaded``."""
    url: str | None = None
    """The media itself, when it has one."""
    preview_url: str | None = None
    """A preview of it."""
    thumbnail_url: str | None = None
    """A thumbnail of it."""
    metadata: dict[str, Any] | None = None
    """Details that depend on ``resource_type``, as HeyGen gives them."""
    created_at: int | None = None
    """When it was created, Unix seconds."""


class SessionVideo(ResponseModel):
    """A video a session produced (``client.video_agents.videos(session_id)``)."""

    id: str
    """The video's id (``client.videos.get`` reads it)."""
    status: Literal["pending", "processing", "completed", "failed"] | str | None = None
    """``pending``, ``processing``, ``completed`` or ``failed``."""
    title: str | None = None
    """The video's title."""
    video_url: str | None = None
    """Presigned download URL of the video (once completed)."""
    captioned_video_url: str | None = None
    """Presigned download URL of the video with captions burned in, when made."""
    subtitle_url: str | None = None
    """Presigned download URL of its SRT subtitles, when made."""
    thumbnail_url: str | None = None
    """A thumbnail image."""
    gif_url: str | None = None
    """An animated GIF preview."""
    video_page_url: str | None = None
    """The video's page in the HeyGen app."""
    duration: float | None = None
    """Length in seconds."""
    output_language: str | None = None
    """BCP-47 language code, only for a translated video."""
    folder_id: str | None = None
    """The folder holding it."""
    failure_code: str | None = None
    """Machine-readable failure reason (only when ``status`` is ``failed``)."""
    failure_message: str | None = None
    """Why it failed, in words (only when ``status`` is ``failed``)."""
    created_at: int | None = None
    """When it was created, Unix seconds."""
    completed_at: int | None = None
    """When rendering finished, Unix seconds."""


class AsyncVideoAgentResources(AsyncResource):
    """``client.video_agents.resources`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/video-agents/{session_id}/resources/{resource_id}")
    async def get(
        self, session_id: str, resource_id: str, **options: Unpack[RequestOptions]
    ) -> VideoAgentResource:
        """One resource of a session (an image, a video, a draft, ...), by the id its
        messages give in ``resource_ids``::

            session = await client.video_agents.get(session_id)
            for message in session.messages or []:
                for resource_id in message.resource_ids or []:
                    resource = await client.video_agents.resources.get(session_id, resource_id)
        """
        ...

    with_raw_response: RawView[AsyncVideoAgentResourcesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncVideoAgentResourcesWithRawResponse(AsyncRawResource[AsyncVideoAgentResources]):
    """``client.video_agents.resources.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    get = raw_method(AsyncVideoAgentResources.get)


class VideoAgentKind(ResourceKind):
    """Video agent sessions, read by id (HeyGen has no bulk read for them). A wait
    ends when the session names its video (``video_id``): the video is then an
    ordinary one, for ``client.videos.wait``. A session seen failed (even with a
    ``video_id``: its video failed or it was stopped), or one that completed
    without a video, fails the wait."""

    name = "video_agent"
    id_field = "session_id"

    def progress(self, status: Any) -> Progress:
        if status.is_failed:
            return Progress.FAILED
        if status.has_video:
            return Progress.COMPLETED
        if status.is_completed:  # finished without naming a video: it never will
            return Progress.FAILED
        return Progress.RUNNING

    def failure(self, status: Any) -> HeyGenError:
        if status.is_failed:
            error = super().failure(status)
            if isinstance(error, JobFailedError) and error.message is None:
                # A session has no failure field: its reason is its newest error message.
                reason = _newest_error_message(status)
                if reason is not None:
                    return JobFailedError(
                        error.job_id, kind=self.name, code=error.code, message=reason, status=status
                    )
            return error
        return JobFailedError(
            status.session_id,
            kind=self.name,
            message=f"the session ended ({status.status}) without a video",
            status=status,
        )


class AsyncVideoAgents(AsyncJobs[VideoAgentSession]):
    """``client.video_agents`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = VideoAgentKind
    _wait_doc = """Wait until a video agent session has its video; the session, with its
    ``video_id`` (follow the video with ``client.videos.wait``).

    Polls ``get`` on the client's poller (the first check at once, then on the
    backoff of ``poll``, default the client's); ``timeout`` seconds (default
    ``poll.timeout``) bound the wait. Raises ``JobFailedError`` (kind
    ``video_agent``) when the session failed or ended without a video,
    ``WaitTimeoutError`` (``job_id``, ``last_status``) at the deadline (a
    ``chat`` session waiting for your answer stays unfinished: ``send`` it one),
    ``NotFoundError`` for an id HeyGen does not know::

        session = await client.video_agents.wait(session.session_id)
        video = await client.videos.wait(session.video_id)
    """
    _wait_many_doc = """Wait for many video agent sessions, each until it has its video; one
    ``WaitResult`` per id as each ends (``job_id``, ``status``: the session,
    ``error``: what ``wait`` would raise, ``ok``), in completion order. One
    session's ending never stops the others; leaving the loop stops the waits
    still running::

        async for result in client.video_agents.wait_many(session_ids):
            if result.ok:
                print(result.job_id, result.status.video_id)
    """

    @endpoint("POST", "/v3/video-agents", billed=True)
    async def create(
        self,
        prompt: Annotated[str, Field(min_length=1, max_length=10000)],
        *,
        mode: Literal["generate", "chat"] | None = None,
        orientation: Literal["landscape", "portrait"] | None = None,
        avatar_id: str | None = None,
        voice_id: str | None = None,
        style_id: str | None = None,
        brand_kit_id: str | None = None,
        files: Files | None = None,
        incognito_mode: bool | None = None,
        callback_id: str | None = None,
        callback_url: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoAgentSession:
        """Start a session that makes a video from ``prompt`` (1-10000 characters);
        billed. The agent writes the script, picks an avatar and voice, composes the
        scenes and renders: poll ``get`` until ``has_video``, then follow the video.

        ``mode``: ``generate`` (HeyGen's default: one video, no questions) or ``chat``
        (it may ask, see ``send``). ``orientation``: ``landscape`` or ``portrait``
        (guessed from the content when left out). ``avatar_id``, ``voice_id``,
        ``style_id`` (see ``styles``) and ``brand_kit_id`` pin those choices.
        ``files``: up to 20 attachments (images, videos, audio, PDFs), each an asset
        id, an http(s) URL, a local file or bytes. ``incognito_mode``: no memory of
        other sessions is used or kept. ``callback_url`` is called when it ends, with
        your ``callback_id``::

            session = await client.video_agents.create(
                "Explain our refund policy in 45 seconds",
                orientation="portrait",
                files=["policy.pdf"],
            )
        """
        ...

    @endpoint("GET", "/v3/video-agents/{session_id}")
    async def get(self, session_id: str, **options: Unpack[RequestOptions]) -> VideoAgentSession:
        """One session: its status, progress, ``video_id`` once generation starts, and
        its latest messages. An unknown id raises ``NotFoundError``::

            session = await client.video_agents.get(session_id)
            print(session.status, session.progress, session.video_id)
        """
        ...

    @endpoint("POST", "/v3/video-agents/{session_id}")
    async def send(
        self,
        session_id: str,
        message: Annotated[str, Field(min_length=1)],
        *,
        files: Files | None = None,
        avatar_id: str | None = None,
        voice_id: str | None = None,
        brand_kit_id: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoAgentRun:
        """Send ``message`` to a ``chat`` session: answer the agent's question, add
        context, or ask for changes to a video it made. ``files`` attach up to 20
        more; ``avatar_id``, ``voice_id`` and ``brand_kit_id`` override the session's
        for this message.

        Not retried after a server error: HeyGen documents no deduplication of
        messages (no ``Idempotency-Key`` here), so a retry could send it twice::

            run = await client.video_agents.send(session_id, "Use a warmer voice")
        """
        ...

    @endpoint("POST", "/v3/video-agents/{session_id}/stop")
    async def stop(
        self, session_id: str, **options: Unpack[RequestOptions]
    ) -> StoppedVideoAgentSession:
        """Stop the session's current run at its next checkpoint (what it made so far
        is kept)::

            await client.video_agents.stop(session_id)
        """
        ...

    @endpoint("GET", "/v3/video-agents", paged=True)
    def list(
        self,
        *,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[ListedVideoAgentSession]:
        """Your sessions, newest first, a page at a time (``limit`` 1-100 a page).
        Await it for one page, or iterate it for every session::

            async for session in client.video_agents.list():
                print(session.session_id, session.title)
        """
        ...

    @endpoint("GET", "/v3/video-agents/styles", paged=True)
    def styles(
        self,
        *,
        tag: str | None = None,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[VideoAgentStyle]:
        """The visual styles a session can use (``style_id`` of ``create``), a page at
        a time (``limit`` 1-100); ``tag`` filters them (e.g. ``cinematic``,
        ``retro-tech``, ``handmade``)::

            async for style in client.video_agents.styles(tag="cinematic"):
                print(style.style_id, style.name)
        """
        ...

    @endpoint("GET", "/v3/video-agents/{session_id}/videos", paged=True)
    def videos(
        self,
        session_id: str,
        *,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[SessionVideo]:
        """Every video the session made (a ``chat`` session can make several), newest
        first. Await it for one page, or iterate it for every video::

            async for video in client.video_agents.videos(session_id):
                print(video.id, video.status, video.video_url)
        """
        ...

    @property
    def resources(self) -> AsyncVideoAgentResources:
        """The resources of a session (images, videos, drafts, ...): ``resources.get``."""
        return AsyncVideoAgentResources(self._client)

    with_raw_response: RawView[AsyncVideoAgentsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


def _newest_error_message(session: Any) -> str | None:
    """The text of a session's newest ``error`` message (messages come newest first)."""
    for message in getattr(session, "messages", None) or []:
        if getattr(message, "type", None) == "error" and getattr(message, "content", None):
            return str(message.content)
    return None


class AsyncVideoAgentsWithRawResponse(AsyncRawResource[AsyncVideoAgents]):
    """``client.video_agents.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncVideoAgents.create)
    get = raw_method(AsyncVideoAgents.get)
    send = raw_method(AsyncVideoAgents.send)
    stop = raw_method(AsyncVideoAgents.stop)


class VideoAgentResources(SyncResource[AsyncVideoAgentResources]):
    """``client.video_agents.resources`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    get = blocking(AsyncVideoAgentResources.get)

    with_raw_response: RawView[VideoAgentResourcesWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideoAgentResourcesWithRawResponse(SyncRawResource[AsyncVideoAgentResources]):
    """``client.video_agents.resources.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    get = blocking_raw(AsyncVideoAgentResourcesWithRawResponse.get)


class VideoAgents(SyncJobs[AsyncVideoAgents]):
    """``client.video_agents`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncVideoAgents.create)
    get = blocking(AsyncVideoAgents.get)
    send = blocking(AsyncVideoAgents.send)
    stop = blocking(AsyncVideoAgents.stop)
    list = paging(AsyncVideoAgents.list)
    styles = paging(AsyncVideoAgents.styles)
    videos = paging(AsyncVideoAgents.videos)

    @property
    def resources(self) -> VideoAgentResources:
        """The resources of a session (images, videos, drafts, ...): ``resources.get``."""
        return VideoAgentResources(*self._inner("resources"))

    with_raw_response: RawView[VideoAgentsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class VideoAgentsWithRawResponse(SyncRawResource[AsyncVideoAgents]):
    """``client.video_agents.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncVideoAgentsWithRawResponse.create)
    get = blocking_raw(AsyncVideoAgentsWithRawResponse.get)
    send = blocking_raw(AsyncVideoAgentsWithRawResponse.send)
    stop = blocking_raw(AsyncVideoAgentsWithRawResponse.stop)


__all__ = [
    "AsyncVideoAgentResources",
    "AsyncVideoAgentResourcesWithRawResponse",
    "AsyncVideoAgents",
    "AsyncVideoAgentsWithRawResponse",
    "ListedVideoAgentSession",
    "SessionVideo",
    "StoppedVideoAgentSession",
    "VideoAgentKind",
    "VideoAgentMessage",
    "VideoAgentResource",
    "VideoAgentResources",
    "VideoAgentResourcesWithRawResponse",
    "VideoAgentRun",
    "VideoAgentSession",
    "VideoAgentStyle",
    "VideoAgents",
    "VideoAgentsWithRawResponse",
]
