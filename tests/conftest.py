"""Fixtures shared by every test folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_heygen_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or hosts from the environment."""
    for name in (
        "HEYGEN_API_KEY",
        "HEYGEN_BASE_URL",
        "HEYGEN_UPLOAD_URL",
        "HEYGEN_LOG",
        "HEYGEN_API_VERSION",
    ):
        monkeypatch.delenv(name, raising=False)
