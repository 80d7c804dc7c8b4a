"""What the job nouns' answers share (``lipsyncs``, ``video_translations``,
``videos``, ``assets``, ...): one place for the shapes HeyGen gives every kind.

- ``Settles``: ``is_completed``, ``is_failed`` and ``is_terminal`` read from a
  model's ``status``; a kind with other states says so in class variables.
- ``BulkStatus``: one entry of a ``statuses`` bulk read (HeyGen names every kind's
  id ``video_id`` there).
- ``BatchCreated``, ``BatchItem`` and ``Batch``: a batch's answers; each noun
  subclasses them under its own public name (``LipsyncBatch``, ...), adding only
  what its kind has of its own (an id spelled the noun's way).
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import Field

from ..models._base import ResponseModel

BatchState = Literal["processing", "completed", "failed"]
ItemState = Literal["queued", "processing", "completed", "failed"]
BulkState = Literal["queued", "processing", "completed", "failed", "not_found"]


class Settles:
    """``is_completed``, ``is_failed`` and ``is_terminal`` of a model's ``status``.

    The states are class variables, so a kind whose jobs end in other words
    (``cancelled``, ``deleted``) lists them instead of writing the properties again.
    """

    _completed_states: ClassVar[frozenset[str]] = frozenset({"completed"})
    _failed_states: ClassVar[frozenset[str]] = frozenset({"failed"})
    _also_terminal_states: ClassVar[frozenset[str]] = frozenset()
    """States that are final without being a success or a failure (``not_found`` in a
    video bulk read)."""

    def _state(self) -> str | None:
        status = getattr(self, "status", None)
        return status if isinstance(status, str) else None

    @property
    def is_completed(self) -> bool:
        """True once it is done (``completed``): its results can be used."""
        return self._state() in self._completed_states

    @property
    def is_failed(self) -> bool:
        """True when it will never complete: HeyGen gave up on it (``failed``; for some
        kinds also ``cancelled`` or ``deleted``); its ``error`` or ``failure_message``
        says why."""
        return self._state() in self._failed_states

    @property
    def is_terminal(self) -> bool:
        """True when its status will not change any more (completed or failed)."""
        return self.is_completed or self.is_failed or self._state() in self._also_terminal_states


def extra_id(model: ResponseModel, name: str) -> str | None:
    """An id an answer gave under a field this model does not declare."""
    value = (model.model_extra or {}).get(name)
    return value if isinstance(value, str) else None


class _JobOfBulkRead(ResponseModel):
    """A bulk read's view of one job: HeyGen calls every kind's id ``video_id`` there."""

    video_id: str | None = None
    """The job's id (HeyGen's bulk reads call every kind's id ``video_id``; the noun's
    own name for it is a property, e.g. ``lipsync_id``); None for a batch item whose
    job is not created yet."""
    error: dict[str, Any] | None = None
    """HeyGen's details of a failure (its ``code`` and ``message``), only when
    ``status`` is ``failed``."""

    def _job_id(self, name: str) -> str | None:
        """``video_id`` under the name the rest of the API uses (or ``name`` itself,
        should HeyGen's answer come to spell it so)."""
        return self.video_id if self.video_id is not None else extra_id(self, name)


class BulkStatus(Settles, _JobOfBulkRead):
    """One entry of a ``statuses`` bulk read: a job's id and where it stands, nothing
    more (``get`` has its URLs)."""

    status: BulkState | str | None = None
    """``queued``, ``processing``, ``completed``, ``failed``, or ``not_found`` for an
    id HeyGen does not know or that is not this account's."""
    batch_id: str | None = None
    """The batch this entry came from, when it was asked for by ``batch_ids``."""
    item_index: int | None = None
    """The entry's position in its batch (set with ``batch_id``), to match entries that
    have no id yet."""

    @property
    def is_not_found(self) -> bool:
        """True when HeyGen does not know the id (or it is another account's)."""
        return self.status == "not_found"


class BatchCreated(ResponseModel):
    """The answer of ``batches.create``: the batch to follow with ``batches.get``."""

    batch_id: str
    """The batch's id (``batches.get``, or ``statuses(batch_ids=[...])``)."""
    status: BatchState | str | None = None
    """The batch's state at creation (usually ``processing``)."""
    total_items: int | None = None
    """How many items the batch holds."""


class BatchItem(Settles, _JobOfBulkRead):
    """One item of a batch: one job."""

    item_index: int | None = None
    """Its zero-based position in the payloads given to ``batches.create``."""
    status: ItemState | str | None = None
    """``queued``, ``processing``, ``completed`` or ``failed``."""


ItemT = TypeVar("ItemT", bound=BatchItem)


class Batch(Settles, ResponseModel, Generic[ItemT]):
    """A batch and one page of its items, as ``batches.get`` reads it."""

    batch_id: str
    """The batch's id."""
    status: BatchState | str | None = None
    """``processing`` while an item is unfinished, then ``completed`` (at least one
    item succeeded), or ``failed`` when every item failed."""
    title: str | None = None
    """The batch's display name, if it was given one."""
    total_items: int | None = None
    """How many items the batch holds, on every page."""
    counts_by_status: dict[str, int] | None = None
    """How many items are in each item status, e.g. ``{"completed": 3, "queued": 1}``."""
    created_at: int | None = None
    """Creation time, Unix seconds."""
    items: list[ItemT] = Field(default_factory=list)
    """This page's items, in ``item_index`` order."""
    has_more: bool | None = None
    """True when more items follow: pass ``next_token`` as ``token`` for them."""
    next_token: str | None = None
    """The cursor of the next page of items, or None on the last one."""


__all__ = ["Batch", "BatchCreated", "BatchItem", "BulkStatus", "Settles", "extra_id"]
