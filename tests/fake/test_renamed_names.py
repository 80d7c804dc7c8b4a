"""Names renamed so they read apart (issue 20 item 6) still work under the old name."""

from __future__ import annotations

import importlib

import pytest

from heygen_async.testing.server import FakeDialect


def test_the_old_dialect_name_is_the_fake_dialect_with_a_deprecation_warning() -> None:
    server = importlib.import_module("heygen_async.testing.server")
    with pytest.warns(DeprecationWarning, match="use FakeDialect"):
        old = server.Dialect
    assert old is FakeDialect


def test_other_missing_names_still_raise_attribute_error() -> None:
    server = importlib.import_module("heygen_async.testing.server")
    with pytest.raises(AttributeError, match="NoSuchThing"):
        server.NoSuchThing  # noqa: B018
