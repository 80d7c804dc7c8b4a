"""``client.video_translations``:
Video translations (v3): translate a video into other languages, and their proofreads.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncVideoTranslations(AsyncResource):
    """``client.video_translations`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncVideoTranslationsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncVideoTranslationsWithRawResponse(self)


class AsyncVideoTranslationsWithRawResponse(AsyncRawResource[AsyncVideoTranslations]):
    """``client.video_translations.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class VideoTranslations(SyncResource[AsyncVideoTranslations]):
    """``client.video_translations`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> VideoTranslationsWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return VideoTranslationsWithRawResponse(self)


class VideoTranslationsWithRawResponse(SyncRawResource[AsyncVideoTranslations]):
    """``client.video_translations.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = [
    "AsyncVideoTranslations",
    "AsyncVideoTranslationsWithRawResponse",
    "VideoTranslations",
    "VideoTranslationsWithRawResponse",
]
