"""Webhooks: verify and read HeyGen's deliveries, and let them finish your waits.

::

    from heygen_async import webhooks

    event = webhooks.unwrap(body, headers, secret)   # verify + parse, or raise
    webhooks.verify(body, headers, secret)           # WebhookVerificationError unless authentic
    event = webhooks.parse(body)                     # WebhookEvent, lenient
    app = client.webhook_receiver(secret=secret)     # an ASGI app finishing the client's waits

HeyGen has not published its signature scheme: ``SignatureScheme`` makes it a
parameter, ``DEFAULT_SCHEME`` is the documented default (see ``docs/webhooks.md``).
"""

from .._lazy import lazy_exports

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._events import WebhookEvent, parse, unwrap
    from ._receiver import WebhookReceiver
    from ._verify import (
        DEFAULT_SCHEME,
        PLAIN_SIGNATURE_SCHEME,
        TIMESTAMPED_SCHEME,
        SignatureScheme,
        verify,
    )
del TYPE_CHECKING

_EXPORTS: dict[str, str] = {
    "DEFAULT_SCHEME": "._verify",
    "PLAIN_SIGNATURE_SCHEME": "._verify",
    "TIMESTAMPED_SCHEME": "._verify",
    "SignatureScheme": "._verify",
    "verify": "._verify",
    "WebhookEvent": "._events",
    "parse": "._events",
    "unwrap": "._events",
    "WebhookReceiver": "._receiver",
}


__getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)
del lazy_exports  # not a public name


__all__ = [
    "DEFAULT_SCHEME",
    "PLAIN_SIGNATURE_SCHEME",
    "TIMESTAMPED_SCHEME",
    "SignatureScheme",
    "WebhookEvent",
    "WebhookReceiver",
    "parse",
    "unwrap",
    "verify",
]
