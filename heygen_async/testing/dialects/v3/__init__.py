"""The v3 dialect (heygen-v3.md)."""

from __future__ import annotations

from ...account import Account
from ...server import MediaUrls, Request, Response, Route


class V3Dialect:
    def __init__(self, account: Account, media: MediaUrls, *, storage_origin: str | None) -> None:
        self._account = account

    def routes(self) -> list[Route]:
        return []

    def not_found(self, request: Request) -> Response | None:
        return None
