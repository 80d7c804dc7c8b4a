"""The HTTP layer: the only part of the SDK that sends HTTP.

- ``_sender``: ``Transport``, the send loop of API calls (auth, pauses, retries).
- ``_request``: ``APIRequest``, what a backend asks to send; the common headers.
- ``_media``: GETs of third-party media (no key, own redirects, stall guard) and
  the one retry loop of downloads and upload-source fetches.
- ``_retry``: the one retry decision; ``_rate``: pauses and slots; ``_hold``:
  creates held at v3's job limit; ``_call``: a call's options and answers.
- ``_envelope``: reading answers and errors; ``_body``: capped body reads;
  ``_diagnose``: why a connection failed, in words, with nothing secret.

The names below load their modules on first use (PEP 562): the client's methods
import ``_call`` when the client is imported, the sending machinery is imported
when a client is built.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._dialect import Dialect
    from ._envelope import ErrorInfo
    from ._rate import RateController
    from ._request import USER_AGENT, APIRequest, ContentFactory, Files
    from ._sender import Transport

_EXPORTS: dict[str, str] = {
    "Dialect": "._dialect",
    "ErrorInfo": "._envelope",
    "RateController": "._rate",
    "USER_AGENT": "._request",
    "APIRequest": "._request",
    "ContentFactory": "._request",
    "Files": "._request",
    "Transport": "._sender",
}


def __getattr__(name: str) -> Any:
    import importlib

    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})


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
