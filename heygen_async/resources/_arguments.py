"""Checking a declared operation's arguments against their annotations, before sending.

Each parameter's annotation is the rule: ``Literal[...]`` for HeyGen's enums,
``Annotated[int, Field(ge=1, le=100)]`` for a stated range, a request model for a
nested object (a dict in HeyGen's format is accepted and checked), ``list[...]``
and so on. A bad value raises ``InvalidRequestError`` naming the parameter and
what is allowed. ``None`` is "not sent" and never checked.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .._errors import InvalidRequestError
from .._validation import invalid_request_from, require_text
from ._assets import check_asset, check_asset_list, is_asset_input, is_asset_list
from ._files import check_file, file_part

Check = Callable[[Any], Any]


def checks_for(
    hints: dict[str, Any], names: tuple[str, ...], path_names: tuple[str, ...]
) -> dict[str, Check]:
    """One check per parameter (the value to send, or ``InvalidRequestError``)."""
    checks: dict[str, Check] = {}
    for name in names:
        if name in path_names:
            checks[name] = _path_id(name)
        elif name in hints and is_asset_input(hints[name]):
            checks[name] = check_asset(name)
        elif name in hints and is_asset_list(hints[name]):
            checks[name] = check_asset_list(name, hints[name])
        elif name in hints and (part := file_part(hints[name])) is not None:
            checks[name] = check_file(name, part)
        elif name in hints:
            checks[name] = _by_annotation(name, hints[name])
    return checks


def asset_names(hints: dict[str, Any], names: tuple[str, ...]) -> tuple[str, ...]:
    """The parameters that take a file (``AssetInput``) or a list of files: resolved,
    maybe uploaded, at send."""
    return tuple(
        name
        for name in names
        if name in hints and (is_asset_input(hints[name]) or is_asset_list(hints[name]))
    )


def bulk_read(
    ids: str, batches: str = "batch_ids", most: int = 100
) -> Callable[[Mapping[str, Any]], None]:
    """The rule of a bulk ``statuses`` read (an ``endpoint(check=...)``): some ``ids``
    and/or ``batches``, at most ``most`` of them together, as HeyGen takes them."""
    allowed = f"1 to {most} {ids} and {batches} together"

    def check(values: Mapping[str, Any]) -> None:
        given = len(values.get(ids) or ()), len(values.get(batches) or ())
        if sum(given) == 0:
            raise InvalidRequestError(
                f"{ids}: give at least one id (or {batches})", field=ids, allowed=allowed
            )
        if sum(given) > most:
            field = batches if given[0] == 0 else ids
            raise InvalidRequestError(
                f"{field}: at most {most} {ids} and {batches} together (got {sum(given)}); "
                "read them in chunks",
                field=field,
                allowed=allowed,
            )

    return check


def _path_id(name: str) -> Check:
    return lambda value: require_text(value, name)


def _by_annotation(name: str, annotation: Any) -> Check:
    if annotation in (str, str | None):
        return lambda value: _text(value, name)
    adapter: TypeAdapter[Any] = TypeAdapter(annotation)
    stated = _stated_range(annotation)

    def check(value: Any) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError as exc:
            error = invalid_request_from(exc, name)
            if stated is not None and error.allowed != stated and "than" in str(error):
                raise InvalidRequestError(
                    f"{name}: must be {stated} (got {value!r})", field=name, allowed=stated
                ) from None
            raise error from None

    return check


def _stated_range(annotation: Any) -> str | None:
    """``"1 to 100"`` for ``Annotated[int, Field(ge=1, le=100)]`` (also inside ``| None``):
    pydantic's own message names only the bound that was crossed."""
    candidates = [annotation, *typing.get_args(annotation)]
    for candidate in candidates:
        low = high = None
        for meta in getattr(candidate, "__metadata__", ()):
            for bound in getattr(meta, "metadata", [meta]):
                low = getattr(bound, "ge", low)
                high = getattr(bound, "le", high)
        if low is not None and high is not None:
            return f"{low} to {high}"
    return None


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError(
            f"{name}: must be a string (got {type(value).__name__})", field=name, allowed="string"
        )
    return value


__all__ = ["Check", "bulk_read", "checks_for"]
