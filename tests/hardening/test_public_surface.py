"""The hardening tests cover every public method: a new one must be added to CALLS."""

from __future__ import annotations

from .conftest import CALLS, public_methods


def test_every_public_method_has_a_call() -> None:
    assert public_methods() == set(CALLS)
