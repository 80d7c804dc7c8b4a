"""The fake's version-neutral server core: routing, auth, faults, transports, media.

Nothing here knows an API version's paths or wire format: dialects
(``heygen_async.testing.dialects``) bring their routes and their ``Wire``.
"""

from __future__ import annotations

from .._renamed import renamed
from ._app import ASSET_FILES_PREFIX, FakeApp, FakeDialect, media_fault, retry_after_headers
from ._asgi import Request, Response
from ._faults import Fault, FaultDecision, FaultPlan
from ._media import MEDIA_PREFIX, MediaUrls, UrlSigner, s3_error
from ._responses import HTML, JSON, dumps, html_page, json_response
from ._routing import ApiError, CoreError, Handler, Route, Router, Wire
from ._transport import InProcessTransport

__all__ = [
    "ASSET_FILES_PREFIX",
    "HTML",
    "JSON",
    "MEDIA_PREFIX",
    "ApiError",
    "CoreError",
    "FakeApp",
    "FakeDialect",
    "Fault",
    "FaultDecision",
    "FaultPlan",
    "Handler",
    "InProcessTransport",
    "MediaUrls",
    "Request",
    "Response",
    "Route",
    "Router",
    "UrlSigner",
    "Wire",
    "dumps",
    "html_page",
    "json_response",
    "media_fault",
    "retry_after_headers",
    "s3_error",
]


# ``Dialect`` was the protocol's name until it was told apart from the SDK's own
# ``_transport.Dialect``.
__getattr__ = renamed(__name__, {"Dialect": ("FakeDialect", FakeDialect)})
