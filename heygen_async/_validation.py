"""Turning bad input into ``InvalidRequestError`` before anything is sent."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ._constants import HEX_COLOUR_PATTERN as _HEX_COLOUR_PATTERN
from ._constants import SHOWN_VALUE_CHARS
from ._errors import InvalidRequestError
from ._ranges import allowed_range, field_parts

ModelT = TypeVar("ModelT", bound=BaseModel)

# Discriminator tags pydantic puts in error locations; users never typed them (for an
# error whose model is not known: else the model tells its tags).
_UNION_TAGS = {"avatar", "talking_photo", "text", "audio", "silence", "color", "image", "video"}
_UNION_FIELDS = {"character", "voice", "background"}


def _field_path(loc: Sequence[int | str], prefix: str, schema: Any = None) -> str:
    """``loc`` as users write it (``video_inputs[0].voice.duration``): the union tags
    and member labels pydantic adds left out, as ``schema`` shows them (else as
    their names suggest)."""
    parts = field_parts(schema, loc) if schema is not None else None
    path = prefix
    previous: int | str | None = None
    for part in loc if parts is None else parts:
        if isinstance(part, int):
            path += f"[{part}]"
        elif parts is None and (
            (previous in _UNION_FIELDS and part in _UNION_TAGS)
            or part.startswith("function-")
            or part.startswith("union")
        ):
            pass
        else:
            path = f"{path}.{part}" if path else part
        previous = part
    return path or "request"


def _allowed(error: dict[str, Any], schema: Any) -> str | None:
    """What the failed field allows: its whole range as ``schema`` (the model or type
    that refused it) states it, else what pydantic's error says (the bound crossed)."""
    if schema is not None:
        stated = allowed_range(schema, error.get("loc") or (), str(error.get("type")))
        if stated is not None:
            return stated
    ctx = error.get("ctx") or {}
    low = ctx.get("ge", ctx.get("gt"))
    high = ctx.get("le", ctx.get("lt"))
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f">= {low}"
    if high is not None:
        return f"<= {high}"
    if "expected" in ctx:
        return str(ctx["expected"])
    # pydantic names only the length limit that was crossed: say no more than that.
    if "min_length" in ctx:
        return f"length at least {ctx['min_length']}"
    if "max_length" in ctx:
        return f"length at most {ctx['max_length']}"
    return None


# Field names whose errors read better in words than in pydantic's terms.
_DIMENSION_FORMS = (
    "Dimension(width, height), a dict {'width': ..., 'height': ...} "
    "or a (width, height) pair, e.g. (1280, 720)"
)


def _plain_words(error: dict[str, Any], field: str) -> tuple[str, str | None] | None:
    """(message, allowed) in plain words for errors pydantic words for programmers."""
    kind = error.get("type")
    ctx = error.get("ctx") or {}
    if kind == "string_too_short" and ctx.get("min_length") == 1:
        return "must not be empty", "a non-empty string"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"must be at most {limit} characters", f"at most {limit} characters"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == _HEX_COLOUR_PATTERN:
        return "must be a #RRGGBB colour, e.g. #FAFAFA", "a #RRGGBB colour"
    if field.split(".")[-1] == "dimension" and kind in (
        "model_type",
        "dict_type",
        "model_attributes_type",
    ):
        return f"must be {_DIMENSION_FORMS}", _DIMENSION_FORMS
    return None


def invalid_request_from(
    exc: ValidationError, prefix: str = "", schema: Any = None
) -> InvalidRequestError:
    """One clear error naming the first bad field, what it got and what is allowed.

    ``schema`` is the model class (or type) that raised ``exc``: a range is read from
    the field that failed there (pydantic's error names only the bound crossed)."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    field = _field_path(first["loc"], prefix, schema)
    message = str(first["msg"]).removeprefix("Value error, ")
    allowed = _allowed(dict(first), schema)
    plain = _plain_words(dict(first), field)
    if plain is not None:
        message, allowed = plain
    text = f"{field}: {message}"
    if allowed and allowed not in message:
        text += f" (allowed: {allowed})"
    if "input" in first and first["type"] != "missing" and not isinstance(first["input"], dict):
        text += f" (got {shown(first['input'])})"
    if len(errors) > 1:
        text += f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})"
    return InvalidRequestError(text, field=field, allowed=allowed)


def validate(model: type[ModelT], value: Any, prefix: str = "") -> ModelT:
    """``model`` from a model instance or a wire-format dict, or ``InvalidRequestError``."""
    if isinstance(value, model):
        return value
    try:
        if isinstance(value, BaseModel):
            value = value.model_dump(exclude_none=True)
        return model.model_validate(value)
    except ValidationError as exc:
        raise invalid_request_from(exc, prefix, model) from None


def shown(value: object) -> str:
    """``value``'s repr as an error shows it: at most ``SHOWN_VALUE_CHARS`` characters,
    its length said when cut (a 20,000-character script, or a list of 500 numbers,
    must not bury the message or fill a log)."""
    import reprlib

    shorten = reprlib.Repr()
    shorten.maxstring = shorten.maxother = SHOWN_VALUE_CHARS
    shorten.maxlist = shorten.maxtuple = shorten.maxdict = shorten.maxset = 6
    text = shorten.repr(value)
    if len(text) > SHOWN_VALUE_CHARS:
        text = text[: SHOWN_VALUE_CHARS - 3] + "..."
    if isinstance(value, (str, bytes)) and len(value) > SHOWN_VALUE_CHARS:
        text += (
            f" ({len(value):,} characters)"
            if isinstance(value, str)
            else f" ({len(value):,} bytes)"
        )
    return text


def require_text(value: object, field: str) -> str:
    """A non-empty string argument such as a video id."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"{field}: must be a non-empty string (got {shown(value)})",
            field=field,
            allowed="non-empty string",
        )
    return value.strip()


def require_id_list(ids: object, field: str, noun: str, for_one: str) -> list[str]:
    """``ids`` as a list of non-empty strings, or ``InvalidRequestError`` for a lone
    string, a mapping, a non-iterable or a bad id (``noun``: what an id names;
    ``for_one``: the call that takes a single one)."""
    if isinstance(ids, (str, bytes, Mapping)) or not isinstance(ids, Iterable):
        raise InvalidRequestError(
            f"{field}: must be a list (or other iterable) of {noun} ids "
            f"(got {type(ids).__name__}; for one {noun} use {for_one})",
            field=field,
            allowed="iterable of non-empty strings",
        )
    return [require_text(one_id, field) for one_id in ids]


def reject_unknown(given: Iterable[str], accepted: Sequence[str], method: str) -> None:
    """``InvalidRequestError`` naming the ``given`` arguments that ``method`` does not
    take (``accepted``: the ones it does), before anything is sent."""
    unknown = sorted(set(given) - set(accepted))
    if unknown:
        raise InvalidRequestError(
            f"{', '.join(unknown)}: not a {method} argument",
            field=unknown[0],
            allowed=", ".join(accepted),
        )


def require_int_range(value: object, field: str, low: int, high: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(
            f"{field}: must be an integer (got {value!r})", field=field, allowed="integer"
        )
    if value < low or (high is not None and value > high):
        allowed = f"{low} to {high}" if high is not None else f">= {low}"
        raise InvalidRequestError(
            f"{field}: must be {allowed} (got {value})", field=field, allowed=allowed
        )
    return value


def require_choice(value: object, field: str, choices: Sequence[str]) -> str:
    if value not in choices:
        allowed = ", ".join(choices)
        raise InvalidRequestError(
            f"{field}: must be one of {allowed} (got {value!r})", field=field, allowed=allowed
        )
    return str(value)
