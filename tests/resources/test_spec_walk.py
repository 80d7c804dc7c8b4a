"""Every operation of HeyGen's v3 spec has its declaration in ``heygen_async.resources``,
with the spec's method, path, path parameters and query parameters.

The spec's operations come from the in-repo wire shapes (``testing.wire_shapes``),
so this runs everywhere; a test there keeps those shapes equal to HeyGen's spec.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

import pytest

import heygen_async.resources as resources_package
from heygen_async.resources._endpoint import Endpoint
from heygen_async.resources._resource import AsyncResource
from heygen_async.testing import wire_shapes


def declarations() -> dict[str, tuple[str, Endpoint]]:
    """Every declared operation, by ``"METHOD /path"``, with where it is declared."""
    found: dict[str, tuple[str, Endpoint]] = {}
    for module_info in pkgutil.iter_modules(resources_package.__path__):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{resources_package.__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, AsyncResource) or cls.__module__ != module.__name__:
                continue
            for name, member in vars(cls).items():
                endpoint: Any = getattr(member, "__endpoint__", None)
                if isinstance(endpoint, Endpoint):
                    where = f"{module_info.name}.{cls.__name__}.{name}"
                    assert endpoint.label not in found, f"{endpoint.label}: declared twice"
                    found[endpoint.label] = (where, endpoint)
    return found


def _answers_with_a_cursor(operation: Any) -> bool:
    properties = (operation.response_schema or {}).get("properties") or {}
    return "next_token" in properties


DECLARED = declarations()
OPERATIONS = wire_shapes.operations()


def test_the_walk_sees_the_whole_spec_and_the_declarations() -> None:
    assert len(OPERATIONS) == 85  # if this fails, the walk below proves nothing
    assert "GET /v3/voices/{voice_id}" in DECLARED


def test_every_operation_of_the_spec_is_declared() -> None:
    missing = sorted(key for key in OPERATIONS if key not in DECLARED)
    assert not missing, f"{len(missing)} of 85 operations have no declaration: {missing}"


def test_nothing_is_declared_that_the_spec_lacks() -> None:
    extra = sorted(key for key in DECLARED if key not in OPERATIONS)
    assert not extra, f"declared, but not in HeyGen's spec: {extra}"


@pytest.mark.parametrize("key", sorted(DECLARED))
def test_each_declaration_has_the_specs_parameters(key: str) -> None:
    operation = OPERATIONS.get(key)
    if operation is None:
        pytest.fail(f"{key} is not in the spec")
    where, endpoint = DECLARED[key]
    assert (endpoint.method, endpoint.path) == (operation.method, operation.path), where
    assert set(endpoint.path_names) == set(operation.param_names("path")), where
    spec_query, declared_query = set(operation.param_names("query")), set(endpoint.query_names)
    if _answers_with_a_cursor(operation) and "token" not in spec_query:
        # The answer pages (has_more, next_token) but the spec lists no cursor
        # parameter: a listing may send HeyGen's usual ``token`` (video agent videos).
        declared_query.discard("token")
    assert declared_query == spec_query, where
    if operation.request_schema is not None and endpoint.body_names:
        fields = set(operation.request_schema.get("properties") or {})
        variants = operation.request_schema.get("oneOf") or []
        for variant in variants:
            fields |= set(variant.get("properties") or {})
        assert set(endpoint.body_names) <= fields, (where, set(endpoint.body_names) - fields)
