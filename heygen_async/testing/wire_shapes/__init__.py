"""HeyGen's v3 wire shapes, kept in the package: every operation's method, path,
parameters and request/response JSON Schemas.

Generated from HeyGen's v3 spec (which is theirs and not shipped) by
``python -m heygen_async.testing.wire_shapes``; see ``_generate.py`` for how
the OpenAPI schemas become plain JSON Schema. Prose is dropped; field names, types,
enums, defaults and required lists are kept. Use it to check a body the SDK sends
or the fake answers::

    import jsonschema
    from heygen_async.testing import wire_shapes

    create = wire_shapes.operation("POST", "/v3/videos")
    jsonschema.validate(body, create.request_schema)

Parameters carry only a name and a place (``path``, ``query``, ``file``): HeyGen's
spec gives no parameter types.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Operation", "Param", "operation", "operations", "source"]


@dataclass(frozen=True)
class Param:
    """One path, query or file parameter of an operation."""

    name: str
    location: str
    required: bool


@dataclass(frozen=True)
class Operation:
    """One v3 operation: ``key`` is ``"POST /v3/videos"``."""

    method: str
    path: str
    group: str
    name: str
    summary: str
    body_encoding: str | None
    params: tuple[Param, ...]
    request_schema: dict[str, Any] | None
    response_schema: dict[str, Any] | None

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    def param_names(self, location: str) -> list[str]:
        """The names of the parameters in ``location`` (``path``, ``query``, ``file``)."""
        return [p.name for p in self.params if p.location == location]


@cache
def _document() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("v3.json").read_text(encoding="utf-8")
    document: dict[str, Any] = json.loads(text)
    return document


def _build(raw: dict[str, Any]) -> Operation:
    return Operation(
        method=raw["method"],
        path=raw["path"],
        group=raw["group"],
        name=raw["name"],
        summary=raw["summary"],
        body_encoding=raw["body_encoding"],
        params=tuple(
            Param(p["name"], p["in"], bool(p.get("required", False))) for p in raw["params"]
        ),
        request_schema=raw["request_schema"],
        response_schema=raw["response_schema"],
    )


@cache
def operations() -> dict[str, Operation]:
    """Every operation, by ``"METHOD /path"``. The schemas are shared: do not mutate them."""
    return {key: _build(raw) for key, raw in _document()["operations"].items()}


def operation(method: str, path: str) -> Operation:
    """The operation at ``method`` and ``path`` as HeyGen writes it (``/v3/videos/{video_id}``);
    ``KeyError`` naming the key if HeyGen's spec has no such operation."""
    key = f"{method.upper()} {path}"
    try:
        return operations()[key]
    except KeyError:
        raise KeyError(f"no v3 operation {key!r} in HeyGen's spec") from None


def source() -> dict[str, Any]:
    """Where the shapes came from: the spec's SHA-256, the operation count, the digest
    of the operations and the command that regenerates them."""
    return {key: value for key, value in _document().items() if key != "operations"}
