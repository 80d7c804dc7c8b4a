"""``client.templates``: Templates (v3): list, get, and generate a video from one with variables.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncTemplates(AsyncResource):
    """``client.templates`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncTemplatesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncTemplatesWithRawResponse(self)


class AsyncTemplatesWithRawResponse(AsyncRawResource[AsyncTemplates]):
    """``client.templates.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Templates(SyncResource[AsyncTemplates]):
    """``client.templates`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> TemplatesWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return TemplatesWithRawResponse(self)


class TemplatesWithRawResponse(SyncRawResource[AsyncTemplates]):
    """``client.templates.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = [
    "AsyncTemplates",
    "AsyncTemplatesWithRawResponse",
    "Templates",
    "TemplatesWithRawResponse",
]
