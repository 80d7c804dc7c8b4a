"""A program that ran a worker exits cleanly: temporalio's native objects (left in
reference cycles by a finished worker) are freed before the interpreter finalizes,
not during it, where temporalio's native threads could abort it (SIGABRT after
the program's last line; temporalio issue #300)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from temporalio.testing import WorkflowEnvironment

pytestmark = pytest.mark.temporal

PROGRAM = textwrap.dedent(
    """
    import atexit, gc

    # No automatic collection: whether one happens to run between the worker's end
    # and the exit depends on allocation counts; without it the cycles reach the exit.
    gc.disable()

    def count_left():  # registered first, so it runs after heygen_async's (LIFO)
        # What the interpreter's final collection would free (objects held only in
        # reference cycles): temporalio's native objects must not be among them.
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        native = [
            o for o in gc.garbage
            if type(o).__module__.startswith("temporalio.bridge")
            and type(o).__name__ in ("Worker", "Client")
        ]
        print("native objects left to the final collection:", len(native), flush=True)
        gc.set_debug(0)
        gc.garbage.clear()

    atexit.register(count_left)

    import asyncio, sys
    from temporalio.client import Client
    from heygen_async import AsyncHeyGenClient
    from heygen_async.temporal import make_worker

    async def main() -> None:
        temporal = await Client.connect(sys.argv[1])
        async with AsyncHeyGenClient(api_key="k", base_url="http://127.0.0.1:9") as heygen:
            async with make_worker(temporal, heygen, task_queue="shutdown-check"):
                pass  # started and stopped: what any program running a worker does

    asyncio.run(main())
    """
)


def test_a_finished_worker_leaves_no_native_object_to_the_interpreters_shutdown(
    temporal_env: WorkflowEnvironment,
) -> None:
    address = temporal_env.client.service_client.config.target_host
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, address],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "native objects left to the final collection: 0" in done.stdout, (
        done.stdout + done.stderr
    )
