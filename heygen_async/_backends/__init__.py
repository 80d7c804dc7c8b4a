"""One backend per HeyGen API version, behind one interface (``_base.Backend``).

Adding a version: a new ``_backends/<version>/`` package, its line in
``BACKENDS``, and a dialect module for the fake server.
"""

from __future__ import annotations

import os

from .._constants import DEFAULT_API_VERSION, ENV_API_VERSION
from .._errors import ConfigurationError
from ._base import Backend
from .legacy import LegacyBackend
from .v3 import V3Backend

BACKENDS: dict[str, type[Backend]] = {
    V3Backend.api_version: V3Backend,
    LegacyBackend.api_version: LegacyBackend,
}


def backend_class(api_version: str | None) -> type[Backend]:
    """The backend ``api_version`` selects (``HEYGEN_API_VERSION`` when None)."""
    # A bad value is reported under the name it was given by: the argument, or
    # the environment variable (which nobody would look for under "api_version").
    given_by = "api_version" if api_version is not None else ENV_API_VERSION
    chosen = api_version if api_version is not None else os.environ.get(ENV_API_VERSION)
    chosen = (chosen or DEFAULT_API_VERSION).strip().lower()
    try:
        return BACKENDS[chosen]
    except KeyError:
        allowed = ", ".join(repr(name) for name in BACKENDS)
        problem = f"must be one of {allowed} (got {chosen!r})"
        raise ConfigurationError(
            f"{given_by}: {problem}", field=given_by, problem=problem
        ) from None


__all__ = ["BACKENDS", "Backend", "backend_class"]
