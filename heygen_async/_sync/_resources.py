"""The sync form of every ``client.<noun>``: each method one line that adapts the
declared async method, as ``HeyGenClient`` adapts the client's::

    class Voices(SyncResource[AsyncVoices]):
        get = blocking(AsyncVoices.get)

Type checkers see the async method's parameters with the sync return type;
``help()`` and ``inspect`` see the same signature and docstring.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from .._raw import RawResponse, present_raw
from ..resources._resource import AsyncRawResource, AsyncResource
from ._loop import LOOP, caller_context

if TYPE_CHECKING:
    from ._facade import HeyGenClient

P = ParamSpec("P")
R = TypeVar("R")
ResourceT = TypeVar("ResourceT", bound=AsyncResource)


class SyncResource(Generic[ResourceT]):
    """One noun of HeyGen's API on a ``HeyGenClient`` (``client.voices``, ...)."""

    __slots__ = ("_client", "_name")

    def __init__(self, client: HeyGenClient, name: str) -> None:
        self._client = client
        self._name = name

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def _async_resource(self) -> ResourceT:
        """The async resource of the same name on the loop's client."""
        resource: ResourceT = getattr(self._client._async_client(), self._name)
        return resource


def blocking(
    method: Callable[Concatenate[ResourceT, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[SyncResource[ResourceT], P], R]:
    """A declared coroutine method as a method that blocks for its result."""

    def run(self: SyncResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs) -> R:
        # The coroutine is created here, so bad arguments raise TypeError at once.
        return LOOP.run(method(self._async_resource(), *args, **kwargs), caller_context())

    _present(run, method)
    return run


class SyncRawResource(Generic[ResourceT]):
    """``client.<noun>.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ("_resource",)

    def __init__(self, resource: SyncResource[ResourceT]) -> None:
        self._resource = resource


def blocking_raw(
    method: Callable[
        Concatenate[AsyncRawResource[ResourceT], P], Coroutine[Any, Any, RawResponse[R]]
    ],
) -> Callable[Concatenate[SyncRawResource[ResourceT], P], RawResponse[R]]:
    """A raw form (``raw_method``) as a method that blocks for its ``RawResponse``."""

    def run(
        self: SyncRawResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[R]:
        raw = AsyncRawResource(self._resource._async_resource())
        return LOOP.run(method(raw, *args, **kwargs), caller_context())

    declared = getattr(method, "__wrapped_method__", method)
    owner = declared.__qualname__.rsplit(".", 1)[0].replace("Async", "", 1)
    present_raw(run, declared, owner + "WithRawResponse")
    return run


def _present(wrapper: Callable[..., Any], method: Callable[..., Any]) -> None:
    """Give ``wrapper`` the declared method's name, docstring and parameters."""
    owner = method.__qualname__.rsplit(".", 1)[0].replace("Async", "", 1)
    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = f"{owner}.{method.__name__}"
    wrapper.__doc__ = method.__doc__
    wrapper.__signature__ = inspect.signature(method)  # type: ignore[attr-defined]


__all__ = ["SyncRawResource", "SyncResource", "blocking", "blocking_raw"]
