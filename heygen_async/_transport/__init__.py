"""Transport: the single path every HTTP request takes (auth, retries, rate control)."""

from ._rate import RateController
from ._transport import USER_AGENT, APIRequest, Transport

__all__ = ["USER_AGENT", "APIRequest", "RateController", "Transport"]
