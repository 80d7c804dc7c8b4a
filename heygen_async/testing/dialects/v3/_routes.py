"""How a v3 handler module declares its routes: ``api(method, path, endpoint, handler)``."""

from __future__ import annotations

from typing import Protocol

from ...server import Handler, Route


class RouteMaker(Protocol):
    """Makes the ``Route`` of one v3 operation (JSON wire, the dialect's body limit)."""

    def __call__(
        self,
        method: str,
        path: str,
        endpoint: str,
        handler: Handler,
        *,
        idempotent: bool = False,
        max_body: int = ...,
    ) -> Route: ...
