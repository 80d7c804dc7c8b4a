"""Asset inputs: the ``video``, ``audio`` and other file parameters of v3's creates.

HeyGen takes a file as ``{"type": "url", "url": ...}`` or ``{"type": "asset_id",
"asset_id": ...}``. A parameter annotated ``AssetInput`` accepts, as the rest of the
SDK does:

- an asset id (``upload_asset(...).id``): sent as ``asset_id``;
- an ``http(s)://`` URL: sent as ``url`` (HeyGen fetches it);
- a local file (a ``pathlib.Path``, or a string naming a file that exists) or the
  file's ``bytes``: uploaded first (``upload_asset``), then sent by its new id;
- a dict in HeyGen's own shape, sent as it is.

Checking the value happens before anything is sent; the upload, when one is
needed, happens when the call runs, before its own request.

Inside a request model (a batch's items), ``AssetReference`` takes an asset id, a
URL or HeyGen's dict: nothing is uploaded there, so a file is refused, naming
``upload_asset``.
"""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BeforeValidator

from .._errors import InvalidRequestError


class _AssetMarker:
    """Marks a parameter as an asset input (see the module doc)."""

    def __repr__(self) -> str:
        return "AssetInput"


ASSET_MARKER = _AssetMarker()

AssetSource = Union[str, os.PathLike[str], bytes, Mapping[str, Any]]  # noqa: UP007 - evaluated at import
AssetInput = Annotated[AssetSource, ASSET_MARKER]
"""An asset id, an http(s) URL, a local path, bytes, or HeyGen's own dict."""

_WIRE_TYPES = {"url": "url", "asset_id": "asset_id"}


def is_asset_input(annotation: Any) -> bool:
    """True for ``AssetInput`` (also inside ``| None``)."""
    import typing

    candidates = [annotation, *typing.get_args(annotation)]
    return any(ASSET_MARKER in getattr(c, "__metadata__", ()) for c in candidates)


def is_asset_list(annotation: Any) -> bool:
    """True for ``list[AssetInput]`` (also ``Annotated`` with a length, and inside ``| None``)."""
    import typing

    for candidate in [annotation, *typing.get_args(annotation)]:
        if typing.get_origin(candidate) is typing.Annotated:
            candidate = typing.get_args(candidate)[0]
        if typing.get_origin(candidate) is list and is_asset_input(typing.get_args(candidate)[0]):
            return True
    return False


def check_asset_list(name: str, annotation: Any) -> Callable[[Any], Any]:
    """The check of a list of asset inputs: each one as ``check_asset`` checks it, and
    the list's length within what its annotation states (``Field(max_length=20)``)."""
    import typing

    low, high = 0, None
    for candidate in [annotation, *typing.get_args(annotation)]:
        for meta in getattr(candidate, "__metadata__", ()):
            for bound in getattr(meta, "metadata", [meta]):
                low = getattr(bound, "min_length", None) or low
                high = getattr(bound, "max_length", None) or high
    allowed = f"a list of {low} to {high} files" if high else f"a list of at least {low} files"
    check_one = check_asset(name)

    def check(value: Any) -> list[Any]:
        if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, (list, tuple)):
            raise InvalidRequestError(
                f"{name}: must be a list of files (got {type(value).__name__})",
                field=name,
                allowed=allowed,
            )
        if len(value) < low or (high is not None and len(value) > high):
            raise InvalidRequestError(
                f"{name}: must be {allowed} (got {len(value)})",
                field=name,
                allowed=allowed,
            )
        return [check_one(item) for item in value]

    return check


def check_asset(name: str) -> Callable[[Any], Any]:
    """The check of an asset parameter (before sending): its kind, never the network."""

    def check(value: Any) -> Any:
        if isinstance(value, Mapping):
            kind = value.get("type")
            if kind not in _WIRE_TYPES or not value.get(_WIRE_TYPES[kind]):
                raise InvalidRequestError(
                    f"{name}: HeyGen's form is {{'type': 'url', 'url': ...}} or "
                    f"{{'type': 'asset_id', 'asset_id': ...}} (got {dict(value)!r})",
                    field=name,
                    allowed="asset id, http(s) URL, path, bytes or {'type': 'url'|'asset_id', ...}",
                )
            return dict(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            if not value:
                raise _empty(name)
            return bytes(value)
        if isinstance(value, os.PathLike):
            return value
        if isinstance(value, str) and value.strip():
            if "://" in value and not value.lower().startswith(("http://", "https://")):
                raise InvalidRequestError(
                    f"{name}: only http(s) URLs can be given (got {value!r})",
                    field=name,
                    allowed="asset id, http(s) URL, path or bytes",
                )
            text = value.strip()
            # A string naming a file that exists is that file; otherwise an id or URL.
            return Path(text) if "://" not in text and Path(text).is_file() else text
        if isinstance(value, str):
            raise _empty(name)
        raise InvalidRequestError(
            f"{name}: must be an asset id, an http(s) URL, a path or bytes "
            f"(got {type(value).__name__})",
            field=name,
            allowed="asset id, http(s) URL, path or bytes",
        )

    return check


def _empty(name: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{name}: must not be empty", field=name, allowed="asset id, http(s) URL, path or bytes"
    )


def _reference(value: Any) -> dict[str, Any]:
    """HeyGen's form of an asset id, URL or dict (``ValueError`` for pydantic otherwise)."""
    try:
        checked = check_asset("asset")(value)
    except InvalidRequestError as exc:
        # pydantic's error names the field and the value: keep only what is wrong.
        raise ValueError(str(exc).removeprefix("asset: ").split(" (got ")[0]) from None
    if isinstance(checked, dict):
        return checked
    if not isinstance(checked, str):
        raise ValueError(
            "a local file or bytes cannot be uploaded from here: upload it first "
            "(client.upload_asset(...).id) and pass its asset id"
        )
    if checked.lower().startswith(("http://", "https://")):
        return {"type": "url", "url": checked}
    return {"type": "asset_id", "asset_id": checked}


AssetReference = Annotated[dict[str, Any], BeforeValidator(_reference)]
"""A file inside a request model: an asset id, an http(s) URL or HeyGen's own dict."""

Uploader = Callable[[Any], Awaitable[str]]


async def asset_wire(value: Any, upload: Uploader) -> Any:
    """HeyGen's form of a checked asset value (or list of them), uploading a local file
    or bytes first."""
    if isinstance(value, list):
        return [await asset_wire(item, upload) for item in value]
    if isinstance(value, dict):
        return value
    if isinstance(value, str) and value.lower().startswith(("http://", "https://")):
        return {"type": "url", "url": value}
    if isinstance(value, str):
        return {"type": "asset_id", "asset_id": value}
    return {"type": "asset_id", "asset_id": await upload(value)}


__all__ = [
    "AssetInput",
    "AssetReference",
    "AssetSource",
    "asset_wire",
    "check_asset",
    "check_asset_list",
    "is_asset_input",
    "is_asset_list",
]
