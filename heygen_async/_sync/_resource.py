"""A sync view of an async resource object (``client.webhooks`` and its parts).

Its coroutine methods block on the facade's loop thread; attributes that are
resources themselves are wrapped the same way; anything else is returned as is.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from ._loop import LOOP, caller_context


class SyncResource:
    """``target``'s methods, run for you: ``client.webhooks.endpoints.create(url=...)``."""

    def __init__(self, target: object) -> None:
        self._target = target

    def __repr__(self) -> str:
        return f"SyncResource({type(self._target).__name__})"

    def __dir__(self) -> list[str]:
        return [name for name in dir(self._target) if not name.startswith("_")]

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if name.startswith("_"):
            return value
        if inspect.iscoroutinefunction(value):

            @functools.wraps(value)
            def blocking(*args: Any, **kwargs: Any) -> Any:
                return LOOP.run(value(*args, **kwargs), caller_context())

            return blocking
        if type(value).__module__.startswith("heygen_async.") and type(value).__name__.startswith(
            "Webhook"
        ):
            return SyncResource(value)
        return value
