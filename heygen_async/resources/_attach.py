"""``client.<noun>``: a resource attribute that imports its module on first use.

::

    class AsyncHeyGenClient:
        templates: Attached[AsyncTemplates] = attach("templates", "AsyncTemplates", "...")

Importing the client loads no resource module; ``client.templates`` loads
``heygen_async.resources.templates`` the first time it is read. A resource is a
light view of its client (it holds the client only), made on each read, so a
``with_options`` copy's resources are its own.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

T = TypeVar("T")

_PACKAGE = "heygen_async.resources."


class Attached(property, Generic[T]):
    """A property whose value is a resource; type checkers see ``T`` on instances."""

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: type | None = None, /) -> Attached[T]: ...
        @overload
        def __get__(self, instance: object, owner: type | None = None, /) -> T: ...
        def __get__(self, instance: Any, owner: type | None = None, /) -> Any: ...


def _class_of(module: str, name: str) -> Callable[..., Any]:
    cls: Callable[..., Any] = getattr(importlib.import_module(_PACKAGE + module), name)
    return cls


def attach(module: str, class_name: str, doc: str) -> Attached[Any]:
    """The async client's ``client.<noun>``: ``class_name`` of ``resources.<module>``."""
    return _attached(module, class_name, doc)


def attach_sync(module: str, class_name: str, name: str, doc: str) -> Attached[Any]:
    """The sync client's ``client.<noun>``: its sync resource over the async one."""
    return _attached(module, class_name, doc, name)


def _attached(module: str, class_name: str, doc: str, *names: str) -> Attached[Any]:
    """A ``client.<noun>`` made of its client (and, for a sync resource, the async
    resource's ``name``), its class imported on the first read."""
    made: list[Callable[..., Any]] = []

    def get(client: Any) -> Any:
        if not made:
            made.append(_class_of(module, class_name))
        return made[0](client, *names)

    attached: Attached[Any] = Attached(get)
    attached.__doc__ = doc  # set afterwards: a property subclass may ignore doc=
    return attached


__all__ = ["Attached", "attach", "attach_sync"]
