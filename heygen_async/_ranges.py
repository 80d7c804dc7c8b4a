"""The allowed range of a refused field, read from the model (or type) that refused it.

pydantic's error names only the bound that was crossed (``ctx={"le": 15}``); the full
range is in the field's constraints (``Field(ge=4, le=15)``, ``annotated_types.Gt``,
``MinLen``...). The error's ``loc`` is walked through the model's fields, lists, dicts,
nested models and unions (where pydantic puts a tag or a member's name in the path)
to the field that failed, and its constraints are said in words: ``"4 to 15"``,
``"more than 0, at most 300"``, ``"1 to 50 items"``. Only the error path pays for it.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

import annotated_types as at
from pydantic import BaseModel
from pydantic.fields import FieldInfo


@dataclass(frozen=True)
class RangeWords:
    """Words a field's range needs beyond its numbers, put in its annotation
    (``Annotated[float, RangeWords(unit="seconds")]``; pydantic ignores it): ``unit``
    after the numbers (``"1.0 to 100.0 seconds"``, ``"1 to 50 scenes"`` instead of
    items), ``rule`` before them (``"even, 128 to 4096"``)."""

    unit: str = ""
    rule: str = ""


@dataclass
class _Limits:
    """A field's constraints, as its annotations state them."""

    low: Any = None
    low_included: bool = True
    high: Any = None
    high_included: bool = True
    min_length: int | None = None
    max_length: int | None = None
    multiple_of: Any = None
    words: RangeWords | None = None

    def add(self, constraint: object) -> None:
        if isinstance(constraint, at.Ge):
            self.low, self.low_included = constraint.ge, True
        elif isinstance(constraint, at.Gt):
            self.low, self.low_included = constraint.gt, False
        elif isinstance(constraint, at.Le):
            self.high, self.high_included = constraint.le, True
        elif isinstance(constraint, at.Lt):
            self.high, self.high_included = constraint.lt, False
        elif isinstance(constraint, at.MinLen):
            self.min_length = constraint.min_length
        elif isinstance(constraint, at.MaxLen):
            self.max_length = constraint.max_length
        elif isinstance(constraint, at.MultipleOf):
            self.multiple_of = constraint.multiple_of
        elif isinstance(constraint, RangeWords):
            self.words = constraint
        elif isinstance(constraint, FieldInfo):
            for inner in constraint.metadata:
                self.add(inner)
        elif isinstance(constraint, at.GroupedMetadata):  # Interval, Len
            for inner in constraint:
                self.add(inner)


# Errors about a string's length: the only ones a string's range answers (a bad
# pattern is not cured by a length).
_LENGTH_ERRORS = frozenset({"string_too_short", "string_too_long"})


@dataclass(frozen=True)
class _Leaf:
    """Where a path ends: the type there, the constraints stated on it, and the
    positions of the path's parts that name a union's member (not a field)."""

    type: Any
    constraints: tuple[Any, ...]
    labels: tuple[int, ...]


def allowed_range(schema: Any, loc: Sequence[int | str], error_type: str) -> str | None:
    """The full range of the field at ``loc`` in ``schema`` (a model class or any type
    pydantic validates), in words, or None when it states none."""
    leaf = _leaf(schema, tuple(loc), 0, (), ())
    if leaf is None:
        return None
    limits = _Limits()
    for constraint in leaf.constraints:
        limits.add(constraint)
    if leaf.type is str:
        if error_type not in _LENGTH_ERRORS:
            return None
        return _lengths(limits, "character")
    return _numbers(limits) or _lengths(limits, "item")


def field_parts(schema: Any, loc: Sequence[int | str]) -> list[int | str] | None:
    """``loc`` as users write the field: without the union tags and member labels
    pydantic puts in it (``voice.silence.duration`` is ``voice.duration``); None when
    the path leads nowhere in ``schema``."""
    leaf = _leaf(schema, tuple(loc), 0, (), ())
    if leaf is None:
        return None
    return [part for at, part in enumerate(loc) if at not in leaf.labels]


def _leaf(
    tp: Any,
    loc: tuple[int | str, ...],
    at: int,
    found: tuple[Any, ...],
    labels: tuple[int, ...],
) -> _Leaf | None:
    """The end of ``loc[at:]`` from ``tp`` (None when the path leads nowhere this
    walk knows); ``found``: constraints stated so far on the current field."""
    tp, found = _unwrapped(tp, found)
    members = _union_members(tp)
    if members is not None:
        if len(members) == 1:  # ``X | None``: pydantic adds nothing to the path
            return _leaf(members[0], loc, at, found, labels)
        if at == len(loc):
            return _Leaf(tp, found, labels)
        return _union_leaf(members, loc, at, labels)
    if at == len(loc):
        return _Leaf(tp, found, labels)
    part = loc[at]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = _model_field(tp, part)
        if field is None:
            return None
        return _leaf(field.annotation, loc, at + 1, tuple(field.metadata), labels)
    item = _item_type(tp, part)
    return None if item is None else _leaf(item, loc, at + 1, (), labels)


def _unwrapped(tp: Any, found: tuple[Any, ...]) -> tuple[Any, tuple[Any, ...]]:
    """``Annotated[X, ...]`` as X, its metadata added to ``found``."""
    while typing.get_origin(tp) is Annotated:
        found = (*found, *tp.__metadata__)
        tp = tp.__origin__
    return tp, found


def _union_members(tp: Any) -> list[Any] | None:
    if typing.get_origin(tp) not in (Union, types.UnionType):
        return None
    return [member for member in typing.get_args(tp) if member is not type(None)]


def _union_leaf(
    members: list[Any], loc: tuple[int | str, ...], at: int, labels: tuple[int, ...]
) -> _Leaf | None:
    """Past a union, pydantic's path names the member: a discriminated union's tag
    (``"silence"``), a ``Tag``, or a smart union's label (a class name, ``"int"``,
    ``"function-after[...]"``). The member it names goes on; a label this walk cannot
    read tries each member in turn."""
    named = [member for member in members if _answers_to(member, loc[at])]
    for member in named or members:
        leaf = _leaf(member, loc, at + 1, (), (*labels, at))
        if leaf is not None:
            return leaf
    return None


def _answers_to(member: Any, label: int | str) -> bool:
    bare, metadata = _unwrapped(member, ())
    if any(getattr(meta, "tag", None) == label for meta in metadata):
        return True
    if getattr(bare, "__name__", None) == label:
        return True
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return any(_literal_has(field.annotation, label) for field in _fields(bare).values())
    return False


def _literal_has(annotation: Any, value: int | str) -> bool:
    annotation, _ = _unwrapped(annotation, ())
    return typing.get_origin(annotation) is Literal and value in typing.get_args(annotation)


def _fields(model: type[BaseModel]) -> Mapping[str, FieldInfo]:
    if not model.__pydantic_complete__:
        # A nested model built as part of its parent may not have resolved its own
        # annotations yet (``defer_build``); the error path can afford the build.
        model.model_rebuild(raise_errors=False)
    return model.model_fields


def _model_field(model: type[BaseModel], part: int | str) -> FieldInfo | None:
    fields = _fields(model)
    if isinstance(part, str) and part in fields:
        return fields[part]
    return next(
        (field for field in fields.values() if part in (field.alias, field.validation_alias)),
        None,
    )


def _item_type(tp: Any, part: int | str) -> Any:
    """The type of ``tp[part]`` for a list, set, tuple or dict (None for anything else)."""
    origin = typing.get_origin(tp) or tp
    args = typing.get_args(tp)
    if not isinstance(origin, type):
        return None
    if issubclass(origin, Mapping):
        return args[1] if len(args) == 2 else Any
    if issubclass(origin, tuple) and isinstance(part, int):
        if len(args) == 2 and args[1] is Ellipsis:
            return args[0]
        return args[part] if part < len(args) else None
    if issubclass(origin, Iterable) and not issubclass(origin, (str, bytes)):
        return args[0] if args else Any
    return None


def _numbers(limits: _Limits) -> str | None:
    """``"4 to 15"``, ``"more than 0, at most 300"``, ``"at least 1"``; with the
    field's rule (``"even"``, from ``multiple_of=2`` or ``RangeWords``) and unit."""
    words = limits.words or RangeWords()
    bounds = _bounds(limits)
    text = ", ".join(part for part in (words.rule or _multiple(limits.multiple_of), bounds) if part)
    if bounds and words.unit:
        return f"{text} {words.unit}"
    return text or None


def _bounds(limits: _Limits) -> str:
    low, high = limits.low, limits.high
    if low is not None and high is not None and limits.low_included and limits.high_included:
        return f"{low} to {high}"
    sides = []
    if low is not None:
        sides.append(f"{'at least' if limits.low_included else 'more than'} {low}")
    if high is not None:
        sides.append(f"{'at most' if limits.high_included else 'less than'} {high}")
    return ", ".join(sides)


def _multiple(step: Any) -> str:
    if step is None:
        return ""
    return "even" if step == 2 else f"a multiple of {step}"


def _lengths(limits: _Limits, thing: str) -> str | None:
    """``"1 to 50 items"``, ``"at least 1 item"``, ``"at most 3 items"`` (the unit of
    ``RangeWords`` instead of items, e.g. scenes)."""
    low, high = limits.min_length, limits.max_length
    if low is None and high is None:
        return None
    unit = limits.words.unit if limits.words and limits.words.unit else None
    if low is not None and high is not None:
        return f"{low} to {high} {unit or thing + 's'}"
    count = high if low is None else low
    said = "at most" if low is None else "at least"
    return f"{said} {count} {unit or (thing if count == 1 else thing + 's')}"


__all__ = ["RangeWords", "allowed_range", "field_parts"]
