"""The account's files: uploaded bytes, asset ids, and direct uploads in progress.

Listed assets live in ``Catalogue.assets`` (wire-shaped dicts a test may
extend); this store keeps what the catalogue does not: the bytes behind the
fake's own asset URLs, and direct uploads that were announced but not yet
completed (those are not assets yet: not listed, not usable in a video).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal


@dataclass
class StoredFile:
    """The bytes of one uploaded asset and their MIME type."""

    data: bytes
    mime_type: str


@dataclass
class DirectUpload:
    """A direct upload: announced, then PUT to storage, then completed."""

    asset_id: str
    filename: str
    content_type: str
    size_bytes: int
    checksum_sha256: str | None
    expires_at: float
    data: bytes | None = None
    status: Literal["pending_upload", "uploaded", "completed"] = "pending_upload"


class AssetFiles:
    """Asset ids (seeded), stored bytes and direct uploads of one account."""

    def __init__(self, seed: int) -> None:
        self._ids = random.Random(f"{seed}:asset-ids")
        self._files: dict[str, StoredFile] = {}
        self._direct: dict[str, DirectUpload] = {}

    def new_id(self) -> str:
        while True:
            asset_id = f"{self._ids.getrandbits(128):032x}"
            if asset_id not in self._files and asset_id not in self._direct:
                return asset_id

    def store(self, asset_id: str, data: bytes, mime_type: str) -> None:
        self._files[asset_id] = StoredFile(data, mime_type)

    def get(self, asset_id: str) -> StoredFile | None:
        return self._files.get(asset_id)

    def open_direct(self, upload: DirectUpload) -> None:
        self._direct[upload.asset_id] = upload

    def direct(self, asset_id: str) -> DirectUpload | None:
        return self._direct.get(asset_id)
