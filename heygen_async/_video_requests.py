"""Method arguments -> version-neutral request models, validated before anything is sent.

``generate_video``, ``generate_many`` and the CLI all go through these, so the
rules (and their error messages) live in one place. The models are the SDK's own
vocabulary (scenes, characters, voices, backgrounds); each backend turns them into
its API version's wire body, and refuses what its version cannot express.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError

from ._errors import InvalidRequestError
from ._params import VIDEO_SUBJECT, Param, avatar_iv_params, video_params
from ._validation import invalid_request_from, reject_unknown, validate
from .models import (
    AvatarCharacter,
    AvatarIVVideoRequest,
    ColorBackground,
    GenerateVideoRequest,
    TextVoice,
)
from .models.scene import Background
from .models.video import avatar_iv_speech_problem

# Options of the simple form (one scene), refused beside video_inputs.
_SIMPLE_FORM_ONLY = ("avatar_style", "speed", "pitch", "emotion", "locale", "background")
# Options copied to the request as they are.
_REQUEST_FIELDS = ("title", "caption", "callback_id", "callback_url", "folder_id", "test")
# Options that are not part of the request itself but of the call that sends it.
CALL_OPTIONS = ("idempotency_key",)


def _reject_unknown(params: Mapping[str, Any], known: tuple[Param, ...], method: str) -> None:
    reject_unknown(params, [p.name for p in known], method)


def _dimension(value: Any) -> Any:
    if isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        return {"width": value[0], "height": value[1]}
    return value


@functools.cache
def _background_adapter() -> TypeAdapter[Background]:
    """Built on first use: building a validator at import costs every program."""
    return TypeAdapter(Background)


def _background(value: Any) -> Any:
    """The simple form's background; a ``#RRGGBB`` string is shorthand for a colour."""
    if isinstance(value, str):
        return validate(ColorBackground, {"value": value}, prefix="background")
    try:
        return _background_adapter().validate_python(value)
    except ValidationError as exc:
        raise invalid_request_from(exc, "background", Background) from None


def build_video_request(params: Mapping[str, Any]) -> GenerateVideoRequest:
    """``generate_video``'s arguments (a dict of ``video_params()`` names) as a request
    model, or ``InvalidRequestError`` naming the argument."""
    _reject_unknown(params, video_params(), "generate_video")
    get = params.get
    subject = {name: get(name) for name in VIDEO_SUBJECT}
    video_inputs = get("video_inputs")
    if video_inputs is not None:
        given = [name for name in (*VIDEO_SUBJECT, *_SIMPLE_FORM_ONLY) if get(name) is not None]
        if given:
            raise InvalidRequestError(
                f"{', '.join(given)}: not allowed together with video_inputs; "
                "put them in the scenes instead",
                field=given[0],
                allowed="either the simple form (script, avatar_id, voice_id) or video_inputs",
            )
        if isinstance(video_inputs, (str, bytes, Mapping)):
            raise InvalidRequestError(
                "video_inputs: must be a list of scenes", field="video_inputs", allowed="1 to 50"
            )
        scenes: list[Any] = list(video_inputs)
    else:
        missing = [name for name, value in subject.items() if value is None]
        if missing:
            raise InvalidRequestError(
                f"{', '.join(missing)}: required (or pass video_inputs for multi-scene videos)",
                field=missing[0],
                allowed="non-empty string",
            )
        voice = {
            "voice_id": subject["voice_id"],
            "input_text": subject["script"],
            **{name: get(name) for name in ("speed", "pitch", "emotion", "locale")},
        }
        character = {"avatar_id": subject["avatar_id"], "avatar_style": get("avatar_style")}
        scene: dict[str, Any] = {
            "character": validate(
                AvatarCharacter, {k: v for k, v in character.items() if v is not None}
            ),
            "voice": _simple_voice({k: v for k, v in voice.items() if v is not None}),
        }
        if get("background") is not None:
            scene["background"] = _background(get("background"))
        scenes = [scene]

    fields: dict[str, Any] = {
        "video_inputs": scenes,
        "dimension": _dimension(get("dimension")),
        **{name: get(name) for name in _REQUEST_FIELDS},
        "extra_body": _extra(get("extra_body")),
    }
    return validate(GenerateVideoRequest, {k: v for k, v in fields.items() if v is not None})


def _simple_voice(fields: dict[str, Any]) -> TextVoice:
    """The voice of the simple form, its errors named after generate_video's arguments."""
    try:
        return validate(TextVoice, fields)
    except InvalidRequestError as exc:
        if exc.field == "input_text":
            raise InvalidRequestError(
                str(exc).replace("input_text", "script", 1), field="script", allowed=exc.allowed
            ) from None
        raise


def video_request(request: GenerateVideoRequest | Mapping[str, Any]) -> GenerateVideoRequest:
    """An already-built request (a model, or a dict of its fields)."""
    return validate(GenerateVideoRequest, request)


def build_avatar_iv_request(params: Mapping[str, Any]) -> AvatarIVVideoRequest:
    """``generate_avatar_iv_video``'s arguments as a request model, or
    ``InvalidRequestError`` naming the argument.

    The photo speaks a script (with ``voice_id``) or your own audio
    (``audio_url`` / ``audio_asset_id``), never both; ``video_title`` defaults to
    the script's start or the audio's name."""
    _reject_unknown(params, avatar_iv_params(), "generate_avatar_iv_video")
    get = params.get
    if get("audio_url") is None or get("audio_asset_id") is None:  # two: the model's error
        problem = avatar_iv_speech_problem(
            get("script"), get("voice_id"), get("audio_url"), get("audio_asset_id")
        )
        if problem is not None:
            field, message = problem
            raise InvalidRequestError(
                f"{field}: {message}",
                field=field,
                allowed="script with voice_id (text-to-speech), or one of audio_url "
                "or audio_asset_id (your own audio)",
            )
    fields = {p.name: get(p.name) for p in avatar_iv_params()}
    fields["extra_body"] = _extra(get("extra_body"))
    for option in CALL_OPTIONS:
        fields.pop(option)
    return validate(AvatarIVVideoRequest, {k: v for k, v in fields.items() if v is not None})


def _extra(extra_body: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if extra_body is None:
        return None
    if not isinstance(extra_body, Mapping):
        raise InvalidRequestError(
            "extra_body: must be a dict of extra JSON fields", field="extra_body", allowed="dict"
        )
    return dict(extra_body)
