"""Validation of incoming ``POST /v3/videos`` bodies (heygen-v3-spec.json schemas).

``type`` picks the schema: ``avatar`` (CreateVideoFromAvatar), ``image``
(CreateVideoFromImage), ``cinematic_avatar`` (CreateVideoFromCinematicAvatar,
in ``_cinematic``) or ``studio`` (CreateVideoFromStudio). Checked: required
fields, types, enums, numeric ranges given in the field descriptions, the
mutually exclusive audio sources (exactly one of ``script`` / ``audio_url`` /
``audio_asset_id``), and that avatars, voices and assets exist. Errors are 400
``invalid_parameter`` with ``param`` naming the field (dotted,
``scenes[0].input.avatar_id``), 404 ``avatar_not_found`` / ``voice_not_found``
/ ``not_found`` for unknown ids, and 400 ``asset_not_available`` for a direct
upload not yet completed. Unknown fields are ignored. A valid body becomes a
``VideoOrder``.
"""

from __future__ import annotations

from typing import Any

from ... import _defaults as defaults
from ...account import Account, VideoKind, VideoOrder
from ._cinematic import validate_cinematic
from ._field_checks import EXPRESSIVENESS, FieldChecker, is_number
from ._wire import invalid

_SCENE_CLIP_SECONDS = 10.0


def _order(
    checker: FieldChecker,
    body: dict[str, Any],
    kind: VideoKind,
    duration: float,
    output_format: str = "mp4",
) -> VideoOrder:
    title, callback_id = checker.common(body)
    caption, burned = checker.caption(body)
    return VideoOrder(
        kind=kind,
        title=title,
        callback_id=callback_id,
        duration=round(duration, 3),
        caption=caption,
        caption_burned=burned,
        api_version="v3",
        output_format=output_format,
        texts=checker.texts,
    )


def _avatar(checker: FieldChecker, body: dict[str, Any]) -> VideoOrder:
    look = checker.avatar(body, "")
    checker.engine(body, "")
    if body.get("expressiveness") is not None and (body.get("engine") or {}).get("type") == (
        "avatar_v"
    ):
        raise invalid("expressiveness", "expressiveness is not supported with engine avatar_v")
    seconds = checker.audio(body, "", default_voice=look.get("default_voice_id"))
    output_format = checker.single(body)
    return _order(checker, body, "avatar", seconds or 0.0, output_format)


def _image(checker: FieldChecker, body: dict[str, Any]) -> VideoOrder:
    if body.get("image") is None:
        raise invalid("image", "image is required")
    checker.asset_input(body["image"], "image", "image")
    seconds = checker.audio(body, "", default_voice=None)
    output_format = checker.single(body)
    return _order(checker, body, "image", seconds or 0.0, output_format)


def _scene(checker: FieldChecker, scene: Any, where: str) -> float:
    """One studio scene; its seconds."""
    scene = checker.object(scene, where.rstrip("."))
    kind = checker.choice(scene, "type", ("avatar_video", "image", "video"), where)
    if kind is None:
        raise invalid(f"{where}type", f"{where}type is required")
    if kind == "avatar_video":
        if scene.get("input") is None:
            raise invalid(f"{where}input", f"{where}input is required")
        given = checker.object(scene["input"], f"{where}input")
        at = f"{where}input."
        input_kind = checker.choice(given, "type", ("avatar", "image"), at)
        if input_kind is None:
            raise invalid(f"{at}type", f"{at}type is required")
        checker.choice(given, "expressiveness", EXPRESSIVENESS, at)
        checker.optional_str(given, "motion_prompt", at)
        if input_kind == "avatar":
            look = checker.avatar(given, at)
            checker.engine(given, at)
            checker.studio_background(given, at)
            return checker.audio(given, at, default_voice=look.get("default_voice_id")) or 0.0
        if given.get("image") is None:
            raise invalid(f"{at}image", f"{at}image is required")
        checker.asset_input(given["image"], f"{at}image", "image")
        return checker.audio(given, at, default_voice=None) or 0.0
    if scene.get("source") is None:
        raise invalid(f"{where}source", f"{where}source is required")
    if kind == "video":
        checker.asset_input(scene["source"], f"{where}source", "video")
        playback = checker.optional_object(scene, "playback", where)
        if playback is not None:
            checker.number(playback, "volume", 0.0, 1.0, f"{where}playback.")
            checker.optional_bool(playback, "mute", f"{where}playback.")
        return _SCENE_CLIP_SECONDS
    checker.asset_input(scene["source"], f"{where}source", "image")
    duration = scene.get("duration")
    spoken = checker.audio(scene, where, default_voice=None, required=duration is None)
    if duration is not None:
        if spoken is not None:
            raise invalid(
                f"{where}duration", f"{where}duration and an audio source exclude each other"
            )
        limit = defaults.V3_MAX_IMAGE_SCENE_SECONDS
        if not is_number(duration) or not 0 < duration <= limit:
            raise invalid(f"{where}duration", f"{where}duration must be > 0 and <= {limit:g}")
        return float(duration)
    return spoken or 0.0


def _studio(checker: FieldChecker, body: dict[str, Any]) -> VideoOrder:
    scenes = body.get("scenes")
    if scenes is None:
        raise invalid("scenes", "scenes is required")
    if not isinstance(scenes, list) or not 1 <= len(scenes) <= defaults.MAX_SCENES:
        raise invalid("scenes", f"scenes must be a list of 1 to {defaults.MAX_SCENES} scenes")
    seconds = sum(_scene(checker, scene, f"scenes[{i}].") for i, scene in enumerate(scenes))
    return _order(checker, body, "studio", seconds)


_TYPES = {
    "avatar": _avatar,
    "image": _image,
    "cinematic_avatar": validate_cinematic,
    "studio": _studio,
}


def validate_create(body: dict[str, Any], account: Account) -> VideoOrder:
    """Check a ``POST /v3/videos`` body; the order it makes, or ``ApiError``."""
    kind = body.get("type")
    if kind is None:
        raise invalid("type", f"type is required: one of {', '.join(_TYPES)}")
    check = _TYPES.get(kind) if isinstance(kind, str) else None
    if check is None:
        raise invalid("type", f"type must be one of {', '.join(_TYPES)}")
    return check(FieldChecker(account), body)
