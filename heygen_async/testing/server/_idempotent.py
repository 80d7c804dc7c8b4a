"""One request's ``Idempotency-Key`` on its way through the pipeline.

Claimed as soon as the request arrives (so a repeat during a stall sees it in
flight), answered from the store without the handler when it is malformed,
busy or a replay, kept when the handler succeeds, released otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..account import Account, Claim, IdempotencyStore, RecordedResponse
from ._asgi import Request, Response
from ._routing import Route


@dataclass
class KeyedRequest:
    """The key a request carries (``key`` None: none, or the route ignores keys)."""

    store: IdempotencyStore
    scope: tuple[str, str]
    key: str | None
    claim: Claim | None
    kept: bool = False

    @classmethod
    def arrive(cls, route: Route, request: Request, account: Account) -> KeyedRequest:
        store = account.idempotency
        scope = (route.method, request.path)
        key = request.headers.get("idempotency-key") if route.idempotent else None
        claim = None
        if key is not None and store.valid_key(key):
            claim = store.claim(scope, key, account.time.now())
        return cls(store, scope, key, claim)

    @property
    def owned(self) -> bool:
        """This request claimed the key first: its answer is the one to keep."""
        return self.claim is not None and self.claim.kind == "new"

    def answer(self, route: Route, account: Account) -> Response | None:
        """The answer due without running the handler, if any."""
        if self.key is None:
            return None
        if self.claim is None:
            return route.wire.core_error(
                "invalid_idempotency_key",
                "Idempotency-Key must be 1-255 characters of A-Z a-z 0-9 _ - : .",
            )
        if self.claim.kind == "busy":
            account.counters.idempotency_conflicts[route.endpoint] += 1
            return route.wire.core_error(
                "request_in_progress",
                "A request with this Idempotency-Key is still being processed",
            )
        if self.claim.response is not None:
            account.counters.idempotent_replays[route.endpoint] += 1
            record = self.claim.response
            return Response(record.status, record.body, record.content_type, list(record.headers))
        return None

    def keep(self, response: Response) -> None:
        """Keep a successful answer for replay (failures leave the key free)."""
        if self.owned and self.key is not None and 200 <= response.status < 300:
            record = RecordedResponse(
                response.status, response.body, response.content_type, tuple(response.headers)
            )
            self.store.complete(self.scope, self.key, record)
            self.kept = True

    def close(self) -> None:
        """Release a claim that produced nothing to replay (error, fault, cancel)."""
        if self.owned and self.key is not None and not self.kept:
            self.store.release(self.scope, self.key)
