"""HeyGenClient mirrors AsyncHeyGenClient: every method, same signature and docstring."""

from __future__ import annotations

import importlib.util
import inspect
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, HeyGenClient, PollPolicy
from heygen_async._sync import _facade, _mirror, _surface_gen

from .conftest import API_KEY, status_handler


def _public_async_members(kind: Any) -> list[str]:
    return sorted(
        name
        for name in dir(AsyncHeyGenClient)
        if not name.startswith("_") and kind(inspect.getattr_static(AsyncHeyGenClient, name))
    )


COROUTINES = _public_async_members(inspect.iscoroutinefunction)
ASYNC_ITERATORS = _public_async_members(inspect.isasyncgenfunction)
SYNC_NAME = {"aclose": "close"}


def _expected_signature(name: str) -> inspect.Signature:
    signature = inspect.signature(getattr(AsyncHeyGenClient, name))
    returns = re.sub(r"\bAsyncIterator\[", "Iterator[", str(signature.return_annotation))
    # An async generator (it has aclose) becomes a generator (it has close).
    returns = re.sub(r"\bAsyncGenerator\[(.*), None\]$", r"Generator[\1, None, None]", returns)
    return signature.replace(return_annotation=returns)


def test_the_async_client_has_what_we_mirror() -> None:
    # Guards the enumeration itself: if these vanish, the tests below prove nothing.
    assert {"get_video_status", "wait_for_video", "aclose"} <= set(COROUTINES)
    assert {"iter_assets", "generate_many"} <= set(ASYNC_ITERATORS)


@pytest.mark.parametrize("name", COROUTINES)
def test_every_coroutine_method_is_a_blocking_method(name: str) -> None:
    sync = getattr(HeyGenClient, SYNC_NAME.get(name, name))
    assert callable(sync)
    assert not inspect.iscoroutinefunction(sync)
    assert inspect.signature(sync) == _expected_signature(name)
    if name not in SYNC_NAME:
        assert sync.__doc__ == getattr(AsyncHeyGenClient, name).__doc__
        assert sync.__name__ == name
        assert sync.__qualname__ == f"HeyGenClient.{name}"


@pytest.mark.parametrize("name", ASYNC_ITERATORS)
def test_every_async_iterator_is_a_plain_iterator(name: str) -> None:
    sync = getattr(HeyGenClient, name)
    assert not inspect.isasyncgenfunction(sync)
    signature = inspect.signature(sync)
    assert signature == _expected_signature(name)
    assert str(signature.return_annotation).startswith(("Iterator[", "Generator["))
    assert sync.__doc__ == getattr(AsyncHeyGenClient, name).__doc__


def test_constructor_takes_the_async_arguments() -> None:
    assert inspect.signature(HeyGenClient) == inspect.signature(AsyncHeyGenClient)


def test_properties_and_settings_are_forwarded(make_client: Any) -> None:
    policy = PollPolicy.fast()
    client = make_client(max_retries=4, max_concurrent_jobs=3, poll=policy)
    reference = AsyncHeyGenClient(API_KEY, max_retries=4, max_concurrent_jobs=3, poll=policy)
    properties = _public_async_members(lambda attribute: isinstance(attribute, property))
    instance_attributes = [name for name in vars(reference) if not name.startswith("_")]
    assert {"max_retries", "is_closed"} <= set(properties)
    assert {"base_url", "poll"} <= set(instance_attributes)
    for name in [*properties, *instance_attributes]:
        assert getattr(client, name) == getattr(reference, name), name


def test_with_options_returns_a_sync_client_sharing_the_pool(make_client: Any) -> None:
    client = make_client()
    patient = client.with_options(max_retries=5)
    assert type(patient) is HeyGenClient
    assert patient.max_retries == 5
    assert client.max_retries == 2
    assert patient.get_video_status("v1").video_id == "v1"
    assert inspect.signature(HeyGenClient.with_options).return_annotation == "HeyGenClient"
    assert patient._async is not None and client._async is not None
    assert patient._async._transport.http is client._async._transport.http


def test_a_method_added_to_the_async_client_appears_without_facade_code(
    monkeypatch: pytest.MonkeyPatch, make_client: Any
) -> None:
    async def ping(self: AsyncHeyGenClient, word: str, *, times: int = 1) -> str:
        """Say ``word`` back."""
        return word * times

    async def count_to(self: AsyncHeyGenClient, n: int) -> AsyncIterator[int]:
        """Count."""
        for i in range(1, n + 1):
            yield i

    monkeypatch.setattr(AsyncHeyGenClient, "ping", ping, raising=False)
    monkeypatch.setattr(AsyncHeyGenClient, "count_to", count_to, raising=False)

    class Probe(HeyGenClient):
        pass

    _facade._mirror_async_client(Probe)
    probe: Any = Probe(API_KEY, http_client=make_client()._async._transport.http)
    try:
        assert probe.ping("ha", times=2) == "haha"
        assert list(probe.count_to(3)) == [1, 2, 3]
        assert inspect.signature(Probe.count_to).return_annotation == "Iterator[int]"
        assert Probe.ping.__doc__ == "Say ``word`` back."
    finally:
        probe.close()


def test_a_member_the_facade_cannot_mirror_is_reported() -> None:
    class WithStatic(AsyncHeyGenClient):
        @staticmethod
        def helper() -> None: ...

    with pytest.raises(_mirror.UnsupportedMember, match="helper"):
        _mirror.members(WithStatic)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("AsyncIterator[Asset]", "Iterator[Asset]"),
        ("typing.AsyncIterable[int] | None", "typing.Iterable[int] | None"),
        (
            "AsyncGenerator[dict[str, list[int]], None]",
            "Generator[dict[str, list[int]], None, None]",
        ),
        ("AsyncHeyGenClient", "HeyGenClient"),
        ("VideoStatus", "VideoStatus"),
    ],
)
def test_sync_annotation(source: str, expected: str) -> None:
    assert _mirror.sync_annotation(source) == expected


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="the generator needs ruff")
def test_type_checker_surface_is_up_to_date() -> None:
    """The static view of the generated methods (run time never needs it)."""
    expected = _surface_gen.render()
    assert _surface_gen.SURFACE_PATH.read_text(encoding="utf-8") == expected, (
        "heygen_async/_sync/_surface.py is stale: AsyncHeyGenClient's public surface "
        "changed. Run: python -m heygen_async._sync._surface_gen"
    )


def test_results_are_never_coroutines_or_async_iterators(make_client: Any) -> None:
    client = make_client(status_handler)
    status = client.get_video_status("v9")
    assert not inspect.isawaitable(status)
    assert inspect.isgenerator(client.iter_assets())
