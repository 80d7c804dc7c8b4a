"""The generic v3 layer: a route for every operation of ``wire_shapes`` that has no
hand-written handler, driven by the operation's schemas alone.

The request body is checked against the request schema (400
``invalid_parameter`` naming the field); the answer is built from the
response schema, echoing the path's ids and the body's fields where the
answer has fields of those names (``GET /v3/templates/{template_id}`` shows
that ``id``; ``PATCH /v3/avatars/looks/{look_id}`` shows the new ``name``).
A listing answers one item and no next page. Every ``POST`` honours
``Idempotency-Key``.

These routes are fallbacks: a hand-written route for the same method and
path (here or in another module, e.g. webhook endpoints) always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ... import _endpoints as endpoints
from ...server import Handler, Request, Response, Route
from ...wire_shapes import Operation, operations
from ._schema import Filler, answer, check, data_schema
from ._wire import WIRE, listing, parse_json, success

#: The fault/counter endpoint name of each v3 group's generic routes.
GROUP_ENDPOINTS: dict[str, str] = {
    "video": endpoints.DELETE_VIDEO,
    "template": endpoints.TEMPLATES,
    "video-translate": endpoints.VIDEO_TRANSLATIONS,
    "lipsync": endpoints.LIPSYNCS,
    "video-agent": endpoints.VIDEO_AGENTS,
    "voice": endpoints.VOICES,
    "audio": endpoints.AUDIO,
    "avatar": endpoints.AVATARS,
    "asset": endpoints.ASSETS,
    "webhook": endpoints.WEBHOOKS,
    "ai-clipping": endpoints.AI_CLIPPING,
    "background-removal": endpoints.BACKGROUND_REMOVALS,
    "brand": endpoints.BRAND,
    "user": endpoints.USER,
}


def endpoint_of(operation: Operation) -> str:
    """The endpoint name faults and counters use for ``operation``."""
    return GROUP_ENDPOINTS.get(operation.group, endpoints.OTHER)


def _values(request: Request, body: dict[str, Any]) -> dict[str, Any]:
    """The fields an answer echoes: the body's, then the path's ids (also as ``id``)."""
    values = dict(body)
    for name, value in request.path_params.items():
        values[name] = value
        values.setdefault("id", value)
    if request.method == "DELETE":
        values["deleted"] = True
    return values


def generic_handler(operation: Operation, now: Callable[[], float]) -> Handler:
    """The handler of one operation: check the body, answer from the schemas."""
    required = bool((operation.request_schema or {}).get("required"))

    async def handle(request: Request) -> Response:
        body: dict[str, Any] = {}
        if operation.body_encoding == "json":
            body = parse_json(request, optional=not required)
            check(body, operation.request_schema)
        seed = f"{operation.key}:{sorted(request.path_params.items())}"
        filler = Filler(seed, int(now()), request.origin)
        data = data_schema(operation.response_schema)
        if data is not None and "array" in str(data.get("type")):
            return listing([answer(data.get("items"), {}, filler)], None)
        return success(answer(data, _values(request, body), filler))

    return handle


def generic_routes(now: Callable[[], float], max_body: int) -> list[Route]:
    """A fallback route for every v3 operation (``now``: the fake clock, unix seconds)."""
    return [
        Route(
            op.method,
            op.path,
            endpoint_of(op),
            generic_handler(op, now),
            WIRE,
            max_body,
            idempotent=op.method == "POST",
            fallback=True,
        )
        for op in operations().values()
    ]
