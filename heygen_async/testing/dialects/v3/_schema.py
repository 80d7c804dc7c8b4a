"""The JSON Schema subset of ``wire_shapes``: checking a request, making an answer.

``wire_shapes`` uses only ``type`` (one or a list, ``"null"`` for nullable),
``enum``, ``const``, ``default``, ``required``, ``properties``, ``items``,
``oneOf`` and ``anyOf``, so this small validator covers it without making
``jsonschema`` a dependency of the fake (the in-process fake needs nothing
beyond the SDK's own dependencies). The tests still check every answer with
``jsonschema`` itself.

``check`` is strict where HeyGen is: an object that lists its ``properties``
refuses any other field (HeyGen's v3 answers "Extra inputs are not permitted",
heygen-v3.md 10), so an SDK that sends a misspelt field finds out offline.

``answer`` builds a schema-valid instance, taking each field from ``values``
where one of that name fits the field's schema (the resource's state and
what its create said), and otherwise a plausible value: ids, URLs, the fake
clock's time for ``*_at`` fields, the first enum value, the default.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ._wire import invalid

_PYTHON_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


class SchemaError(Exception):
    """Where an instance breaks its schema (``param`` is the dotted field path)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return []
    return [kind] if isinstance(kind, str) else list(kind)


def has_type(value: Any, kind: str) -> bool:
    """Whether ``value`` is a JSON ``kind`` (booleans are not numbers)."""
    if kind == "null":
        return value is None
    if isinstance(value, bool) and kind != "boolean":
        return False
    if kind == "integer" and isinstance(value, float):
        return value.is_integer()
    return isinstance(value, _PYTHON_TYPES[kind])


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def errors(value: Any, schema: Mapping[str, Any], path: str = "") -> SchemaError | None:
    """The first way ``value`` breaks ``schema`` (None: it fits)."""
    label = path or "body"
    kinds = _types(schema)
    if kinds and not any(has_type(value, kind) for kind in kinds):
        return SchemaError(label, f"{label} must be of type {' or '.join(kinds)}")
    if "const" in schema and value != schema["const"]:
        return SchemaError(label, f"{label} must be {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        allowed = ", ".join(str(v) for v in schema["enum"] if v is not None)
        return SchemaError(label, f"{label} must be one of: {allowed}")
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            problem = _branches(value, schema[keyword], path, exactly_one=keyword == "oneOf")
            if problem is not None:
                return problem
    if isinstance(value, dict) and "properties" in schema:
        return _object_errors(value, schema, path)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problem = errors(item, schema["items"], f"{path}[{index}]")
            if problem is not None:
                return problem
    return None


def _object_errors(
    value: dict[str, Any], schema: Mapping[str, Any], path: str
) -> SchemaError | None:
    properties: Mapping[str, Any] = schema["properties"]
    for name in schema.get("required", ()):
        if name not in value:
            field = _join(path, name)
            return SchemaError(field, f"{field} is required")
    if properties:
        for name in value:
            if name not in properties:
                field = _join(path, name)
                allowed = ", ".join(sorted(properties))
                return SchemaError(field, f"{field} is not a field here (allowed: {allowed})")
    for name, item in value.items():
        if name in properties:
            problem = errors(item, properties[name], _join(path, name))
            if problem is not None:
                return problem
    return None


def _branches(
    value: Any, branches: list[Mapping[str, Any]], path: str, *, exactly_one: bool
) -> SchemaError | None:
    problems = [errors(value, branch, path) for branch in branches]
    fitting = problems.count(None)
    if fitting == 1 or (fitting > 1 and not exactly_one):
        return None
    label = path or "body"
    # A tagged union: name the problem inside the branch whose "type" was asked for.
    if isinstance(value, dict) and "type" in value:
        for branch, problem in zip(branches, problems, strict=True):
            tag = branch.get("properties", {}).get("type", {}).get("const")
            if tag is not None and tag == value["type"] and problem is not None:
                return problem
        tags = [b.get("properties", {}).get("type", {}).get("const") for b in branches]
        named = [str(tag) for tag in tags if tag is not None]
        if named:
            field = _join(path, "type")
            return SchemaError(field, f"{field} must be one of: {', '.join(named)}")
    return SchemaError(label, f"{label} does not match any of the accepted forms")


def check(value: Any, schema: Mapping[str, Any] | None) -> None:
    """400 ``invalid_parameter`` naming the field if ``value`` breaks ``schema``."""
    if schema is None:
        return
    problem = errors(value, schema)
    if problem is not None:
        raise invalid(problem.param, problem.message)


# --- answers -------------------------------------------------------------------


class Filler:
    """Plausible values for fields no state supplies (stable per ``seed``)."""

    def __init__(self, seed: str, now: int, origin: str) -> None:
        self.seed = seed
        self.now = now
        self.origin = origin

    def fake_id(self, name: str) -> str:
        digest = hashlib.sha256(f"{self.seed}:{name}".encode()).hexdigest()
        return digest[:32]

    def string(self, name: str) -> str:
        if name == "id" or name.endswith("_id"):
            return self.fake_id(name)
        if name == "url" or name.endswith("_url"):
            return f"{self.origin}/_fake/files/{self.fake_id(name)}"
        if name.endswith("_at"):
            return "2026-01-01T00:00:00Z"
        if name in ("language", "input_language", "output_language", "locale"):
            return "en"
        return f"fake {name.replace('_', ' ')}" if name else "fake"

    def number(self, name: str, integer: bool) -> int | float:
        if name.endswith("_at"):
            return self.now
        if name in ("duration", "source_duration"):
            return 10 if integer else 10.0
        return 0 if integer else 0.0


def answer(
    schema: Mapping[str, Any] | None,
    values: Mapping[str, Any],
    filler: Filler,
    name: str = "",
) -> Any:
    """A ``schema``-valid instance, fields taken from ``values`` where they fit."""
    if not schema:
        return {}
    if "const" in schema:
        return schema["const"]
    for keyword in ("oneOf", "anyOf"):
        if keyword in schema:
            branches = [b for b in schema[keyword] if _types(b) != ["null"]]
            return answer(branches[0] if branches else schema[keyword][0], values, filler, name)
    kinds = [kind for kind in _types(schema) if kind != "null"] or _types(schema) or ["object"]
    kind = kinds[0]
    if "enum" in schema:
        choices = [choice for choice in schema["enum"] if choice is not None]
        return choices[0] if choices else None
    if "default" in schema and kind != "object":
        return schema["default"]
    if kind == "object":
        return _object_answer(schema, values, filler)
    if kind == "array":
        return [answer(schema.get("items"), {}, filler, name.rstrip("s"))]
    if kind == "string":
        return filler.string(name)
    if kind in ("integer", "number"):
        return filler.number(name, kind == "integer")
    if kind == "boolean":
        return False
    return None


def _object_answer(
    schema: Mapping[str, Any], values: Mapping[str, Any], filler: Filler
) -> dict[str, Any]:
    result: dict[str, Any] = {}
    required = set(schema.get("required", ()))
    for field, field_schema in schema.get("properties", {}).items():
        if field in values and errors(values[field], field_schema) is None:
            result[field] = values[field]
        elif "null" in _types(field_schema) and field not in required:
            result[field] = None
        else:
            result[field] = answer(field_schema, {}, filler, field)
    return result


def data_schema(response_schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The schema of an answer's ``data`` (None when the spec gives none)."""
    if not response_schema:
        return None
    data: Mapping[str, Any] | None = response_schema.get("properties", {}).get("data")
    return data


def item_schema(response_schema: Mapping[str, Any] | None) -> Mapping[str, Any] | None:
    """The schema of one item of a listing's ``data`` array."""
    data = data_schema(response_schema)
    if data is None:
        return None
    items: Mapping[str, Any] | None = data.get("items")
    return items
