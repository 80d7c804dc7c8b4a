"""The HTTP layer: the only part of the SDK that sends HTTP.

- ``_sender``: ``Transport``, the send loop of API calls (auth, pauses, retries).
- ``_request``: ``APIRequest``, what a backend asks to send; the common headers.
- ``_media``: GETs of third-party media (no key, own redirects, stall guard) and
  the one retry loop of downloads and upload-source fetches.
- ``_retry``: the one retry decision; ``_rate``: pauses and slots; ``_hold``:
  creates held at v3's job limit; ``_call``: a call's options and answers.
- ``_envelope``: reading answers and errors; ``_body``: capped body reads;
  ``_diagnose``: why a connection failed, in words, with nothing secret.
"""

from ._dialect import Dialect
from ._envelope import ErrorInfo
from ._rate import RateController
from ._request import USER_AGENT, APIRequest, ContentFactory, Files
from ._sender import Transport

__all__ = [
    "USER_AGENT",
    "APIRequest",
    "ContentFactory",
    "Dialect",
    "ErrorInfo",
    "Files",
    "RateController",
    "Transport",
]
