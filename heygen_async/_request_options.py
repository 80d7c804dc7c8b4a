"""``api_call``: what every public method of the client wears.

It takes the per-request options off the call (``extra_headers``,
``extra_query`` and the HTTP timeout, named ``timeout`` or, on methods that wait,
``request_timeout``), checks them before anything is sent, runs the method inside
a ``call_scope`` with them, and gives a model that came from one request the
request id HeyGen answered with. The parameters themselves are declared once, in
``_params`` (``RequestOptions``), and shown in the method's signature.

::

    @api_call(RequestOptions)
    async def get_video_status(self, video_id, **options: Unpack[RequestOptions]): ...
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import aclosing
from contextvars import Token
from typing import Any, TypeVar

from ._params import with_options_signature
from ._transport._call import (
    KEEP_NOTHING,
    KEEP_REQUEST_ID,
    CallOptions,
    CallRecord,
    call_scope,
    enter_call,
    leave_call,
)

FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])


def take_request_options(kwargs: dict[str, Any], timeout_name: str) -> CallOptions | None:
    """Remove the per-request options from ``kwargs``; checked, or None if none."""
    return CallOptions.of(
        extra_headers=kwargs.pop("extra_headers", None),
        extra_query=kwargs.pop("extra_query", None),
        timeout=kwargs.pop(timeout_name, None),
        timeout_name=timeout_name,
    )


def open_call(
    kwargs: Any, timeout_name: str, keep: int = KEEP_NOTHING
) -> tuple[CallRecord, Token[CallRecord | None] | None]:
    """What ``api_call``'s wrapper does before the method runs, for a method that
    opens its call itself (declared with ``own_call``): take the per-request options
    off ``kwargs`` (the method's ``**options`` dict), checked, and enter the call's
    scope. ``leave_call`` closes it."""
    return enter_call(take_request_options(kwargs, timeout_name), keep)


def own_call(options: type) -> Callable[[FunctionT], FunctionT]:
    """``api_call``'s signature and docstring for a coroutine method that opens its
    call itself (``open_call`` ... ``leave_call``), unwrapped.

    For a method thousands of callers sleep in at once (``wait_for_video``): a
    wrapper is one more coroutine frame, with its arguments, held by every sleeping
    call (issue 24: 10,000 waits in under 100 MB). And for every declared resource
    call (``resources._endpoint``): one coroutine a call, as a seed method's.
    """
    return with_options_signature(options)


def api_call(
    options: type, *, timeout_name: str = "timeout", stamp: bool = True
) -> Callable[[FunctionT], FunctionT]:
    """Decorate a public coroutine or async generator method (see the module doc).

    ``options`` is the ``TypedDict`` of its keyword options (shown in its
    signature); ``timeout_name`` the name of its HTTP timeout; ``stamp=False`` for
    methods whose result is not the answer of their own last request (waits).
    """

    keep = KEEP_REQUEST_ID if stamp else KEEP_NOTHING

    def decorate(function: FunctionT) -> FunctionT:
        shown = with_options_signature(options)(function)
        wrapper: Callable[..., Any]
        if inspect.isasyncgenfunction(function):

            @functools.wraps(shown)
            async def iterate(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
                call_options = take_request_options(kwargs, timeout_name)
                steps = function(*args, **kwargs)
                async with aclosing(steps):
                    while True:
                        # The options hold while the generator runs, not between items.
                        with call_scope(call_options):
                            try:
                                item = await steps.__anext__()
                            except StopAsyncIteration:
                                return
                        yield item

            wrapper = iterate
        else:

            @functools.wraps(shown)
            async def call(*args: Any, **kwargs: Any) -> Any:
                record, token = open_call(kwargs, timeout_name, keep)  # call_scope, unrolled
                try:
                    result = await function(*args, **kwargs)
                finally:
                    leave_call(record, token)
                return stamp_request_id(result, record) if stamp else result

            wrapper = call
        return wrapper  # type: ignore[return-value]

    return decorate


def stamp_request_id(result: Any, record: CallRecord) -> Any:
    """``result``, given the request id HeyGen answered the call with when it is one
    of HeyGen's answers as a model."""
    if _is_response_model(result):
        result.request_id = record.request_id
    return result


_MODELS_BASE = f"{__package__}.models._base"


def _is_response_model(value: Any) -> bool:
    """Whether ``value`` is one of HeyGen's answers, as a model. Looked up, not
    imported: before the models are imported, no value is one (and importing
    the client does not import them)."""
    models = sys.modules.get(_MODELS_BASE)
    return models is not None and isinstance(value, models.ResponseModel)


__all__ = ["api_call", "open_call", "own_call", "stamp_request_id", "take_request_options"]
