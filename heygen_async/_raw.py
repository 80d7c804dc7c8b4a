"""``client.with_raw_response``: a call's HTTP answer beside the model it parses to.

::

    raw = await client.with_raw_response.get_video_status(video_id)
    print(raw.status_code, raw.request_id, raw.headers.get("retry-after"))
    status = raw.parse()                      # the VideoStatus the plain call returns

Every method that answers with the result of its requests has a line here. The
methods that wait, download or iterate do not: their last answer is one of many
polls or pages, not the call's. ``status_code`` and ``headers`` are those of the
call's last request (a call that needs two requests, such as a v3 status with its
URLs, shows the second).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar

import httpx

from ._client import AsyncHeyGenClient
from ._transport._call import KEEP_ANSWER, CallRecord, call_scope

P = ParamSpec("P")
R = TypeVar("R")


class RawResponse(Generic[R]):
    """The answer to a call: HTTP status, headers, the body, and ``parse()``.

    ``parse()`` returns what the plain method returns. ``content`` is the body as
    it came (decoded from gzip). The request is shown by method and URL only: its
    headers carry the API key.
    """

    __slots__ = ("_parsed", "_request_id", "content", "headers", "method", "status_code", "url")

    def __init__(self, parsed: R, record: CallRecord) -> None:
        response = record.response
        self._parsed = parsed
        self.status_code: int = 0 if response is None else response.status_code
        self.headers: httpx.Headers = httpx.Headers() if response is None else response.headers
        self.content: bytes = record.body
        self._request_id = record.request_id
        request = None if response is None else response.request
        self.method: str = "" if request is None else request.method
        self.url: str = "" if request is None else str(request.url)

    def parse(self) -> R:
        """The model (or list, or id) the plain method returns."""
        return self._parsed

    @property
    def request_id(self) -> str | None:
        """HeyGen's ``X-Request-Id``, when it sent one (quote it to HeyGen's support):
        read as for the parsed model and for errors."""
        return self._request_id

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.content)

    def __repr__(self) -> str:
        return f"<RawResponse [{self.status_code}] {self.method} {httpx.URL(self.url).path}>"


def raw_call(
    method: Callable[Concatenate[AsyncHeyGenClient, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[AsyncRawResponses, P], Coroutine[Any, Any, RawResponse[R]]]:
    """``AsyncHeyGenClient.<method>`` returning a ``RawResponse`` of its result."""

    async def call(self: AsyncRawResponses, /, *args: P.args, **kwargs: P.kwargs) -> RawResponse[R]:
        with call_scope(None, KEEP_ANSWER) as record:
            parsed = await method(self._client, *args, **kwargs)
        return RawResponse(parsed, record)

    present_raw(call, method, "AsyncRawResponses")
    call.__wrapped_method__ = method  # type: ignore[attr-defined]
    return call


def present_raw(wrapper: Callable[..., Any], method: Callable[..., Any], owner: str) -> None:
    """Give a raw form the method's name, docstring and parameters."""
    signature = inspect.signature(method)
    returns = signature.return_annotation
    shown = "RawResponse" if returns is inspect.Signature.empty else f"RawResponse[{returns}]"
    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = f"{owner}.{method.__name__}"
    wrapper.__doc__ = method.__doc__
    wrapper.__signature__ = signature.replace(return_annotation=shown)  # type: ignore[attr-defined]


class AsyncRawResponses:
    """``client.with_raw_response``: each method as on the client, returning a
    ``RawResponse`` (one line per method; tests/core/test_raw_response.py checks the
    list against the client's)."""

    def __init__(self, client: AsyncHeyGenClient) -> None:
        self._client = client

    generate_avatar_iv_video = raw_call(AsyncHeyGenClient.generate_avatar_iv_video)
    generate_video = raw_call(AsyncHeyGenClient.generate_video)
    get_video_status = raw_call(AsyncHeyGenClient.get_video_status)
    get_video_statuses = raw_call(AsyncHeyGenClient.get_video_statuses)
    get_video_url = raw_call(AsyncHeyGenClient.get_video_url)
    list_assets = raw_call(AsyncHeyGenClient.list_assets)
    list_avatars = raw_call(AsyncHeyGenClient.list_avatars)
    list_talking_photos = raw_call(AsyncHeyGenClient.list_talking_photos)
    list_videos = raw_call(AsyncHeyGenClient.list_videos)
    list_voices = raw_call(AsyncHeyGenClient.list_voices)
    upload_asset = raw_call(AsyncHeyGenClient.upload_asset)
    upload_asset_from_bytes = raw_call(AsyncHeyGenClient.upload_asset_from_bytes)
    upload_asset_from_file = raw_call(AsyncHeyGenClient.upload_asset_from_file)
    upload_asset_from_url = raw_call(AsyncHeyGenClient.upload_asset_from_url)


# The coroutine methods that have no raw form, and why (checked by the tests).
NOT_RAW = {
    "download_video": "writes a file from a media host; its answer is not HeyGen's",
    "find_videos_by_callback_id": "reads pages of the video list: its answer is many",
    "generate_avatar_iv_video_and_wait": "waits: its last answer is one of many polls",
    "generate_video_and_wait": "waits: its last answer is one of many polls",
    "wait_for_video": "waits: its last answer is one of many polls",
    "wait_for_videos": "waits: its last answer is one of many polls",
    "aclose": "sends nothing",
}

__all__ = ["NOT_RAW", "AsyncRawResponses", "RawResponse", "present_raw", "raw_call"]
