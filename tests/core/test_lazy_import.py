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


def test_import_loads_only_the_package_and_its_version() -> None:
    """Not even typing: ``import heygen_async`` adds two modules to a bare interpreter."""
    bare = loaded_after("pass")
    assert loaded_after("import heygen_async") - bare == {"heygen_async", "heygen_async._version"}


# Every SDK model class, and which of them have built their validator.
_BUILT = """
from heygen_async.models._base import _DeferredModel
def _walk(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _walk(sub)
_models = {c.__qualname__: c for c in _walk(_DeferredModel) if c.__module__.startswith("heygen_async.")}
_built = sorted(name for name, c in _models.items() if c.__pydantic_complete__)
print(json.dumps(sorted(_models)))
print(json.dumps(_built))
"""


def built_after(code: str) -> tuple[set[str], set[str]]:
    """(every model class, the models whose validator is built) after ``code``."""
    program = f"import json\n{code}\n{_BUILT}"
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    return set(json.loads(out[-2])), set(json.loads(out[-1]))


def test_no_model_builds_its_validator_until_used() -> None:
    # Importing the clients no longer imports the models at all (see
    # test_import_weight.py); imported and a client built, still none is built.
    models, built = built_after(
        "from heygen_async import AsyncHeyGenClient, HeyGenClient\n"
        "import heygen_async.models as m\n"
        "[getattr(m, name) for name in m.__all__]\n"
        "AsyncHeyGenClient(api_key='k')"
    )
    assert {"VideoStatus", "VideoInput", "GenerateVideoRequest", "Avatar"} <= models
    assert built == set()


def test_a_model_builds_its_validator_on_first_use_and_only_its_own() -> None:
    _, built = built_after(
        "from heygen_async.models import VideoStatus\n"
        "VideoStatus.model_validate({'video_id': 'v1', 'status': 'completed'})"
    )
    assert built == {"VideoStatus"}


def test_concurrent_first_uses_from_threads_all_get_the_right_model() -> None:
    program = """
import json, threading
from concurrent.futures import ThreadPoolExecutor
from heygen_async.models import VideoStatus, GenerateVideoRequest
start = threading.Barrier(16)
def first_use(i):
    start.wait()
    status = VideoStatus.model_validate(
        {"video_id": f"v{i}", "status": "failed", "error": {"code": "c", "message": "m"}}
    )
    request = GenerateVideoRequest.model_validate(
        {"video_inputs": [{"character": {"type": "avatar", "avatar_id": "a"},
                           "voice": {"type": "text", "input_text": "hi", "voice_id": "v"}}]}
    )
    return [type(status).__name__, status.video_id == f"v{i}", type(status.error).__name__,
            type(request).__name__]
with ThreadPoolExecutor(16) as pool:
    print(json.dumps(list(pool.map(first_use, range(16)))))
"""
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    results = json.loads(out.splitlines()[-1])
    assert results == [["VideoStatus", True, "VideoError", "GenerateVideoRequest"]] * 16


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
