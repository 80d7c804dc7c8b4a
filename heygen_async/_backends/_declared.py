"""``operation``: a backend's own HeyGen operation, declared once (the v1/v2 API's).

::

    class LegacyBackend(Backend):
        @operation("GET", "/v1/widget.list", items=("widgets",), what="widget list")
        async def list_widgets(self) -> list[Widget]: ...

The sibling of ``resources._endpoint.endpoint``, sharing its core: the stub's
signature says where each parameter goes (the path's braces, the query of a GET,
the JSON body of a POST), read by ``declaration_of`` into the same ``Endpoint``,
which builds the request. The stub may be the interface's own method
(``operation(...)(Backend.list_voices)``): its parameters and answer are then
written once, in ``Backend``. The body is never run. It differs where a backend's
operation differs from a resource's:

- The answer arrives unwrapped by the dialect (v1/v2 carry it in an envelope) and
  is read leniently, as the return annotation says: a model (``echo``: the answer
  is given that parameter as its ``id`` when it names no id of its own); a
  ``list[Model]`` (the list under the first of ``items`` present; items that are
  not objects are skipped); with ``paged=True``, a ``TokenPage[Model]`` (``_paging``:
  that list and the next page's token); or a ``NamedTuple`` of
  such lists, each under its own field name (one answer holding several lists).
  ``what`` names the answer in ``APIResponseError``.
- Arguments come from the SDK's public methods, which checked them: they are bound,
  not checked again, and no call scope is opened (the public method has one). The
  status read is the hot path: one call from the poller to the transport.
- ``body="x"``: the parameter ``x`` is the whole JSON body, built already (a
  create's body is built once, so that every attempt sends the same). ``raw=True``:
  the parameters ``content`` (bytes) or ``stream`` (a factory of them) are the body;
  ``headers`` maps a header to the parameter that fills it; ``unsent`` names
  parameters of the interface this version has no use for.
- ``billed`` creates carry no ``Idempotency-Key``: HeyGen's v1/v2 API has none.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from .._transport._request import APIRequest, Host
from ..resources._endpoint import Endpoint, declaration_of, stub_parameters
from ._parsing import items_of, next_token, parse, parse_items, with_id

if TYPE_CHECKING:
    from ._base import Backend

FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])
Reader = Callable[[Any, Mapping[str, Any]], Any]
"""(the unwrapped answer, the call's values) -> what the operation returns."""

RAW_NAMES = ("content", "stream")


def operation(
    method: str,
    path: str,
    *,
    what: str,
    billed: bool = False,
    host: Host = "api",
    query: tuple[str, ...] | None = None,
    paged: bool = False,
    items: tuple[str, ...] = (),
    echo: str | None = None,
    body: str | None = None,
    raw: bool = False,
    headers: Mapping[str, str] | None = None,
    unsent: tuple[str, ...] = (),
    versions: tuple[str, ...] = ("v2",),
) -> Callable[[FunctionT], FunctionT]:
    """Declare the decorated stub as the call of ``method path`` (see the module doc).

    ``query`` orders (or, on a POST, picks) the query parameters as ``endpoint``'s.
    """
    header_names = dict(headers or {})

    def declare(stub: FunctionT) -> FunctionT:
        if not inspect.iscoroutinefunction(stub):
            raise TypeError(f"{stub.__qualname__}: declare it async def")
        declaration = declaration_of(stub, method.upper(), path, billed, frozenset(versions), query)
        special = {*header_names.values(), *unsent, *([body] if body else [])}
        if raw:  # the body's bytes: ``content``, ``stream``, or both (either may be given)
            special.update(p.name for p in stub_parameters(stub) if p.name in RAW_NAMES)
        declaration = dataclasses.replace(
            declaration,
            host=host,
            query_names=tuple(n for n in declaration.query_names if n not in special),
            body_names=()
            if body or raw
            else tuple(n for n in declaration.body_names if n not in special),
        )
        _check_placed(stub, declaration, special)
        if paged and "token" not in declaration.query_names:
            raise TypeError(f"{stub.__qualname__}: a token-paged listing takes token")
        request = _request_builder(declaration, body, raw, header_names)
        bind = _binder(stub)
        readers: list[Reader] = []  # built on the first call: annotations may be lazy

        def first_reader() -> Reader:
            returns = typing.get_type_hints(stub).get("return")
            readers.append(reader_for(returns, what, paged=paged, items=items, echo=echo))
            return readers[0]

        @functools.wraps(stub)
        async def call(self: Backend, *args: Any, **kwargs: Any) -> Any:
            values = bind(args, kwargs)
            answer = await self.transport.request(request(values))
            return (readers[0] if readers else first_reader())(answer, values)

        call.__endpoint__ = declaration  # type: ignore[attr-defined]
        return call  # type: ignore[return-value]

    return declare


def _check_placed(stub: Callable[..., Any], declaration: Endpoint, special: set[str]) -> None:
    """``TypeError`` (at import) for a parameter that would silently go nowhere, or an
    option naming no parameter."""
    names = {parameter.name for parameter in stub_parameters(stub)}
    where = f"{stub.__qualname__} ({declaration.label})"
    if unknown := special - names:
        raise TypeError(f"{where}: options name no parameter {sorted(unknown)}")
    placed = {
        *declaration.path_names,
        *declaration.query_names,
        *declaration.body_names,
        *special,
    }
    if unplaced := names - placed:
        raise TypeError(f"{where}: parameters {sorted(unplaced)} are not sent")


def _binder(
    stub: Callable[..., Any],
) -> Callable[[tuple[Any, ...], dict[str, Any]], dict[str, Any]]:
    """The call's arguments by parameter name (an absent one with a None default is
    left out: ``values.get`` reads it as None, "not sent")."""
    parameters = stub_parameters(stub)
    owner = stub.__qualname__
    positional = tuple(p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD)
    accepted = frozenset(p.name for p in parameters)
    required = frozenset(p.name for p in parameters if p.default is p.empty)
    defaults = {
        p.name: p.default for p in parameters if p.default is not p.empty and p.default is not None
    }

    def bind(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > len(positional):
            raise TypeError(f"{owner}() takes {len(positional)} positional arguments")
        if args:
            values = dict(zip(positional, args, strict=False))
            if kwargs:
                values.update(kwargs)
        else:
            values = kwargs  # a fresh dict each call: ours to keep
        if defaults:
            values = {**defaults, **values}
        if not (required <= values.keys() <= accepted):
            missing = sorted(required - values.keys())
            unexpected = sorted(values.keys() - accepted)
            raise TypeError(f"{owner}(): missing {missing}, unexpected {unexpected}")
        return values

    if len(accepted) == len(positional) == 1 and required:
        (only,) = positional

        def bind_one(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
            # The status read: one id, given positionally (the hot path).
            return {only: args[0]} if len(args) == 1 and not kwargs else bind(args, kwargs)

        return bind_one

    return bind


def _request_builder(
    declaration: Endpoint, body: str | None, raw: bool, headers: dict[str, str]
) -> Callable[[Mapping[str, Any]], APIRequest]:
    """How a call's values become the declaration's request (chosen once, here)."""
    line, wire = declaration.line, declaration.wire
    if not (raw or body or headers) and declaration.body({}) is None:

        def read(values: Mapping[str, Any]) -> APIRequest:
            # A path and a query, nothing else: the status read, the hot path.
            return wire(*line(values))

        return read

    def send(values: Mapping[str, Any]) -> APIRequest:
        path, params = line(values)
        sent_headers = {
            header: str(values[name])
            for header, name in headers.items()
            if values.get(name) is not None
        }
        if raw:
            content, stream = values.get("content"), values.get("stream")
            return wire(path, params, content=content, stream=stream, headers=sent_headers)
        json = values[body] if body else declaration.body(values)
        return wire(path, params, body=json, headers=sent_headers)

    return send


def reader_for(
    returns: Any,
    what: str,
    *,
    paged: bool = False,
    items: tuple[str, ...] = (),
    echo: str | None = None,
) -> Reader:
    """How an unwrapped answer becomes ``returns`` (see the module doc), or
    ``TypeError`` for an annotation none of the forms fits."""
    if returns is None or returns is type(None):
        return lambda answer, values: None
    if paged:
        return _page_reader(returns, what, items)
    if _is_model(returns):
        return _model_reader(returns, what, echo)
    if (model := _list_model(returns)) is not None:
        return lambda answer, values: parse_items(model, items_of(answer, *items), what)
    if _is_named_tuple(returns):
        return _lists_reader(returns, what)
    raise TypeError(f"{what}: cannot read an answer into {returns!r}")


def _model_reader(model: type[BaseModel], what: str, echo: str | None) -> Reader:
    if echo is None:
        return lambda answer, values: parse(model, answer, what)

    def read(answer: Any, values: Mapping[str, Any]) -> Any:
        return parse(model, with_id(answer, echo, values[echo]), what)

    return read


def _page_reader(returns: Any, what: str, items: tuple[str, ...]) -> Reader:
    arguments = typing.get_args(returns)
    model = _list_model(arguments[0]) if typing.get_origin(returns) is tuple else None
    if model is None or len(arguments) != 2:
        raise TypeError(f"{what}: a page is TokenPage[Model], not {returns!r}")

    def read(answer: Any, values: Mapping[str, Any]) -> Any:
        return parse_items(model, items_of(answer, *items), what), next_token(answer)

    return read


def _lists_reader(returns: Any, what: str) -> Reader:
    """A NamedTuple of lists, each read from the answer's key of the field's name."""
    fields = []
    for name, annotation in typing.get_type_hints(returns).items():
        model = _list_model(annotation)
        if model is None:
            raise TypeError(f"{what}: {returns.__name__}.{name} is not a list of models")
        fields.append((name, model))

    def read(answer: Any, values: Mapping[str, Any]) -> Any:
        return returns(*(parse_items(model, items_of(answer, key), what) for key, model in fields))

    return read


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _list_model(annotation: Any) -> type[BaseModel] | None:
    if typing.get_origin(annotation) is list:
        (item,) = typing.get_args(annotation)
        if _is_model(item):
            return typing.cast("type[BaseModel]", item)
    return None


def _is_named_tuple(annotation: Any) -> bool:
    return (
        isinstance(annotation, type)
        and issubclass(annotation, tuple)
        and hasattr(annotation, "_fields")
    )


__all__ = ["operation", "reader_for"]
