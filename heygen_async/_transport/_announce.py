"""Who hears, before each attempt of a billed create goes out, that it is about to.

The transport's retry loop calls the announcer of the current context (a context
variable, so it follows the one task that sends the create) right before each
attempt of a billed request is sent: after any pause and with its request slot
held, so nothing but the send itself comes after it. ``generate_many`` turns it
into its public ``JobSending`` event; a journal records "on the wire" there.

If the announcer raises, that attempt is not sent and the error ends the call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

CreateAnnouncer = Callable[[int, "str | None"], None]
"""Called with the attempt number (1 for the first send) and the idempotency key."""

CREATE_ANNOUNCER: ContextVar[CreateAnnouncer | None] = ContextVar(
    "heygen_create_announcer", default=None
)


@contextmanager
def announcing_creates(announcer: CreateAnnouncer) -> Iterator[None]:
    """Within this block, each attempt of a billed create calls ``announcer`` first."""
    token = CREATE_ANNOUNCER.set(announcer)
    try:
        yield
    finally:
        CREATE_ANNOUNCER.reset(token)


__all__ = ["CREATE_ANNOUNCER", "CreateAnnouncer", "announcing_creates"]
