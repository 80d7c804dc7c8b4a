"""``HeyGenClient``: ``AsyncHeyGenClient``'s coroutines, run for you on a loop thread.

::

    from heygen_async import HeyGenClient

    with HeyGenClient() as client:                      # key from HEYGEN_API_KEY
        video = client.generate_video("Hello!", avatar_id, voice_id)
        status = client.wait_for_video(video.video_id)
        print(status.video_url)

Every public method is one line that adapts the async method of the same name::

    get_video_status = _blocking(AsyncHeyGenClient.get_video_status)

The adapters (``_blocking``, ``_iterating``, ``_deriving``, ``_calling``,
``_reading``) are typed with ``ParamSpec``/``Concatenate``, so type checkers see
the async method's exact parameters with the sync return type, and they build the
run-time view (``__signature__``, ``__doc__``, ``__name__``) once, when the class
is created. The facade is a runner of the async code, never a second
implementation; tests/sync/test_sync_parity.py fails, naming the member, when an
async method has no line here.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import AsyncIterator, Callable, Coroutine, Generator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from .._client import AsyncHeyGenClient
from ..resources._attach import Attached, attach_sync
from ._annotations import generator_annotation as _generator_annotation  # (tests read it here)
from ._loop import LOOP, caller_context

if TYPE_CHECKING:
    from ..resources.ai_clips import AIClips
    from ..resources.assets import Assets
    from ..resources.audio import Audio
    from ..resources.avatars import Avatars
    from ..resources.background_removals import BackgroundRemovals
    from ..resources.brand import Brand
    from ..resources.lipsyncs import Lipsyncs
    from ..resources.templates import Templates
    from ..resources.users import Users
    from ..resources.video_agents import VideoAgents
    from ..resources.video_translations import VideoTranslations
    from ..resources.videos import Videos
    from ..resources.voices import Voices
    from ..resources.webhooks import Webhooks
    from ._raw import RawResponses

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

_SYNC_CLASS = "HeyGenClient"


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


# -- the adapters: one per kind of async member, applied once per member ------------


def _require(method: Callable[..., Any], is_kind: Callable[[Any], bool], kind: str) -> None:
    """Refuse, at class creation, an adapter that does not fit the async member."""
    if not is_kind(method):
        named = getattr(method, "fget", method)  # a property is named by its getter
        name = getattr(named, "__name__", repr(method))
        raise TypeError(
            f"HeyGenClient.{name}: AsyncHeyGenClient.{name} is not {kind}; pick the "
            "adapter of its kind in heygen_async/_sync/_facade.py"
        )


def _is_plain_function(method: Any) -> bool:
    return inspect.isfunction(method) and not (
        inspect.iscoroutinefunction(method) or inspect.isasyncgenfunction(method)
    )


def _present(wrapper: Callable[..., Any], method: Callable[..., Any], returns: Any) -> None:
    """Give ``wrapper`` the async method's name, docstring and parameters, returning
    ``returns``: computed here, once, so that a call pays nothing for it."""
    signature = inspect.signature(method).replace(return_annotation=returns)
    wrapper.__name__ = method.__name__
    wrapper.__qualname__ = f"{_SYNC_CLASS}.{method.__name__}"
    wrapper.__module__ = __name__
    wrapper.__doc__ = method.__doc__
    wrapper.__signature__ = signature  # type: ignore[attr-defined]


def _blocking(
    method: Callable[Concatenate[AsyncHeyGenClient, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[HeyGenClient, P], R]:
    """A coroutine method as a method that blocks for the coroutine's result."""
    _require(method, inspect.iscoroutinefunction, "a coroutine function (async def)")

    def blocking(self: HeyGenClient, /, *args: P.args, **kwargs: P.kwargs) -> R:
        # The coroutine is created here, so bad arguments raise TypeError at once.
        return LOOP.run(method(self._async_client(), *args, **kwargs), caller_context())

    _present(blocking, method, inspect.signature(method).return_annotation)
    return blocking


def _iterating(
    method: Callable[Concatenate[AsyncHeyGenClient, P], AsyncIterator[T]],
) -> Callable[Concatenate[HeyGenClient, P], Generator[T, None, None]]:
    """An async generator method as a method returning a plain generator.

    Items are pulled one at a time through the loop thread; closing the generator
    (``break``, ``close()``, garbage collection) closes the async one on the loop.
    """
    _require(method, inspect.isasyncgenfunction, "an async generator function")

    def iterating(
        self: HeyGenClient, /, *args: P.args, **kwargs: P.kwargs
    ) -> Generator[T, None, None]:
        return LOOP.iterate(method(self._async_client(), *args, **kwargs), caller_context())

    _present(iterating, method, _generator_annotation(inspect.signature(method)))
    return iterating


def _deriving(
    method: Callable[Concatenate[AsyncHeyGenClient, P], AsyncHeyGenClient],
) -> Callable[Concatenate[HeyGenClient, P], HeyGenClient]:
    """A plain method returning an ``AsyncHeyGenClient`` (``with_options``) as one
    returning a ``HeyGenClient`` built from it, which shares the parent's pool."""
    _require(method, _is_plain_function, "a plain method")

    def deriving(self: HeyGenClient, /, *args: P.args, **kwargs: P.kwargs) -> HeyGenClient:
        derived = HeyGenClient.__new__(HeyGenClient)
        derived._bind(_Derived(self, method, args, kwargs))
        return derived

    _present(deriving, method, _SYNC_CLASS)
    return deriving


def _calling(
    method: Callable[Concatenate[AsyncHeyGenClient, P], R],
) -> Callable[Concatenate[HeyGenClient, P], R]:
    """Any other plain method: called on the loop thread (it may read loop-bound
    state). It must not return a coroutine or an async iterator."""
    _require(method, _is_plain_function, "a plain method")
    name = method.__name__

    def calling(self: HeyGenClient, /, *args: P.args, **kwargs: P.kwargs) -> R:
        result = LOOP.call(functools.partial(method, self._async_client(), *args, **kwargs))
        if inspect.isawaitable(result) or hasattr(result, "__anext__"):
            # The sync API must never hand back coroutines or async iterators.
            raise TypeError(
                f"AsyncHeyGenClient.{name} returned {type(result).__name__}; declare it "
                "`async def` so that HeyGenClient can run it"
            )
        return result

    _present(calling, method, inspect.signature(method).return_annotation)
    return calling


class _Reading(property, Generic[T]):
    """A property of the async client, read through the loop thread.

    Type checkers see ``T`` on instances (run time uses ``property`` unchanged).
    """

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: type | None = None, /) -> _Reading[T]: ...
        @overload
        def __get__(self, instance: HeyGenClient, owner: type | None = None, /) -> T: ...
        def __get__(self, instance: Any, owner: type | None = None, /) -> Any: ...


def _reading(prop: Callable[[AsyncHeyGenClient], T]) -> _Reading[T]:
    """``AsyncHeyGenClient.<property>`` as a property of the facade.

    Type checkers see a property accessed on its class as its getter, hence the
    parameter's type; at run time ``prop`` is the ``property`` itself.
    """
    _require(prop, lambda attribute: isinstance(attribute, property), "a property")
    getter: Callable[[AsyncHeyGenClient], T] = getattr(prop, "fget", None) or prop

    def read(self: HeyGenClient) -> T:
        client = self._current()
        if self._closed:
            return getter(client)
        return LOOP.call(getter, client)  # properties may read loop-bound state

    reading: _Reading[T] = _Reading(read)
    # Set afterwards: a property subclass may ignore doc= (CPython 3.11 does).
    reading.__doc__ = getattr(prop, "__doc__", None)
    return reading


def _sync_resource(name: str, class_name: str) -> Attached[Any]:
    """``AsyncHeyGenClient.<name>`` as the facade's resource: ``class_name`` of the
    same ``resources`` module over the async resource. Its run-time docstring is the
    async property's, so the two cannot drift (the one under each line below is for
    editors and doc tools, which read the source)."""
    doc = inspect.getattr_static(AsyncHeyGenClient, name).__doc__
    return attach_sync(name, class_name, name, doc)


def _same_arguments_as(
    init: Callable[Concatenate[AsyncHeyGenClient, P], None],
) -> Callable[[Callable[..., None]], Callable[Concatenate[HeyGenClient, P], None]]:
    """Give the decorated ``__init__`` the async constructor's parameters (for type
    checkers, ``help()`` and ``inspect.signature``)."""
    signature = inspect.signature(init)

    def decorate(function: Callable[..., None]) -> Callable[Concatenate[HeyGenClient, P], None]:
        function.__signature__ = signature  # type: ignore[attr-defined]
        return function

    return decorate


# -- the facade ----------------------------------------------------------------------


class HeyGenClient:
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

    @_same_arguments_as(AsyncHeyGenClient.__init__)
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._bind(_Recipe(args, kwargs))

    # -- AsyncHeyGenClient's public members, one line each (keep them sorted) -------
    # A coroutine method: _blocking; an async generator: _iterating; a method that
    # returns an AsyncHeyGenClient: _deriving; another plain method: _calling; a
    # property: _reading. aclose() is close() below.

    api_version = _reading(AsyncHeyGenClient.api_version)
    capabilities = _reading(AsyncHeyGenClient.capabilities)
    check_request = _calling(AsyncHeyGenClient.check_request)
    copy = _deriving(AsyncHeyGenClient.copy)
    download_video = _blocking(AsyncHeyGenClient.download_video)
    find_videos_by_callback_id = _blocking(AsyncHeyGenClient.find_videos_by_callback_id)
    generate_avatar_iv_video = _blocking(AsyncHeyGenClient.generate_avatar_iv_video)
    generate_avatar_iv_video_and_wait = _blocking(
        AsyncHeyGenClient.generate_avatar_iv_video_and_wait
    )
    generate_many = _iterating(AsyncHeyGenClient.generate_many)
    generate_video = _blocking(AsyncHeyGenClient.generate_video)
    generate_video_and_wait = _blocking(AsyncHeyGenClient.generate_video_and_wait)
    get_video_status = _blocking(AsyncHeyGenClient.get_video_status)
    get_video_statuses = _blocking(AsyncHeyGenClient.get_video_statuses)
    get_video_url = _blocking(AsyncHeyGenClient.get_video_url)
    image_key_of = _calling(AsyncHeyGenClient.image_key_of)
    iter_assets = _iterating(AsyncHeyGenClient.iter_assets)
    iter_videos = _iterating(AsyncHeyGenClient.iter_videos)
    list_assets = _blocking(AsyncHeyGenClient.list_assets)
    list_avatars = _blocking(AsyncHeyGenClient.list_avatars)
    list_talking_photos = _blocking(AsyncHeyGenClient.list_talking_photos)
    list_videos = _blocking(AsyncHeyGenClient.list_videos)
    list_voices = _blocking(AsyncHeyGenClient.list_voices)
    max_concurrent_jobs = _reading(AsyncHeyGenClient.max_concurrent_jobs)
    max_retries = _reading(AsyncHeyGenClient.max_retries)
    poll = _reading(AsyncHeyGenClient.poll)
    redact = _calling(AsyncHeyGenClient.redact)
    upload_asset = _blocking(AsyncHeyGenClient.upload_asset)
    upload_asset_from_bytes = _blocking(AsyncHeyGenClient.upload_asset_from_bytes)
    upload_asset_from_file = _blocking(AsyncHeyGenClient.upload_asset_from_file)
    upload_asset_from_url = _blocking(AsyncHeyGenClient.upload_asset_from_url)
    wait_for_video = _blocking(AsyncHeyGenClient.wait_for_video)
    wait_for_videos = _iterating(AsyncHeyGenClient.wait_for_videos)
    webhook_receiver = _calling(AsyncHeyGenClient.webhook_receiver)
    with_options = _deriving(AsyncHeyGenClient.with_options)

    # -- plain attributes of the async client (set in its __init__, so not class
    #    members; tests/sync checks that every one is forwarded) ------------------

    @property
    def base_url(self) -> str:
        """The API host the client talks to."""
        return self._current().base_url

    @property
    def upload_url(self) -> str:
        """The upload host."""
        return self._current().upload_url

    # -- HeyGen's API by noun: the sync forms of the async client's resources ------

    videos: Attached[Videos] = _sync_resource("videos", "Videos")
    """Videos (v3): create, get, list, delete, statuses, batches."""
    templates: Attached[Templates] = _sync_resource("templates", "Templates")
    """Templates (v3): list, get, and generate videos from them."""
    video_translations: Attached[VideoTranslations] = _sync_resource(
        "video_translations", "VideoTranslations"
    )
    """Video translations (v3): a video in other languages."""
    lipsyncs: Attached[Lipsyncs] = _sync_resource("lipsyncs", "Lipsyncs")
    """Lipsyncs (v3): put new audio on a video's speaker."""
    video_agents: Attached[VideoAgents] = _sync_resource("video_agents", "VideoAgents")
    """Video agent sessions (v3): a video from a prompt."""
    voices: Attached[Voices] = _sync_resource("voices", "Voices")
    """Voices (v3): list, get, design, clone, and speech."""
    avatars: Attached[Avatars] = _sync_resource("avatars", "Avatars")
    """Avatars (v3): avatar groups and their looks."""
    assets: Attached[Assets] = _sync_resource("assets", "Assets")
    """Assets (v3): the files your videos use."""
    webhooks: Attached[Webhooks] = _sync_resource("webhooks", "Webhooks")
    """Webhook endpoints, event types and the event log (v3)."""
    ai_clips: Attached[AIClips] = _sync_resource("ai_clips", "AIClips")
    """AI clipping (v3): short clips cut from a long video."""
    background_removals: Attached[BackgroundRemovals] = _sync_resource(
        "background_removals", "BackgroundRemovals"
    )
    """Background removals (v3): a video without its background."""
    brand: Attached[Brand] = _sync_resource("brand", "Brand")
    """Your brand kits and glossaries (v3)."""
    audio: Attached[Audio] = _sync_resource("audio", "Audio")
    """Audio (v3): the sound library."""
    users: Attached[Users] = _sync_resource("users", "Users")
    """Your account (v3): ``users.me()``."""

    @property
    def with_raw_response(self) -> RawResponses:
        """The methods again, each returning a ``RawResponse``: the HTTP status, the
        headers (request id, rate-limit headers) and ``parse()`` for the usual model.

        ::

            raw = client.with_raw_response.get_video_status(video_id)
            print(raw.status_code, raw.request_id)
            status = raw.parse()
        """
        from ._raw import RawResponses

        return RawResponses(self)

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

    def __repr__(self) -> str:
        shown = repr(self._async) if self._async is not None else "AsyncHeyGenClient()"
        return shown.replace(AsyncHeyGenClient.__name__, type(self).__name__, 1)

    # -- the async client behind it ------------------------------------------------

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

    def _current(self) -> AsyncHeyGenClient:
        """The async client for reading settings: also after close, without a rebuild."""
        if self._closed and self._async is not None:
            return self._async
        return self._async_client()
