"""The one background event-loop thread that every ``HeyGenClient`` runs its coroutines on.

Why one shared loop thread (see docs/sync.md):

- a new loop per call (``asyncio.run`` each time) would need a new httpx client per
  call (about 18 ms of SSL setup each), and a client reused across loops fails;
- a connection opened on one loop and reused on another hangs until its read
  timeout, so every loop-bound object (httpx pool, semaphores, events) is created
  on this loop and only used here;
- the calling thread never runs a loop, so the facade works where one is already
  running (Jupyter, a sync function called from async code).

A call is handed over leanly (``_Call``): the caller queues one callback with
``loop.call_soon_threadsafe`` and blocks on a plain lock that the call's task
releases, one wake-up each way. anyio's ``BlockingPortal.start_task_soon`` costs
two round trips per call (it blocks until the task is spawned, then for the
result), plus a ``concurrent.futures.Future`` and two cancel scopes; the portal
is kept for the rare work that needs it (iterators, shutdown).

The thread is a daemon started on first use. An ``atexit`` hook closes the pools
of the clients it built and stops it, so interpreter exit never waits on garbage
collection; ``os.register_at_fork`` forgets it in a forked child, whose first call
starts a fresh one (the parent's thread does not exist in the child).
"""

from __future__ import annotations

import atexit
import concurrent.futures
import contextlib
import contextvars
import math
import os
import sys
import threading
import weakref
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Generator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio
from anyio.abc import TaskStatus
from anyio.from_thread import BlockingPortal
from anyio.streams.memory import MemoryObjectSendStream

if TYPE_CHECKING:
    import asyncio

try:  # anyio detects the running library through sniffio when it is installed
    import sniffio
except ModuleNotFoundError:  # pragma: no cover - sniffio is optional for anyio
    sniffio = None  # type: ignore[assignment]

T = TypeVar("T")

# A waiting caller wakes up this often, so that Ctrl-C is delivered promptly even on
# platforms where a blocking lock wait cannot be interrupted by a signal.
_WAIT_SLICE = 0.1
# How long an interrupted caller waits for the cancelled task to unwind on the loop.
_CANCEL_GRACE = 5.0
# How long interpreter exit (or shutdown()) spends closing pools and stopping the loop.
_SHUTDOWN_GRACE = 2.0

_THREAD_NAME = "heygen-async-loop"
# Parked call servers kept for the next calls (about the callers' threads at once).
_IDLE_SERVERS = 32


def caller_context() -> contextvars.Context:
    """A copy of the calling thread's contextvars, for the task that runs on the loop.

    contextvars do not cross threads by themselves; copying them keeps logging
    context, tracing spans and the like visible inside the SDK's coroutines. The
    copy forgets which async library the caller runs (sniffio's variable), so anyio
    on the loop thread keeps detecting asyncio even when called from trio code.
    """
    context = contextvars.copy_context()
    if sniffio is not None and sniffio.current_async_library_cvar.get() is not None:
        context.run(sniffio.current_async_library_cvar.set, None)
    return context


class _InContext(Generic[T]):
    """Awaits ``awaitable`` while running each of its steps inside ``context``.

    The loop's task keeps its own context; only the wrapped awaitable (and every
    task it spawns, which copies the current context) sees the caller's variables.
    """

    __slots__ = ("_awaitable", "_context")

    def __init__(self, awaitable: Awaitable[T], context: contextvars.Context) -> None:
        self._awaitable = awaitable
        self._context = context

    def __await__(self) -> Generator[Any, Any, T]:
        steps, run = self._awaitable.__await__(), self._context.run
        to_send: Any = None
        to_throw: BaseException | None = None
        while True:
            try:
                if to_throw is None:
                    signal = run(steps.send, to_send)
                else:
                    signal = run(steps.throw, to_throw)
            except StopIteration as stop:
                result: T = stop.value
                return result
            try:
                to_send, to_throw = (yield signal), None
            except GeneratorExit:
                steps.close()
                raise
            except BaseException as exc:  # cancellation and the like go to the awaitable
                to_send, to_throw = None, exc


_PENDING, _RUNNING, _DONE = "pending", "running", "done"

_SHUT_DOWN = "the HeyGen event-loop thread shut down while this call was running"


class _Runner:
    """One generation of the loop thread, as callers reach it: its asyncio loop, the
    portal (for the rare work that needs one), and the calls running on it."""

    __slots__ = (
        "handle_context",
        "idle",
        "in_flight",
        "loop",
        "portal",
        "servers",
        "stopping",
        "thread",
    )

    def __init__(
        self, loop: asyncio.AbstractEventLoop, portal: BlockingPortal, thread: threading.Thread
    ) -> None:
        self.loop, self.portal, self.thread = loop, portal, thread
        # The (empty) context the hand-off's callbacks run in, and call servers inherit;
        # without it each callback would copy the caller's.
        self.handle_context = contextvars.Context()
        self.in_flight: set[_Call[Any]] = set()  # started, not over
        # Parked call servers (see _serve_calls), each waiting on its future for a call.
        self.idle: list[asyncio.Future[_Call[Any]]] = []
        # Strong references to the server tasks (asyncio keeps only weak ones).
        self.servers: set[asyncio.Task[None]] = set()
        self.stopping = False  # set on the loop thread by shutdown()


class _Call(Generic[T]):
    """One coroutine run on the loop for a blocked caller: the lean hand-off.

    The caller queues ``start`` with ``loop.call_soon_threadsafe`` (one wake-up of the
    loop thread) and blocks on ``done``, a plain lock that the loop thread releases
    once the call is over (one wake-up of the caller). ``start`` hands the call to a
    parked call server (``_serve_calls``), or starts one. Every change of ``state``
    happens on the loop thread, and loop callbacks run in the order they were queued,
    so a ``cancel`` queued by an interrupted caller always sees whether ``start``
    ran: the call is then cancelled, or dropped before it began, never left behind.
    """

    __slots__ = (
        "cancel_requested",
        "context",
        "coroutine",
        "done",
        "error",
        "result",
        "runner",
        "scope",
        "state",
    )

    def __init__(
        self,
        coroutine: Coroutine[Any, Any, T],
        runner: _Runner,
        context: contextvars.Context | None = None,
    ) -> None:
        self.coroutine = coroutine
        self.runner = runner
        # Without the caller's context (close(), iterator steps): an empty one.
        self.context = contextvars.Context() if context is None else context
        self.state = _PENDING
        self.cancel_requested = False
        self.scope: anyio.CancelScope | None = None  # its server's, while it runs
        self.result: T | None = None
        self.error: BaseException | None = None
        self.done = threading.Lock()
        self.done.acquire()  # released by the loop thread when the call is over

    # -- on the loop thread ---------------------------------------------------------

    def start(self) -> None:
        """Queued by the caller: hand the call to a parked server, or start one."""
        if self.state is not _PENDING:  # pragma: no cover - cancel runs after start
            return
        runner = self.runner
        if runner.stopping:  # shutdown() began: nothing new starts on this loop
            self._finish_unstarted()
            return
        self.state = _RUNNING
        runner.in_flight.add(self)
        idle = runner.idle
        while idle:
            waiter = idle.pop()
            if not waiter.done():  # a parked server (not one cancelled at shutdown)
                waiter.set_result(self)
                return
        task = runner.loop.create_task(_serve_calls(self))
        runner.servers.add(task)
        task.add_done_callback(runner.servers.discard)

    def cancel(self) -> None:
        """Queued by an interrupted caller, always after ``start`` if that was queued."""
        self.cancel_requested = True
        if self.state is _PENDING:  # the submission never reached the loop
            self._finish_unstarted()
        elif self.state is _RUNNING:
            if self.scope is not None:  # otherwise the first step sees cancel_requested
                self.scope.cancel()
        elif self.done.locked():  # over, and the caller took ``done`` before its interrupt
            self.done.release()

    def _finish_unstarted(self) -> None:
        self.coroutine.close()  # never started: no "never awaited" warning
        self.error = RuntimeError(_SHUT_DOWN)  # seen only by a caller still waiting
        self._finish()

    def _finish(self) -> None:
        self.state = _DONE
        self.runner.in_flight.discard(self)
        self.done.release()

    # -- in the caller's thread -------------------------------------------------------

    def block(self) -> None:
        """Wait until the call is over. Raises only what interrupts the wait."""
        acquire, thread = self.done.acquire, self.runner.thread
        # Sliced so that Ctrl-C is delivered even where a lock wait is not interruptible.
        while not acquire(True, _WAIT_SLICE):
            if not thread.is_alive() and not acquire(False):
                raise RuntimeError(_SHUT_DOWN)

    def outcome(self) -> T:
        """The call's result, or its error raised here (after ``block``)."""
        error = self.error
        if error is None:
            return self.result  # type: ignore[return-value]  # set when there is no error
        self.error = None  # no reference cycle through the traceback
        if isinstance(error, _cancelled_error()):  # the loop cancelled it at shutdown
            raise RuntimeError(_SHUT_DOWN) from None
        try:
            raise error
        finally:
            del error

    def abandon(self) -> None:
        """The caller was interrupted (before, during or after submitting): cancel the
        call on the loop and give it a moment to unwind, so nothing runs behind it."""
        self.cancel_requested = True
        runner = self.runner
        try:
            if not runner.thread.is_alive():
                raise RuntimeError("the loop thread is gone")
            runner.loop.call_soon_threadsafe(self.cancel, context=runner.handle_context)
        except RuntimeError:  # the loop is closed: nothing runs there any more
            if self.state is _PENDING:
                self.coroutine.close()
            return
        self.done.acquire(True, _CANCEL_GRACE)


async def _serve_calls(call: _Call[Any]) -> None:
    """A call server: a task on the loop that runs calls one after another, parked on
    a future between them, inside one cancel scope that cancelling its current call
    cancels (the server then ends). Reusing servers spares each call a new task and
    a new cancel scope; anyio's scope is kept because it respects shielded cleanup,
    which a bare ``task.cancel()`` interrupts.

    Each call's steps run in the caller's context (``_InContext``), so the server's
    own context never changes.
    """
    runner = call.runner
    idle = runner.idle
    with anyio.CancelScope() as scope:
        while True:
            call.scope = scope
            cancelled = False
            try:
                if call.cancel_requested:  # its caller gave up before it began
                    call.coroutine.close()
                    call.error = RuntimeError(_SHUT_DOWN)
                else:
                    call.result = await _InContext(call.coroutine, call.context)
            except GeneratorExit:  # the server itself is being closed
                call.error = RuntimeError(_SHUT_DOWN)
                raise
            except BaseException as exc:  # handed to the caller, whatever it is
                call.error = exc
                cancelled = isinstance(exc, _cancelled_error())
            finally:
                call._finish()
            # A cancelled server ends (its scope stays cancelled; a native cancel must
            # end the task); so do servers beyond what a burst of callers needs.
            if cancelled or scope.cancel_called or runner.stopping:
                return
            if len(idle) >= _IDLE_SERVERS:
                return
            waiter: asyncio.Future[_Call[Any]] = runner.loop.create_future()
            idle.append(waiter)
            del call  # a parked server holds no result (a downloaded video, say)
            call = await waiter


def _cancelled_error() -> type[BaseException]:
    import asyncio  # loaded by then: the loop runs on asyncio

    return asyncio.CancelledError


async def _call_sync(function: Callable[..., T], args: tuple[Any, ...]) -> T:
    return function(*args)


class _Outcome:
    __slots__ = ("error", "finished", "item")

    def __init__(
        self, item: Any = None, error: BaseException | None = None, finished: bool = False
    ) -> None:
        self.item = item
        self.error = error
        self.finished = finished


class _IteratorOwner(Generic[T]):
    """Runs one async iterator inside ONE task on the loop and hands out its items.

    Each ``next()`` of the sync iterator is its own short portal task, but the async
    generator must stay in a single task: a task group or cancel scope that it opens
    (``generate_many`` does) has to be exited by the task that entered it. The owner
    pulls exactly one item per request, like ``async for`` would.
    """

    def __init__(self, iterator: AsyncIterator[T], context: contextvars.Context) -> None:
        self._iterator = iterator
        self._context = context
        self._requests: MemoryObjectSendStream[MemoryObjectSendStream[_Outcome]] | None = None
        self._done: anyio.Event | None = None

    async def serve(self, *, task_status: TaskStatus[None]) -> None:
        send, requests = anyio.create_memory_object_stream[MemoryObjectSendStream[_Outcome]](
            math.inf
        )
        self._requests, self._done = send, anyio.Event()
        task_status.started()
        try:
            with requests:
                async for reply in requests:
                    with reply:
                        outcome = await self._next_outcome()
                        reply.send_nowait(outcome)
                    if outcome.error is not None or outcome.finished:
                        return
        finally:
            try:
                aclose = getattr(self._iterator, "aclose", None)
                if aclose is not None:
                    # Shielded so a cancelled owner still runs the iterator's cleanup,
                    # bounded so a stuck cleanup cannot hold the loop forever.
                    deadline = anyio.current_time() + _CANCEL_GRACE
                    with anyio.CancelScope(shield=True, deadline=deadline):
                        await _InContext(aclose(), self._context)
            finally:
                self._done.set()

    async def _next_outcome(self) -> _Outcome:
        try:
            return _Outcome(await _InContext(self._iterator.__anext__(), self._context))
        except StopAsyncIteration:
            return _Outcome(finished=True)
        except anyio.get_cancelled_exc_class():
            raise
        except BaseException as exc:
            return _Outcome(error=exc)

    async def next_outcome(self) -> _Outcome:
        assert self._requests is not None
        reply, outcome = anyio.create_memory_object_stream[_Outcome](1)
        with outcome:
            try:
                self._requests.send_nowait(reply)
            except (anyio.BrokenResourceError, anyio.ClosedResourceError):
                return _Outcome(finished=True)
            try:
                return await outcome.receive()
            except anyio.EndOfStream:  # the owner stopped (cancelled) without an answer
                return _Outcome(finished=True)

    def abandon(self) -> None:
        """Let a started owner finish (it closes the iterator); runs on the loop."""
        if self._requests is not None:
            self._requests.close()

    async def aclose(self) -> None:
        """Close the async iterator (in its own task) and wait until it is closed."""
        assert self._requests is not None
        assert self._done is not None
        self._requests.close()
        await self._done.wait()


class LoopThread:
    """The process-wide loop thread: started lazily, stopped at exit, reset on fork."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Held while a client (re)builds its async client; re-entrant because a
        # derived client (with_options) rebuilds its parent first.
        self.build_lock = threading.RLock()
        self._runner: _Runner | None = None
        # Bumped whenever the loop is replaced (fork, shutdown): clients built on an
        # older generation rebuild their async client on the new loop.
        self.generation = 0
        self._built: weakref.WeakSet[Any] = weakref.WeakSet()

    # -- the thread --------------------------------------------------------------

    @property
    def _portal(self) -> BlockingPortal | None:
        runner = self._runner
        return None if runner is None else runner.portal

    def in_loop_thread(self) -> bool:
        runner = self._runner
        return runner is not None and runner.thread.ident == threading.get_ident()

    def _running(self) -> _Runner:
        """The running loop thread, started on first use."""
        runner = self._runner
        if runner is not None:
            if runner.thread.ident == threading.get_ident():
                raise RuntimeError(
                    "HeyGenClient was called from its own event-loop thread (from code "
                    "running inside the SDK's loop), where blocking would deadlock. In "
                    "async code use AsyncHeyGenClient and await its methods."
                )
            return runner
        with self._lock:
            if self._runner is None:
                self._runner = self._start()
            return self._runner

    def portal(self) -> BlockingPortal:
        """The running portal, starting the thread on first use."""
        return self._running().portal

    def _start(self) -> _Runner:
        ready: concurrent.futures.Future[_Runner] = concurrent.futures.Future()
        # From Python 3.14 a thread may inherit the starter's context; the loop must
        # not inherit a caller's async-library marker, so give it an empty one.
        options: dict[str, Any] = {}
        if sys.version_info >= (3, 14):  # pragma: no cover - depends on the interpreter
            options["context"] = contextvars.Context()
        thread = threading.Thread(
            target=self._serve, args=(ready,), name=_THREAD_NAME, daemon=True, **options
        )
        thread.start()
        return ready.result()

    @staticmethod
    def _serve(ready: concurrent.futures.Future[_Runner]) -> None:
        import asyncio  # here, not at import: importing the SDK does not load asyncio

        async def main() -> None:
            async with BlockingPortal() as portal:
                loop = asyncio.get_running_loop()
                ready.set_result(_Runner(loop, portal, threading.current_thread()))
                await portal.sleep_until_stopped()

        try:
            anyio.run(main, backend="asyncio")
        except BaseException as exc:  # pragma: no cover - the loop failed to start
            if not ready.done():
                ready.set_exception(exc)

    def shutdown(self, timeout: float = _SHUTDOWN_GRACE) -> None:
        """Close the pools of the clients built on the loop, then stop the thread.

        Registered with ``atexit``. Clients used afterwards start a new thread and
        rebuild their connection pool there. Calls still running are cancelled; their
        callers get ``RuntimeError``.
        """
        with self._lock:
            runner = self._runner
            built = list(self._built)
            self._runner = None
            self._built = weakref.WeakSet()
            self.generation += 1
        if runner is None:
            return
        if runner.thread.ident == threading.get_ident():
            raise RuntimeError("shutdown() cannot be called from the HeyGen event-loop thread")
        portal = runner.portal

        async def close_all() -> None:
            with anyio.move_on_after(timeout):
                for client in built:
                    await client.aclose()

        def stop_calls() -> None:
            runner.stopping = True  # calls queued from now on are refused
            for call in list(runner.in_flight):
                call.cancel()

        try:
            portal.call(close_all)
            portal.call(stop_calls)
            portal.call(portal.stop, True)
        except Exception:  # the loop is already gone: nothing left to close
            pass
        runner.thread.join(timeout)

    def after_fork_in_child(self) -> None:
        """The parent's loop thread does not exist in a forked child: forget it."""
        self._lock = threading.Lock()
        self.build_lock = threading.RLock()
        self._runner = None
        # The parent's clients share sockets with the parent: never close them here.
        self._built = weakref.WeakSet()
        self.generation += 1

    # -- running work ------------------------------------------------------------

    def run(
        self, coroutine: Coroutine[Any, Any, T], context: contextvars.Context | None = None
    ) -> T:
        """Run ``coroutine`` on the loop (in ``context``) and block for its result.

        An interrupt of the waiting caller, at any moment, cancels the task on the
        loop (or drops the coroutine if it had not started).
        """
        try:
            runner = self._running()
        except BaseException:
            coroutine.close()  # never submitted: avoid a "never awaited" warning
            raise
        call = _Call(coroutine, runner, context)
        try:
            runner.loop.call_soon_threadsafe(call.start, context=runner.handle_context)
            call.block()
        except BaseException:
            # KeyboardInterrupt, a Celery soft time limit, any exception a signal
            # handler raises in the caller, a loop that shut down: stop the work on the
            # loop too (wherever the interrupt landed), then let it propagate.
            call.abandon()
            raise
        return call.outcome()

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Run a plain function on the loop thread (to build loop-bound objects there)."""
        return self.run(_call_sync(function, args), caller_context())

    def adopt(self, client: Any) -> None:
        """Remember an async client built on this loop, to close its pool at exit."""
        with self._lock:
            self._built.add(client)

    def iterate(
        self, iterator: AsyncIterator[T], context: contextvars.Context
    ) -> Generator[T, None, None]:
        """A plain iterator over ``iterator``, whose items are produced on the loop.

        Breaking out of the loop, ``close()``, exhausting it or garbage collection
        closes the async iterator on the loop; an interrupt cancels it.
        """
        portal = self.portal()
        owner: _IteratorOwner[T] = _IteratorOwner(iterator, context)
        try:
            owner_task, _ = portal.start_task(owner.serve)
        except BaseException:  # interrupted while starting: stop an owner that started
            with contextlib.suppress(Exception):
                portal.call(owner.abandon)
            raise
        graceful = True
        try:
            while True:
                outcome = self.run(owner.next_outcome())
                if outcome.error is not None:
                    raise outcome.error
                if outcome.finished:
                    return
                yield outcome.item
        except GeneratorExit:  # close(), break, garbage collection
            raise
        except BaseException:
            graceful = False
            raise
        finally:
            if not graceful or self.in_loop_thread() or self._portal is not portal:
                # Interrupted, collected on the loop thread itself, or the loop is gone:
                # cancel the owner task (it closes the iterator) without waiting.
                owner_task.cancel()
            else:
                try:
                    self.run(owner.aclose())
                except BaseException:
                    owner_task.cancel()
                    raise


LOOP = LoopThread()
atexit.register(LOOP.shutdown)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=LOOP.after_fork_in_child)


def shutdown_sync_clients(timeout: float = _SHUTDOWN_GRACE) -> None:
    """Close every pool the sync clients (``HeyGenClient``) opened and stop the
    background thread they share.

    Runs by itself at interpreter exit. Call it to release the thread earlier (a
    long-lived process that is done with HeyGen); clients used later start a new
    thread and a new connection pool::

        from heygen_async import HeyGenClient, shutdown_sync_clients

        with HeyGenClient() as client:
            client.list_voices()
        shutdown_sync_clients()  # the thread stops now, not at exit
    """
    LOOP.shutdown(timeout)


shutdown = shutdown_sync_clients  # the name the SDK's own modules and tests use
