"""Reading and checking the client's settings (at construction, never at import)."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypedDict, cast
from urllib.parse import urlsplit

import httpx

from ._backends import backend_class
from ._constants import (
    DEFAULT_BASE_URL,
    DEFAULT_UPLOAD_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_UPLOAD_URL,
)
from ._errors import ConfigurationError, InvalidRequestError, setting_error
from ._transport._call import checked_headers
from .jobs._policy import PollPolicy

if TYPE_CHECKING:
    from ._backends._base import Backend


def resolve_api_key(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get(ENV_API_KEY)
    if not isinstance(key, str) or not key.strip():
        problem = (
            f"no HeyGen API key: pass api_key=... or set the {ENV_API_KEY} environment variable"
        )
        raise ConfigurationError(problem, field="api_key", problem=problem)
    return key.strip()


def _is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain") or host.lower().endswith(
        ".localhost"
    ):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_url(value: str | None, env_name: str, default: str, field: str) -> str:
    """A checked base URL: https anywhere, plain http only to this machine."""
    url = value if value is not None else os.environ.get(env_name) or default
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        raise setting_error(field, f"must be an http(s) URL with a host (got {url!r})")
    if scheme == "http" and not _is_loopback(parts.hostname):
        raise setting_error(
            field,
            f"plain http:// is refused for {parts.hostname!r}: the API key would "
            "travel in clear text; use https:// (http:// is allowed only for loopback hosts)",
        )
    return url.rstrip("/")


def resolve_base_url(value: str | None) -> str:
    return resolve_url(value, ENV_BASE_URL, DEFAULT_BASE_URL, "base_url")


def resolve_upload_url(value: str | None) -> str:
    return resolve_url(value, ENV_UPLOAD_URL, DEFAULT_UPLOAD_URL, "upload_url")


def resolve_timeout(timeout: float | httpx.Timeout | None) -> httpx.Timeout | None:
    """None keeps the per-kind defaults (reads, generation, transfers)."""
    if timeout is None or isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise setting_error("timeout", f"must be a positive number of seconds (got {timeout!r})")
    return httpx.Timeout(float(timeout))


def check_positive_int(value: object, field: str, *, allow_zero: bool = False) -> int:
    low = 0 if allow_zero else 1
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise setting_error(field, f"must be an integer >= {low} (got {value!r})")
    return value


def _check_poll(poll: object) -> PollPolicy | None:
    if poll is not None and not isinstance(poll, PollPolicy):
        raise InvalidRequestError(
            f"poll: must be a PollPolicy (got {type(poll).__name__})",
            field="poll",
            allowed="PollPolicy",
        )
    return poll


def _headers(value: Mapping[str, str] | None) -> dict[str, str]:
    return checked_headers(value, "default_headers")


class Settings(TypedDict, total=False):
    """Client settings, checked and resolved: those given to ``with_options``, or all
    of the constructor's (``backend`` is the class of ``api_version``)."""

    backend: type[Backend]
    api_key: str
    default_headers: dict[str, str]
    base_url: str
    upload_url: str
    max_retries: int
    max_concurrent_requests: int
    max_concurrent_jobs: int | None
    poll: PollPolicy | None
    timeout: httpx.Timeout | None


# (argument, setting, check) in the order they are checked: the first bad argument
# is the one reported, whether given to the constructor or to ``with_options``.
_CHECKS: tuple[tuple[str, str, Callable[[Any], Any]], ...] = (
    ("api_version", "backend", backend_class),
    ("api_key", "api_key", resolve_api_key),
    ("default_headers", "default_headers", _headers),
    ("base_url", "base_url", resolve_base_url),
    ("upload_url", "upload_url", resolve_upload_url),
    (
        "max_retries",
        "max_retries",
        lambda value: check_positive_int(value, "max_retries", allow_zero=True),
    ),
    (
        "max_concurrent_requests",
        "max_concurrent_requests",
        lambda value: check_positive_int(value, "max_concurrent_requests"),
    ),
    (
        "max_concurrent_jobs",
        "max_concurrent_jobs",
        lambda value: None if value is None else check_positive_int(value, "max_concurrent_jobs"),
    ),
    ("poll", "poll", _check_poll),
    ("timeout", "timeout", resolve_timeout),
)


def checked_settings(arguments: Mapping[str, Any]) -> Settings:
    """The client settings among ``arguments`` (by argument name; other names are
    passed over), each checked and resolved (None: its default, from the
    environment where there is one). The constructor and ``with_options`` share
    it, so both accept and refuse the same values; a bad one raises naming it."""
    settings = {
        setting: check(arguments[argument])
        for argument, setting, check in _CHECKS
        if argument in arguments
    }
    return cast(Settings, settings)
