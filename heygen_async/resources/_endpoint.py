"""``endpoint``: one HeyGen operation, declared once, as the method that calls it.

A resource method is declared by its signature, its docstring and one decorator
line that says how it travels (HTTP method, path, billed or not, which API
versions have it)::

    class AsyncVoices(AsyncResource):
        @endpoint("GET", "/v3/voices/{voice_id}")
        async def get(self, voice_id: str, **options: Unpack[RequestOptions]) -> Voice:
            '''One voice by its id.'''
            ...

The body is never run: the decorator builds the call from the declaration. Names
in the path's braces fill the path; the other parameters go into the query (GET,
DELETE) or the JSON body (POST, PUT, PATCH), under the names they have, which are
HeyGen's; ``None`` means "not sent". A parameter annotated ``FileInput`` (``_files``)
is a file: the operation then travels as ``multipart/form-data``. The return
annotation says how the answer's ``data`` is read: a model, a list of models, or
``None``. A billed operation takes ``idempotency_key`` and sends one (the caller's,
or a fresh one reused by every retry); so does an operation declared ``keyed=True``,
which HeyGen does not bill but deduplicates by that key (uploads). An operation
that the client's API version lacks raises ``InvalidRequestError`` naming the
version before anything is sent.

The sync facade and the raw-response forms adapt the declared method (see
``_resource``), so a signature, a docstring and a version rule live here only.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import inspect
import re
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from .._constants import GENERATE_TIMEOUT, TRANSFER_TIMEOUT
from .._errors import InvalidRequestError
from .._params import RequestOptions, with_options_signature
from .._request_options import open_call, own_call, stamp_request_id, take_request_options
from .._transport import APIRequest, Files
from .._transport._call import KEEP_REQUEST_ID, call_scope, leave_call
from .._transport._request import ContentFactory, Host
from .._validation import require_text
from ..models._base import RequestModel
from ._pages import AsyncPager, Page

# ``_arguments`` and ``_answers`` (pydantic adapters, files, assets) are imported on
# a declaration's first call: the backends' declarations (``_backends._declared``)
# share ``Endpoint`` without them.
if TYPE_CHECKING:
    from ._arguments import Check
    from ._resource import AsyncResource

FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_PATH_NAME = re.compile(r"{(\w+)}")
_PLAIN_ID = re.compile(r"[A-Za-z0-9_.~-]+")
IDEMPOTENCY_KEY = "idempotency_key"


@dataclass(frozen=True)
class Endpoint:
    """How one declared operation travels (read by the tests that walk HeyGen's spec)."""

    method: str
    """HTTP method, upper case."""
    path: str
    """Path template, e.g. ``/v3/voices/{voice_id}``."""
    versions: frozenset[str]
    """The ``api_version`` values that have this operation."""
    billed: bool
    """True for a create HeyGen charges for: it carries an ``Idempotency-Key`` (on v3;
    HeyGen's v1/v2 API has none)."""
    path_names: tuple[str, ...]
    """Parameters that fill the path, in its order."""
    query_names: tuple[str, ...]
    """Parameters sent in the query string."""
    body_names: tuple[str, ...]
    """Parameters sent as fields of the JSON body (or as multipart parts: files)."""
    keyed: bool = False
    """True when it carries an ``Idempotency-Key`` (every billed operation, and the
    unbilled ones HeyGen deduplicates by key, such as uploads)."""
    key_field: str | None = None
    """The body field HeyGen deduplicates on instead of the ``Idempotency-Key`` header
    (``request_id`` of a background removal): the call's key goes there when the
    caller gives no value of their own, so a retry is deduplicated too."""
    host: Host = "api"
    """The host it is sent to (``upload``: the v1 upload host)."""

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"

    def line(self, values: Mapping[str, Any]) -> tuple[str, dict[str, str | int] | None]:
        """The path (its ids checked and filled in) and the query (None when empty)
        that ``values`` make; ``InvalidRequestError`` for a bad id or query value."""
        path = fill_path(self, values) if self.path_names else self.path
        params = {
            name: query_value(name, value)
            for name in self.query_names
            if (value := values.get(name)) is not None
        }
        return path, params or None

    def body(self, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """The JSON body that ``values`` make (the body fields not None); None for a
        method that carries no body."""
        if not self.body_names and self.method not in _BODY_METHODS:
            return None
        return {
            name: body_value(values[name])
            for name in self.body_names
            if values.get(name) is not None
        }

    def wire(
        self,
        path: str,
        params: Mapping[str, str | int] | None = None,
        *,
        body: Any = None,
        files: Files | None = None,
        idempotency_key: str | None = None,
        content: bytes | None = None,
        stream: ContentFactory | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> APIRequest:
        """This operation as the transport sends it (``path`` and ``params`` from
        ``line``; ``body`` as JSON, ``files`` as multipart, or raw bytes: ``content``
        or the ``stream`` of them). A billed create gets the generation timeout, a
        file the transfer one."""
        timeout = GENERATE_TIMEOUT if self.billed else None
        transfer = files or content is not None or stream is not None
        return APIRequest(
            self.method,
            path,
            host=self.host,
            params=params,
            json=body,
            content=content,
            stream=stream,
            files=files,
            headers=headers or {},
            timeout=TRANSFER_TIMEOUT if transfer else timeout,
            billed=self.billed,
            idempotency_key=idempotency_key,
        )

    def request(
        self,
        values: Mapping[str, Any],
        *,
        body: Any = None,
        files: Files | None = None,
        idempotency_key: str | None = None,
    ) -> APIRequest:
        """This operation with ``values`` as the transport sends it: the path, the
        query and (unless ``body`` or ``files`` are given, built already) the JSON
        body they make. How the seed methods' v3 backend sends, so that a v3 path,
        its method and where each parameter goes are written in the declaration only."""
        path, params = self.line(values)
        if body is None and files is None:
            body = self.body(values)
        return self.wire(path, params, body=body, files=files, idempotency_key=idempotency_key)


def endpoint(
    method: str,
    path: str,
    *,
    billed: bool = False,
    versions: tuple[str, ...] = ("v3",),
    query: tuple[str, ...] | None = None,
    paged: bool = False,
    keyed: bool = False,
    key_field: str | None = None,
    check: Callable[[Mapping[str, Any]], None] | None = None,
) -> Callable[[FunctionT], FunctionT]:
    """Declare the decorated stub as the call of ``method path`` (see the module doc).

    ``query`` names the parameters of a body-carrying method that go into the
    query string instead (by default: none for POST/PUT/PATCH, all for GET/DELETE).
    ``paged``: a listing that follows ``next_token``; its stub is a plain ``def``
    returning ``AsyncPager[Model]`` and takes ``token`` (see ``_pages``).
    ``keyed``: not billed, but HeyGen honours an ``Idempotency-Key`` on it, so it takes
    ``idempotency_key`` and sends one, which makes its retries safe (uploads).
    ``key_field``: a billed operation whose server deduplicates on that body field
    rather than on the header; the idempotency key is sent there too (see ``Endpoint``).
    ``check``: a rule across parameters that annotations cannot say (one needs
    another, two exclude each other), called with the bound values (``None`` = not
    given) after each is checked; it raises ``InvalidRequestError``, before sending.
    """
    method = method.upper()

    def declare(stub: FunctionT) -> FunctionT:
        declaration = declaration_of(
            stub, method, path, billed, frozenset(versions), query, keyed=billed or keyed
        )
        if key_field is not None:
            if not billed or key_field not in declaration.body_names:
                raise TypeError(f"{stub.__qualname__}: key_field names a billed body field")
            declaration = dataclasses.replace(declaration, key_field=key_field)
        if paged:
            if "token" not in declaration.query_names or inspect.iscoroutinefunction(stub):
                raise TypeError(f"{stub.__qualname__}: a listing is a plain def taking token")
            lister: FunctionT = with_options_signature(RequestOptions)(
                _lister(stub, declaration, check)
            )  # type: ignore[assignment]
            return lister
        if not inspect.iscoroutinefunction(stub):
            raise TypeError(f"{stub.__qualname__}: declare it async def (or paged=True)")
        caller: FunctionT = own_call(RequestOptions)(_caller(stub, declaration, check))  # type: ignore[assignment]
        return caller

    return declare


def declaration_of(
    stub: Callable[..., Any],
    method: str,
    path: str,
    billed: bool,
    versions: frozenset[str],
    query: tuple[str, ...] | None,
    *,
    keyed: bool = False,
) -> Endpoint:
    """The ``Endpoint`` of a stub, or ``TypeError`` (at import) for an inconsistent one
    (shared with the backends' own declarations, ``_backends._declared``)."""
    names = _parameter_names(stub)
    path_names = tuple(_PATH_NAME.findall(path))
    where = f"{stub.__qualname__} ({method} {path})"
    if missing := [name for name in path_names if name not in names]:
        raise TypeError(f"{where}: no parameter for the path's {missing}")
    if keyed != (IDEMPOTENCY_KEY in names):
        raise TypeError(
            f"{where}: a billed or keyed operation, and only one, takes {IDEMPOTENCY_KEY}"
        )
    rest = tuple(name for name in names if name not in path_names and name != IDEMPOTENCY_KEY)
    if query is None:
        query = () if method in _BODY_METHODS else rest
    if unknown := set(query) - set(rest):
        raise TypeError(f"{where}: query names {sorted(unknown)} are not parameters")
    body = tuple(name for name in rest if name not in query) if method in _BODY_METHODS else ()
    return Endpoint(method, path, versions, billed, path_names, tuple(query), body, keyed)


def stub_parameters(stub: Callable[..., Any]) -> list[inspect.Parameter]:
    """The stub's own named parameters after ``self`` (``**options`` are the call's
    options, not the operation's)."""
    parameters = list(inspect.signature(stub).parameters.values())[1:]
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return [p for p in parameters if p.kind in named]


def _parameter_names(stub: Callable[..., Any]) -> tuple[str, ...]:
    return tuple(p.name for p in stub_parameters(stub))


class _Arguments:
    """Binds a call's arguments to the stub's parameters, checked by their annotations
    (``_arguments``) on the way: the values to send, or an error before sending."""

    def __init__(
        self,
        stub: Callable[..., Any],
        declaration: Endpoint,
        rule: Callable[[Mapping[str, Any]], None] | None = None,
    ) -> None:
        parameters = stub_parameters(stub)
        self.stub = stub
        self.declaration = declaration
        self.rule = rule
        self.owner = stub.__qualname__
        self.positional = tuple(
            p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
        )
        self.accepted = frozenset(p.name for p in parameters)
        self.defaults = {
            p.name: p.default for p in parameters if p.default is not inspect.Parameter.empty
        }
        self.required = tuple(p.name for p in parameters if p.default is inspect.Parameter.empty)
        self._checks: dict[str, Check] | None = None  # built on first call: hints may be lazy
        self._returns: Any = None
        self.assets: tuple[str, ...] = ()

    def bind(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        if len(args) > len(self.positional):
            raise TypeError(f"{self.owner}() takes {len(self.positional)} positional arguments")
        values = dict(self.defaults)
        if args:
            values.update(zip(self.positional, args, strict=False))  # fewer: defaults stay
        for name, value in kwargs.items():
            if name not in self.accepted:
                raise TypeError(f"{self.owner}() got an unexpected keyword argument {name!r}")
            values[name] = value
        for name in self.required:  # (on every call: no list unless one is missing)
            if name not in values:
                missing = [name for name in self.required if name not in values]
                raise TypeError(f"{self.owner}() missing required arguments: {', '.join(missing)}")
        checks = self._checks if self._checks is not None else self._build()
        for name, check in checks.items():
            value = values.get(name)
            if value is not None:
                values[name] = check(value)
        if self.rule is not None:
            self.rule(values)
        return values

    @property
    def returns(self) -> Any:
        if self._checks is None:
            self._build()
        return self._returns

    def _build(self) -> dict[str, Check]:
        from ._arguments import asset_names, checks_for

        hints = typing.get_type_hints(self.stub, include_extras=True)
        self._returns = hints.get("return")
        names = tuple(name for name in self.accepted if name != IDEMPOTENCY_KEY)
        self._checks = checks_for(hints, names, self.declaration.path_names)
        self.assets = asset_names(hints, names)
        return self._checks


def _caller(
    stub: Callable[..., Any],
    declaration: Endpoint,
    rule: Callable[[Mapping[str, Any]], None] | None = None,
) -> Callable[..., Any]:
    """The coroutine method that sends ``declaration`` with the caller's arguments."""
    arguments = _Arguments(stub, declaration, rule)
    read_answer: list[Callable[[Any], Any]] = []

    @functools.wraps(stub)
    async def call(self: AsyncResource, *args: Any, **kwargs: Any) -> Any:
        # ``api_call``'s work done here, not by a wrapper around this: one coroutine
        # a call, as a seed method's (issue 24: no more CPU than a seed method).
        record, token = open_call(kwargs, "timeout", KEEP_REQUEST_ID)
        try:
            values = arguments.bind(args, kwargs)
            if not read_answer:
                from ._answers import reader_for

                read_answer.append(reader_for(arguments.returns, arguments.owner))
            if arguments.assets:
                values = await self._with_assets(arguments.assets, values)
            answer = read_answer[0](await self._send(declaration, values))
        finally:
            leave_call(record, token)
        return stamp_request_id(answer, record)

    call.__endpoint__ = declaration  # type: ignore[attr-defined]
    return call


def _lister(
    stub: Callable[..., Any],
    declaration: Endpoint,
    rule: Callable[[Mapping[str, Any]], None] | None = None,
) -> Callable[..., Any]:
    """The plain method that returns an ``AsyncPager`` over ``declaration``'s pages."""
    arguments = _Arguments(stub, declaration, rule)
    read_page: list[Callable[[Any], Page[Any]]] = []

    @functools.wraps(stub)
    def listing(self: AsyncResource, *args: Any, **kwargs: Any) -> AsyncPager[Any]:
        options = take_request_options(kwargs, "timeout")
        values = arguments.bind(args, kwargs)  # bad arguments raise here, not when awaited
        if not read_page:
            from ._answers import page_reader_for

            read_page.append(page_reader_for(arguments.returns, arguments.owner))

        async def fetch(token: str | None) -> Page[Any]:
            with call_scope(options, KEEP_REQUEST_ID) as record:
                answer = await self._send(declaration, {**values, "token": token})
            page = read_page[0](answer)
            page.request_id = record.request_id
            return page

        return AsyncPager(fetch, values.get("token"))

    listing.__endpoint__ = declaration  # type: ignore[attr-defined]
    return listing


def fill_path(declaration: Endpoint, values: Mapping[str, Any]) -> str:
    """The declaration's path with its ids checked and filled in (quoted unless plain)."""
    ids = {}
    for name in declaration.path_names:
        value = require_text(values[name], name)
        ids[name] = value if _PLAIN_ID.fullmatch(value) else _quote(value)
    return declaration.path.format(**ids)


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def query_value(name: str, value: Any) -> str | int:
    """One query parameter in HeyGen's spelling (lists comma-joined, booleans lower)."""
    if type(value) is str:  # most are: ids, tokens (a status read's only parameter)
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return query_value(name, value.value)
    if isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return ",".join(str(query_value(name, item)) for item in value)
    raise InvalidRequestError(
        f"{name}: cannot be sent in a query (got {type(value).__name__})",
        field=name,
        allowed="str, int, float, bool or a list of them",
    )


def body_value(value: Any) -> Any:
    """One JSON body field: request models as HeyGen's JSON, enums by value."""
    if isinstance(value, RequestModel):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {str(key): body_value(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [body_value(item) for item in value]
    return value


__all__ = [
    "IDEMPOTENCY_KEY",
    "Endpoint",
    "body_value",
    "declaration_of",
    "endpoint",
    "fill_path",
    "query_value",
]
