"""The fake HeyGen server in a separate process, on 127.0.0.1.

Real-time benchmarks run the fake as ``python -m heygen_async.testing`` in a
child process, so ``time.process_time()`` in the benchmark process counts the
client's CPU only, not the server's.

With two CPUs or more, the server runs on a CPU of its own and the benchmark
process on the others (``separate_cpus``), as with HeyGen's real servers, which
never compete with the client for a core. Left to the scheduler, the client's
threads (the sync facade's loop thread especially) land on the server's CPU now
and then, and each such round pays for the contention and the migrations: on a
2-CPU machine the facade's measured overhead per call went from medians of 60 to
100 µs to medians near 200 µs, its rounds anywhere between 0 and 400 µs.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_READY_PREFIX = "Fake HeyGen listening on "
_STARTUP_SECONDS = 20.0
DEFAULT_API_KEY = "fake-heygen-api-key"


@dataclass(frozen=True)
class FakeServer:
    base_url: str
    api_key: str = DEFAULT_API_KEY


@contextmanager
def fake_server_process(
    *,
    time_scale: float = 1.0,
    render_seconds: tuple[float, float] = (30.0, 1200.0),
    seed: int = 0,
    isolate: bool = True,
) -> Iterator[FakeServer]:
    """Start the loopback fake in a child process; yield its URL; stop it on exit.

    Renders are unlimited in number (no plan concurrency), so queueing never
    distorts a measurement. ``isolate``: the server and this process on separate
    CPUs (``separate_cpus``); False leaves both to the scheduler.
    """
    command = [
        sys.executable,
        "-m",
        "heygen_async.testing",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--seed",
        str(seed),
        "--time-scale",
        str(time_scale),
        "--render-seconds",
        str(render_seconds[0]),
        str(render_seconds[1]),
        "--max-concurrent-renders",
        "0",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )
    try:
        base_url = _wait_until_ready(process)
        with separate_cpus(process.pid) if isolate else contextlib.nullcontext():
            yield FakeServer(base_url)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_split() -> tuple[set[int], int] | None:
    """(the benchmark process's CPUs, the server's CPU), or None with fewer than 2."""
    if not hasattr(os, "sched_getaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        return None
    return set(cpus[:-1]), cpus[-1]


@contextmanager
def separate_cpus(server_pid: int) -> Iterator[None]:
    """Pin the server to one CPU and this process to the others, until the exit."""
    split = cpu_split()
    if split is None:
        yield
        return
    mine, server_cpu = split
    # On Linux an affinity is a thread's: set it on every thread there is (a loop
    # thread started earlier, say); threads started meanwhile inherit it, and every
    # thread there is at the end gets the process's CPUs back.
    before = os.sched_getaffinity(0)
    try:
        os.sched_setaffinity(server_pid, {server_cpu})
        _pin_threads(mine)
    except OSError:  # not permitted here: measure as the scheduler places us
        yield
        return
    try:
        yield
    finally:
        _pin_threads(before)


def _pin_threads(cpus: set[int]) -> None:
    for thread in _threads():
        with contextlib.suppress(OSError):  # that thread may have ended
            os.sched_setaffinity(thread, cpus)


def _threads() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/task")]
    except OSError:  # no procfs: this thread only
        return [0]


def _wait_until_ready(process: subprocess.Popen[str]) -> str:
    """Read the child's banner; return its base URL (fail after a timeout)."""
    found: list[str] = []

    def read_banner() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith(_READY_PREFIX):
                found.append(line[len(_READY_PREFIX) :].strip())
                break
        # Keep draining so the child never blocks on a full pipe.
        for _ in process.stdout:
            pass

    reader = threading.Thread(target=read_banner, daemon=True)
    reader.start()
    waited = 0.0
    while not found:
        if process.poll() is not None:
            raise RuntimeError(f"the fake server exited with code {process.returncode}")
        if waited > _STARTUP_SECONDS:
            raise RuntimeError("the fake server did not start in time")
        reader.join(timeout=0.05)
        waited += 0.05
    url = found[0]
    if not url.startswith("http://127.0.0.1:"):
        raise RuntimeError(f"refusing a fake server that is not on 127.0.0.1: {url}")
    return url
