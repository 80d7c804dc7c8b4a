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
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from .._async_backend import running_under_trio

if TYPE_CHECKING:
    import asyncio

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
