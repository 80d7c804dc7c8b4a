"""The HTTP layer: one sender, its retry decision, the shared rate controller."""

from ._dialect import Dialect
from ._envelope import ErrorInfo
from ._rate import RateController
from ._sender import USER_AGENT, APIRequest, ContentFactory, Files, Transport

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
