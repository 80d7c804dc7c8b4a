"""What the client and the workflows share: the transport, the backend, the policy.

The client builds one ``ClientCore``; the workflows take it, so they never import
the client nor reach into its private attributes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._clock import Clock
from ._ids import checked_idempotency_key, new_idempotency_key
from ._transport import RateController, Transport
from ._validation import require_text
from .jobs._policy import PollPolicy
from .jobs._poller import JobPoller, read_in_batches

if TYPE_CHECKING:  # the models load with the backend, when a client is built
    from ._backends._base import Backend
    from .jobs._videos import VideoKind
    from .models import AvatarIVVideoRequest, GeneratedVideo, GenerateVideoRequest, VideoStatus

    VideoRequest = GenerateVideoRequest | AvatarIVVideoRequest


@dataclass(frozen=True)
class VideoCreate:
    """A video's create, checked and in wire form: built once, sent by every attempt."""

    body: dict[str, Any]
    avatar_iv: bool


@dataclass(frozen=True)
class ClientCore:
    """One client's sending machinery, shared with the workflows it runs."""

    transport: Transport
    backend: Backend
    poll: PollPolicy
    poller: JobPoller = field(init=False)
    """Every wait of this client, of every job kind (shared with ``with_options``
    copies that send the same requests)."""
    videos: VideoKind = field(init=False)
    """The video job kind, read through this core's backend."""

    def __post_init__(self) -> None:
        from .jobs._videos import VideoKind

        object.__setattr__(self, "poller", JobPoller(self.transport.clock))
        object.__setattr__(self, "videos", VideoKind(self.backend))

    @property
    def clock(self) -> Clock:
        return self.transport.clock

    @property
    def rate(self) -> RateController:
        return self.transport.rate

    @property
    def api_version(self) -> str:
        return self.backend.api_version

    def with_transport(
        self,
        transport: Transport,
        poll: PollPolicy,
        *,
        backend: type[Backend] | None = None,
        share_poller: bool = True,
    ) -> ClientCore:
        """A core over another transport (``with_options``): the same backend kind
        unless ``backend`` is given; the same status poller when ``share_poller``."""
        clone = ClientCore(transport, (backend or type(self.backend))(transport), poll)
        if share_poller:  # one poller per client family, reading through one kind
            object.__setattr__(clone, "poller", self.poller)
            object.__setattr__(clone, "videos", self.videos)
        return clone

    def check(self, request: VideoRequest) -> VideoCreate:
        """The create of ``request``, its wire body built once (every attempt sends it),
        or ``InvalidRequestError`` now for what this API version cannot send."""
        from .models.video import AvatarIVVideoRequest

        if isinstance(request, AvatarIVVideoRequest):
            return VideoCreate(self.backend.avatar_iv_body(request), avatar_iv=True)
        return VideoCreate(self.backend.video_body(request), avatar_iv=False)

    def idempotency_key_for(self, given: str | None) -> str | None:
        """The caller's key, else a fresh one where the API deduplicates on keys."""
        if given is not None:
            return checked_idempotency_key(given)
        return new_idempotency_key() if self.backend.idempotency_keys else None

    async def generate(
        self, create: VideoRequest | VideoCreate, *, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        """Send one billed create (its key, given or fresh, is reused by every retry)."""
        key = self.idempotency_key_for(idempotency_key)
        if not isinstance(create, VideoCreate):
            create = self.check(create)
        return await self.backend.create_video(
            create.body, avatar_iv=create.avatar_iv, idempotency_key=key
        )

    async def get_video_status(self, video_id: str) -> VideoStatus:
        return await self.backend.get_video_status(require_text(video_id, "video_id"))

    async def get_video_statuses(self, video_ids: Sequence[str]) -> list[VideoStatus]:
        """Any number of statuses, batched as the API allows, in the order asked."""
        ids = [require_text(video_id, "video_ids") for video_id in video_ids]
        statuses: list[VideoStatus] = await read_in_batches(
            self.videos.read_many, self.videos.batch_size, ids
        )
        return statuses
