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

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from .._params import RequestOptions, Unpack
from .._sync._resources import (
    SyncRawResource,
    blocking,
    blocking_raw,
    paging,
)
from ..jobs._resource_kind import ResourceKind
from ..models._base import Deleted, ResponseModel
from ._assets import AssetInput
from ._endpoint import endpoint
from ._jobs import AsyncJobs, Settles, SyncJobs
from ._pages import AsyncPager
from ._resource import AsyncRawResource, RawView, raw_method

Layer = Literal["foreground", "mask", "background"]
"""A layer a removal can produce."""


class BackgroundRemovalJob(Settles, ResponseModel):
    """A background removal job, as its create, its read and the listing give it."""

    _failed_states: ClassVar[frozenset[str]] = frozenset({"failed", "deleted"})
    """A job deleted before it completed never will."""

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


class DeletedBackgroundRemoval(Deleted):
    """The answer to deleting a background removal job: its ``id``."""

    deleted: bool | None = None
    """True when HeyGen deleted it (always true on success)."""


class BackgroundRemovalKind(ResourceKind):
    """Background removals, read by id (HeyGen has no bulk read for them)."""

    name = "background_removal"


class AsyncBackgroundRemovals(AsyncJobs[BackgroundRemovalJob]):
    """``client.background_removals`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    _kind = BackgroundRemovalKind
    _job = "a background removal"
    _jobs = "background removals"
    _result = "the job with its ``layers``"

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

    with_raw_response: RawView[AsyncBackgroundRemovalsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncBackgroundRemovalsWithRawResponse(AsyncRawResource[AsyncBackgroundRemovals]):
    """``client.background_removals.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    create = raw_method(AsyncBackgroundRemovals.create)
    delete = raw_method(AsyncBackgroundRemovals.delete)
    get = raw_method(AsyncBackgroundRemovals.get)


class BackgroundRemovals(SyncJobs[AsyncBackgroundRemovals]):
    """``client.background_removals`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    create = blocking(AsyncBackgroundRemovals.create)
    delete = blocking(AsyncBackgroundRemovals.delete)
    get = blocking(AsyncBackgroundRemovals.get)
    list = paging(AsyncBackgroundRemovals.list)

    with_raw_response: RawView[BackgroundRemovalsWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


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
