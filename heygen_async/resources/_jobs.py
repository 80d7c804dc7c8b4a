"""What the job nouns' answers share (``lipsyncs``, ``video_translations``,
``videos``, ``assets``, ...): one place for the shapes HeyGen gives every kind.

- ``Settles``: ``is_completed``, ``is_failed`` and ``is_terminal`` read from a
  model's ``status``; a kind with other states says so in class variables.
- ``BulkStatus``: one entry of a ``statuses`` bulk read (HeyGen names every kind's
  id ``video_id`` there); ``StatusEntry``, one whose ``status`` is always given.
- ``AsyncJobs`` and ``SyncJobs``: ``wait`` and ``wait_many``, written once for
  every noun, async and blocking.
- ``BatchCreated``, ``BatchItem`` and ``Batch``: a batch's answers; each noun
  subclasses them under its own public name (``LipsyncBatch``, ...), adding only
  what its kind has of its own (an id spelled the noun's way).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import Field

from .._params import Unpack, WaitRequestOptions
from .._request_options import api_call
from .._sync._resources import SyncResource, blocking, iterating
from ..jobs._kinds import JobKind
from ..jobs._policy import PollPolicy
from ..jobs._resource_kind import ResourceKind
from ..jobs._resource_waits import WaitResult, wait_job, wait_jobs
from ..models._base import ResponseModel
from ._resource import AsyncResource, noun_method, type_argument

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


class StatusEntry(BulkStatus):
    """One entry of a ``statuses`` bulk read where HeyGen always says where the job
    stands (lipsyncs, video translations): a noun's entry subclasses it, adding its
    id under the noun's name."""

    status: BulkState | str
    """``queued``, ``processing``, ``completed``, ``failed`` or ``not_found`` (unknown
    id); HeyGen always gives one here."""


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


# -- waiting for a noun's jobs -------------------------------------------------------

JobT = TypeVar("JobT")


class AsyncJobs(AsyncResource, Generic[JobT]):
    """A noun whose jobs can be waited for (``client.lipsyncs``, ...): ``wait`` and
    ``wait_many`` written once, shown on each noun with its own job model in their
    signatures and its own words in their docstrings.

    A noun subclasses ``AsyncJobs[TheJobModel]``, names its kind (``_kind``) and
    says what it waits for in three class variables, e.g. ``_job = "a lipsync
    job"``, ``_jobs = "lipsync jobs"``, ``_result = "the job with its video_url"``.
    """

    __slots__ = ()

    _job: ClassVar[str]
    """What one wait waits for, with its article (``a lipsync job``)."""
    _jobs: ClassVar[str]
    """The same, plural (``lipsync jobs``)."""
    _result: ClassVar[str]
    """What a wait returns (``the job with its ``video_url````)."""

    _kind: ClassVar[type[ResourceKind]]
    """The noun's job kind (``LipsyncKind``), read through this resource's own
    declared reads."""

    def _job_kind(self) -> JobKind[Any]:
        """How the poller reads this noun's jobs: its kind over this resource (a noun
        read another way, videos, says so here)."""
        return self._kind(self)

    @api_call(WaitRequestOptions, timeout_name="request_timeout", stamp=False)
    async def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = None,
        poll: PollPolicy | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> JobT:
        """Wait until one job has finished; the job (each noun says it in its words)."""
        result: JobT = await wait_job(
            self._core, self._job_kind(), job_id, timeout=timeout, poll=poll
        )
        return result

    @api_call(WaitRequestOptions, timeout_name="request_timeout")
    async def wait_many(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float | None = None,
        poll: PollPolicy | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> AsyncGenerator[WaitResult[JobT], None]:
        """Wait for many jobs; one ``WaitResult`` per id as each ends."""
        waits = wait_jobs(self._core, self._job_kind(), job_ids, timeout=timeout, poll=poll)
        async with aclosing(waits) as results:
            async for result in results:
                yield result

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        model = type_argument(cls, AsyncJobs)
        if model is None or not {"_job", "_wait_doc"} & set(vars(cls)):
            return  # not a noun: a base of nouns
        waits = _WaitTexts(cls, model)
        shown = {
            "wait": model.__name__,
            "wait_many": f"AsyncGenerator[WaitResult[{model.__name__}], None]",
        }
        for name, returns in shown.items():
            if name not in vars(cls):
                setattr(
                    cls,
                    name,
                    noun_method(getattr(AsyncJobs, name), cls, returns, waits.doc(name)),
                )


AsyncJobsT = TypeVar("AsyncJobsT", bound=AsyncJobs[Any], covariant=True)


class SyncJobs(SyncResource[AsyncJobsT]):
    """A noun whose jobs can be waited for, on a ``HeyGenClient``: the blocking
    ``wait`` and ``wait_many`` written once. A noun subclasses
    ``SyncJobs[ItsAsyncNoun]`` and gets them as its async noun shows them (its job
    model, its docstrings), adapted like its other methods (``blocking``,
    ``iterating``)."""

    __slots__ = ()

    wait = blocking(AsyncJobs.wait)
    wait_many = iterating(AsyncJobs.wait_many)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        noun = type_argument(cls, SyncJobs)
        if noun is None:
            return
        for name, adapt in (("wait", blocking), ("wait_many", iterating)):
            if name not in vars(cls):
                setattr(cls, name, adapt(getattr(noun, name)))


class _WaitTexts:
    """The docstrings of a noun's ``wait`` and ``wait_many``, in its own words."""

    def __init__(self, cls: Any, model: Any) -> None:
        self.noun = cls.__module__.rsplit(".", 1)[-1]
        self.job, self.jobs, self.result = (
            getattr(cls, n, "") for n in ("_job", "_jobs", "_result")
        )
        self.bulk = hasattr(cls, "statuses")
        ends = sorted(getattr(model, "_failed_states", frozenset({"failed"})) - {"failed"})
        self.failed = " or was ".join(["it failed", *ends])

        self.own = {
            "wait": vars(cls).get("_wait_doc"),
            "wait_many": vars(cls).get("_wait_many_doc"),
        }

    def doc(self, name: str) -> str:
        """A noun's own words where it has them (``_wait_doc``, ``_wait_many_doc``)."""
        own = self.own[name]
        if own is not None:
            return str(own)
        return self.wait() if name == "wait" else self.wait_many()

    def wait(self) -> str:
        polls = (
            f"Polls on the client's poller: the checks of every wait for {self.jobs} due at"
            " the same time share one ``statuses`` request (100 ids)."
            if self.bulk
            else "Polls ``get`` on the client's poller (the first check at once, then on"
            " the backoff of ``poll``, default the client's)."
        )
        return (
            f"Wait until {self.job} has finished; {self.result}.\n\n{polls} ``timeout``"
            " seconds (default ``poll.timeout``) bound the wait. Raises ``JobFailedError``"
            f" (its ``kind``, HeyGen's ``code`` and ``message``) when {self.failed},"
            " ``WaitTimeoutError`` (``job_id``, ``last_status``) at the deadline,"
            " ``NotFoundError`` for an id HeyGen does not know. The job goes on at HeyGen"
            f" whatever ends the wait::\n\n    done = await client.{self.noun}.wait(job_id)\n"
        )

    def wait_many(self) -> str:
        shared = (
            "Due checks share ``statuses`` requests (100 ids each); one" if self.bulk else "One"
        )
        return (
            f"Wait for many {self.jobs}; one ``WaitResult`` per id as each ends (``job_id``,"
            " ``status``: what ``wait`` returns, ``error``: what ``wait`` would raise,"
            f" ``ok``), in completion order. {shared} job's ending never stops the"
            " others; leaving the loop stops the waits still running::\n\n"
            f"    async for result in client.{self.noun}.wait_many(job_ids):\n"
            "        print(result.job_id, result.ok)\n"
        )


__all__ = [
    "AsyncJobs",
    "Batch",
    "BatchCreated",
    "BatchItem",
    "BulkStatus",
    "Settles",
    "StatusEntry",
    "SyncJobs",
    "extra_id",
]
