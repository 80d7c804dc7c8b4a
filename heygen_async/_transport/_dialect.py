"""What the transport asks of an API version: how its answers and errors look.

Each backend (``heygen_async._backends``) brings one ``Dialect``; the transport
itself knows no envelope, no error code and no path.
"""

from __future__ import annotations

from typing import Any, Protocol

from .._errors import APIStatusError
from ._envelope import ErrorInfo


class Dialect(Protocol):
    """The wire conventions of one HeyGen API version."""

    @property
    def name(self) -> str:
        """The API version, as ``api_version`` names it (``"v3"``, ``"v2"``)."""
        ...

    @property
    def creates_refused_at_job_limit(self) -> bool:
        """True when a 429 on a create means the account's concurrent-job limit (v3
        refuses instead of queueing): it then holds creates only, not reads."""
        ...

    def error_in_body(self, body: Any) -> ErrorInfo | None:
        """The error a decoded JSON body reports, or None when it reports success."""
        ...

    def unwrap(self, body: Any) -> Any:
        """What a successful answer carries for the backend (``data``, or the whole body
        where the cursor sits beside it)."""
        ...

    def error_class(self, status_code: int, code: int | str | None) -> type[APIStatusError]:
        """The exception class for an HTTP status and the API's error code."""
        ...
