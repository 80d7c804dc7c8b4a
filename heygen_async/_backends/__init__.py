"""One backend per HeyGen API version, behind one interface (``_base.Backend``).

Adding a version: a new ``_backends/<version>/`` package, its line in
``BACKENDS``, and a dialect module for the fake server.

Only the backend a client chooses is imported, when the client is built:
importing the client loads neither (each brings its models and request bodies).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, MutableMapping
from typing import TYPE_CHECKING, Any

from .._constants import DEFAULT_API_VERSION, ENV_API_VERSION
from .._errors import ConfigurationError

if TYPE_CHECKING:
    from ._base import Backend


class _Registry(MutableMapping[str, "type[Backend]"]):
    """API version -> backend class, each imported when first looked up (listing the
    versions imports none)."""

    def __init__(self, modules: dict[str, tuple[str, str]]) -> None:
        # Each version's (module, class name) until it is imported, then its class.
        self._entries: dict[str, type[Backend] | tuple[str, str]] = dict(modules)

    def __getitem__(self, version: str) -> type[Backend]:
        entry = self._entries[version]
        if isinstance(entry, tuple):
            module, name = entry
            entry = self._entries[version] = getattr(
                importlib.import_module(module, __name__), name
            )
        return entry

    def __setitem__(self, version: str, backend: type[Backend]) -> None:
        self._entries[version] = backend

    def __delitem__(self, version: str) -> None:
        del self._entries[version]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


BACKENDS: MutableMapping[str, type[Backend]] = _Registry(
    {"v3": (".v3", "V3Backend"), "v2": (".legacy", "LegacyBackend")}
)
"""Each API version's backend class (imported on first look-up)."""


def backend_class(api_version: str | None) -> type[Backend]:
    """The backend ``api_version`` selects (``HEYGEN_API_VERSION`` when None)."""
    # A bad value is reported under the name it was given by: the argument, or
    # the environment variable (which nobody would look for under "api_version").
    given_by = "api_version" if api_version is not None else ENV_API_VERSION
    chosen = api_version if api_version is not None else os.environ.get(ENV_API_VERSION)
    chosen = (chosen or DEFAULT_API_VERSION).strip().lower()
    if chosen not in BACKENDS:
        allowed = ", ".join(repr(name) for name in BACKENDS)
        problem = f"must be one of {allowed} (got {chosen!r})"
        raise ConfigurationError(f"{given_by}: {problem}", field=given_by, problem=problem)
    return BACKENDS[chosen]


def __getattr__(name: str) -> Any:
    if name == "Backend":  # the interface, for code that checks against it at run time
        from ._base import Backend

        return Backend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), "Backend"})


__all__ = ["BACKENDS", "Backend", "backend_class"]
