"""Checking what a resource test sends, and the answers it serves, against HeyGen's
v3 wire shapes (``heygen_async.testing.wire_shapes``).

HeyGen's schemas never set ``additionalProperties``: ``closed`` forbids unknown keys
in every object that lists its properties, so a misspelt field fails the check.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema

from heygen_async.testing import wire_shapes

from .wire_check import closed_schema


def closed(schema: Any) -> Any:
    """``schema`` with every object that names its properties closed to other keys."""
    return closed_schema(schema, empty_is_open=True)


def body_of(request: httpx.Request) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(request.content)
    return body


def checked_body(request: httpx.Request, method: str, path: str) -> dict[str, Any]:
    """The JSON body ``request`` sent, validated strictly against the operation's schema."""
    body = body_of(request)
    schema = wire_shapes.operation(method, path).request_schema
    assert schema is not None, f"{method} {path} takes no body"
    jsonschema.validate(body, closed(schema))
    return body


def answer(method: str, path: str, data: Any, status: int = 200, **extra: Any) -> httpx.Response:
    """A response of ``{"data": data, **extra}``, checked against the operation's
    response schema (where HeyGen's spec gives one) so the example is a real one."""
    payload = {"data": data, **extra}
    schema = wire_shapes.operation(method, path).response_schema
    if schema is not None:
        jsonschema.validate(payload, schema)
    return httpx.Response(status, json=payload, headers={"x-request-id": "req-test"})
