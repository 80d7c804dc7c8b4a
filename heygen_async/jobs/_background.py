"""Start a task that belongs to no caller's task group.

``generate_many`` is an async generator. A task group opened inside it would
stay open across every ``yield``, and that is a known trap: its cancel scope is
then entered in one task and may be exited in another (the task that finalises
an abandoned generator, or each ``__anext__`` call of the sync facade), which
anyio and trio reject, and a crash in a child would cancel the consumer's code
between iterations. So the bulk run lives in a background task of its own; the
generator only reads results from a stream and, when it is closed, cancels the
run and waits for it to finish.
"""

from __future__ import annotations

import contextvars
import math
from collections.abc import AsyncGenerator, Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import anyio
from anyio.abc import TaskGroup

from .._async_library import running_under_trio

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")

# asyncio keeps only weak references to tasks: hold them until they finish.
# (asyncio itself is imported on first use: importing the SDK does not need it.)
_ASYNCIO_TASKS: set[asyncio.Task[Any]] = set()


def start_background_task(fn: Callable[[], Awaitable[None]]) -> None:
    """Run ``fn()`` concurrently on the current event loop (asyncio or trio).

    ``fn`` must handle its own errors and cancellation (on trio it runs as a
    system task, which the run cancels when the main task ends).
    """
    if running_under_trio():
        import trio

        trio.lowlevel.spawn_system_task(fn, context=contextvars.copy_context())
        return

    import asyncio

    async def _run() -> None:
        await fn()

    task = asyncio.get_running_loop().create_task(_run())
    _ASYNCIO_TASKS.add(task)
    task.add_done_callback(_ASYNCIO_TASKS.discard)


class BackgroundRun(Generic[T]):
    """A run in a background task of its own, read through a stream of results.

    A subclass writes ``_run(group)``: it starts its work in ``group`` and sends
    each result with ``self._send.send_nowait``. An exception from it reaches the
    reader after the results sent before it; ``stop()`` cancels what still runs.
    """

    def __init__(self) -> None:
        # Unbounded: a result is small, and a full stream would make finished work
        # wait (holding render slots) for a slow reader.
        self._send, self.results = anyio.create_memory_object_stream[T](math.inf)
        self._scope: anyio.CancelScope | None = None
        self._stop_requested = False
        self._stopped = anyio.Event()
        self._failure: Exception | None = None

    async def _run(self, group: TaskGroup) -> None:
        raise NotImplementedError

    def start(self) -> None:
        start_background_task(self._main)

    async def stop(self) -> None:
        """Cancel whatever still runs and wait until it has stopped."""
        self._stop_requested = True
        if self._scope is not None:
            self._scope.cancel()
        with anyio.CancelScope(shield=True):
            await self._stopped.wait()
        self.results.close()

    def raise_failure(self) -> None:
        """Re-raise what ended the run early."""
        if self._failure is not None:
            raise self._failure

    async def _main(self) -> None:
        try:
            with anyio.CancelScope() as scope:
                self._scope = scope
                if self._stop_requested:
                    scope.cancel()
                async with anyio.create_task_group() as group:
                    await self._run(group)
        except Exception as exc:  # a bug (or the jobs iterable failing): to the reader
            self._failure = exc
        finally:
            self._send.close()
            self._stopped.set()


async def read_results(run: BackgroundRun[T]) -> AsyncGenerator[T, None]:
    """Start ``run`` and yield its results; leaving early (or cancelling) stops it."""
    run.start()
    try:
        async for result in run.results:
            yield result
        run.raise_failure()
    finally:
        await run.stop()
