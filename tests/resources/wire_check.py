"""Checking what a resource sends, and the example answers tests give it, against
HeyGen's v3 wire shapes, strictly: HeyGen's schemas leave ``additionalProperties``
unset, so every object here forbids keys its schema does not name."""

from __future__ import annotations

import json
from typing import Any

import httpx
import jsonschema

from heygen_async.testing import wire_shapes


def closed_schema(schema: Any, *, empty_is_open: bool = False) -> Any:
    """A copy of ``schema`` with every object that lists its properties closed to other
    keys: HeyGen's shapes never say ``additionalProperties``, so a misspelt field would
    pass. ``empty_is_open``: an object with no properties listed stays open (keyed by
    the caller's names, such as template variables). An explicit
    ``additionalProperties`` is kept."""
    if isinstance(schema, list):
        return [closed_schema(item, empty_is_open=empty_is_open) for item in schema]
    if not isinstance(schema, dict):
        return schema
    closed = {
        key: closed_schema(value, empty_is_open=empty_is_open) for key, value in schema.items()
    }
    listed = bool(schema.get("properties")) if empty_is_open else "properties" in schema
    if listed and "additionalProperties" not in schema:
        closed["additionalProperties"] = False
    return closed


def strict(schema: Any) -> Any:
    """``schema`` closed (an object whose ``properties`` are empty stays open)."""
    return closed_schema(schema, empty_is_open=True)


def sent_body(request: httpx.Request, method: str, path: str) -> dict[str, Any]:
    """The JSON body of ``request``, after checking it against the operation's request
    schema (unknown keys refused)."""
    body: dict[str, Any] = json.loads(request.content)
    schema = wire_shapes.operation(method, path).request_schema
    jsonschema.validate(body, strict(schema))
    return body


def answer(method: str, path: str, body: dict[str, Any], status: int = 200) -> httpx.Response:
    """A response with ``body``, which must be valid for the operation's response
    schema (extra keys allowed: a new HeyGen field must not break a model)."""
    schema = wire_shapes.operation(method, path).response_schema
    if schema is not None:
        jsonschema.validate(body, schema)
    return httpx.Response(status, json=body, headers={"x-request-id": "req-test"})
