"""HeyGen's endpoints: paths, request bodies and response shapes, per API version.

Only ``legacy`` (v1/v2) exists today; a v3 backend will sit beside it with the
same method names, so nothing above this package changes.
"""

from .legacy import LegacyAPI

__all__ = ["LegacyAPI"]
