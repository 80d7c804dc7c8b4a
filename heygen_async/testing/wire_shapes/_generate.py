"""Regenerate ``v3.json`` (HeyGen's v3 wire shapes in our form) from the shared spec.

Run from the repository root, with HeyGen's spec beside the checkout::

    python -m heygen_async.testing.wire_shapes [PATH/heygen-v3-spec.json]

(the default path is ``../shared/heygen-v3-spec.json``; ``HEYGEN_V3_SPEC`` names
another). The spec is HeyGen's (copied from their CLI) and is not shipped; what we
keep are the facts a request or an answer must satisfy: methods, paths, parameter
names, and request/response schemas as plain JSON Schema, with prose dropped.

The conversion, so the result works with any JSON Schema validator:

- ``nullable: true`` (OpenAPI 3.0) becomes ``null`` among the allowed types;
- a ``discriminator`` becomes a ``const`` on each ``oneOf`` variant's tag field
  (HeyGen's variants share fields, only the tag tells them apart). The tag of a
  variant is read from its tag field's description ("Must be 'avatar'"), else its
  default, else the one mapping name that is also one of its fields
  (``{"type": "url", "url": ...}``), else the one tag no other variant took;
  a variant still untagged (or two with one tag) stops the run;
- ``description`` and ``summary`` prose is dropped (the operation keeps its
  one-line summary); ``default`` values, ``enum`` lists and ``required`` lists stay.

The output is deterministic (sorted keys, one operation per line), so a stale
file shows as a diff; ``tests/fake/test_wire_shapes.py`` checks it is current.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

OUTPUT = Path(__file__).with_name("v3.json")
DEFAULT_SPEC = Path("..") / "shared" / "heygen-v3-spec.json"
REGENERATE = "python -m heygen_async.testing.wire_shapes"

_PROSE = frozenset({"description", "summary", "example", "examples"})


class SpecError(ValueError):
    """The spec has a shape this generator does not know how to convert."""


def _variant_tag(variant: dict[str, Any], field: str, tags: list[str]) -> str | None:
    own = variant.get("properties", {}).get(field, {})
    quoted = [tag for tag in tags if re.search(rf"'{re.escape(tag)}'", own.get("description", ""))]
    if len(quoted) == 1:
        return quoted[0]
    if own.get("default") in tags:
        return str(own["default"])
    named = [tag for tag in tags if tag in variant.get("properties", {}) and tag != field]
    if len(named) == 1:
        return named[0]
    return None


def _pin_tags(schema: dict[str, Any], where: str) -> list[Any]:
    """The ``oneOf`` variants, each with its tag field pinned by ``const``."""
    field = schema["discriminator"]["propertyName"]
    tags = sorted(schema["discriminator"].get("mapping", {}))
    found = [_variant_tag(variant, field, tags) for variant in schema["oneOf"]]
    left = [tag for tag in tags if tag not in found]
    if found.count(None) == 1 and len(left) == 1:  # the one tag no other variant took
        found[found.index(None)] = left[0]
    if None in found or len(set(found)) != len(found):
        raise SpecError(f"{where}: cannot tell the oneOf variants' tags ({tags}) apart")
    pinned = []
    for variant, tag in zip(schema["oneOf"], found, strict=True):
        properties = dict(variant.get("properties", {}))
        properties[field] = {**properties.get(field, {"type": "string"}), "const": tag}
        pinned.append({**variant, "properties": properties})
    return pinned


def _allow_null(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        widened = {**schema, "type": [schema["type"], "null"]}
        if "enum" in widened and None not in widened["enum"]:
            widened["enum"] = [*widened["enum"], None]
        return widened
    return {"anyOf": [schema, {"type": "null"}]}


def convert(schema: Any, where: str = "") -> Any:
    """One OpenAPI 3.0 schema (no ``$ref``: HeyGen's spec inlines them) as JSON Schema."""
    if isinstance(schema, list):
        return [convert(item, f"{where}[{i}]") for i, item in enumerate(schema)]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        raise SpecError(f"{where}: $ref is not expected (the spec inlines its schemas)")
    if "discriminator" in schema and "oneOf" in schema:
        schema = {**schema, "oneOf": _pin_tags(schema, where)}
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _PROSE or key in ("discriminator", "nullable"):
            continue
        if key == "properties":  # field names, not schema keywords: never dropped
            out[key] = {name: convert(sub, f"{where}.{name}") for name, sub in value.items()}
        else:
            out[key] = convert(value, f"{where}.{key}")
    return _allow_null(out) if schema.get("nullable") else out


def _params(operation: dict[str, Any], where: str) -> list[dict[str, Any]]:
    """Path, query and file parameters (body ones repeat the request schema's fields).
    HeyGen's spec gives a parameter's name and place only: no type or enum."""
    return [
        {"in": p["in"], "name": p["name"], **({"required": True} if p["in"] == "path" else {})}
        for p in operation.get("params", [])
        if p["in"] != "body"
    ]


def _operation(key: str, operation: dict[str, Any]) -> dict[str, Any]:
    method, path = key.split(" ", 1)
    if (operation["method"], operation["path"]) != (method, path):
        raise SpecError(f"{key}: method/path disagree with the operation's key")
    return {
        "method": method,
        "path": path,
        "group": operation["group"],
        "name": operation["cli_name"],
        "summary": operation["summary"],
        "body_encoding": operation["body_encoding"] or None,
        "params": _params(operation, key),
        "request_schema": convert(operation.get("request_schema"), f"{key} request"),
        "response_schema": convert(operation.get("response_schema"), f"{key} response"),
    }


def build(spec_text: str) -> str:
    """The text of ``v3.json`` for this spec text."""
    spec = json.loads(spec_text)
    operations = {key: _operation(key, op) for key, op in sorted(spec["operations"].items())}
    lines = [f"  {json.dumps(key)}: {_dump(value)}" for key, value in operations.items()]
    header = {
        "generated_by": REGENERATE,
        "operation_count": len(operations),
        "operations_sha256": operations_digest(operations),
        "spec_sha256": hashlib.sha256(spec_text.encode()).hexdigest(),
    }
    return (
        "{\n"
        + "".join(f"{json.dumps(k)}: {_dump(v)},\n" for k, v in header.items())
        + '"operations": {\n'
        + ",\n".join(lines)
        + "\n}\n}\n"
    )


def _dump(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def operations_digest(operations: dict[str, Any]) -> str:
    """A digest of the converted operations, so a hand edit shows without the spec."""
    return hashlib.sha256(_dump(operations).encode()).hexdigest()


def spec_path(argv: list[str]) -> Path:
    if argv:
        return Path(argv[0])
    return Path(os.environ.get("HEYGEN_V3_SPEC") or DEFAULT_SPEC)


def main(argv: list[str]) -> int:
    source = spec_path(argv)
    if not source.exists():
        print(f"no spec at {source} (give its path, or set HEYGEN_V3_SPEC)", file=sys.stderr)
        return 2
    OUTPUT.write_text(build(source.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {OUTPUT} from {source}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
