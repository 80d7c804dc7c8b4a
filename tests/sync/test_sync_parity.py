"""HeyGenClient mirrors AsyncHeyGenClient: every member, same signature and docstring.

The expectations here are derived from the async class on their own (never by
calling the facade's helpers), so a facade that shows something else fails.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import AsyncGenerator, AsyncIterator, Generator
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, HeyGenClient, PollPolicy
from heygen_async._sync import _facade

from .conftest import API_KEY, API_VERSION, status_handler

# The facade's own lifecycle: aclose() is close(); is_closed is the facade's state.
SYNC_NAME = {"aclose": "close"}
OWN_DOCSTRING = {"aclose", "is_closed", "webhooks"}
# Members whose value is the facade's own kind (the sync raw forms; see test_raw_response).
OWN_VALUE = {"with_raw_response", "webhooks"}

ADAPTER = {
    "coroutine": "_blocking",
    "async generator": "_iterating",
    "method returning a client": "_deriving",
    "plain method": "_calling",
    "property": "_reading",
}


def kind_of(attribute: Any) -> str:
    """What kind of member an attribute of AsyncHeyGenClient is, read from its class."""
    if isinstance(attribute, property):
        return "property"
    if inspect.isasyncgenfunction(attribute):
        return "async generator"
    if inspect.iscoroutinefunction(attribute):
        return "coroutine"
    if inspect.isfunction(attribute):
        returns = inspect.signature(attribute).return_annotation
        if returns in ("AsyncHeyGenClient", AsyncHeyGenClient):
            return "method returning a client"
        return "plain method"
    return type(attribute).__name__


def public_members(cls: type) -> dict[str, str]:
    """Every public class member of ``cls`` with its kind, sorted by name."""
    return {
        name: kind_of(inspect.getattr_static(cls, name))
        for name in sorted(dir(cls))
        if not name.startswith("_")
    }


ASYNC_MEMBERS = public_members(AsyncHeyGenClient)
METHODS = [name for name, kind in ASYNC_MEMBERS.items() if kind not in ("property",)]
PROPERTIES = [name for name, kind in ASYNC_MEMBERS.items() if kind == "property"]


def what_the_facade_lacks(async_cls: type, sync_cls: type) -> list[str]:
    """The public members of ``async_cls`` that ``sync_cls`` lacks (or has as the wrong
    kind), each with the line that would add it."""
    lacking = []
    for name, kind in public_members(async_cls).items():
        sync_name = SYNC_NAME.get(name, name)
        line = f"{name} = {ADAPTER.get(kind, '?')}(AsyncHeyGenClient.{name})"
        if kind not in ADAPTER:
            lacking.append(f"{name}: a member of type {kind}, which no adapter takes")
            continue
        sync = inspect.getattr_static(sync_cls, sync_name, None)
        if sync is None:
            lacking.append(f"{name}: add `{line}` to HeyGenClient in heygen_async/_sync/_facade.py")
        elif (kind == "property") != isinstance(sync, property) or (
            kind != "property"
            and (
                not inspect.isfunction(sync)
                or inspect.iscoroutinefunction(sync)
                or inspect.isasyncgenfunction(sync)
            )
        ):
            lacking.append(f"{name}: HeyGenClient.{sync_name} is not a sync {kind}; use `{line}`")
    return lacking


def test_the_enumeration_finds_every_kind_of_member() -> None:
    # Guards the enumeration itself: if these vanish, the tests below prove nothing.
    assert {"get_video_status", "wait_for_video", "aclose"} <= set(METHODS)
    assert {"iter_assets", "generate_many"} <= set(METHODS)
    assert ASYNC_MEMBERS["iter_assets"] == "async generator"
    assert ASYNC_MEMBERS["get_video_status"] == "coroutine"
    assert ASYNC_MEMBERS["with_options"] == "method returning a client"
    assert {"max_retries", "is_closed"} <= set(PROPERTIES)


@pytest.mark.parametrize("name", list(ASYNC_MEMBERS))
def test_the_facade_has_every_public_member(name: str) -> None:
    """Fails, naming the member and the line to add, for an async member without one."""
    lacking = what_the_facade_lacks(AsyncHeyGenClient, HeyGenClient)
    assert not [line for line in lacking if line.startswith(f"{name}:")], "\n".join(lacking)


def test_the_completeness_check_names_a_member_the_facade_lacks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def ping(self: AsyncHeyGenClient) -> str:
        return "pong"

    async def count(self: AsyncHeyGenClient) -> AsyncIterator[int]:
        yield 1

    monkeypatch.setattr(AsyncHeyGenClient, "ping", ping, raising=False)
    monkeypatch.setattr(AsyncHeyGenClient, "count", count, raising=False)
    monkeypatch.setattr(AsyncHeyGenClient, "flag", property(lambda self: True), raising=False)
    monkeypatch.setattr(AsyncHeyGenClient, "LIMIT", 3, raising=False)
    added = ("LIMIT:", "count:", "flag:", "ping:")
    lacking = what_the_facade_lacks(AsyncHeyGenClient, HeyGenClient)
    assert [line for line in lacking if line.startswith(added)] == [
        "LIMIT: a member of type int, which no adapter takes",
        "count: add `count = _iterating(AsyncHeyGenClient.count)` to HeyGenClient in "
        "heygen_async/_sync/_facade.py",
        "flag: add `flag = _reading(AsyncHeyGenClient.flag)` to HeyGenClient in "
        "heygen_async/_sync/_facade.py",
        "ping: add `ping = _blocking(AsyncHeyGenClient.ping)` to HeyGenClient in "
        "heygen_async/_sync/_facade.py",
    ]

    class WrongKind(HeyGenClient):
        ping = property(lambda self: "pong")  # type: ignore[assignment]

    assert any(
        line.startswith("ping: HeyGenClient.ping is not a sync coroutine")
        for line in what_the_facade_lacks(AsyncHeyGenClient, WrongKind)
    )


def test_the_facade_has_nothing_the_async_client_lacks() -> None:
    mirrored = {SYNC_NAME.get(name, name) for name in ASYNC_MEMBERS}
    assert set(public_members(HeyGenClient)) - mirrored == {"base_url", "upload_url"}


# -- signatures and docstrings ---------------------------------------------------------


def sync_return_annotation(name: str) -> Any:
    """What the sync method must declare it returns, from the async declaration."""
    async_method = inspect.getattr_static(AsyncHeyGenClient, name)
    returns = inspect.signature(async_method).return_annotation
    kind = ASYNC_MEMBERS[name]
    if kind == "method returning a client":
        return "HeyGenClient"
    if kind != "async generator":
        return returns  # an async def's annotation is already the awaited type
    for prefix in ("AsyncGenerator[", "AsyncIterator[", "AsyncIterable["):
        if isinstance(returns, str) and returns.startswith(prefix) and returns.endswith("]"):
            yields = returns[len(prefix) : -1].removesuffix(", None")
            return f"Generator[{yields}, None, None]"
    raise AssertionError(f"{name}: unexpected async generator annotation {returns!r}")


@pytest.mark.parametrize("name", METHODS)
def test_signatures_and_docstrings_are_the_async_ones(name: str) -> None:
    async_method = getattr(AsyncHeyGenClient, name)
    sync = getattr(HeyGenClient, SYNC_NAME.get(name, name), None)
    if sync is None:
        pytest.fail(f"HeyGenClient lacks {name} (see test_the_facade_has_every_public_member)")
    expected = inspect.signature(async_method)
    shown = inspect.signature(sync)
    assert list(shown.parameters.values()) == list(expected.parameters.values())
    for mine, theirs in zip(shown.parameters.values(), expected.parameters.values(), strict=True):
        assert (mine.name, mine.kind, mine.default, mine.annotation) == (
            theirs.name,
            theirs.kind,
            theirs.default,
            theirs.annotation,
        )
    if name in SYNC_NAME:
        return
    assert shown.return_annotation == sync_return_annotation(name)
    assert sync.__doc__ == async_method.__doc__
    assert sync.__name__ == name
    assert sync.__qualname__ == f"HeyGenClient.{name}"
    assert sync.__module__ == HeyGenClient.__module__
    assert not inspect.iscoroutinefunction(sync)
    assert not inspect.isasyncgenfunction(sync)


@pytest.mark.parametrize("name", PROPERTIES)
def test_properties_keep_their_docstrings(name: str) -> None:
    sync = inspect.getattr_static(HeyGenClient, name)
    assert isinstance(sync, property)
    if name not in OWN_DOCSTRING:
        assert sync.__doc__ == inspect.getattr_static(AsyncHeyGenClient, name).__doc__


def test_constructor_takes_the_async_arguments() -> None:
    assert inspect.signature(HeyGenClient) == inspect.signature(AsyncHeyGenClient)
    assert inspect.signature(HeyGenClient.__init__) == inspect.signature(AsyncHeyGenClient.__init__)


def test_properties_and_settings_are_forwarded(make_client: Any) -> None:
    policy = PollPolicy.fast()
    client = make_client(max_retries=4, max_concurrent_jobs=3, poll=policy)
    reference = AsyncHeyGenClient(
        API_KEY, max_retries=4, max_concurrent_jobs=3, poll=policy, api_version=API_VERSION
    )
    instance_attributes = [name for name in vars(reference) if not name.startswith("_")]
    assert {"base_url", "upload_url"} <= set(instance_attributes)
    for name in [*PROPERTIES, *instance_attributes]:
        if name not in OWN_VALUE:
            assert getattr(client, name) == getattr(reference, name), name
    assert client.max_retries == 4 and client.max_concurrent_jobs == 3


def test_with_options_returns_a_sync_client_sharing_the_pool(make_client: Any) -> None:
    client = make_client()
    patient = client.with_options(max_retries=5)
    assert type(patient) is HeyGenClient
    assert patient.max_retries == 5
    assert client.max_retries == 2
    assert patient.get_video_status("v1").video_id == "v1"
    assert patient._async is not None and client._async is not None
    assert patient._async._transport.http is client._async._transport.http


def test_results_are_never_coroutines_or_async_iterators(make_client: Any) -> None:
    client = make_client(status_handler)
    status = client.get_video_status("v9")
    assert not inspect.isawaitable(status)
    assert inspect.isgenerator(client.iter_assets())


# -- the adapters, on members the real client does not have ---------------------------


def test_each_adapter_runs_its_kind_of_member(
    monkeypatch: pytest.MonkeyPatch, make_client: Any
) -> None:
    async def ping(self: AsyncHeyGenClient, word: str, *, times: int = 1) -> str:
        """Say ``word`` back."""
        return word * times

    async def count_to(self: AsyncHeyGenClient, n: int) -> AsyncIterator[int]:
        """Count."""
        for i in range(1, n + 1):
            yield i

    def describe(self: AsyncHeyGenClient, suffix: str = "") -> str:
        return f"retries={self.max_retries}{suffix}"

    def leak(self: AsyncHeyGenClient) -> Any:
        return count_to(self, 1)  # an async iterator the sync API must not hand back

    for function in (ping, count_to, describe, leak):
        monkeypatch.setattr(AsyncHeyGenClient, function.__name__, function, raising=False)
    monkeypatch.setattr(
        AsyncHeyGenClient, "label", property(lambda self: "L", doc="A label."), raising=False
    )
    probe_async: Any = AsyncHeyGenClient

    class Probe(HeyGenClient):
        ping = _facade._blocking(probe_async.ping)
        count_to = _facade._iterating(probe_async.count_to)
        describe = _facade._calling(probe_async.describe)
        leak = _facade._calling(probe_async.leak)
        label = _facade._reading(probe_async.label)

    probe: Any = Probe(API_KEY, http_client=make_client()._async._transport.http)
    try:
        assert probe.ping("ha", times=2) == "haha"
        assert list(probe.count_to(3)) == [1, 2, 3]
        assert probe.describe("!") == "retries=2!"
        assert probe.describe(suffix="?") == "retries=2?"
        assert probe.label == "L"
        with pytest.raises(TypeError, match=r"leak returned async_generator.*async def"):
            probe.leak()
        with pytest.raises(TypeError):
            probe.ping("ha", "extra")  # bad arguments raise at once, in the caller
        assert inspect.signature(Probe.count_to).return_annotation == "Generator[int, None, None]"
        assert inspect.signature(Probe.ping) == inspect.signature(ping)
        assert Probe.ping.__doc__ == "Say ``word`` back."
        assert Probe.ping.__qualname__ == "HeyGenClient.ping"
        assert inspect.getattr_static(Probe, "label").__doc__ == "A label."
    finally:
        probe.close()


@pytest.mark.parametrize(
    ("adapter", "member"),
    [
        (_facade._blocking, "iter_assets"),
        (_facade._blocking, "with_options"),
        (_facade._iterating, "get_video_status"),
        (_facade._deriving, "get_video_status"),
        (_facade._calling, "iter_assets"),
        (_facade._reading, "get_video_status"),
        (_facade._blocking, "max_retries"),
    ],
)
def test_an_adapter_of_the_wrong_kind_is_refused_at_class_creation(
    adapter: Any, member: str
) -> None:
    method = inspect.getattr_static(AsyncHeyGenClient, member)
    with pytest.raises(TypeError, match=rf"HeyGenClient\.{member}: .* is not "):
        adapter(method)


def _annotation_of(annotation: Any) -> inspect.Signature:
    return inspect.Signature(return_annotation=annotation)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("AsyncGenerator[Asset, None]", "Generator[Asset, None, None]"),
        ("AsyncIterator[Asset]", "Generator[Asset, None, None]"),
        ("typing.AsyncIterable[int]", "Generator[int, None, None]"),
        (
            "collections.abc.AsyncGenerator[dict[str, list[int]], None]",
            "Generator[dict[str, list[int]], None, None]",
        ),
        ("AsyncIterator['Asset']", "Generator['Asset', None, None]"),
        (AsyncGenerator[int, None], types.GenericAlias(Generator, (int, None, None))),
        (AsyncIterator[str], types.GenericAlias(Generator, (str, None, None))),
        ("list[Asset]", inspect.Signature.empty),
        ("not valid [", inspect.Signature.empty),
        (inspect.Signature.empty, inspect.Signature.empty),
    ],
)
def test_generator_annotation(source: Any, expected: Any) -> None:
    assert _facade._generator_annotation(_annotation_of(source)) == expected
