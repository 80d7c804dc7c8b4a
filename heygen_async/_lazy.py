"""Lazy package exports (PEP 562): each name's module loads on first use.

Kept free of imports (not even ``typing``) since every lazy package loads it.
The top-level package keeps its own copy: importing it may load nothing else
(tests/core/test_lazy_import.py).
"""

# Not ``typing.TYPE_CHECKING``: see ``heygen_async/__init__.py``.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Collection
    from typing import Any


def lazy_exports(
    namespace: "dict[str, Any]",
    exports: "dict[str, str]",
    submodules: "Collection[str]" = (),
) -> "tuple[Callable[[str], Any], Callable[[], list[str]]]":
    """A package's module ``__getattr__`` and ``__dir__``: ``exports`` maps each name
    to its module (relative to the package), ``namespace`` is the package's
    ``globals()``::

        __getattr__, __dir__ = lazy_exports(globals(), _EXPORTS)

    ``submodules`` names the package's modules that read as attributes before any
    import loaded them (``models.scene``).
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> "Any":
        import importlib

        if name in submodules:  # importing it makes it an attribute of the package
            return importlib.import_module(f".{name}", package)
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module, package), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> "list[str]":
        return sorted({*namespace, *exports})

    return __getattr__, __dir__
