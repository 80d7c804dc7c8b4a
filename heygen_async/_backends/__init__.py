"""One backend per HeyGen API version, behind one interface (``_base.Backend``).

Adding a version: a new ``_backends/<version>/`` package, its line in
``BACKENDS``, and a dialect module for the fake server.

Only the backend a client chooses is imported, when the client is built:
importing the client loads neither (each brings its models and request bodies).
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Any

from .._constants import DEFAULT_API_VERSION, ENV_API_VERSION
from .._errors import ConfigurationError

if TYPE_CHECKING:
    from ._base import Backend

BACKENDS: dict[str, tuple[str, str]] = {
    "v3": (".v3", "V3Backend"),
    "v2": (".legacy", "LegacyBackend"),
}
"""Each API version's backend class, as (module, class name): imported on first use."""


def backend_class(api_version: str | None) -> type[Backend]:
    """The backend ``api_version`` selects (``HEYGEN_API_VERSION`` when None)."""
    # A bad value is reported under the name it was given by: the argument, or
    # the environment variable (which nobody would look for under "api_version").
    given_by = "api_version" if api_version is not None else ENV_API_VERSION
    chosen = api_version if api_version is not None else os.environ.get(ENV_API_VERSION)
    chosen = (chosen or DEFAULT_API_VERSION).strip().lower()
    try:
        module, name = BACKENDS[chosen]
    except KeyError:
        allowed = ", ".join(repr(name) for name in BACKENDS)
        problem = f"must be one of {allowed} (got {chosen!r})"
        raise ConfigurationError(
            f"{given_by}: {problem}", field=given_by, problem=problem
        ) from None
    backend: type[Backend] = getattr(importlib.import_module(module, __name__), name)
    return backend


def __getattr__(name: str) -> Any:
    if name == "Backend":  # the interface, for code that checks against it at run time
        from ._base import Backend

        return Backend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["BACKENDS", "Backend", "backend_class"]
