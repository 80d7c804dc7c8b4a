"""The client's settings that come from the environment, and its API versions.

For tools built on the SDK that name them to their users (the CLI's help)::

    from heygen_async.settings import API_VERSIONS, ENV_API_KEY
"""

from ._backends import BACKENDS
from ._constants import (
    DEFAULT_API_VERSION,
    ENV_API_KEY,
    ENV_API_VERSION,
    ENV_BASE_URL,
    ENV_UPLOAD_URL,
)

API_VERSIONS: tuple[str, ...] = tuple(sorted(BACKENDS, reverse=True))
"""The ``api_version`` values a client takes, newest first (``("v3", "v2")``)."""

__all__ = [
    "API_VERSIONS",
    "DEFAULT_API_VERSION",
    "ENV_API_KEY",
    "ENV_API_VERSION",
    "ENV_BASE_URL",
    "ENV_UPLOAD_URL",
]
