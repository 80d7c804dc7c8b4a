"""Reading answers into models, leniently: shared by every backend."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .._errors import APIResponseError

ModelT = TypeVar("ModelT", bound=BaseModel)


def data_of(answer: Any, what: str) -> Any:
    """The ``data`` of a v3 answer, or ``APIResponseError`` naming the operation."""
    if not isinstance(answer, dict) or "data" not in answer:
        raise APIResponseError(f"HeyGen's {what} answer has no data")
    return answer["data"]


def list_of(answer: Any, what: str) -> list[Any]:
    """The list a v3 listing answer holds under ``data``, or ``APIResponseError``."""
    data = data_of(answer, what)
    if not isinstance(data, list):
        raise APIResponseError(f"HeyGen's {what} answer has no list")
    return data


def as_dict(data: Any, what: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise APIResponseError(f"HeyGen's {what} answer has no data object")
    return data


def with_id(data: Any, name: str, value: Any) -> Any:
    """``data``, naming the object the request named by ``name``: an answer object
    with neither ``id`` nor ``name`` (HeyGen's status reads may omit it) gets
    ``value`` as its ``id``. Anything else is left to ``parse`` to refuse."""
    if not isinstance(data, dict) or data.get("id") or data.get(name):
        return data
    return {**data, "id": value}


def parse(model: type[ModelT], data: Any, what: str) -> ModelT:
    """A response model, or ``APIResponseError`` when a required field is missing."""
    try:
        return model.model_validate(as_dict(data, what))
    except RecursionError:
        raise APIResponseError(f"HeyGen's {what} answer is nested too deeply") from None
    except ValidationError as exc:
        problem = exc.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"]) or what
        raise APIResponseError(
            f"HeyGen's {what} answer could not be read: {where}: {problem['msg']}"
        ) from None


def parse_items(model: type[ModelT], items: list[Any], what: str) -> list[ModelT]:
    return [parse(model, item, what) for item in items if isinstance(item, dict)]


def items_of(data: Any, *keys: str) -> list[Any]:
    """The list under the first of ``keys`` present (or ``data`` itself if it is a list)."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        for key in keys:
            value = data.get(key)
            if isinstance(value, list):
                return value
    return []


def next_token(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    for key in ("token", "next_token", "next_page_token"):
        value = data.get(key)
        if value:
            return str(value)
    return None
