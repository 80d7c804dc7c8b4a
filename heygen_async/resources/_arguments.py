"""Checking a declared operation's arguments against their annotations, before sending.

Each parameter's annotation is the rule: ``Literal[...]`` for HeyGen's enums,
``Annotated[int, Field(ge=1, le=100)]`` for a stated range, a request model for a
nested object (a dict in HeyGen's format is accepted and checked), ``list[...]``
and so on. A bad value raises ``InvalidRequestError`` naming the parameter and
what is allowed. ``None`` is "not sent" and never checked.
"""

from __future__ import annotations

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

    def check(value: Any) -> Any:
        try:
            return adapter.validate_python(value)
        except ValidationError as exc:
            error = invalid_request_from(exc, name, annotation)
            if error.allowed is not None and _out_of_range(exc):
                raise InvalidRequestError(
                    f"{name}: must be {error.allowed} (got {value!r})",
                    field=name,
                    allowed=error.allowed,
                ) from None
            raise error from None

    return check


_BOUND_ERRORS = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def _out_of_range(exc: ValidationError) -> bool:
    """The parameter itself crossed a bound of its annotation (``Field(ge=1, le=100)``):
    said as its whole range, which pydantic's own message does not name."""
    first = exc.errors(include_url=False)[0]
    return not first["loc"] and first["type"] in _BOUND_ERRORS


def _text(value: Any, name: str) -> str:
    if not isinstance(value, str):
        raise InvalidRequestError(
            f"{name}: must be a string (got {type(value).__name__})", field=name, allowed="string"
        )
    return value


__all__ = ["Check", "bulk_read", "checks_for"]
