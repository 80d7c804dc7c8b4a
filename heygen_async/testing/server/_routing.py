"""Routes and the per-route wire format the server core answers errors in.

A dialect (one API version) hands the core a list of ``Route``s. Each names its
logical endpoint (for faults and counters), its handler, its body limit,
whether it honours ``Idempotency-Key``, and its ``Wire``: how errors, faults and
a cut-off answer look on that route. Handlers raise ``ApiError``; the core
turns it into the route's error body.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Literal, Protocol

from ._asgi import Request, Response
from ._faults import Fault

Handler = Callable[[Request], Awaitable[Response]]

#: The errors the core itself raises, answered in each route's own format.
CoreError = Literal[
    "unauthorized",
    "payload_too_large",
    "invalid_idempotency_key",
    "request_in_progress",
]


class ApiError(Exception):
    """Raised by handlers; the route's ``Wire`` turns it into the error body.

    ``code`` is the API version's own (v1/v2: HeyGen's numbers or strings; v3:
    snake_case); ``param`` names the offending field where the version has one.
    """

    def __init__(
        self,
        http_status: int,
        code: int | str,
        message: str,
        *,
        param: str | None = None,
        headers: Iterable[tuple[str, str]] = (),
    ) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.code = code
        self.message = message
        self.param = param
        self.headers = list(headers)


class Wire(Protocol):
    """How one kind of route answers what is not its handler's success."""

    def error(self, error: ApiError) -> Response:
        """A handler's ``ApiError``."""

    def core_error(self, kind: CoreError, message: str) -> Response:
        """An error the core detected (auth, size, Idempotency-Key)."""

    def fault(self, fault: Fault, headers: list[tuple[str, str]]) -> Response:
        """The answer a ``rate_limit``/``server_error``/``html_error`` fault gives
        (``headers`` carry its ``Retry-After``)."""

    def malformed(self) -> Response:
        """A 200 whose JSON is cut off (``malformed_json``)."""


@dataclass(frozen=True)
class Route:
    """One API operation: ``method`` + ``pattern`` -> ``handler``."""

    method: str
    pattern: str
    endpoint: str
    handler: Handler
    wire: Wire
    max_body: int
    #: Honours ``Idempotency-Key`` (replay within the retention, 409 in flight).
    idempotent: bool = False
    #: Needs ``X-Api-Key`` (False for presigned hosts, where the URL is the key).
    authenticated: bool = True
    #: Called with every request that arrives (faults or not), before anything
    #: else: for counters that must see all of them.
    observe: Callable[[Request], None] | None = None
    #: Serves only when no other route has the same method and path (the v3 generic
    #: layer: a hand-written route, in any dialect or module, always wins).
    fallback: bool = False


_PARAM = re.compile(r"\{(\w+)\}")


def _shape(route: Route) -> tuple[str, str]:
    """Method and path with the parameter names left out (``/v3/x/{}``)."""
    return route.method, _PARAM.sub("{}", route.pattern)


class Router:
    """Finds the route for a request: exact paths first, then ``{param}`` patterns."""

    def __init__(self, routes: Iterable[Route]) -> None:
        self._exact: dict[tuple[str, str], Route] = {}
        self._patterns: list[tuple[str, re.Pattern[str], Route]] = []
        every = list(routes)
        served = {_shape(route) for route in every if not route.fallback}
        for route in every:
            if route.fallback and _shape(route) in served:
                continue
            if "{" not in route.pattern:
                key = (route.method, route.pattern)
                if key in self._exact:
                    raise ValueError(f"two routes for {route.method} {route.pattern}")
                self._exact[key] = route
                continue
            regex = "^" + _PARAM.sub(r"(?P<\1>[^/]+)", route.pattern) + "$"
            self._patterns.append((route.method, re.compile(regex), route))

    def match(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        route = self._exact.get((method, path))
        if route is not None:
            return route, {}
        for route_method, regex, route in self._patterns:
            if route_method != method:
                continue
            found = regex.match(path)
            if found is not None:
                return route, found.groupdict()
        return None

    def routes(self) -> list[Route]:
        return [*self._exact.values(), *(route for _, _, route in self._patterns)]
