"""``client.background_removals``:
Background removals (v3): a video's subject cut out of its background.

::

    job = await client.background_removals.create("https://cdn.example/talk.mp4")
    job = await client.background_removals.get(job.id)
    if job.is_completed:
        print(job.layers["foreground"])

A removal gives up to three layers, each a presigned download URL: ``foreground``
(the subject on a transparent background), ``mask`` (a grayscale alpha matte) and
``background`` (the scene with the subject removed).
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from typing import Annotated, Literal

from pydantic import Field

from .._params import RequestOptions, Unpack, WaitRequestOptions
from .._request_options import api_call
from .._sync._resources import (
    SyncRawResource,
    SyncResource,
    blocking,
    blocking_raw,
    iterating,
    paging,
)
from ..jobs._policy import PollPolicy
from ..jobs._resource_kind import ResourceKind
from ..jobs._resource_waits import WaitResult, wait_job, wait_jobs
from ..models._base import ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._pages import AsyncPager
from ._resource import AsyncRawResource, AsyncResource, raw_method

Layer = Literal["foreground", "mask", "background"]
"""A layer a removal can produce."""

_FAILED = frozenset({"failed", "deleted"})


class BackgroundRemovalJob(ResponseModel):
    """A background removal job, as its create, its read and the listing give it."""

    id: str
    """The job's id (pass it to ``get`` or ``delete``)."""
    status: Literal["pending", "processing", "completed", "failed", "deleted"] | str | None = None
    """Where the job is: ``pending``, ``processing``, ``completed``, ``failed``, or
    ``deleted`` once removed."""
    layers: dict[str, str] | None = None
    """Each produced layer's name (``foreground``, ``mask``, ``background``) mapped to a
    presigned download URL; empty or ``None`` until the job is completed."""
    error: str | None = None
    """Why the job failed (only when ``status`` is ``failed``)."""
    duration: float | None = None
    """Length of the processed video, in seconds."""
    created_at: int | None = None
    """When the job was created, Unix seconds."""
    completed_at: int | None = None
    """When the job completed, Unix seconds (``None`` until then)."""

    @property
    def is_completed(self) -> bool:
        """True once the layers are ready to download."""
        return self.status == "completed"

    @property
    def is_failed(self) -> bool:
        """True when the job will never complete: it failed (see ``error``) or was
        deleted."""
        return self.status in _FAILED

    @property
    def is_terminal(self) -> bool:
        """True when the job will not change any more (completed, failed or deleted)."""
        return self.is_completed or self.is_failed


class DeletedBackgroundRemoval(ResponseModel):
    """The answer to deleting a background removal job."""

    id: str
    """The id of the job that was deleted."""
    deleted: bool | None = None
    """True when HeyGen deleted it (always true on success)."""


class AsyncBackgroundRemovals(AsyncResource):
    """``client.background_removals`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("POST", "/v3/background-removals", billed=True, key_field="request_id")
    async def create(
        self,
        video: AssetInput,
        *,
        layers: Annotated[list[Layer], Field(min_length=1)] | None = None,
        title: str | None = None,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> BackgroundRemovalJob:
        """Start removing the background of ``video`` (an asset id, an http(s) URL, a
        local file or its bytes, uploaded first); billed. Returns the job at once:
        poll ``get`` until ``is_terminal``.

        ``layers``: which of ``foreground``, ``mask`` and ``background`` to produce
        (HeyGen's default: all three). ``title``: a name for the job.

        HeyGen deduplicates this create on the body's ``request_id``, not on the
        ``Idempotency-Key`` header: the SDK sends the call's idempotency key (yours,
        or a fresh one reused by every retry) as ``request_id`` unless you give one.
        The same ``request_id`` returns the *original* job, whatever the video::

            job = await client.background_removals.create(
                "https://cdn.example/talk.mp4", layers=["foreground", "mask"]
            )
        """
        ...

    @endpoint("GET", "/v3/background-removals/{job_id}")
    async def get(self, job_id: str, **options: Unpack[RequestOptions]) -> BackgroundRemovalJob:
        """One background removal job by its id, with its layers' download URLs once it
        is completed. An unknown id raises ``NotFoundError``::

            job = await client.background_removals.get(job_id)
        """
        ...

    @endpoint("DELETE", "/v3/background-removals/{job_id}")
    async def delete(
        self, job_id: str, **options: Unpack[RequestOptions]
    ) -> DeletedBackgroundRemoval:
        """Delete a background removal job (HeyGen keeps it marked ``deleted``)::

        await client.background_removals.delete(job_id)
        """
        ...

    @endpoint("GET", "/v3/background-removals", paged=True)
    def list(
        self,
        *,
        limit: Annotated[int, Field(ge=1, le=100)] | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[BackgroundRemovalJob]:
        """Your background removal jobs, newest first, a page at a time (``limit``
        1-100 a page). Await it for one page, or iterate it for every job::

            async for job in client.background_removals.list():
                print(job.id, job.status)
        """
        ...

    @api_call(WaitRequestOptions, timeout_name="request_timeout", stamp=False)
    async def wait(
        self,
        job_id: str,
        *,
        timeout: float | None = None,
        poll: PollPolicy | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> BackgroundRemovalJob:
        """Wait until a background removal has finished; the job with its ``layers``.

        Polls ``get`` on the client's poller (the first check at once, then on the
        backoff of ``poll``, default the client's); ``timeout`` seconds (default
        ``poll.timeout``) bound the wait. Raises ``JobFailedError`` (kind
        ``background_removal``, HeyGen's ``message``) when it failed or was deleted,
        ``WaitTimeoutError`` (``job_id``, ``last_status``) at the deadline,
        ``NotFoundError`` for an id HeyGen does not know. The job goes on at HeyGen
        whatever ends the wait::

            job = await client.background_removals.wait(job.id, timeout=600)
            print(job.layers["foreground"])
        """
        return await wait_job(
            self._core, BackgroundRemovalKind(self), job_id, timeout=timeout, poll=poll
        )

    @api_call(WaitRequestOptions, timeout_name="request_timeout")
    async def wait_many(
        self,
        job_ids: Iterable[str],
        *,
        timeout: float | None = None,
        poll: PollPolicy | None = None,
        **options: Unpack[WaitRequestOptions],
    ) -> AsyncGenerator[WaitResult[BackgroundRemovalJob], None]:
        """Wait for many background removals; one ``WaitResult`` per id as each ends
        (``job_id``, ``status``: the job, ``error``: what ``wait`` would raise, ``ok``),
        in completion order. One job's ending never stops the others; leaving the
        loop stops the waits still running::

            async for result in client.background_removals.wait_many(job_ids):
                print(result.job_id, result.ok)
        """
        waits = wait_jobs(
            self._core, BackgroundRemovalKind(self), job_ids, timeout=timeout, poll=poll
        )
        async with aclosing(waits) as results:
            async for result in results:
                yield result

    @property
    def with_raw_response(self) -> AsyncBackgroundRemovalsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncBackgroundRemovalsWithRawResponse(self)


class BackgroundRemovalKind(ResourceKind):
    """Background removals, read by id (HeyGen has no bulk read for them)."""

    name = "background_removal"


class AsyncBackgroundRemovalsWithRawResponse(AsyncRawResource[AsyncBackgroundRemovals]):
    """``client.background_removals.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncBackgroundRemovals.create)
    delete = raw_method(AsyncBackgroundRemovals.delete)
    get = raw_method(AsyncBackgroundRemovals.get)


class BackgroundRemovals(SyncResource[AsyncBackgroundRemovals]):
    """``client.background_removals`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncBackgroundRemovals.create)
    delete = blocking(AsyncBackgroundRemovals.delete)
    get = blocking(AsyncBackgroundRemovals.get)
    list = paging(AsyncBackgroundRemovals.list)
    wait = blocking(AsyncBackgroundRemovals.wait)
    wait_many = iterating(AsyncBackgroundRemovals.wait_many)

    @property
    def with_raw_response(self) -> BackgroundRemovalsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return BackgroundRemovalsWithRawResponse(self)


class BackgroundRemovalsWithRawResponse(SyncRawResource[AsyncBackgroundRemovals]):
    """``client.background_removals.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    create = blocking_raw(AsyncBackgroundRemovalsWithRawResponse.create)
    delete = blocking_raw(AsyncBackgroundRemovalsWithRawResponse.delete)
    get = blocking_raw(AsyncBackgroundRemovalsWithRawResponse.get)


__all__ = [
    "AsyncBackgroundRemovals",
    "AsyncBackgroundRemovalsWithRawResponse",
    "BackgroundRemovalJob",
    "BackgroundRemovalKind",
    "BackgroundRemovals",
    "BackgroundRemovalsWithRawResponse",
    "DeletedBackgroundRemoval",
]
