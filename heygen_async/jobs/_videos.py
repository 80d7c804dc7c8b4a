"""The video job kind, over either API version's backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from .._errors import HeyGenError, VideoFailedError
from ..models import VideoError, VideoStatus
from ._failed_entries import FailedEntries
from ._kinds import JobKind

if TYPE_CHECKING:
    from .._backends import Backend

# A v3 bulk status carries a video's id and state only: a sleeping wait keeps the
# names of the fields it had (one shared tuple per shape), never a model.
_SHAPES: dict[frozenset[str], tuple[str, ...]] = {}
_ID_AND_STATE = frozenset({"video_id", "status"})
_MAX_SHAPES = 64


class VideoKind(JobKind[VideoStatus]):
    """Videos: ``GET /v3/videos/statuses`` (100 ids) and ``GET /v3/videos/{id}`` on v3;
    one status read per video on v2."""

    name: ClassVar[str] = "video"

    def __init__(self, backend: Backend) -> None:
        self._backend = backend
        self.batch_size = max(1, backend.status_batch_size)
        self.bulk_is_final = backend.statuses_carry_urls
        # A failed bulk entry's ``error`` by video id, for the video's own read (which
        # a wait returns): that read may give no reason.
        self._bulk_errors: FailedEntries[VideoError] = FailedEntries()

    async def read_one(self, job_id: str) -> VideoStatus:
        return await self._backend.get_video_status(job_id)

    async def read_many(self, job_ids: Sequence[str]) -> list[VideoStatus]:
        statuses = await self._backend.get_video_statuses(job_ids)
        if not self.bulk_is_final:
            for status in statuses:
                if status.is_failed and status.error is not None and status.video_id:
                    self._bulk_errors.keep(status.video_id, status.error)
        return statuses

    def failure(self, status: VideoStatus) -> HeyGenError:
        bulk_error = self._bulk_errors.get(status.video_id)
        if bulk_error is not None and status.error is None:
            status = status.model_copy(update={"error": bulk_error})
        return VideoFailedError.from_status(status)

    def kept(self, job_id: str, status: VideoStatus) -> Any:
        """The status, or only its field names (one shared tuple per shape) when all
        but its id and state are None."""
        extra = status.model_extra or {}
        if status.video_id != job_id or any(
            getattr(status, name) is not None for name in status.model_fields_set - _ID_AND_STATE
        ):
            return status
        if any(value is not None for value in extra.values()) or len(_SHAPES) > _MAX_SHAPES:
            return status
        key = frozenset(status.model_fields_set | extra.keys())
        return _SHAPES.setdefault(key, tuple(sorted(key)))

    def restored(self, job_id: str, state: Any, kept: Any) -> VideoStatus | None:
        """The status a sleeping wait kept: the model, or one rebuilt equal to it (the
        same fields set, the same None values) from its shape and state."""
        if isinstance(kept, VideoStatus):
            return kept
        if kept is None:
            return None if state is None else VideoStatus(video_id=job_id, status=state)
        data: dict[str, object] = dict.fromkeys(kept)
        data["video_id"] = job_id
        if "status" in data:
            data["status"] = state
        return VideoStatus.model_validate(data)


__all__ = ["VideoKind"]
