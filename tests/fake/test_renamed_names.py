"""Names renamed so they read apart (issue 20 item 6) still work under the old name."""

from __future__ import annotations

import importlib

import pytest

from heygen_async.testing.dialects.legacy import FakeLegacyDialect
from heygen_async.testing.dialects.v3 import FakeV3Dialect
from heygen_async.testing.server import FakeDialect

RENAMED = [
    ("heygen_async.testing.server", "Dialect", "FakeDialect", FakeDialect),
    (
        "heygen_async.testing.dialects.legacy",
        "LegacyDialect",
        "FakeLegacyDialect",
        FakeLegacyDialect,
    ),
    ("heygen_async.testing.dialects.v3", "V3Dialect", "FakeV3Dialect", FakeV3Dialect),
]


@pytest.mark.parametrize(("module", "old", "new", "value"), RENAMED)
def test_an_old_name_is_the_new_class_with_a_deprecation_warning(
    module: str, old: str, new: str, value: type
) -> None:
    with pytest.warns(DeprecationWarning, match=f"{module}.{old} is deprecated: use {new}"):
        found = getattr(importlib.import_module(module), old)
    assert found is value


@pytest.mark.parametrize("module", [module for module, *_ in RENAMED])
def test_other_missing_names_still_raise_attribute_error(module: str) -> None:
    with pytest.raises(AttributeError, match="NoSuchThing"):
        _ = importlib.import_module(module).NoSuchThing
