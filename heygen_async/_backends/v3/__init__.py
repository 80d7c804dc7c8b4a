"""The v3 backend: HeyGen's current API (``api_version="v3"``, the default)."""

from ._backend import V3Backend
from ._dialect import V3Dialect

__all__ = ["V3Backend", "V3Dialect"]
