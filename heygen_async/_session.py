"""What the client and the workflows share: the transport, the backend, the policy.

The client builds one ``Session``; the workflows take it, so they never import
the client nor reach into its private attributes.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from ._backends import Backend
from ._clock import Clock
from ._errors import InvalidRequestError
from ._transport import RateController, Transport
from ._validation import require_text
from .models import AvatarIVVideoRequest, GeneratedVideo, GenerateVideoRequest, VideoStatus
from .workflows._policy import PollPolicy
from .workflows._poller import StatusPoller, read_statuses
from .workflows._settle import Settlements

VideoRequest = GenerateVideoRequest | AvatarIVVideoRequest
# HeyGen's rule for Idempotency-Key values.
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{1,255}$")


def new_idempotency_key() -> str:
    """A fresh key for one logical create (reused by every retry of it)."""
    return f"hga-{uuid.uuid4().hex}"


@dataclass(frozen=True)
class Session:
    """One client's sending machinery, shared with the workflows it runs."""

    transport: Transport
    backend: Backend
    poll: PollPolicy
    poller: StatusPoller = field(init=False)

    def __post_init__(self) -> None:
        backend = self.backend
        poller = StatusPoller(
            read_batch=backend.get_video_statuses,
            read_one=backend.get_video_status,
            batch_size=backend.status_batch_size,
            batch_has_urls=backend.statuses_carry_urls,
            clock=self.transport.clock,
            settlements=Settlements(self.transport.clock),
        )
        object.__setattr__(self, "poller", poller)

    @property
    def settlements(self) -> Settlements:
        """Where webhook deliveries end this client's waits (shared with its poller)."""
        settlements = self.poller.settlements
        assert settlements is not None
        return settlements

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
    ) -> Session:
        """A session over another transport (``with_options``): the same backend kind
        unless ``backend`` is given; the same status poller when ``share_poller``."""
        clone = Session(transport, (backend or type(self.backend))(transport), poll)
        if share_poller:
            object.__setattr__(clone, "poller", self.poller)  # one poller per client family
        return clone

    def check(self, request: VideoRequest) -> None:
        """Raise ``InvalidRequestError`` now for what this API version cannot send."""
        if isinstance(request, AvatarIVVideoRequest):
            self.backend.avatar_iv_body(request)
        else:
            self.backend.video_body(request)

    def idempotency_key_for(self, given: str | None) -> str | None:
        """The caller's key, else a fresh one where the API deduplicates on keys."""
        if given is not None:
            if not isinstance(given, str) or not _IDEMPOTENCY_KEY.match(given):
                raise InvalidRequestError(
                    f"idempotency_key: must be 1 to 255 letters, digits or _-:. (got {given!r})",
                    field="idempotency_key",
                    allowed="1 to 255 characters of A-Z a-z 0-9 _ - : .",
                )
            return given
        return new_idempotency_key() if self.backend.idempotency_keys else None

    async def generate(
        self, request: VideoRequest, *, idempotency_key: str | None = None
    ) -> GeneratedVideo:
        """Send one billed create (its key, given or fresh, is reused by every retry)."""
        key = self.idempotency_key_for(idempotency_key)
        if isinstance(request, AvatarIVVideoRequest):
            return await self.backend.generate_avatar_iv_video(request, idempotency_key=key)
        return await self.backend.generate_video(request, idempotency_key=key)

    async def get_video_status(self, video_id: str) -> VideoStatus:
        return await self.backend.get_video_status(require_text(video_id, "video_id"))

    async def get_video_statuses(self, video_ids: Sequence[str]) -> list[VideoStatus]:
        """Any number of statuses, batched as the API allows, in the order asked."""
        ids = [require_text(video_id, "video_ids") for video_id in video_ids]
        return await read_statuses(
            self.backend.get_video_statuses, self.backend.status_batch_size, ids
        )
