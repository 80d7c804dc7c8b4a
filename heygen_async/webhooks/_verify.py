"""Checking that a webhook delivery came from HeyGen: signature schemes and ``verify``.

HeyGen has not published how it signs deliveries (``heygen-v3.md`` §6.3, §10), so
the scheme is a parameter. ``DEFAULT_SCHEME`` is the one the SDK documents: a hex
HMAC-SHA256 of the raw body, keyed with the endpoint's secret exactly as HeyGen
returned it (``whsec_...`` included), in ``X-HeyGen-Signature``. Community
verifiers also use ``Signature`` (same digest) and ``Heygen-Signature`` with a
``Heygen-Timestamp`` checked within 300 s; ``SignatureScheme`` covers all three::

    scheme = SignatureScheme(
        header="Heygen-Signature", timestamp_header="Heygen-Timestamp", signed="timestamp.body"
    )
    webhooks.verify(body, headers, secret, scheme=scheme)
"""

from __future__ import annotations

import hashlib
import hmac
import math
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from .._errors import InvalidRequestError, WebhookVerificationError

Headers = Mapping[str, str] | Iterable[tuple[str | bytes, str | bytes]]
# What is signed: the raw body alone, or "<timestamp>.<body>" (Stripe's and
# Synthesia's layout), for schemes that send a timestamp.
Signed = Literal["body", "timestamp.body"]
DEFAULT_TOLERANCE = 300.0


@dataclass(frozen=True)
class SignatureScheme:
    """How one sender signs its deliveries.

    ``header``: the header with the hex HMAC-SHA256 digest (any case matches; a
    ``sha256=`` or ``v1=`` prefix is accepted). ``timestamp_header``: a header
    with the Unix time of sending, or None when the scheme has none; when set, a
    delivery older or newer than ``tolerance`` seconds is refused (replays).
    ``signed``: what the digest covers, the raw body or ``"<timestamp>.<body>"``.
    """

    header: str = "X-HeyGen-Signature"
    """The header that carries the hex digest."""
    timestamp_header: str | None = None
    """The header that carries the Unix time of sending; None when the scheme has none."""
    tolerance: float = DEFAULT_TOLERANCE
    """Seconds a timestamped delivery may be away from now (either way)."""
    signed: Signed = "body"
    """What the digest covers: ``"body"`` or ``"timestamp.body"``."""

    def __post_init__(self) -> None:
        if not isinstance(self.header, str) or not self.header:
            raise InvalidRequestError(
                "SignatureScheme.header: must be a header name", field="header", allowed="a name"
            )
        if self.signed not in ("body", "timestamp.body"):
            raise InvalidRequestError(
                f"SignatureScheme.signed: must be 'body' or 'timestamp.body' (got {self.signed!r})",
                field="signed",
                allowed="'body', 'timestamp.body'",
            )
        if self.signed == "timestamp.body" and self.timestamp_header is None:
            raise InvalidRequestError(
                "SignatureScheme.signed: 'timestamp.body' needs a timestamp_header",
                field="signed",
                allowed="'body' without timestamp_header",
            )
        if isinstance(self.tolerance, bool) or not self.tolerance > 0:
            raise InvalidRequestError(
                f"SignatureScheme.tolerance: must be > 0 seconds (got {self.tolerance!r})",
                field="tolerance",
                allowed="> 0 seconds",
            )

    def signature(self, body: bytes, secret: str, timestamp: str | None = None) -> str:
        """The hex digest this scheme expects for ``body`` (senders and tests sign with it)."""
        message = body if self.signed == "body" else f"{timestamp}.".encode() + body
        return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()

    def sign(self, body: bytes, secret: str, *, timestamp: float | None = None) -> dict[str, str]:
        """The headers a sender adds to ``body`` under this scheme."""
        headers: dict[str, str] = {}
        stamp: str | None = None
        if self.timestamp_header is not None:
            stamp = str(int(time.time() if timestamp is None else timestamp))
            headers[self.timestamp_header] = stamp
        headers[self.header] = self.signature(body, secret, stamp)
        return headers


DEFAULT_SCHEME = SignatureScheme()
"""Hex HMAC-SHA256 of the raw body in ``X-HeyGen-Signature``, no timestamp (unconfirmed
by HeyGen: see the module docstring)."""
PLAIN_SIGNATURE_SCHEME = SignatureScheme(header="Signature")
"""The same digest in a header named ``Signature`` (seen in community verifiers)."""
TIMESTAMPED_SCHEME = SignatureScheme(
    header="Heygen-Signature", timestamp_header="Heygen-Timestamp", signed="timestamp.body"
)
"""``Heygen-Signature`` over ``"<timestamp>.<body>"`` with ``Heygen-Timestamp`` (±300 s)."""


def header_value(headers: Headers, name: str) -> str | None:
    """The value of header ``name`` in any case: a mapping (``dict``, httpx,
    Starlette) or ASGI's list of byte pairs. None when absent."""
    wanted = name.lower()
    items = headers.items() if isinstance(headers, Mapping) else headers
    for key, value in items:
        key_text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if key_text.lower() == wanted:
            return value.decode("latin-1") if isinstance(value, bytes) else str(value)
    return None


def verify(
    body: bytes | str,
    headers: Headers,
    secret: str,
    *,
    scheme: SignatureScheme = DEFAULT_SCHEME,
    now: Callable[[], float] = time.time,
) -> None:
    """Raise ``WebhookVerificationError`` unless ``body`` is signed by ``secret`` (and,
    when the scheme has a timestamp, sent within ``scheme.tolerance`` seconds of
    ``now()``). Pass the raw body as received: a re-serialised JSON body will not match.

    The comparison is in constant time; the error names what was wrong, never the
    secret nor the signature sent.
    """
    if not isinstance(secret, str) or not secret:
        raise InvalidRequestError(
            "secret: must be the endpoint's signing secret (a non-empty string)",
            field="secret",
            allowed="non-empty string",
        )
    raw = body.encode() if isinstance(body, str) else bytes(body)
    sent = header_value(headers, scheme.header)
    if not sent:
        raise WebhookVerificationError(f"no {scheme.header} header")
    stamp = _checked_timestamp(headers, scheme, now) if scheme.timestamp_header else None
    expected = scheme.signature(raw, secret, stamp)
    if not any(hmac.compare_digest(expected, candidate) for candidate in _candidates(sent)):
        raise WebhookVerificationError(f"the {scheme.header} signature does not match the body")


def _candidates(sent: str) -> list[str]:
    """The digests a header may carry: ``hex``, ``sha256=hex``, ``v1=hex,v1=hex``
    (several during a secret rotation), lower-cased."""
    found: list[str] = []
    for part in sent.replace(" ", ",").split(","):
        _, _, digest = part.strip().rpartition("=")
        if digest:
            found.append(digest.lower())
    return found or [""]


def _checked_timestamp(headers: Headers, scheme: SignatureScheme, now: Callable[[], float]) -> str:
    name = scheme.timestamp_header or ""
    stamp = header_value(headers, name)
    if stamp is None:
        raise WebhookVerificationError(f"no {name} header")
    try:
        sent_at = float(stamp.strip())
    except ValueError:
        raise WebhookVerificationError(f"the {name} header is not a Unix time") from None
    if math.isnan(sent_at) or abs(now() - sent_at) > scheme.tolerance:
        raise WebhookVerificationError(
            f"the {name} header is more than {scheme.tolerance:g} s from now (a replay?)"
        )
    return stamp.strip()
