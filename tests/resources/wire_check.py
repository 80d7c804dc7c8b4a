"""Checking what a resource sends, and the example answers tests give it, against
HeyGen's v3 wire shapes, strictly: HeyGen's schemas leave ``additionalProperties``
unset, so every object here forbids keys its schema does not name."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import jsonschema

from heygen_async.testing import wire_shapes


def strict(schema: Any) -> Any:
    """``schema`` with every object that names its properties closed to others (an
    object whose ``properties`` are empty is open: keyed by the caller's names)."""
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("properties") and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


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
