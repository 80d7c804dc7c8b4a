"""Base classes shared by every model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class ResponseModel(BaseModel):
    """A HeyGen response object.

    Unknown fields are kept (``extra="allow"``) so a new HeyGen field never breaks a
    caller; ``model_dump()`` returns them too. Every field but the id is optional.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=False)


class RequestModel(BaseModel):
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
