"""What the sync facade mirrors of ``AsyncHeyGenClient``, found by introspection.

One list, read by two consumers: ``HeyGenClient`` builds its methods from it at
import, and ``_surface_gen`` writes the type checker's view of them. Nothing here
names a HeyGen method, so a method added to the async client appears on the sync
one without a line of facade code.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ASYNC_CLASS_NAME = "AsyncHeyGenClient"
SYNC_CLASS_NAME = "HeyGenClient"

# Async members whose sync counterpart is written by hand in the facade, because
# they are about the facade's own lifecycle rather than HeyGen.
LIFECYCLE = {"aclose": "close", "is_closed": "is_closed"}


class Kind(enum.Enum):
    BLOCKING = "blocking"  # coroutine function -> blocks for its result
    ITERATOR = "iterator"  # async generator function -> plain iterator
    DERIVE = "derive"  # plain method returning an async client -> returns a sync client
    PLAIN = "plain"  # other plain method -> called on the loop thread
    PROPERTY = "property"  # read through the loop thread


@dataclass(frozen=True)
class Member:
    name: str
    kind: Kind
    function: Callable[..., Any]  # for a property, its getter
    signature: inspect.Signature  # as the sync facade shows it
    doc: str | None


class UnsupportedMember(TypeError):
    """A public member of the async client the facade does not know how to mirror."""


def members(async_class: type) -> list[Member]:
    """Every public member of ``async_class`` the facade mirrors, sorted by name."""
    found: list[Member] = []
    for name in sorted(dir(async_class)):
        if name.startswith("_") or name in LIFECYCLE:
            continue
        attribute = inspect.getattr_static(async_class, name)
        if isinstance(attribute, property):
            assert attribute.fget is not None
            signature = sync_signature(inspect.signature(attribute.fget))
            found.append(Member(name, Kind.PROPERTY, attribute.fget, signature, attribute.__doc__))
            continue
        if not inspect.isfunction(attribute):
            raise UnsupportedMember(
                f"{async_class.__name__}.{name} is a {type(attribute).__name__}; the sync "
                "facade mirrors methods and properties only (make it private or teach "
                "heygen_async._sync._mirror about it)"
            )
        signature = sync_signature(inspect.signature(attribute))
        if inspect.isasyncgenfunction(attribute):
            kind = Kind.ITERATOR
        elif inspect.iscoroutinefunction(attribute):
            kind = Kind.BLOCKING
        elif _returns_async_client(attribute):
            kind = Kind.DERIVE
        else:
            kind = Kind.PLAIN
        found.append(Member(name, kind, attribute, signature, attribute.__doc__))
    return found


def _returns_async_client(function: Callable[..., Any]) -> bool:
    annotation = inspect.signature(function).return_annotation
    text = annotation if isinstance(annotation, str) else getattr(annotation, "__name__", "")
    return bool(re.fullmatch(rf"(\w+\.)*{ASYNC_CLASS_NAME}", text.strip()))


def sync_signature(signature: inspect.Signature) -> inspect.Signature:
    """The async signature with its return annotation turned to the sync style."""
    annotation = signature.return_annotation
    if annotation is inspect.Signature.empty:
        return signature
    return signature.replace(return_annotation=sync_annotation(annotation))


_PREFIX = r"\b((?:typing\.|collections\.abc\.|abc\.)?)"


def sync_annotation(annotation: Any) -> str:
    """``AsyncIterator[X]`` -> ``Iterator[X]``, ``AsyncGenerator[X, S]`` ->
    ``Generator[X, S, None]``, ``AsyncHeyGenClient`` -> ``HeyGenClient``.

    Annotations are strings (``from __future__ import annotations``); objects are
    turned into their source text first.
    """
    text = annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)
    text = re.sub(_PREFIX + r"AsyncIterator\[", r"\1Iterator[", text)
    text = re.sub(_PREFIX + r"AsyncIterable\[", r"\1Iterable[", text)
    text = _async_generators_to_generators(text)
    return re.sub(rf"\b{ASYNC_CLASS_NAME}\b", SYNC_CLASS_NAME, text)


def _async_generators_to_generators(text: str) -> str:
    while match := re.search(_PREFIX + r"AsyncGenerator\[", text):
        depth, end = 1, match.end()
        while depth:
            depth += {"[": 1, "]": -1}.get(text[end], 0)
            end += 1
        inner = text[match.end() : end - 1]
        text = f"{text[: match.start()]}{match.group(1)}Generator[{inner}, None]{text[end:]}"
    return text
