"""The sync form of every ``client.<noun>``: each method one line that adapts the
declared async method, as ``HeyGenClient`` adapts the client's::

    class Voices(SyncResource[AsyncVoices]):
        get = blocking(AsyncVoices.get)

Type checkers see the async method's parameters with the sync return type;
``help()`` and ``inspect`` see the same signature and docstring.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import AsyncIterator, Callable, Coroutine, Generator, Iterator
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar

from .._raw import RawResponse, present_raw
from ..resources._pages import AsyncPager, Page
from ..resources._resource import AsyncRawResource, AsyncResource

if TYPE_CHECKING:
    import contextvars

    from ._facade import HeyGenClient
    from ._loop import LoopThread


class _Loop:
    """The shared loop thread, loaded by the first sync call rather than by the noun
    modules' import (which async-only programs make too)."""

    @staticmethod
    def thread() -> LoopThread:
        from ._loop import LOOP

        return LOOP

    @staticmethod
    def context() -> contextvars.Context:
        from ._loop import caller_context

        return caller_context()


P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
ResourceT = TypeVar("ResourceT", bound=AsyncResource)
# Covariant: a method written once on a base (``AsyncJobs.wait``) takes the sync
# form of any noun deriving from it as its ``self``.
ResourceT_co = TypeVar("ResourceT_co", bound=AsyncResource, covariant=True)


class SyncResource(Generic[ResourceT_co]):
    """One noun of HeyGen's API on a ``HeyGenClient`` (``client.voices``, ...)."""

    __slots__ = ("_client", "_name")

    def __init__(self, client: HeyGenClient, name: str) -> None:
        self._client = client
        self._name = name

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def _async_resource(self) -> ResourceT_co:
        """The async resource of the same name on the loop's client (``name`` may be
        dotted, for a resource inside another: ``webhooks.endpoints``)."""
        resource: Any = self._client._async_client()
        for part in self._name.split("."):
            resource = getattr(resource, part)
        found: ResourceT_co = resource
        return found

    def _inner(self, name: str) -> tuple[HeyGenClient, str]:
        """The arguments of a resource inside this one (``SubResource(*self._inner(...))``)."""
        return self._client, f"{self._name}.{name}"


def blocking(
    method: Callable[Concatenate[ResourceT, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[SyncResource[ResourceT], P], R]:
    """A declared coroutine method as a method that blocks for its result."""

    def run(self: SyncResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs) -> R:
        # The coroutine is created here, so bad arguments raise TypeError at once.
        return _Loop.thread().run(method(self._async_resource(), *args, **kwargs), _Loop.context())

    _present(run, method)
    return run


def iterating(
    method: Callable[Concatenate[ResourceT, P], AsyncIterator[T]],
) -> Callable[Concatenate[SyncResource[ResourceT], P], Generator[T, None, None]]:
    """A declared async generator method (``wait_many``) as a method returning a plain
    generator: items are pulled one at a time through the loop thread, and closing
    it (``break``, ``close()``, garbage collection) closes the async one there."""
    if not inspect.isasyncgenfunction(method):
        raise TypeError(f"{method.__qualname__}: iterating() takes an async generator method")

    def run(
        self: SyncResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs
    ) -> Generator[T, None, None]:
        return _Loop.thread().iterate(
            method(self._async_resource(), *args, **kwargs), _Loop.context()
        )

    _present(run, method)
    run.__signature__ = inspect.signature(method).replace(  # type: ignore[attr-defined]
        return_annotation=_generator_annotation(inspect.signature(method))
    )
    return run


class SyncPage(Generic[T]):
    """One page of a listing, already fetched; iterating it goes on through the next
    pages (``for voice in client.voices.list(): ...``)."""

    __slots__ = ("_pager", "data", "has_more", "next_token", "request_id")

    def __init__(self, page: Page[T], pager: AsyncPager[T]) -> None:
        self._pager = pager
        self.data = page.data
        self.has_more = page.has_more
        self.next_token = page.next_token
        self.request_id = page.request_id

    def __repr__(self) -> str:
        return f"<SyncPage items={len(self.data)} has_more={self.has_more}>"

    def pages(self) -> Iterator[SyncPage[T]]:
        """This page and every one after it."""
        return _Loop.thread().iterate(self._rest(), _Loop.context())

    async def _rest(self) -> AsyncIterator[SyncPage[T]]:
        yield self
        if self.has_more and self.next_token:
            async for page in self._pager.starting_at(self.next_token).pages():
                yield SyncPage(page, self._pager)

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data


def paging(
    method: Callable[Concatenate[ResourceT, P], AsyncPager[T]],
) -> Callable[Concatenate[SyncResource[ResourceT], P], SyncPage[T]]:
    """A declared listing as a method that returns its first page, fetched."""

    def run(self: SyncResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs) -> SyncPage[T]:
        pager = method(self._async_resource(), *args, **kwargs)  # bad arguments raise here
        page: Page[T] = _Loop.thread().run(_first(pager), _Loop.context())
        return SyncPage(page, pager)

    _present(run, method)
    run.__signature__ = inspect.signature(method).replace(  # type: ignore[attr-defined]
        return_annotation=str(inspect.signature(method).return_annotation).replace(
            "AsyncPager", "SyncPage"
        )
    )
    return run


async def _first(pager: AsyncPager[T]) -> Page[T]:
    return await pager


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
        return _Loop.thread().run(method(raw, *args, **kwargs), _Loop.context())

    declared = getattr(method, "__wrapped_method__", method)
    owner = declared.__qualname__.rsplit(".", 1)[0].replace("Async", "", 1)
    present_raw(run, declared, owner + "WithRawResponse")
    return run


def _generator_annotation(signature: inspect.Signature) -> Any:
    """The sync return annotation of a declared async generator method: its yield type
    ``Y`` (``AsyncGenerator[Y, S]``, written as a string: the resource modules use
    ``from __future__ import annotations``) as ``Generator[Y, None, None]``; empty
    when it cannot be read. Parsed, never evaluated."""
    annotation = signature.return_annotation
    if not isinstance(annotation, str):
        return inspect.Signature.empty
    try:
        node = ast.parse(annotation.strip(), mode="eval").body
    except SyntaxError:
        return inspect.Signature.empty
    if not isinstance(node, ast.Subscript):
        return inspect.Signature.empty
    first = node.slice.elts[0] if isinstance(node.slice, ast.Tuple) else node.slice
    return f"Generator[{ast.unparse(first)}, None, None]"


def _present(wrapper: Callable[..., Any], method: Callable[..., Any]) -> None:
    """Give ``wrapper`` the declared method's name, docstring and parameters."""
    owner = method.__qualname__.rsplit(".", 1)[0].replace("Async", "", 1)
    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = f"{owner}.{method.__name__}"
    wrapper.__doc__ = method.__doc__
    wrapper.__signature__ = inspect.signature(method)  # type: ignore[attr-defined]


__all__ = [
    "SyncPage",
    "SyncRawResource",
    "SyncResource",
    "blocking",
    "blocking_raw",
    "iterating",
    "paging",
]
