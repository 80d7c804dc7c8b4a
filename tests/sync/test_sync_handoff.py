"""The lean hand-off of a call to the loop thread (``_loop._Call``): results, errors,
many threads at once, contextvars, and a loop that goes away under a waiting call.

Ctrl-C during submission and mid-call is in test_sync_interrupt.py."""

from __future__ import annotations

import contextvars
import threading
import traceback
from concurrent.futures import ThreadPoolExecutor

import anyio
import anyio.lowlevel
import pytest

from heygen_async import NotFoundError
from heygen_async._sync import _loop
from heygen_async._sync._loop import LOOP, caller_context

marker: contextvars.ContextVar[str] = contextvars.ContextVar("marker", default="-")


class Boom(Exception):
    pass


async def _raise(error: BaseException) -> None:
    await anyio.sleep(0)  # raised after a suspension, from the loop's task
    raise error


def test_an_exception_inside_the_call_keeps_its_type_and_traceback() -> None:
    with pytest.raises(Boom) as raised:
        LOOP.run(_raise(Boom("from the loop")))
    frames = [frame.name for frame in traceback.extract_tb(raised.value.__traceback__)]
    assert "_raise" in frames  # where it was raised on the loop thread
    assert "test_an_exception_inside_the_call_keeps_its_type_and_traceback" in frames


def test_sdk_errors_cross_unchanged() -> None:
    error = NotFoundError("video not found", status_code=404)
    with pytest.raises(NotFoundError) as raised:
        LOOP.run(_raise(error))
    assert raised.value is error


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(3)], ids=repr)
def test_a_base_exception_inside_the_call_reaches_the_caller_and_spares_the_loop(
    error: BaseException,
) -> None:
    """asyncio would let these stop the shared loop; they go to the caller instead."""
    with pytest.raises(type(error)):
        LOOP.run(_raise(error))

    async def still_running() -> str:
        return threading.current_thread().name

    assert LOOP.run(still_running()) == "heygen-async-loop"


def test_a_plain_function_runs_on_the_loop_thread() -> None:
    assert LOOP.call(lambda: threading.current_thread().name) == "heygen-async-loop"
    with pytest.raises(Boom):
        LOOP.call(_raise_now)


def _raise_now() -> None:
    raise Boom


def test_calls_from_many_threads_at_once_each_get_their_own_result() -> None:
    """Interleaved on the loop (each call suspends several times), never mixed up."""
    active = 0
    most_active = 0
    overlap: list[anyio.Event] = []  # made on the loop, by the first call

    async def echo(value: int) -> int:
        nonlocal active, most_active
        if not overlap:
            overlap.append(anyio.Event())
        active += 1
        most_active = max(most_active, active)
        if active > 1:
            overlap[0].set()
        try:
            if value == 0:
                await overlap[0].wait()  # held until another call runs beside it
            for _ in range(3):
                await anyio.lowlevel.checkpoint()
            if value % 7 == 0:
                raise Boom(value)
            return value
        finally:
            active -= 1

    def one(value: int) -> int | str:
        try:
            return LOOP.run(echo(value))
        except Boom as error:
            return f"boom {error.args[0]}"

    with ThreadPoolExecutor(max_workers=32) as pool:
        results = list(pool.map(one, range(640)))
    assert results == [f"boom {v}" if v % 7 == 0 else v for v in range(640)]
    assert most_active > 1  # the calls did overlap on the loop
    assert LOOP._running().in_flight == set()


def test_contextvars_cross_in_and_not_back() -> None:
    async def read_and_set() -> str:
        seen = marker.get()
        marker.set("set on the loop")
        return seen

    token = marker.set("caller")
    try:
        assert LOOP.run(read_and_set(), caller_context()) == "caller"
        assert marker.get() == "caller"  # the loop's change stays there
    finally:
        marker.reset(token)
    assert LOOP.run(read_and_set(), caller_context()) == "-"
    # Without a context (close(), iterator steps) the call sees none of the caller's.
    token = marker.set("caller")
    try:
        assert LOOP.run(read_and_set()) == "-"
    finally:
        marker.reset(token)


def test_shutdown_while_a_call_runs_raises_in_the_caller_and_a_new_loop_serves_next() -> None:
    entered = threading.Event()
    outcome: list[BaseException | None] = []

    async def hang() -> None:
        entered.set()
        await anyio.sleep_forever()

    def caller() -> None:
        try:
            LOOP.run(hang())
            outcome.append(None)
        except BaseException as error:
            outcome.append(error)

    first = LOOP._running().thread
    thread = threading.Thread(target=caller, daemon=True)
    thread.start()
    assert entered.wait(10)
    LOOP.shutdown()
    thread.join(10)
    assert len(outcome) == 1
    assert isinstance(outcome[0], RuntimeError)
    assert "shut down" in str(outcome[0])
    assert not first.is_alive()

    async def answer() -> int:
        return 42

    assert LOOP.run(answer()) == 42  # a fresh loop thread
    assert LOOP._running().thread is not first


def test_a_waiting_call_notices_a_loop_thread_that_died(monkeypatch: pytest.MonkeyPatch) -> None:
    """A call whose loop thread is gone raises within a wait slice instead of hanging."""
    monkeypatch.setattr(_loop, "_WAIT_SLICE", 0.01)
    dead = threading.Thread(target=lambda: None)
    dead.start()
    dead.join()
    runner = LOOP._running()

    async def never_run() -> None:
        raise AssertionError("not reached")

    coroutine = never_run()
    stale = _loop._Runner(runner.loop, runner.portal, dead)
    call = _loop._Call(coroutine, stale)
    with pytest.raises(RuntimeError, match="shut down"):
        call.block()
    call.abandon()  # the loop is gone: the unstarted coroutine is closed here
    assert coroutine.cr_frame is None


# -- call servers: tasks on the loop reused from call to call --------------------------


def test_sequential_calls_reuse_one_server_and_keep_their_own_contexts() -> None:
    async def read_then_set(value: str) -> str:
        seen = marker.get()
        marker.set(value)  # in this call's context copy only
        return seen

    runner = LOOP._running()
    LOOP.run(read_then_set("warm-up"))
    servers = set(runner.servers)
    seen = []
    for n in range(20):
        token = marker.set(f"caller {n}")
        try:
            seen.append(LOOP.run(read_then_set(f"inside {n}"), caller_context()))
        finally:
            marker.reset(token)
    assert seen == [f"caller {n}" for n in range(20)]  # never a previous call's value
    assert runner.servers == servers  # no new task per call


def test_a_burst_from_many_threads_leaves_a_bounded_number_of_parked_servers() -> None:
    release = LOOP.call(anyio.Event)  # made on the loop; set there below

    async def wait_for_release() -> None:
        await release.wait()

    runner = LOOP._running()
    threads = [
        threading.Thread(target=LOOP.run, args=(wait_for_release(),), daemon=True)
        for _ in range(_loop._IDLE_SERVERS + 16)
    ]
    for thread in threads:
        thread.start()
    LOOP.call(release.set)
    for thread in threads:
        thread.join(20)
    assert not any(thread.is_alive() for thread in threads)
    assert len(runner.idle) <= _loop._IDLE_SERVERS

    async def answer() -> int:
        return 7

    assert LOOP.run(answer()) == 7


def test_a_coroutine_raising_cancellation_itself_ends_its_server_not_the_loop() -> None:
    async def cancelled_inside() -> None:
        raise anyio.get_cancelled_exc_class()()

    with pytest.raises(RuntimeError):  # read as the loop cancelling it
        LOOP.run(cancelled_inside())

    async def answer() -> int:
        return 8

    assert LOOP.run(answer()) == 8


def test_a_parked_server_does_not_keep_the_last_result_alive() -> None:
    import gc
    import weakref

    class Big:
        pass

    async def make() -> Big:
        return Big()

    result = LOOP.run(make())
    alive = weakref.ref(result)
    del result
    gc.collect()
    assert alive() is None


def test_the_public_shutdown_stops_the_shared_thread_and_the_next_call_starts_one() -> None:
    import heygen_async

    async def answer() -> int:
        return 7

    assert LOOP.run(answer()) == 7
    first = LOOP._running().thread
    heygen_async.shutdown_sync_clients()
    assert not first.is_alive()
    assert LOOP.run(answer()) == 7
    assert LOOP._running().thread is not first
    assert "shutdown_sync_clients" in heygen_async.__all__
