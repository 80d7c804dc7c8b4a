"""Putting any client on a test's clock, however the test built it.

``FakeHeyGen.client(clock=...)`` covers clients of the fake; ``use_clock`` covers
the others: a client over respx mocks, another fake, or the one a factory made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .._clock import Clock

if TYPE_CHECKING:
    from .. import AsyncHeyGenClient, HeyGenClient

# Bound, not constrained: a subclass of either client comes back as itself.
AnyClient = TypeVar("AnyClient", bound="AsyncHeyGenClient | HeyGenClient")


def use_clock(client: AnyClient, clock: Clock) -> AnyClient:
    """Run ``client``'s time on ``clock`` and return ``client``.

    Every sleep and deadline of the SDK then goes through ``clock``: waits and
    their polling intervals, retry back-offs, ``Retry-After`` and rate-limit
    pauses, and the jitter drawn for them (``clock.uniform``). ``clock`` is a
    ``VirtualClock``, or your own subclass of ``Clock`` (override ``now``,
    ``sleep`` and, for exact delays, ``uniform``). ``client`` is an
    ``AsyncHeyGenClient`` or a ``HeyGenClient``; clients made from it afterwards
    with ``with_options`` run on the same clock (a ``HeyGenClient`` rebuilt after
    a fork or ``shutdown_sync_clients()`` is back on the loop's time: call it
    again). A copy made with ``with_options`` shares its rate limits and status
    poller with the client it came from (for the same account), so ``use_clock``
    on the copy puts that client, and its other copies, on ``clock`` too. Call it
    before the client's first request::

        clock = VirtualClock()
        async with use_clock(AsyncHeyGenClient(api_key=KEY), clock) as client:
            async with clock.running():
                status = await client.wait_for_video(video_id)  # no real waiting

    The fake's own clients take the clock directly: ``fake.client(clock=clock)``.
    """
    from .. import AsyncHeyGenClient, HeyGenClient

    if not isinstance(clock, Clock):
        raise TypeError(
            f"use_clock() takes a heygen_async.testing.Clock (e.g. a VirtualClock), "
            f"not {type(clock).__name__}: a ManualClock or a () -> float is the fake's "
            f"time, FakeHeyGen(clock=...)"
        )
    if isinstance(client, HeyGenClient):
        # The facade's async client lives on the facade's loop thread; the swap only
        # assigns attributes, so it is safe from here.
        client._async_client()._use_clock(clock)
    elif isinstance(client, AsyncHeyGenClient):
        client._use_clock(clock)
    else:
        raise TypeError(
            f"use_clock() takes an AsyncHeyGenClient or a HeyGenClient, not {type(client).__name__}"
        )
    return client


__all__ = ["Clock", "use_clock"]
