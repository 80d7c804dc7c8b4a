"""Base classes shared by every model."""

from __future__ import annotations

import threading
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from .._constants import SCRIPT_MAX_CHARS

# One lock for every deferred build: pydantic before 2.13 does not serialise
# concurrent first uses of a deferred model (two threads rebuilding one class can
# see each other's half-built state), and the sync facade is used from threads.
_BUILD_LOCK = threading.RLock()


Script = Annotated[str, Field(max_length=SCRIPT_MAX_CHARS)]
"""Text one voice speaks: at most ``SCRIPT_MAX_CHARS`` (5,000) characters, HeyGen's
limit, checked before sending."""


class _DeferredModel(BaseModel):
    """Builds its validator on first use, not at import (``defer_build``): importing
    the SDK does not pay for the models a program never uses."""

    model_config = ConfigDict(defer_build=True)

    @classmethod
    def model_rebuild(
        cls,
        *,
        force: bool = False,
        raise_errors: bool = True,
        _parent_namespace_depth: int = 2,
        _types_namespace: Any = None,
    ) -> bool | None:
        with _BUILD_LOCK:
            if cls.__pydantic_complete__ and not force:
                return None  # built by the thread that held the lock
            return super().model_rebuild(
                force=force,
                raise_errors=raise_errors,
                # This override is one more frame between the caller and pydantic.
                _parent_namespace_depth=_parent_namespace_depth + (_parent_namespace_depth > 0),
                _types_namespace=_types_namespace,
            )


class ResponseModel(_DeferredModel):
    """A HeyGen response object.

    Unknown fields are kept (``extra="allow"``) so a new HeyGen field never breaks a
    caller; ``model_dump()`` returns them too. Every field but the id is optional.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False)

    request_id: str | None = Field(default=None, exclude=True, repr=False)
    """HeyGen's ``X-Request-Id`` of the answer this came from, when it sent one
    (quote it to HeyGen's support); set by the client, never part of ``model_dump()``."""


class RequestModel(_DeferredModel):
    """A request body part sent to HeyGen, validated before anything is sent.

    Fields HeyGen adds after this SDK was written can still be passed: unknown keys
    are kept and sent as they are.
    """

    model_config = ConfigDict(
        extra="allow",
        populate_by_name=True,
        validate_assignment=True,
        str_strip_whitespace=False,
    )

    def to_wire(self) -> dict[str, Any]:
        """The JSON body HeyGen expects: unset optional fields are left out."""
        return self.model_dump(mode="json", exclude_none=True, by_alias=True)


class Deleted(ResponseModel):
    """The answer of a ``delete``: the id of what was deleted, for good (each noun's
    own name: ``DeletedLipsync``, ``VideoDeleted``, ...)."""

    id: str
    """The id of what was deleted."""
