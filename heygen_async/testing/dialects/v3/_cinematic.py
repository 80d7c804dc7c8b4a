"""``POST /v3/videos`` with ``type: cinematic_avatar`` (CreateVideoFromCinematicAvatar).

A video made from a natural-language ``prompt`` guided by one to three avatar looks
and optional reference assets; no script and no voice. Checked as the spec
describes it: ``prompt`` and ``avatar_id`` (a list of 1 to 3 known look ids)
required; ``references`` a list of AssetInputs (images, videos or audio), at most
3 videos and 9 images across avatars and references (a reference given by URL is
not counted: its kind is unknown until HeyGen fetches it); ``duration`` an integer
of 4 to 15 seconds (default 10), left out when ``auto_duration`` is true;
``aspect_ratio`` 16:9, 9:16 or 1:1; ``resolution`` 720p or 1080p.
"""

from __future__ import annotations

from typing import Any

from ...account import VideoOrder
from ._field_checks import FieldChecker
from ._wire import AVATAR_NOT_FOUND, invalid, not_found

ASPECT_RATIOS = ("16:9", "9:16", "1:1")
RESOLUTIONS = ("720p", "1080p")
MAX_AVATARS = 3
MAX_VIDEOS = 3
MAX_IMAGES = 9
MIN_SECONDS, MAX_SECONDS, DEFAULT_SECONDS = 4, 15, 10
_REFERENCE_KINDS = ("image", "video", "audio")


def _avatars(checker: FieldChecker, body: dict[str, Any]) -> int:
    """The avatar looks (1 to 3, each known); how many there are."""
    looks = body.get("avatar_id")
    if looks is None:
        raise invalid("avatar_id", "avatar_id is required: a list of 1 to 3 avatar look ids")
    if not isinstance(looks, list) or not 1 <= len(looks) <= MAX_AVATARS:
        raise invalid("avatar_id", f"avatar_id must be a list of 1 to {MAX_AVATARS} look ids")
    catalogue = checker.account.catalogue
    for index, look in enumerate(looks):
        param = f"avatar_id[{index}]"
        if not isinstance(look, str) or not look:
            raise invalid(param, f"{param} must be an avatar look id")
        if catalogue.avatar(look) is None and catalogue.talking_photo(look) is None:
            raise not_found(AVATAR_NOT_FOUND, f"Avatar {look} not found", param)
    return len(looks)


def _references(checker: FieldChecker, body: dict[str, Any]) -> dict[str, int]:
    """The reference assets; how many of each kind were given by asset id."""
    references = body.get("references")
    counts = {kind: 0 for kind in _REFERENCE_KINDS}
    if references is None:
        return counts
    if not isinstance(references, list):
        raise invalid("references", "references must be a list of asset inputs")
    for index, reference in enumerate(references):
        param = f"references[{index}]"
        checker.asset_input(reference, param, _REFERENCE_KINDS)
        if reference.get("type") == "asset_id":
            item = checker.account.asset(reference["asset_id"]) or {}
            counts[str(item.get("file_type"))] += 1
    return counts


def _seconds(checker: FieldChecker, body: dict[str, Any]) -> int:
    auto = checker.optional_bool(body, "auto_duration", "")
    duration = body.get("duration")
    if duration is None:
        return DEFAULT_SECONDS
    if auto:
        raise invalid("duration", "duration must be left out when auto_duration is true")
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise invalid("duration", "duration must be an integer number of seconds")
    if not MIN_SECONDS <= duration <= MAX_SECONDS:
        raise invalid("duration", f"duration must be {MIN_SECONDS} to {MAX_SECONDS} seconds")
    return duration


def validate_cinematic(checker: FieldChecker, body: dict[str, Any]) -> VideoOrder:
    """Check a ``cinematic_avatar`` body; the order it makes, or ``ApiError``."""
    prompt = checker.required_str(body, "prompt", "")
    if not prompt.strip():
        raise invalid("prompt", "prompt must not be empty")
    avatars = _avatars(checker, body)
    counts = _references(checker, body)
    if counts["video"] > MAX_VIDEOS:
        raise invalid("references", f"at most {MAX_VIDEOS} videos across references")
    if avatars + counts["image"] > MAX_IMAGES:
        raise invalid("references", f"at most {MAX_IMAGES} images across avatars and references")
    seconds = _seconds(checker, body)
    checker.optional_bool(body, "enhance_prompt", "")
    checker.choice(body, "aspect_ratio", ASPECT_RATIOS, "")
    checker.choice(body, "resolution", RESOLUTIONS, "")
    title = checker.optional_str(body, "title", "")
    return VideoOrder(
        kind="cinematic_avatar",
        title=title,
        callback_id=None,  # not a field of this type
        duration=float(seconds),
        caption=False,
        api_version="v3",
        texts=[text for text in (prompt, title) if text],
    )
