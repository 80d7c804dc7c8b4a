"""File parts: the parameter of a multipart operation (``POST /v3/assets``'s ``file``).

A parameter annotated ``FileInput`` (or ``Annotated[FileSource, FilePart(max_bytes=...)]``
where HeyGen states a size limit) takes a local file, as a path, or the file's bytes.
Before anything is sent the file is checked: it exists, it is not empty, it is within
the limit, and its type is one HeyGen accepts (from the name, else the first bytes).
The operation then travels as ``multipart/form-data``, one part per file parameter,
the bytes read when the call is sent (``_resource``).
"""

from __future__ import annotations

import os
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union

import anyio

from .._errors import InvalidRequestError
from .._uploads import SNIFF_BYTES, default_filename, resolve_content_type

FileSource = Union[str, os.PathLike[str], bytes]  # noqa: UP007 - evaluated at import
"""A local file's path, or its bytes."""


@dataclass(frozen=True)
class FilePart:
    """Marks a parameter as a multipart file part, with HeyGen's size limit if any."""

    max_bytes: int | None = None


FileInput = Annotated[FileSource, FilePart()]
"""A local file (path or bytes) sent as a multipart part."""


@dataclass(frozen=True)
class UploadFile:
    """A checked file parameter, ready to become its multipart part."""

    filename: str
    content_type: str
    size: int
    path: Path | None = None
    content: bytes | None = None

    async def part(self) -> tuple[str, bytes, str]:
        """The ``(filename, bytes, content type)`` httpx sends (a path is read now)."""
        content = self.content
        if content is None:
            assert self.path is not None
            content = await anyio.Path(self.path).read_bytes()
        return self.filename, content, self.content_type


def file_part(annotation: Any) -> FilePart | None:
    """The ``FilePart`` marker of an annotation (also inside ``| None``), if any."""
    for candidate in (annotation, *typing.get_args(annotation)):
        for meta in getattr(candidate, "__metadata__", ()):
            if isinstance(meta, FilePart):
                return meta
    return None


def check_file(name: str, part: FilePart) -> Callable[[Any], UploadFile]:
    """The check of a file parameter (before sending): an ``UploadFile``, or an error."""

    def check(value: Any) -> UploadFile:
        if isinstance(value, (bytes, bytearray, memoryview)):
            content = bytes(value)
            _check_size(name, len(content), part)
            kind = _content_type(name, None, content[:SNIFF_BYTES])
            return UploadFile(default_filename(kind), kind, len(content), content=content)
        if isinstance(value, str) and "://" in value:
            raise InvalidRequestError(
                f"{name}: must be a local file or its bytes (got the URL {value!r}; "
                "client.assets.upload fetches URLs)",
                field=name,
                allowed="path or bytes",
            )
        if isinstance(value, (str, os.PathLike)) and os.fspath(value):
            return _checked_path(name, Path(os.fspath(value)), part)
        raise InvalidRequestError(
            f"{name}: must be a path or bytes (got {type(value).__name__})",
            field=name,
            allowed="path or bytes",
        )

    return check


def _checked_path(name: str, path: Path, part: FilePart) -> UploadFile:
    if not path.is_file():
        raise InvalidRequestError(
            f"{name}: no such file: {str(path)!r}", field=name, allowed="an existing file"
        )
    size = path.stat().st_size
    _check_size(name, size, part)
    with path.open("rb") as handle:  # the type may need the first bytes: a short read
        head = handle.read(SNIFF_BYTES)
    return UploadFile(path.name, _content_type(name, path.name, head), size, path=path)


def _check_size(name: str, size: int, part: FilePart) -> None:
    if size == 0:
        raise InvalidRequestError(f"{name}: the file is empty", field=name, allowed="non-empty")
    if part.max_bytes is not None and size > part.max_bytes:
        raise InvalidRequestError(
            f"{name}: {size} bytes is over HeyGen's limit of {part.max_bytes} bytes",
            field=name,
            allowed=f"at most {part.max_bytes} bytes",
        )


def _content_type(name: str, filename: str | None, head: bytes) -> str:
    try:
        return resolve_content_type(None, name=filename, head=head)
    except InvalidRequestError as exc:  # it names content_type, which this call lacks
        raise InvalidRequestError(
            f"{name}: could not tell the file type, or HeyGen does not take it "
            f"({exc.allowed} are accepted)",
            field=name,
            allowed=exc.allowed,
        ) from None


__all__ = ["FileInput", "FilePart", "FileSource", "UploadFile", "check_file", "file_part"]
