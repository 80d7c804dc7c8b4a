"""Building the client a command runs with, from the command line's options.

The API key comes from ``--api-key`` or ``HEYGEN_API_KEY``; the API version from
``--api-version`` or ``HEYGEN_API_VERSION`` (else the SDK's default); the hosts
from ``HEYGEN_BASE_URL`` / ``HEYGEN_UPLOAD_URL``, exactly as for the SDK.

``client_factory`` is the one seam for tests: replace it (e.g. with
``monkeypatch.setattr``) to route every command to a fake HeyGen::

    monkeypatch.setattr(_context, "client_factory",
                        lambda **kw: AsyncHeyGenClient(**kw, http_client=fake.http_client()))
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from typing import Any

from .._client import AsyncHeyGenClient
from .._constants import ENV_API_KEY
from .._errors import ConfigurationError
from ..workflows import PollPolicy
from ._exit import UsageError

ClientFactory = Callable[..., AsyncHeyGenClient]

client_factory: ClientFactory = AsyncHeyGenClient
"""Called with the client's keyword arguments; tests swap it for a fake's client."""

POLL_PRESETS = ("standard", "fast", "economy")


def poll_policy(args: argparse.Namespace) -> PollPolicy:
    """The PollPolicy of ``--poll``, ``--poll-interval`` and ``--timeout``."""
    preset = getattr(args, "poll", "standard")
    policy = {
        "fast": PollPolicy.fast,
        "economy": PollPolicy.economy,
    }.get(preset, PollPolicy)()
    changes: dict[str, Any] = {}
    interval = getattr(args, "poll_interval", None)
    if interval is not None:
        if interval <= 0:
            raise UsageError("--poll-interval: must be > 0 seconds")
        changes |= {
            "first_delay": interval,
            "initial_interval": interval,
            "max_interval": max(interval, policy.max_interval * interval / policy.initial_interval),
        }
    timeout = getattr(args, "timeout", None)
    if timeout is not None:
        if timeout <= 0:
            raise UsageError("--timeout: must be > 0 seconds")
        changes["timeout"] = timeout
    return dataclasses.replace(policy, **changes) if changes else policy


def make_client(args: argparse.Namespace, **overrides: Any) -> AsyncHeyGenClient:
    """The client for one command (raises ConfigurationError without an API key)."""
    kwargs: dict[str, Any] = {"api_key": getattr(args, "api_key", None), "poll": poll_policy(args)}
    api_version = getattr(args, "api_version", None)
    if api_version is not None:  # else the SDK's choice: $HEYGEN_API_VERSION or its default
        kwargs["api_version"] = api_version
    kwargs.update(overrides)
    try:
        return client_factory(**kwargs)
    except ConfigurationError as exc:
        if "API key" not in str(exc):
            raise
        raise ConfigurationError(
            f"no HeyGen API key: pass --api-key or set {ENV_API_KEY} "
            "(or try `heygen-async demo`, which needs none)"
        ) from None


__all__ = ["POLL_PRESETS", "ClientFactory", "client_factory", "make_client", "poll_policy"]
