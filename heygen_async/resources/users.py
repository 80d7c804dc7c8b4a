"""``client.users``: Your account (v3): ``users.me()``.

Operations are declared in the classes below (see ``resources._endpoint``); each
has a line in the sync class and in both raw-response classes.
"""

from __future__ import annotations

from .._sync._resources import SyncRawResource, SyncResource
from ._resource import AsyncRawResource, AsyncResource


class AsyncUsers(AsyncResource):
    """``client.users`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> AsyncUsersWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return AsyncUsersWithRawResponse(self)


class AsyncUsersWithRawResponse(AsyncRawResource[AsyncUsers]):
    """``client.users.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()


class Users(SyncResource[AsyncUsers]):
    """``client.users`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()

    @property
    def with_raw_response(self) -> UsersWithRawResponse:
        """These methods again, each returning a ``RawResponse``."""
        return UsersWithRawResponse(self)


class UsersWithRawResponse(SyncRawResource[AsyncUsers]):
    """``client.users.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()


__all__ = ["AsyncUsers", "AsyncUsersWithRawResponse", "Users", "UsersWithRawResponse"]
