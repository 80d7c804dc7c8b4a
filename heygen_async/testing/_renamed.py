"""Old names of renamed public classes of the fake: still importable, with a warning."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any


def renamed(module: str, old_to_new: dict[str, tuple[str, Any]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` that gives each old name its new object, warning with
    ``DeprecationWarning`` (``old_to_new``: old name -> (new name, object))."""

    def __getattr__(name: str) -> Any:
        if name in old_to_new:
            new_name, value = old_to_new[name]
            warnings.warn(
                f"{module}.{name} is deprecated: use {new_name}",
                DeprecationWarning,
                stacklevel=2,
            )
            return value
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
