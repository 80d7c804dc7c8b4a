"""Checking what the SDK sends against HeyGen's wire shapes, strictly: a key the
schema does not name is an error here even where the spec leaves objects open
(HeyGen has refused unknown fields with 400, heygen-v3.md section 10)."""

from __future__ import annotations

import copy
import json
from typing import Any

import httpx
import jsonschema

from heygen_async.testing import wire_shapes

from .wire_check import closed_schema


def _closed(schema: Any) -> Any:
    """``schema`` with every object that names its properties closed to others."""
    return closed_schema(schema)


def strict_request_schema(method: str, path: str) -> dict[str, Any]:
    """The request body schema of ``method path``, closed (see the module doc)."""
    schema = wire_shapes.operation(method, path).request_schema
    assert schema is not None, f"{method} {path} takes no body"
    closed: dict[str, Any] = _closed(copy.deepcopy(schema))
    return closed


def sent_body(request: httpx.Request, method: str, path: str) -> dict[str, Any]:
    """The JSON body of ``request``, after checking it against ``method path``'s schema."""
    body: dict[str, Any] = json.loads(request.content)
    jsonschema.validate(body, strict_request_schema(method, path))
    return body


def valid_answer(method: str, path: str, data: Any, **page: Any) -> dict[str, Any]:
    """``{"data": data, **page}`` after checking it against the response schema."""
    answer = {"data": data, **page}
    schema = wire_shapes.operation(method, path).response_schema
    assert schema is not None
    jsonschema.validate(answer, schema)
    return answer
