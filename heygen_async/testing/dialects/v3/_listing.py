"""v3 listings: ``limit`` within the documented range, opaque ``token`` cursors."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from ...server import Request
from .._page_tokens import decode_token, encode_token
from ._wire import invalid

T = TypeVar("T")


def page_limit(request: Request, limits: tuple[int, int, int]) -> int:
    """``limit`` from the query: its default when absent, 400 outside ``low..high``."""
    low, high, default = limits
    text = request.query.get("limit")
    if text is None:
        return default
    try:
        limit = int(text)
    except ValueError:
        raise invalid("limit", f"limit must be an integer between {low} and {high}") from None
    if not low <= limit <= high:
        raise invalid("limit", f"limit must be between {low} and {high}")
    return limit


def token_position(request: Request, kind: str) -> int | None:
    """The position a ``token`` points at (None without one; 400 if it is not ours)."""
    token = request.query.get("token")
    if not token:
        return None
    position = decode_token(kind, token)
    if position is None:
        raise invalid("token", "token is invalid or expired")
    return position


def newest_first(
    items: Sequence[T], keep: Callable[[T], bool], before: int | None, limit: int
) -> tuple[list[T], int | None]:
    """Up to ``limit`` kept items older than position ``before`` (newest first),
    and the position to continue from (None: nothing more). Positions are
    indexes in creation order, so items added while a caller pages never shift
    later pages."""
    position = len(items) if before is None else min(before, len(items))
    page: list[T] = []
    while position > 0 and len(page) < limit:
        position -= 1
        if keep(items[position]):
            page.append(items[position])
    more = any(keep(item) for item in items[:position])
    return page, (position if more else None)


def in_order(
    items: Sequence[T], keep: Callable[[T], bool], start: int | None, limit: int
) -> tuple[list[T], int | None]:
    """Up to ``limit`` kept items from position ``start`` on (catalogue order)."""
    position = 0 if start is None else start
    page: list[T] = []
    while position < len(items) and len(page) < limit:
        if keep(items[position]):
            page.append(items[position])
        position += 1
    more = any(keep(item) for item in items[position:])
    return page, (position if more else None)


def next_token(kind: str, position: int | None) -> str | None:
    return None if position is None else encode_token(kind, position)
