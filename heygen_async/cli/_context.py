"""Building the client a command runs with, from the command line's options.

The API key comes from ``--api-key-file FILE``, ``--api-key -`` (one line on
stdin), ``HEYGEN_API_KEY``, or ``--api-key KEY`` (visible to other users of the
machine in ``ps``: the other three are not); the API version from
``--api-version`` or ``HEYGEN_API_VERSION`` (else the SDK's default); the hosts
from ``HEYGEN_BASE_URL`` / ``HEYGEN_UPLOAD_URL``, exactly as for the SDK.

Tests route every command to a fake HeyGen through the public seam,
``heygen_async.cli.main(argv, client_factory=...)`` (``using_client_factory``
here); ``client_factory`` below is the default it overrides::

    main(["voices", "--json"], client_factory=fake.client)
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from .. import AsyncHeyGenClient, ConfigurationError
from ..settings import ENV_API_KEY, ENV_BASE_URL, ENV_UPLOAD_URL
from ..workflows import PollPolicy
from ._exit import UsageError

ClientFactory = Callable[..., AsyncHeyGenClient]

client_factory: ClientFactory = AsyncHeyGenClient
"""Called with the client's keyword arguments, unless a run chose its own factory."""

_run_factory: ContextVar[ClientFactory | None] = ContextVar("client_factory", default=None)


@contextmanager
def using_client_factory(factory: ClientFactory) -> Iterator[None]:
    """Build the clients of the commands run inside with ``factory`` (``main``'s
    ``client_factory``); a context variable, so concurrent runs keep their own."""
    token = _run_factory.set(factory)
    try:
        yield
    finally:
        _run_factory.reset(token)


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


def resolve_api_key(args: argparse.Namespace) -> str | None:
    """The key of ``--api-key-file``, ``--api-key -`` (stdin), ``--api-key`` or
    ``HEYGEN_API_KEY``, in that order; stored back in ``args.api_key``, and where
    it came from in ``args.api_key_source`` (what a rejected key's message names)."""
    given = getattr(args, "api_key", None)
    key_file = getattr(args, "api_key_file", None)
    if given is not None and key_file is not None:
        raise UsageError("give --api-key or --api-key-file, not both")
    args.api_key_source = key_source(given, key_file)
    key: str | None
    if key_file is not None:
        try:
            text = Path(key_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(
                f"--api-key-file: cannot read {key_file}: {exc.strerror or exc}"
            ) from None
        except UnicodeDecodeError:
            raise UsageError(f"--api-key-file: {key_file} is not text") from None
        key = text.strip()
        if not key:
            raise UsageError(f"--api-key-file: {key_file} is empty")
    elif given == "-":
        key = sys.stdin.readline().strip()
        if not key:
            raise UsageError("--api-key -: no key on standard input")
    else:
        key = given if given is not None else os.environ.get(ENV_API_KEY)
    key = key.strip() if isinstance(key, str) and key.strip() else None
    args.api_key = key
    return key


def key_source(given: str | None, key_file: str | None) -> str:
    """Where the CLI's key comes from, in the words the user gave it (never the key)."""
    if key_file is not None:
        return f"--api-key-file {key_file}"
    if given == "-":
        return "--api-key - (standard input)"
    if given is not None:
        return "--api-key"
    return ENV_API_KEY


# SDK settings named in configuration errors, as the command line spells them.
_CLI_NAMES = {
    "base_url": ENV_BASE_URL,
    "upload_url": ENV_UPLOAD_URL,
    "timeout": "--timeout",
    "max_concurrent_jobs": "--concurrency",
    "api_version": "--api-version",
}


def for_the_cli(error: ConfigurationError) -> ConfigurationError:
    """A configuration error in the CLI's words (flags and variables, not the SDK's
    parameter names, read from the error's ``field``); a missing key says how to
    give one."""
    if error.field == "api_key":
        return ConfigurationError(
            f"no HeyGen API key: set {ENV_API_KEY}, or pass --api-key-file FILE or "
            "--api-key - (reads it from standard input) "
            "(or try `heygen-async demo`, which needs none)",
            field=error.field,
        )
    name = _CLI_NAMES.get(error.field or "")
    if name is None or error.problem is None:
        return error
    return ConfigurationError(f"{name}: {error.problem}", field=error.field, problem=error.problem)


def make_client(args: argparse.Namespace, **overrides: Any) -> AsyncHeyGenClient:
    """The client for one command (raises ConfigurationError without an API key)."""
    kwargs: dict[str, Any] = {"api_key": getattr(args, "api_key", None), "poll": poll_policy(args)}
    api_version = getattr(args, "api_version", None)
    if api_version is not None:  # else the SDK's choice: $HEYGEN_API_VERSION or its default
        kwargs["api_version"] = api_version
    kwargs.update(overrides)
    source = getattr(args, "api_key_source", None)
    if source is not None and "api_key" not in overrides:
        # The SDK gets the key as an argument whatever its origin: a rejected key's
        # message names the flag or variable it really came from.
        kwargs["api_key_source"] = source
    try:
        client = (_run_factory.get() or client_factory)(**kwargs)
    except ConfigurationError as exc:
        raise for_the_cli(exc) from None
    return client


__all__ = [
    "POLL_PRESETS",
    "ClientFactory",
    "client_factory",
    "for_the_cli",
    "key_source",
    "make_client",
    "poll_policy",
    "resolve_api_key",
    "using_client_factory",
]
