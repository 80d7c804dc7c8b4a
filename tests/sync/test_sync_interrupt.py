"""Ctrl-C (or any exception a signal raises) in the caller cancels the task on the loop."""

from __future__ import annotations

import _thread
import inspect
import signal
import threading
from collections.abc import Callable, Iterator
from typing import Any

import anyio
import httpx
import pytest
import respx

from heygen_async import HeyGenClient

from .conftest import API_KEY, API_VERSION, ASSETS_URL, STATUS_URL, status_body

pytestmark = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(),
    reason="signals are delivered to the main thread",
)


class HangingRoute:
    """A respx side effect that blocks forever on the loop and records its cancellation."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.cancelled = threading.Event()

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.entered.set()
        try:
            await anyio.Event().wait()  # never set
        except anyio.get_cancelled_exc_class():
            self.cancelled.set()
            raise
        raise AssertionError("unreachable")


def _when_entered(route: HangingRoute, action: Callable[[], None]) -> threading.Thread:
    def run() -> None:
        if route.entered.wait(10):
            action()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def hanging() -> Iterator[tuple[HeyGenClient, HangingRoute]]:
    route = HangingRoute()
    with respx.mock(assert_all_called=False) as router:
        router.get(STATUS_URL).mock(side_effect=route)
        router.get(ASSETS_URL).mock(side_effect=route)
        with HeyGenClient(API_KEY, api_version=API_VERSION) as client:
            yield client, route


def test_keyboard_interrupt_cancels_the_running_call(
    hanging: tuple[HeyGenClient, HangingRoute],
) -> None:
    client, route = hanging
    _when_entered(route, _thread.interrupt_main)  # what Ctrl-C does
    with pytest.raises(KeyboardInterrupt):
        client.get_video_status("v1")
    assert route.cancelled.is_set()  # the in-loop task was cancelled, not left running


def test_keyboard_interrupt_cancels_an_iteration(
    hanging: tuple[HeyGenClient, HangingRoute],
) -> None:
    client, route = hanging
    assets = client.iter_assets()
    _when_entered(route, _thread.interrupt_main)
    with pytest.raises(KeyboardInterrupt):
        next(assets)
    assert route.cancelled.wait(5)
    assert list(assets) == []  # the interrupted iterator is finished


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="POSIX interval timers")
def test_a_timeout_raised_in_the_caller_cancels_the_call(
    hanging: tuple[HeyGenClient, HangingRoute],
) -> None:
    """A caller-side deadline (Celery's soft time limit works this way) cancels too."""
    client, route = hanging

    class SoftTimeLimitExceeded(Exception):
        pass

    def on_alarm(signum: int, frame: Any) -> None:
        raise SoftTimeLimitExceeded

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        _when_entered(route, lambda: signal.setitimer(signal.ITIMER_REAL, 0.01))
        with pytest.raises(SoftTimeLimitExceeded):
            client.get_video_status("v1")
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert route.cancelled.is_set()


def test_the_client_works_after_an_interrupt() -> None:
    route = HangingRoute()
    with respx.mock(assert_all_called=False) as router:
        router.get(STATUS_URL, params={"video_id": "hang"}).mock(side_effect=route)
        router.get(STATUS_URL).mock(return_value=httpx.Response(200, json=status_body("ok")))
        with HeyGenClient(API_KEY, api_version=API_VERSION) as client:
            _when_entered(route, _thread.interrupt_main)
            with pytest.raises(KeyboardInterrupt):
                client.get_video_status("hang")
            assert client.get_video_status("ok").video_id == "ok"


@pytest.mark.filterwarnings("error::RuntimeWarning")  # "coroutine ... was never awaited"
@pytest.mark.parametrize("queued", [False, True], ids=["before-queueing", "after-queueing"])
def test_an_interrupt_while_submitting_leaves_no_task_behind(
    monkeypatch: pytest.MonkeyPatch, queued: bool
) -> None:
    """The race the wait loop cannot see: Ctrl-C lands inside the hand-off itself,
    before or after the call's callback reached the loop."""
    from heygen_async._sync._loop import LOOP

    loop = LOOP._running().loop
    original = loop.call_soon_threadsafe
    ran: list[str] = []

    def interrupted(callback: Any, *args: Any, **kwargs: Any) -> Any:
        monkeypatch.undo()  # one Ctrl-C: the cancellation goes through unpatched
        if queued:
            original(callback, *args, **kwargs)
        raise KeyboardInterrupt

    async def work() -> None:
        ran.append("started")
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            ran.append("cancelled")
            raise

    coroutine = work()
    monkeypatch.setattr(loop, "call_soon_threadsafe", interrupted)
    with pytest.raises(KeyboardInterrupt):
        LOOP.run(coroutine)
    assert inspect.getcoroutinestate(coroutine) == inspect.CORO_CLOSED
    # Dropped before its first step, or started and cancelled: never left running.
    assert ran in ([], ["started", "cancelled"])
    if not queued:
        assert ran == []
    assert LOOP._running().in_flight == set()


def test_an_interrupt_right_after_the_result_arrived_does_not_wait(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Ctrl-C landing after the wait returned: the finished call is not waited for
    again (the cancellation finds it over and lets the caller go at once)."""
    from heygen_async._sync import _loop

    original = _loop._Call.block

    def block_then_interrupt(self: Any) -> None:
        original(self)
        raise KeyboardInterrupt

    async def answer() -> str:
        return "done"

    monkeypatch.setattr(_loop._Call, "block", block_then_interrupt)
    monkeypatch.setattr(_loop, "_CANCEL_GRACE", 600.0)  # a wrong wait hangs the test
    with pytest.raises(KeyboardInterrupt):
        _loop.LOOP.run(answer())
    monkeypatch.undo()
    assert _loop.LOOP.run(answer()) == "done"


def test_interrupted_calls_from_many_threads_all_unwind(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many threads interrupted mid-call at once (as a signal handler raising in each
    waiting caller would): every task on the loop is cancelled, none is left behind."""
    from heygen_async._sync import _loop

    class Interrupt(Exception):
        pass

    def interrupted_once_running(self: Any) -> None:
        while not self.done.acquire(True, 0.01):
            if self.scope is not None:  # the coroutine runs on the loop: interrupt now
                raise Interrupt
        raise AssertionError("the call finished before it was interrupted")

    cancelled: list[int] = []

    async def hang(number: int) -> None:
        try:
            await anyio.sleep_forever()
        except anyio.get_cancelled_exc_class():
            cancelled.append(number)  # on the loop thread only
            raise

    def caller(number: int) -> None:
        with pytest.raises(Interrupt):
            _loop.LOOP.run(hang(number))

    monkeypatch.setattr(_loop._Call, "block", interrupted_once_running)
    threads = [threading.Thread(target=caller, args=(n,), daemon=True) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert not any(thread.is_alive() for thread in threads)
    assert sorted(cancelled) == list(range(16))  # each caller waited for its unwinding
    assert _loop.LOOP._running().in_flight == set()
