"""The v1/v2 dialect (heygen-api.md): HeyGen's legacy routes, envelopes and validation."""

from __future__ import annotations

from ..._renamed import renamed
from ._dialect import FakeLegacyDialect
from ._request_validation import validate_av4, validate_generate
from ._wire import LegacyWire

__all__ = ["FakeLegacyDialect", "LegacyWire", "validate_av4", "validate_generate"]

# Named like the SDK's own ``_backends.legacy.LegacyDialect`` until issue 20.
__getattr__ = renamed(__name__, {"LegacyDialect": ("FakeLegacyDialect", FakeLegacyDialect)})
