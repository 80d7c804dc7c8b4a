"""``HeyGenClient``: ``AsyncHeyGenClient``'s coroutines, run for you on a loop thread.

::

    from heygen_async import HeyGenClient

    with HeyGenClient() as client:                      # key from HEYGEN_API_KEY
        video = client.generate_video("Hello!", avatar_id, voice_id)
        status = client.wait_for_video(video.video_id)
        print(status.video_url)

Every public method is generated at import from the async class (see ``_mirror``):
the facade is a runner of the async code, never a second implementation.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._client import AsyncHeyGenClient
from . import _mirror
from ._loop import LOOP, caller_context

if TYPE_CHECKING:
    from ..workflows import PollPolicy
    from ._surface import GeneratedSurface as _Surface
else:
    _Surface = object


class _Recipe:
    """How to (re)build a facade's async client: on first use and on every new loop
    (after ``os.fork()`` or ``shutdown()``). Its repr never shows the API key."""

    def __init__(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self._args, self._kwargs = args, kwargs
        self._injected_http = kwargs.get("http_client") is not None
        self._first_generation: int | None = None

    def __repr__(self) -> str:
        return "<HeyGenClient constructor arguments>"

    def factory(self, generation: int) -> Callable[[], AsyncHeyGenClient]:
        if self._first_generation is None:
            self._first_generation = generation
        elif self._injected_http and generation != self._first_generation:
            raise RuntimeError(
                "This HeyGenClient was given http_client=..., whose connections belong to "
                "an event loop that is gone (the process forked, or shutdown() ran). "
                "Create a new HeyGenClient (with a new httpx.AsyncClient) here."
            )
        return lambda: AsyncHeyGenClient(*self._args, **self._kwargs)


class _Derived:
    """Recipe of a client made by a plain method such as ``with_options``."""

    def __init__(
        self,
        parent: HeyGenClient,
        function: Callable[..., AsyncHeyGenClient],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        self._parent, self._function, self._args, self._kwargs = parent, function, args, kwargs

    def factory(self, generation: int) -> Callable[[], AsyncHeyGenClient]:
        parent = self._parent._async_client()  # built (or rebuilt) in the caller's thread
        return lambda: self._function(parent, *self._args, **self._kwargs)


class HeyGenClient(_Surface):
    """Blocking client for HeyGen's video API, for scripts, threads, Celery and Jupyter.

    It takes ``AsyncHeyGenClient``'s arguments and has every public method of it,
    with the same parameters and docstrings; async iterators (``generate_many``,
    ``iter_assets``, ...) become plain iterators. Each call runs the async
    client's coroutine on one background event-loop thread shared by all sync
    clients, so one pool and one rate controller serve every thread that uses
    the client. Use it as a context manager, or call ``close()``.

    ::

        with HeyGenClient() as client:
            video = client.generate_video("Hello!", avatar_id, voice_id)
            done = client.wait_for_video(video.video_id)

    Errors are the async client's own exception types. Ctrl-C (or any exception a
    signal handler raises while a call waits) cancels the call on the loop thread.
    Calling it from inside the SDK's loop thread raises ``RuntimeError``: async code
    uses ``AsyncHeyGenClient``. After ``close()`` every call raises ``RuntimeError``.
    """

    _recipe: _Recipe | _Derived
    _async: AsyncHeyGenClient | None
    _generation: int
    _closed: bool

    if not TYPE_CHECKING:
        # Type checkers read the exact parameters from the generated surface; at run
        # time inspect.signature() shows them too (set by _mirror_async_client).
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self._bind(_Recipe(args, kwargs))

    def _bind(self, recipe: _Recipe | _Derived) -> None:
        self._recipe = recipe
        self._async = None
        self._generation = -1
        self._closed = False
        # Built now, on the loop thread: a missing key or a bad argument raises here,
        # in the caller's thread, rather than at the first call.
        self._async_client()

    def _async_client(self) -> AsyncHeyGenClient:
        """The async client on the current loop, (re)built there when needed."""
        if self._closed:
            raise RuntimeError(
                "This HeyGenClient is closed. Create a new HeyGenClient(...), or keep the "
                "calls inside `with HeyGenClient() as client:`."
            )
        client = self._async
        if client is not None and self._generation == LOOP.generation:
            return client
        with LOOP.build_lock:
            if self._async is not None and self._generation == LOOP.generation:
                return self._async
            generation = LOOP.generation
            client = LOOP.call(self._recipe.factory(generation))
            LOOP.adopt(client)
            self._async, self._generation = client, generation
            return client

    def __repr__(self) -> str:
        shown = repr(self._async) if self._async is not None else "AsyncHeyGenClient()"
        return shown.replace(_mirror.ASYNC_CLASS_NAME, type(self).__name__, 1)

    # -- lifecycle ---------------------------------------------------------------

    @property
    def is_closed(self) -> bool:
        """True once ``close()`` ran; every call then raises ``RuntimeError``."""
        return self._closed

    def close(self) -> None:
        """Close the connection pool (not an ``http_client`` you passed in). Idempotent.

        Other sync clients keep running: the shared loop thread stops at interpreter
        exit.
        """
        if self._closed:
            return
        self._closed = True
        client = self._async
        # A client inherited through fork shares its sockets with the parent: leave it.
        if client is not None and self._generation == LOOP.generation:
            LOOP.run(client.aclose())

    def __enter__(self) -> HeyGenClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # -- plain attributes of the async client (set in its __init__, so not found by
    #    class introspection; tests/sync checks that every one is forwarded) -------

    @property
    def base_url(self) -> str:
        """The API host the client talks to."""
        return self._current().base_url

    @property
    def upload_url(self) -> str:
        """The upload host."""
        return self._current().upload_url

    @property
    def poll(self) -> PollPolicy:
        """The ``PollPolicy`` every wait uses unless a call passes its own."""
        return self._current().poll

    def _current(self) -> AsyncHeyGenClient:
        """The async client for reading settings: also after close, without a rebuild."""
        if self._closed and self._async is not None:
            return self._async
        return self._async_client()


# -- generation of the mirrored members ---------------------------------------------


def _blocking(function: Callable[..., Any]) -> Callable[..., Any]:
    def method(self: HeyGenClient, /, *args: Any, **kwargs: Any) -> Any:
        # The coroutine is created here, so bad arguments raise TypeError at once.
        return LOOP.run(function(self._async_client(), *args, **kwargs), caller_context())

    return method


def _iterator(function: Callable[..., Any]) -> Callable[..., Any]:
    def method(self: HeyGenClient, /, *args: Any, **kwargs: Any) -> Iterator[Any]:
        return LOOP.iterate(function(self._async_client(), *args, **kwargs), caller_context())

    return method


def _derive(function: Callable[..., Any]) -> Callable[..., Any]:
    def method(self: HeyGenClient, /, *args: Any, **kwargs: Any) -> HeyGenClient:
        derived = HeyGenClient.__new__(HeyGenClient)
        derived._bind(_Derived(self, function, args, kwargs))
        return derived

    return method


def _plain(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    def method(self: HeyGenClient, /, *args: Any, **kwargs: Any) -> Any:
        result = LOOP.call(function, self._async_client(), *args, **kwargs)
        if inspect.isawaitable(result) or hasattr(result, "__anext__"):
            # The sync API must never hand back coroutines or async iterators.
            raise TypeError(
                f"AsyncHeyGenClient.{name} returned {type(result).__name__}; declare it "
                "`async def` so that HeyGenClient can run it"
            )
        return result

    return method


def _property(getter: Callable[[AsyncHeyGenClient], Any]) -> property:
    def read(self: HeyGenClient) -> Any:
        client = self._current()
        if self._closed:
            return getter(client)
        return LOOP.call(getter, client)  # properties may read loop-bound state

    return property(read)


def _mirror_async_client(cls: type[HeyGenClient]) -> None:
    """Give ``cls`` every public member of ``AsyncHeyGenClient``."""
    if "__init__" in cls.__dict__:
        cls.__dict__["__init__"].__signature__ = inspect.signature(AsyncHeyGenClient.__init__)
    for member in _mirror.members(AsyncHeyGenClient):
        if member.name in cls.__dict__:  # written by hand above (base_url, ...)
            continue
        if member.kind is _mirror.Kind.PROPERTY:
            prop = _property(member.function)
            prop.__doc__ = member.doc
            setattr(cls, member.name, prop)
            continue
        if member.kind is _mirror.Kind.BLOCKING:
            method = _blocking(member.function)
        elif member.kind is _mirror.Kind.ITERATOR:
            method = _iterator(member.function)
        elif member.kind is _mirror.Kind.DERIVE:
            method = _derive(member.function)
        else:
            method = _plain(member.function, member.name)
        method.__name__ = member.name
        method.__qualname__ = f"{cls.__name__}.{member.name}"
        method.__module__ = cls.__module__
        method.__doc__ = member.doc
        method.__signature__ = member.signature  # type: ignore[attr-defined]
        setattr(cls, member.name, method)


_mirror_async_client(HeyGenClient)
