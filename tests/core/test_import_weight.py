"""What ``from heygen_async import AsyncHeyGenClient`` loads (issue 24 item 2),
checked by the modules a fresh interpreter holds afterwards, never by timings.

The import may load what the client's class needs; building a client loads the
sending machinery and the chosen backend; calls load the rest (models,
resources, workflows) as they are used.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

DEPENDENCIES = "import httpx, anyio\nfrom pydantic import BaseModel"
IMPORT_CLIENT = "from heygen_async import AsyncHeyGenClient"

# Parts of the SDK that no program needs before its first call (or only some
# programs ever need): none may load with the client's import.
NOT_ON_IMPORT = (
    "heygen_async.models.",  # the package itself is light; its classes are not
    "heygen_async.workflows",
    "heygen_async.jobs",
    "heygen_async.temporal",
    "heygen_async.webhooks",
    "heygen_async.testing",
    "heygen_async.cli",
    "heygen_async._sync",
    "heygen_async._backends",
    "heygen_async._uploads",
    "heygen_async._core",
    "heygen_async._video_requests",
    "heygen_async._transport._sender",
    "heygen_async._transport._envelope",
    "heygen_async._transport._media",
)
# The attach machinery is what keeps every resource module from loading.
RESOURCES_ALLOWED = {"heygen_async.resources", "heygen_async.resources._attach"}
# The SDK's own modules the import may load, at most (12 today).
MAX_SDK_MODULES = 15


def loaded_after(code: str) -> set[str]:
    program = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


@pytest.fixture(scope="module")
def dependencies() -> set[str]:
    return loaded_after(DEPENDENCIES)


@pytest.fixture(scope="module")
def client_import() -> set[str]:
    return loaded_after(f"{DEPENDENCIES}\n{IMPORT_CLIENT}")


def sdk_modules(loaded: set[str]) -> set[str]:
    return {name for name in loaded if name.split(".")[0] == "heygen_async"}


def test_the_client_import_loads_no_library_its_dependencies_do_not(
    dependencies: set[str], client_import: set[str]
) -> None:
    added = client_import - dependencies - sdk_modules(client_import)
    # The standard library's small helpers may come along; no third-party package.
    third_party = {"rich", "click", "pygments", "trio", "temporalio", "uvicorn", "starlette"}
    assert not {name.split(".")[0] for name in added} & third_party, added
    assert not {name for name in added if name.startswith(("pydantic.", "annotated_types"))}, (
        "the models' pydantic machinery loads with the models, not with the client",
        added,
    )


def test_the_client_import_loads_none_of_the_sdk_a_call_needs(client_import: set[str]) -> None:
    loaded = sdk_modules(client_import)
    assert "heygen_async._client" in loaded
    early = sorted(name for name in loaded if name.startswith(NOT_ON_IMPORT))
    assert early == []
    resources = {name for name in loaded if name.startswith("heygen_async.resources")}
    assert resources <= RESOURCES_ALLOWED


def test_the_client_import_loads_few_sdk_modules(client_import: set[str]) -> None:
    loaded = sdk_modules(client_import)
    assert len(loaded) <= MAX_SDK_MODULES, sorted(loaded)


@pytest.mark.parametrize(
    ("api_version", "chosen", "other"),
    [
        ("v3", "heygen_async._backends.v3", "heygen_async._backends.legacy"),
        ("v2", "heygen_async._backends.legacy", "heygen_async._backends.v3"),
    ],
)
def test_building_a_client_loads_its_backend_only(
    api_version: str, chosen: str, other: str
) -> None:
    loaded = loaded_after(
        f"{IMPORT_CLIENT}\nAsyncHeyGenClient(api_key='k', api_version={api_version!r})"
    )
    assert chosen in loaded
    assert other not in loaded
    for later in ("heygen_async.workflows", "heygen_async.webhooks", "heygen_async.temporal"):
        assert not any(name.startswith(later) for name in loaded), later
    resources = {name for name in loaded if name.startswith("heygen_async.resources.")}
    assert not any(name.split(".")[2][0] != "_" for name in resources), resources


def test_the_expanded_signatures_are_built_on_first_look() -> None:
    """``inspect.signature`` shows every keyword option, with its real type; the
    models those types name load then, not with the client."""
    program = f"""
{IMPORT_CLIENT}
import inspect, sys
before = "heygen_async.models.scene" in sys.modules
parameters = inspect.signature(AsyncHeyGenClient.generate_video).parameters
bound = inspect.signature(AsyncHeyGenClient(api_key="k").generate_video).parameters
print(json.dumps([before, "heygen_async.models.scene" in sys.modules,
                  parameters["dimension"].annotation.__args__[0].__name__,
                  list(bound)[:4], "self" in bound]))
"""
    out = subprocess.run(
        [sys.executable, "-c", f"import json\n{program}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    before, after, dimension, leading, has_self = json.loads(out.splitlines()[-1])
    assert (before, after) == (False, True)
    assert dimension == "Dimension"
    assert leading == ["script", "avatar_id", "voice_id", "title"]
    assert has_self is False


@pytest.mark.parametrize(
    ("package", "heavy"),
    [
        ("heygen_async.models", "heygen_async.models.video"),
        ("heygen_async.workflows", "heygen_async.workflows._generate_many"),
        ("heygen_async._transport", "heygen_async._transport._sender"),
    ],
)
def test_a_package_loads_each_name_on_first_use(package: str, heavy: str) -> None:
    """Importing the package loads none of its modules; each public name resolves (and
    is listed) when asked for."""
    program = f"""
import importlib, sys
package = importlib.import_module({package!r})
before = {heavy!r} in sys.modules
names = sorted(package.__all__)
resolved = [name for name in names if getattr(package, name, None) is not None]
print(json.dumps([before, resolved == names, set(names) <= set(dir(package))]))
"""
    out = subprocess.run(
        [sys.executable, "-c", f"import json\n{program}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert json.loads(out.splitlines()[-1]) == [False, True, True]


def test_an_async_program_using_a_resource_loads_no_sync_facade() -> None:
    """The noun modules hold their methods' sync forms; those must not bring the
    facade or the loop thread into a program that only awaits."""
    loaded = loaded_after(
        f"{IMPORT_CLIENT}\n"
        "client = AsyncHeyGenClient(api_key='k')\n"
        "assert client.videos is not None and client.voices is not None"
    )
    assert "heygen_async.resources.videos" in loaded  # the check reads what it should
    assert "heygen_async._sync._resources" in loaded
    assert not {"heygen_async._sync._facade", "heygen_async._sync._loop"} & loaded
