"""What importing the SDK costs: nothing loads before it is used (checked by the
modules a fresh interpreter has loaded, not by timings)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def loaded_after(code: str) -> set[str]:
    program = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_loads_no_models_no_sync_machinery_no_asyncio() -> None:
    loaded = loaded_after("import heygen_async")
    for heavy in ("pydantic", "heygen_async._client", "heygen_async._sync", "asyncio", "anyio"):
        assert heavy not in loaded, heavy


def test_the_async_client_does_not_load_the_sync_facade() -> None:
    loaded = loaded_after("from heygen_async import AsyncHeyGenClient")
    assert "heygen_async._client" in loaded
    for unused in ("heygen_async._sync", "anyio.from_thread", "concurrent.futures", "asyncio"):
        assert unused not in loaded, unused


@pytest.mark.parametrize("name", ["AsyncHeyGenClient", "HeyGenClient", "VideoStatus", "PollPolicy"])
def test_public_names_resolve_and_are_listed(name: str) -> None:
    import heygen_async

    assert name in heygen_async.__all__
    assert name in dir(heygen_async)
    assert getattr(heygen_async, name).__name__ == name


def test_every_exported_name_resolves() -> None:
    import heygen_async

    for name in heygen_async.__all__:
        assert getattr(heygen_async, name) is not None


def test_an_unknown_name_is_an_attribute_error() -> None:
    import heygen_async

    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        heygen_async.Nope  # noqa: B018
