"""v3 catalogue routes: avatar looks, voices and the current user.

The looks and voices are the account's catalogue (the same items v2 lists) in
v3's shapes: avatars are ``studio_avatar`` looks (public), talking photos are
``photo_avatar`` looks (private). A catalogue item may carry ``avatar_type`` /
``ownership`` (avatars) or ``type`` (voices, ``public``/``private``) to say
otherwise.
"""

from __future__ import annotations

from typing import Any

from ... import _defaults as defaults
from ... import _endpoints as endpoints
from ...account import Account
from ...server import Request, Response, Route
from ._listing import in_order, next_token, page_limit, token_position
from ._routes import RouteMaker
from ._wire import VOICE_NOT_FOUND, invalid, listing, not_found, success

AVATAR_TYPES = ("studio_avatar", "digital_twin", "photo_avatar")
OWNERSHIPS = ("public", "private")
VOICE_TYPES = ("public", "private")


def _choice(request: Request, name: str, choices: tuple[str, ...]) -> str | None:
    value = request.query.get(name)
    if value is not None and value not in choices:
        raise invalid(name, f"{name} must be one of {', '.join(choices)}")
    return value


def _look_of_avatar(avatar: dict[str, Any]) -> dict[str, Any]:
    kind = avatar.get("avatar_type") or "studio_avatar"
    private = avatar.get("ownership") == "private"
    return {
        "id": avatar.get("avatar_id"),
        "name": avatar.get("avatar_name") or avatar.get("avatar_id"),
        "avatar_type": kind,
        "group_id": avatar.get("group_id") or avatar.get("avatar_id"),
        "gender": avatar.get("gender"),
        "preview_image_url": avatar.get("preview_image_url"),
        "preview_video_url": avatar.get("preview_video_url"),
        "default_voice_id": avatar.get("default_voice_id"),
        "tags": list(avatar.get("tags") or []),
        "supported_api_engines": ["avatar_iv", "avatar_iii"],
        "preferred_orientation": "landscape",
        "image_width": None,
        "image_height": None,
        "status": "completed" if private else None,
        "error": None,
        "ownership": "private" if private else "public",
    }


def _look_of_photo(photo: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": photo.get("talking_photo_id"),
        "name": photo.get("talking_photo_name") or photo.get("talking_photo_id"),
        "avatar_type": "photo_avatar",
        "group_id": photo.get("group_id") or photo.get("talking_photo_id"),
        "gender": photo.get("gender"),
        "preview_image_url": photo.get("preview_image_url"),
        "preview_video_url": None,
        "default_voice_id": photo.get("default_voice_id"),
        "tags": [],
        "supported_api_engines": ["avatar_iv", "avatar_iii"],
        "preferred_orientation": "portrait",
        "image_width": None,
        "image_height": None,
        "status": "completed",
        "error": None,
        "ownership": "private",
    }


def _voice(voice: dict[str, Any]) -> dict[str, Any]:
    return {
        "voice_id": voice.get("voice_id"),
        "name": voice.get("name"),
        "language": voice.get("language"),
        "gender": voice.get("gender"),
        "preview_audio_url": voice.get("preview_audio"),
        "support_pause": bool(voice.get("support_pause")),
        "support_locale": bool(voice.get("support_locale")),
        "type": voice.get("type") or "public",
    }


class CatalogueRoutes:
    """The handlers of ``/v3/avatars/looks``, ``/v3/voices`` and ``/v3/users/me``."""

    def __init__(self, account: Account) -> None:
        self._account = account

    def routes(self, api: RouteMaker) -> list[Route]:
        """This module's operations, each a route to its handler."""
        return [
            api("GET", "/v3/avatars/looks", endpoints.AVATARS, self.looks),
            api("GET", "/v3/voices", endpoints.VOICES, self.voices),
            api("GET", "/v3/voices/{voice_id}", endpoints.VOICES, self.voice),
            api("GET", "/v3/users/me", endpoints.USER, self.me),
        ]

    async def looks(self, request: Request) -> Response:
        avatar_type = _choice(request, "avatar_type", AVATAR_TYPES)
        ownership = _choice(request, "ownership", OWNERSHIPS)
        group_id = request.query.get("group_id")
        limit = page_limit(request, defaults.V3_LOOKS_LIMITS)
        start = token_position(request, "v3-looks")
        catalogue = self._account.catalogue
        looks = [_look_of_avatar(a) for a in catalogue.avatars]
        looks += [_look_of_photo(p) for p in catalogue.talking_photos]

        def keep(look: dict[str, Any]) -> bool:
            return (
                (avatar_type is None or look["avatar_type"] == avatar_type)
                and (ownership is None or look["ownership"] == ownership)
                and (group_id is None or look["group_id"] == group_id)
            )

        page, position = in_order(looks, keep, start, limit)
        items = [{k: v for k, v in look.items() if k != "ownership"} for look in page]
        return listing(items, next_token("v3-looks", position))

    async def voices(self, request: Request) -> Response:
        voice_type = _choice(request, "type", VOICE_TYPES) or "public"
        language = (request.query.get("language") or "").lower()
        gender = (request.query.get("gender") or "").lower()
        limit = page_limit(request, defaults.V3_VOICES_LIMITS)
        start = token_position(request, "v3-voices")
        voices = [_voice(v) for v in self._account.catalogue.voices]

        def keep(voice: dict[str, Any]) -> bool:
            return (
                voice["type"] == voice_type
                and (not language or str(voice["language"]).lower() == language)
                and (not gender or str(voice["gender"]).lower() == gender)
            )

        page, position = in_order(voices, keep, start, limit)
        return listing(page, next_token("v3-voices", position))

    async def voice(self, request: Request) -> Response:
        voice_id = request.path_params["voice_id"]
        for voice in self._account.catalogue.voices:
            if voice.get("voice_id") == voice_id:
                details = _voice(voice)
                details.update(support_interactive_avatar=False, status=None, created_at=None)
                return success(details)
        raise not_found(VOICE_NOT_FOUND, f"Voice {voice_id} not found", "voice_id")

    async def me(self, request: Request) -> Response:
        account = self._account
        first, _, last = defaults.ACCOUNT_DISPLAY_NAME.partition(" ")
        return success(
            {
                "username": account.username,
                "email": account.email,
                "first_name": first,
                "last_name": last or None,
                "billing_type": "wallet",
                "wallet": {
                    "currency": "usd",
                    "remaining_balance": defaults.ACCOUNT_WALLET_USD,
                    "auto_reload": {"enabled": False, "amount_usd": None, "threshold_usd": None},
                },
                "subscription": None,
                "usage_based": None,
            }
        )
