"""The sync return annotation of an async generator method (the facade's and the
sync resources' ``iterating`` methods present the blocking generator they return)."""

from __future__ import annotations

import ast
import inspect
import types
import typing
from collections.abc import AsyncGenerator, AsyncIterable, AsyncIterator, Generator
from typing import Any

_ASYNC_ITERATORS = {"AsyncGenerator", "AsyncIterator", "AsyncIterable"}
_ASYNC_ITERATOR_TYPES = (AsyncGenerator, AsyncIterator, AsyncIterable)


def generator_annotation(signature: inspect.Signature) -> Any:
    """The sync return annotation of an async generator method: its yield type ``Y``
    (``AsyncGenerator[Y, S]``, ``AsyncIterator[Y]``, ``AsyncIterable[Y]``) as
    ``Generator[Y, None, None]``; empty when it cannot be read.

    Annotations are usually strings (``from __future__ import annotations``); they
    are parsed, never evaluated (their names may be imported for type checkers only).
    """
    annotation = signature.return_annotation
    if isinstance(annotation, str):
        try:
            node = ast.parse(annotation.strip(), mode="eval").body
        except SyntaxError:
            return inspect.Signature.empty
        if not isinstance(node, ast.Subscript):
            return inspect.Signature.empty
        head = node.value
        name = head.attr if isinstance(head, ast.Attribute) else getattr(head, "id", None)
        if name not in _ASYNC_ITERATORS:
            return inspect.Signature.empty
        arguments = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
        return f"Generator[{ast.unparse(arguments[0])}, None, None]"
    if typing.get_origin(annotation) in _ASYNC_ITERATOR_TYPES:
        yields = typing.get_args(annotation)[0]
        return types.GenericAlias(Generator, (yields, None, None))
    return inspect.Signature.empty
