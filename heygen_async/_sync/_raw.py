"""``HeyGenClient.with_raw_response``: the raw forms of ``_raw``, blocking.

Each line adapts the async raw form of the same name, as the facade adapts the
client's methods; tests/core/test_raw_response.py keeps the two lists equal.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from .._raw import AsyncRawResponses, RawResponse, present_raw
from ._loop import LOOP, caller_context

if TYPE_CHECKING:
    from ._facade import HeyGenClient

P = ParamSpec("P")
R = TypeVar("R")


def _blocking_raw(
    method: Callable[Concatenate[AsyncRawResponses, P], Coroutine[Any, Any, RawResponse[R]]],
) -> Callable[Concatenate[RawResponses, P], RawResponse[R]]:
    def blocking(self: RawResponses, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
        raw = AsyncRawResponses(self._client._async_client())
        return LOOP.run(method(raw, *args, **kwargs), caller_context())

    present_raw(blocking, getattr(method, "__wrapped_method__", method), "RawResponses")
    return blocking


class RawResponses:
    """``client.with_raw_response`` of ``HeyGenClient``: each method returns a
    ``RawResponse`` (HTTP status, headers, ``parse()``)."""

    def __init__(self, client: HeyGenClient) -> None:
        self._client = client

    generate_avatar_iv_video = _blocking_raw(AsyncRawResponses.generate_avatar_iv_video)
    generate_video = _blocking_raw(AsyncRawResponses.generate_video)
    get_video_status = _blocking_raw(AsyncRawResponses.get_video_status)
    get_video_statuses = _blocking_raw(AsyncRawResponses.get_video_statuses)
    get_video_url = _blocking_raw(AsyncRawResponses.get_video_url)
    list_assets = _blocking_raw(AsyncRawResponses.list_assets)
    list_avatars = _blocking_raw(AsyncRawResponses.list_avatars)
    list_talking_photos = _blocking_raw(AsyncRawResponses.list_talking_photos)
    list_videos = _blocking_raw(AsyncRawResponses.list_videos)
    list_voices = _blocking_raw(AsyncRawResponses.list_voices)
    upload_asset = _blocking_raw(AsyncRawResponses.upload_asset)
    upload_asset_from_bytes = _blocking_raw(AsyncRawResponses.upload_asset_from_bytes)
    upload_asset_from_file = _blocking_raw(AsyncRawResponses.upload_asset_from_file)
    upload_asset_from_url = _blocking_raw(AsyncRawResponses.upload_asset_from_url)


__all__ = ["RawResponses"]
