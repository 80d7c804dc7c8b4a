"""The v1/v2 dialect (heygen-api.md): HeyGen's legacy routes, envelopes and validation."""

from __future__ import annotations

from ._dialect import LegacyDialect
from ._request_validation import validate_av4, validate_generate
from ._wire import LegacyWire

__all__ = ["LegacyDialect", "LegacyWire", "validate_av4", "validate_generate"]
