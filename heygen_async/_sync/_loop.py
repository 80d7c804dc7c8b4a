"""The one background event-loop thread that every ``HeyGenClient`` runs its coroutines on.

Why one shared thread with an anyio ``BlockingPortal`` (see docs/sync.md):

- a new loop per call (``asyncio.run`` each time) would need a new httpx client per
  call (about 18 ms of SSL setup each), and a client reused across loops fails;
- a connection opened on one loop and reused on another hangs until its read
  timeout, so every loop-bound object (httpx pool, semaphores, events) is created
  on this loop and only used here;
- the calling thread never runs a loop, so the facade works where one is already
  running (Jupyter, a sync function called from async code).

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
from typing import Any, Generic, TypeVar

import anyio
from anyio.abc import TaskStatus
from anyio.from_thread import BlockingPortal
from anyio.streams.memory import MemoryObjectSendStream

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


def caller_context() -> contextvars.Context:
    """A copy of the calling thread's contextvars, for the task that runs on the loop.

    contextvars do not cross threads by themselves; copying them keeps logging
    context, tracing spans and the like visible inside the SDK's coroutines. The
    copy forgets which async library the caller runs (sniffio's variable), so anyio
    on the loop thread keeps detecting asyncio even when called from trio code.
    """
    context = contextvars.copy_context()
    if sniffio is not None:
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


class _EscapedBaseException(Exception):
    """Carries a BaseException (not a cancellation) out of a portal task.

    The portal re-raises non-``Exception`` errors into its own task group, which
    would stop the loop thread that every client shares.
    """

    def __init__(self, original: BaseException) -> None:
        super().__init__(repr(original))
        self.original = original


class _Call:
    """One submitted coroutine, as both threads see it: lets the caller cancel it at
    any moment, including while the submission itself is being interrupted."""

    __slots__ = ("cancel_requested", "finished", "scope", "started")

    def __init__(self) -> None:
        self.started = False  # set on the loop by the task's first step
        self.cancel_requested = False  # set by the caller
        self.scope: anyio.CancelScope | None = None
        self.finished = threading.Event()

    def cancel_on_loop(self) -> None:
        self.cancel_requested = True
        if self.scope is not None:
            self.scope.cancel()

    def abandon(self, portal: BlockingPortal, coroutine: Coroutine[Any, Any, Any]) -> None:
        """The caller was interrupted while submitting: the task may or may not exist.

        Loop callbacks run in order, so once ``cancel_on_loop`` has run, a task that
        was spawned has taken its first step: ``started`` tells which case this is.
        """
        self.cancel_requested = True
        with contextlib.suppress(Exception):  # a loop that is gone runs nothing
            portal.call(self.cancel_on_loop)
        if self.started:
            self.finished.wait(_CANCEL_GRACE)
        else:
            coroutine.close()


async def _drive(
    coroutine: Coroutine[Any, Any, T], context: contextvars.Context | None, call: _Call
) -> T | None:
    call.started = True
    try:
        if call.cancel_requested:  # the caller gave up before this task began
            coroutine.close()
            return None
        with anyio.CancelScope() as call.scope:
            if context is None:
                return await coroutine
            return await _InContext(coroutine, context)
        return None  # cancelled through call.scope: nobody waits for a result
    except anyio.get_cancelled_exc_class():
        raise
    except Exception:
        raise
    except BaseException as exc:
        raise _EscapedBaseException(exc) from None
    finally:
        call.finished.set()


async def _call_sync(function: Callable[..., T], args: tuple[Any, ...]) -> T:
    return function(*args)


def _wait(future: concurrent.futures.Future[T | None], call: _Call) -> T:
    """The task's result, waiting so that an interrupt of the caller cancels the task."""
    try:
        while True:
            try:
                error = future.exception(timeout=_WAIT_SLICE)
                break
            except concurrent.futures.TimeoutError:  # only the wait slice: result pending
                continue
    except concurrent.futures.CancelledError:
        raise RuntimeError(
            "the HeyGen event-loop thread shut down while this call was running"
        ) from None
    except BaseException:
        # KeyboardInterrupt, a Celery soft time limit, any exception a signal handler
        # raises in the caller: stop the work on the loop too, then let it propagate.
        call.cancel_requested = True
        if future.cancel():
            call.finished.wait(_CANCEL_GRACE)
        raise
    if error is None:
        return future.result()  # type: ignore[return-value]  # None only when abandoned
    if isinstance(error, _EscapedBaseException):
        raise error.original
    raise error


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
        self._portal: BlockingPortal | None = None
        self._thread: threading.Thread | None = None
        # Bumped whenever the loop is replaced (fork, shutdown): clients built on an
        # older generation rebuild their async client on the new loop.
        self.generation = 0
        self._built: weakref.WeakSet[Any] = weakref.WeakSet()

    # -- the thread --------------------------------------------------------------

    def in_loop_thread(self) -> bool:
        thread = self._thread
        return thread is not None and thread.ident == threading.get_ident()

    def portal(self) -> BlockingPortal:
        """The running portal, starting the thread on first use."""
        if self.in_loop_thread():
            raise RuntimeError(
                "HeyGenClient was called from its own event-loop thread (from code "
                "running inside the SDK's loop), where blocking would deadlock. In async "
                "code use AsyncHeyGenClient and await its methods."
            )
        portal = self._portal
        if portal is not None:
            return portal
        with self._lock:
            if self._portal is None:
                self._start()
            assert self._portal is not None
            return self._portal

    def _start(self) -> None:
        ready: concurrent.futures.Future[BlockingPortal] = concurrent.futures.Future()
        # From Python 3.14 a thread may inherit the starter's context; the loop must
        # not inherit a caller's async-library marker, so give it an empty one.
        options: dict[str, Any] = {}
        if sys.version_info >= (3, 14):  # pragma: no cover - depends on the interpreter
            options["context"] = contextvars.Context()
        thread = threading.Thread(
            target=self._serve, args=(ready,), name=_THREAD_NAME, daemon=True, **options
        )
        thread.start()
        self._portal = ready.result()
        self._thread = thread

    @staticmethod
    def _serve(ready: concurrent.futures.Future[BlockingPortal]) -> None:
        async def main() -> None:
            async with BlockingPortal() as portal:
                ready.set_result(portal)
                await portal.sleep_until_stopped()

        try:
            anyio.run(main, backend="asyncio")
        except BaseException as exc:  # pragma: no cover - the loop failed to start
            if not ready.done():
                ready.set_exception(exc)

    def shutdown(self, timeout: float = _SHUTDOWN_GRACE) -> None:
        """Close the pools of the clients built on the loop, then stop the thread.

        Registered with ``atexit``. Clients used afterwards start a new thread and
        rebuild their connection pool there.
        """
        with self._lock:
            portal, thread = self._portal, self._thread
            built = list(self._built)
            self._portal, self._thread = None, None
            self._built = weakref.WeakSet()
            self.generation += 1
        if portal is None or thread is None:
            return
        if thread.ident == threading.get_ident():
            raise RuntimeError("shutdown() cannot be called from the HeyGen event-loop thread")

        async def close_all() -> None:
            with anyio.move_on_after(timeout):
                for client in built:
                    await client.aclose()

        try:
            portal.call(close_all)
            portal.call(portal.stop, True)
        except Exception:  # the loop is already gone: nothing left to close
            pass
        thread.join(timeout)

    def after_fork_in_child(self) -> None:
        """The parent's loop thread does not exist in a forked child: forget it."""
        self._lock = threading.Lock()
        self.build_lock = threading.RLock()
        self._portal, self._thread = None, None
        # The parent's clients share sockets with the parent: never close them here.
        self._built = weakref.WeakSet()
        self.generation += 1

    # -- running work ------------------------------------------------------------

    def run(
        self, coroutine: Coroutine[Any, Any, T], context: contextvars.Context | None = None
    ) -> T:
        """Run ``coroutine`` on the loop (in ``context``) and block for its result.

        An interrupt of the waiting caller cancels the task on the loop.
        """
        try:
            portal = self.portal()
        except BaseException:
            coroutine.close()  # never submitted: avoid a "never awaited" warning
            raise
        call = _Call()
        try:
            future: concurrent.futures.Future[T | None] = portal.start_task_soon(
                _drive, coroutine, context, call
            )
        except RuntimeError:  # the portal stopped: nothing was spawned
            coroutine.close()
            raise
        except BaseException:  # interrupted while submitting
            call.abandon(portal, coroutine)
            raise
        return _wait(future, call)

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


def shutdown(timeout: float = _SHUTDOWN_GRACE) -> None:
    """Close every pool the sync clients opened and stop the shared loop thread.

    Runs by itself at interpreter exit. Call it to release the thread earlier (a
    long-lived process that is done with HeyGen); clients used later start a new
    thread and a new connection pool.
    """
    LOOP.shutdown(timeout)
