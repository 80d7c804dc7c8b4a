"""``AsyncResource``: the base of every ``client.<noun>`` (``client.voices``, ...).

A resource holds its client's core and sends what its declared methods
(``_endpoint.endpoint``) describe. Its raw-response form,
``client.<noun>.with_raw_response``, is one line per method (``raw_method``), typed
from the declared method itself.
"""

from __future__ import annotations

import inspect
import sys
import types
from collections.abc import Callable, Coroutine
from typing import (
    TYPE_CHECKING,
    Any,
    Concatenate,
    Generic,
    ParamSpec,
    TypeVar,
    get_args,
    get_origin,
    overload,
)

from .._errors import InvalidRequestError
from .._raw import RawResponse, present_raw
from .._transport._call import KEEP_ANSWER, call_scope
from ._assets import asset_wire
from ._endpoint import IDEMPOTENCY_KEY, Endpoint
from ._files import UploadFile

if TYPE_CHECKING:
    from .._client import AsyncHeyGenClient
    from .._core import ClientCore

P = ParamSpec("P")
R = TypeVar("R")
ResourceT = TypeVar("ResourceT", bound="AsyncResource")
RawT = TypeVar("RawT")


class AsyncResource:
    """One noun of HeyGen's API on an ``AsyncHeyGenClient`` (see ``client.voices``)."""

    __slots__ = ("_client",)

    def __init__(self, client: AsyncHeyGenClient) -> None:
        self._client = client

    @property
    def _core(self) -> ClientCore:
        return self._client._core

    async def _with_assets(self, names: tuple[str, ...], values: dict[str, Any]) -> dict[str, Any]:
        """``values`` with each asset input in HeyGen's form (a file uploaded first)."""

        async def upload(source: Any) -> str:
            return (await self._client.upload_asset(source)).id

        resolved = dict(values)
        for name in names:
            if resolved.get(name) is not None:
                resolved[name] = await asset_wire(resolved[name], upload)
        return resolved

    def __repr__(self) -> str:
        return f"<{type(self).__name__} api_version={self._core.api_version!r}>"

    async def _send(self, declaration: Endpoint, values: dict[str, Any]) -> Any:
        """Check and send one declared operation; the transport's answer."""
        # ``self._core`` without the property's call: every request passes here.
        core = self._client._core
        if core.api_version not in declaration.versions:
            raise _not_in_version(declaration, core.api_version)
        path, params = declaration.line(values)
        body = declaration.body(values)
        key = None
        if declaration.keyed:
            key = core.idempotency_key_for(values.get(IDEMPOTENCY_KEY))
        if key is not None and body is not None and declaration.key_field:
            body.setdefault(declaration.key_field, key)  # the caller's own value wins
        # (A body of files is rare: no coroutine is made for the JSON ones.)
        files = await _multipart(declaration, body) if body and _holds_files(body) else None
        request = declaration.wire(
            path, params, body=None if files else body, files=files, idempotency_key=key
        )
        return await core.transport.request(request)


def _holds_files(body: dict[str, Any]) -> bool:
    return any(isinstance(value, UploadFile) for value in body.values())


async def _multipart(
    declaration: Endpoint, body: dict[str, Any]
) -> dict[str, tuple[str, bytes, str]]:
    """The parts of a body holding files (``_files``), read now."""
    if not all(isinstance(value, UploadFile) for value in body.values()):
        # Form fields beside files: no HeyGen operation has them yet.
        raise TypeError(f"{declaration.label}: a multipart body here holds files only")
    return {name: await value.part() for name, value in body.items()}


def _not_in_version(declaration: Endpoint, version: str) -> InvalidRequestError:
    have = ", ".join(sorted(declaration.versions))
    return InvalidRequestError(
        f"api_version: {declaration.label} is part of HeyGen's {have} API, and this client "
        f"speaks {version}; use a client with api_version={sorted(declaration.versions)[-1]!r}",
        field="api_version",
        allowed=have,
    )


def type_argument(cls: type, generic: type) -> type | None:
    """``X`` of a class declared as ``generic[X]`` (a noun of a base written once for
    many: ``AsyncJobs[Lipsync]``); None for a class declared otherwise."""
    for base in getattr(cls, "__orig_bases__", ()):
        if get_origin(base) is generic:
            (argument,) = get_args(base)
            return argument if isinstance(argument, type) else None
    return None


def noun_method(method: Any, owner: type, returns: str, doc: str) -> Any:
    """``method``, written once on a base of nouns (``AsyncJobs.wait``), as a method of
    the noun ``owner``: the same code, with the owner's name, ``returns`` (its model's
    name) in the signature, and ``doc``. ``__shared_from__`` tells the docs to read it
    from the running class (the source has no such method)."""
    copy = types.FunctionType(
        method.__code__,
        method.__globals__,
        method.__name__,
        method.__defaults__,
        method.__closure__,
    )
    copy.__kwdefaults__ = method.__kwdefaults__
    copy.__dict__.update(method.__dict__)
    copy.__module__ = owner.__module__
    copy.__qualname__ = f"{owner.__qualname__}.{method.__name__}"
    copy.__doc__ = doc
    copy.__shared_from__ = method  # type: ignore[attr-defined]  # for the reference
    copy.__signature__ = inspect.signature(method).replace(  # type: ignore[attr-defined]
        return_annotation=returns
    )
    return copy


class AsyncRawResource(Generic[ResourceT]):
    """``client.<noun>.with_raw_response``: each method returns a ``RawResponse``."""

    __slots__ = ("_resource",)

    def __init__(self, resource: ResourceT) -> None:
        self._resource = resource


def raw_method(
    method: Callable[Concatenate[ResourceT, P], Coroutine[Any, Any, R]],
) -> Callable[Concatenate[AsyncRawResource[ResourceT], P], Coroutine[Any, Any, RawResponse[R]]]:
    """A declared method returning the ``RawResponse`` of its answer."""

    async def call(
        self: AsyncRawResource[ResourceT], /, *args: P.args, **kwargs: P.kwargs
    ) -> RawResponse[R]:
        with call_scope(None, KEEP_ANSWER) as record:
            parsed = await method(self._resource, *args, **kwargs)
        return RawResponse(parsed, record)

    owner = method.__qualname__.rsplit(".", 1)[0] + "WithRawResponse"
    present_raw(call, method, owner)
    call.__wrapped_method__ = method  # type: ignore[attr-defined]
    return call


class RawView(Generic[RawT]):
    """``with_raw_response`` of a resource class, async or sync: its methods again,
    each returning a ``RawResponse``. Declared in one line, typed by its annotation::

        class AsyncVoices(AsyncResource):
            with_raw_response: RawView[AsyncVoicesWithRawResponse] = RawView()

    The raw class is the one named after the resource (``AsyncVoices`` ->
    ``AsyncVoicesWithRawResponse``, ``Voices`` -> ``VoicesWithRawResponse``) in the
    resource's module, as ``raw_method`` and ``blocking_raw`` name them: it is
    declared after the resource, so it is looked up when first asked for.
    """

    __slots__ = ("_owner", "_raw")

    def __init__(self) -> None:
        self._owner: type | None = None
        self._raw: type[RawT] | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self._owner = owner

    @overload
    def __get__(self, resource: None, owner: type) -> RawView[RawT]: ...

    @overload
    def __get__(self, resource: object, owner: type) -> RawT: ...

    def __get__(self, resource: object, owner: type) -> RawView[RawT] | RawT:
        if resource is None:
            return self
        if self._raw is None:
            declared = self._owner or owner
            name = f"{declared.__name__}WithRawResponse"
            self._raw = getattr(sys.modules[declared.__module__], name)
        return self._raw(resource)  # type: ignore[call-arg]


__all__ = [
    "AsyncRawResource",
    "AsyncResource",
    "RawView",
    "noun_method",
    "raw_method",
    "type_argument",
]
