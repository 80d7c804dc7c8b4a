"""The legacy backend: HeyGen's v1/v2 API (``api_version="v2"``)."""

from ._backend import LegacyBackend
from ._dialect import LegacyDialect

__all__ = ["LegacyBackend", "LegacyDialect"]
