"""Helpers of the resource tests: HeyGen's wire shapes made strict, a client on
virtual time, and answers checked against HeyGen's response schemas."""

from __future__ import annotations

import ast
import inspect
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType
from typing import Any

import httpx
import jsonschema
import respx

from heygen_async import AsyncHeyGenClient
from heygen_async.testing import InstantClock, use_clock, wire_shapes

from .wire_check import closed_schema

API = "https://api.heygen.com"


@asynccontextmanager
async def v3_client() -> AsyncIterator[AsyncHeyGenClient]:
    async with AsyncHeyGenClient(api_key="sk-resources", api_version="v3") as client:
        use_clock(client, InstantClock())
        yield client


def strict(schema: Any) -> Any:
    """``schema`` with every object that lists its properties closed to others: HeyGen's
    shapes never say ``additionalProperties``, so a misspelt field would pass."""
    return closed_schema(schema)


def sent_body(route: respx.Route, call: int = -1) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(route.calls[call].request.content)
    return body


def check_body(method: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` if it is exactly what HeyGen's request schema of ``method path`` allows."""
    schema = wire_shapes.operation(method, path).request_schema
    assert schema is not None, f"{method} {path} has no request schema"
    jsonschema.validate(body, strict(schema))
    return body


def answer_of(method: str, path: str, data: Any, **extra: Any) -> httpx.Response:
    """A 200 answer of ``data``, checked against HeyGen's response schema when it has one
    (unknown fields allowed there: HeyGen may add some, the models keep them)."""
    document = {"data": data, **extra}
    schema = wire_shapes.operation(method, path).response_schema
    if schema is not None:
        jsonschema.validate(document, schema)
    return httpx.Response(200, json=document, headers={"x-request-id": "req-1"})


def undocumented_fields(module: ModuleType) -> list[str]:
    """``Class.field`` for each model field of ``module`` that has no docstring under it."""
    missing = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {getattr(base, "id", "") for base in node.bases}
        if not bases & {"ResponseModel", "RequestModel"}:
            continue
        body = node.body
        for index, statement in enumerate(body):
            if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
                following = body[index + 1] if index + 1 < len(body) else None
                documented = isinstance(following, ast.Expr) and isinstance(
                    getattr(following, "value", None), ast.Constant
                )
                if not documented:
                    missing.append(f"{node.name}.{statement.target.id}")
    return missing


__all__ = [
    "API",
    "InstantClock",
    "answer_of",
    "check_body",
    "sent_body",
    "strict",
    "undocumented_fields",
    "v3_client",
]
