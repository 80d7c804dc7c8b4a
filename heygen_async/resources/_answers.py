"""Reading a declared operation's answer into what its return annotation says."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from .._backends._parsing import data_of, list_of, parse, parse_items
from ._pages import AsyncPager, Page


def reader_for(returns: Any, owner: str) -> Callable[[Any], Any]:
    """How to turn a v3 answer (``{"data": ...}``) into ``returns``: a model, a list of
    models, or ``None``; ``TypeError`` names the method for any other annotation."""
    label = owner.replace("Async", "", 1)  # "Voices.get", as users see it in errors
    if returns is None or returns is type(None):
        return lambda answer: None
    if isinstance(returns, type) and issubclass(returns, BaseModel):
        model = returns
        return lambda answer: parse(model, data_of(answer, label), label)
    if typing.get_origin(returns) is list:
        (item,) = typing.get_args(returns)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return lambda answer: parse_items(item, list_of(answer, label), label)
    raise TypeError(f"{owner}: cannot read an answer into {returns!r}")


def page_reader_for(returns: Any, owner: str) -> Callable[[Any], Page[Any]]:
    """How to turn a v3 listing answer into a ``Page`` of the ``AsyncPager``'s items."""
    label = owner.replace("Async", "", 1)
    (item,) = typing.get_args(returns) or (None,)
    if typing.get_origin(returns) is not AsyncPager or not (
        isinstance(item, type) and issubclass(item, BaseModel)
    ):
        raise TypeError(f"{owner}: a listing returns AsyncPager[Model], not {returns!r}")

    def read(answer: Any) -> Page[Any]:
        items = parse_items(item, list_of(answer, label), label)
        token = answer.get("next_token")
        has_more = bool(answer.get("has_more", bool(token))) and bool(token)
        return Page(items, has_more, str(token) if has_more else None)

    return read


__all__ = ["data_of", "page_reader_for", "reader_for"]
