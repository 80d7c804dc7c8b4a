"""``client.capabilities``: what the client's HeyGen API version can do, as facts.

Code above the SDK (the CLI, a job runner) asks these instead of knowing the
versions itself: "can a lost create be replayed by its key?", "can it be found
again by its callback_id?".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._backends._base import Backend


@dataclass(frozen=True)
class Capabilities:
    """What one API version of HeyGen offers (``client.capabilities``)."""

    api_version: str
    """The version these describe (``"v3"``, ``"v2"``)."""
    idempotency_keys: bool
    """Creates carry an ``Idempotency-Key``: resending one within 24 h replays the
    first answer instead of paying twice."""
    settles_by_callback_id: bool
    """A create whose answer was lost can be found again among the account's videos
    by its ``callback_id`` (``client.find_videos_by_callback_id``)."""
    statuses_batch_size: int
    """Most videos one status request reads."""
    avatar_iv_callback_id: bool
    """An Avatar IV create takes a ``callback_id`` (HeyGen documents none today)."""
    avatar_iv_image_is_asset_id: bool
    """An uploaded photo is named in an Avatar IV create by its asset id (v3), not
    by its ``image_key`` (v2)."""
    templates: bool = False
    """Videos can be made from templates (``client.templates.generate``, and
    template jobs in ``generate_many``)."""

    @classmethod
    def of(cls, backend: Backend) -> Capabilities:
        return cls(
            api_version=backend.api_version,
            idempotency_keys=backend.idempotency_keys,
            settles_by_callback_id=backend.settles_by_callback_id,
            statuses_batch_size=backend.status_batch_size,
            avatar_iv_callback_id=False,
            avatar_iv_image_is_asset_id=backend.avatar_iv_image_is_asset_id,
            templates=_has_template_videos(backend.api_version),
        )


def _has_template_videos(api_version: str) -> bool:
    """Whether ``templates.generate`` is declared for ``api_version``."""
    from .resources.templates import AsyncTemplates

    declaration = AsyncTemplates.generate.__endpoint__  # type: ignore[attr-defined]
    return api_version in declaration.versions


__all__ = ["Capabilities"]
