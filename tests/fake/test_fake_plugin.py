"""The pytest plugin: the heygen_fake fixtures and the marker that configures them."""

from __future__ import annotations

import subprocess
import sys

import httpx
import pytest

from heygen_async.testing import FakeHeyGen, LoopbackServer
from heygen_async.testing import _defaults as defaults


async def test_heygen_fake_is_fast_and_seeded(heygen_fake: FakeHeyGen) -> None:
    assert heygen_fake.seed == defaults.FIXTURE_SEED
    assert heygen_fake.time_scale == defaults.FIXTURE_TIME_SCALE
    assert heygen_fake.account.render_seconds == defaults.FIXTURE_RENDER_SECONDS
    async with heygen_fake.http_client() as http:
        response = await http.get(
            "https://api.heygen.com/v2/voices", headers={"X-Api-Key": heygen_fake.api_key}
        )
    assert response.status_code == 200


@pytest.mark.heygen_fake(failure_rate=0.5, max_concurrent_renders=1, api_keys={"mine"})
def test_the_marker_configures_the_fixture(heygen_fake: FakeHeyGen) -> None:
    assert heygen_fake.account.failure_rate == 0.5
    assert heygen_fake.account.max_concurrent_renders == 1
    assert heygen_fake.api_key == "mine"


@pytest.mark.loopback
def test_heygen_fake_server_serves_the_same_fake(
    heygen_fake_server: LoopbackServer, heygen_fake: FakeHeyGen
) -> None:
    assert heygen_fake_server.fake is heygen_fake
    response = httpx.get(f"{heygen_fake_server.base_url}/v2/avatars", headers={"X-Api-Key": "k"})
    assert response.status_code == 200
    assert heygen_fake.counters.requests["avatars"] == 1


def test_the_plugin_and_the_package_import_cheaply() -> None:
    code = (
        "import sys, heygen_async.testing.pytest_plugin; "
        "print('uvicorn' in sys.modules, 'heygen_async.testing._fake' in sys.modules); "
        "from heygen_async.testing import FakeHeyGen, serve_loopback; "
        "print('uvicorn' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    # The plugin loads nothing of the fake; the fake itself never loads uvicorn.
    assert result.stdout.split() == ["False", "False", "False"]
