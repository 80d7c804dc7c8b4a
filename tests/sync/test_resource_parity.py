"""Every resource (``client.voices``, ...) has its sync and raw forms, member for member.

The expectations come from the async resource classes alone, so a sync resource
that lacks a method, or shows another signature or docstring, fails here naming it.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, HeyGenClient
from heygen_async._sync._resources import SyncResource
from heygen_async.resources._resource import AsyncResource


def _resources_of(owner: Any) -> list[str]:
    return [
        name
        for name in sorted(dir(type(owner)))
        if not name.startswith("_")
        and isinstance(inspect.getattr_static(type(owner), name), property)
        and isinstance(getattr(owner, name), AsyncResource)
    ]


def resource_names() -> list[str]:
    """The client's properties whose value is a resource, read from a fresh client."""
    return _resources_of(AsyncHeyGenClient(api_key="parity-key"))


def resource_paths() -> list[str]:
    """Every resource, those inside another included (``webhooks.endpoints``)."""
    paths: list[str] = []
    todo = [
        (name, getattr(AsyncHeyGenClient(api_key="parity-key"), name)) for name in resource_names()
    ]
    while todo:
        path, resource = todo.pop(0)
        paths.append(path)
        todo += [(f"{path}.{name}", getattr(resource, name)) for name in _resources_of(resource)]
    return paths


def resolve(owner: Any, path: str) -> Any:
    for part in path.split("."):
        owner = getattr(owner, part)
    return owner


def coroutine_methods(resource_class: type) -> list[str]:
    """The public coroutine methods (each has a sync form)."""
    return [
        name
        for name in sorted(dir(resource_class))
        if not name.startswith("_")
        and inspect.iscoroutinefunction(inspect.getattr_static(resource_class, name))
    ]


def declared_methods(resource_class: type) -> list[str]:
    """The coroutine methods that are one HeyGen operation each (they have raw forms)."""
    return [
        name
        for name in coroutine_methods(resource_class)
        if hasattr(getattr(resource_class, name), "__endpoint__")
    ]


def helpers(resource_class: type) -> list[str]:
    """The coroutine methods built on other calls (``assets.upload``): a sync form, and
    no raw form, since they may send several requests."""
    declared = declared_methods(resource_class)
    return [name for name in coroutine_methods(resource_class) if name not in declared]


def iterators(resource_class: type) -> list[str]:
    """The async generator methods (``wait_many``): a sync form that returns a plain
    generator (``iterating``), and no raw form, since they read many answers."""
    return [
        name
        for name in sorted(dir(resource_class))
        if not name.startswith("_")
        and inspect.isasyncgenfunction(inspect.getattr_static(resource_class, name))
    ]


def listings(resource_class: type) -> list[str]:
    """The listings: plain methods that return a pager (no raw form: many answers)."""
    return [
        name
        for name in sorted(dir(resource_class))
        if not name.startswith("_")
        and inspect.isfunction(member := inspect.getattr_static(resource_class, name))
        and not inspect.iscoroutinefunction(member)
        and str(inspect.signature(member).return_annotation).startswith("AsyncPager[")
    ]


RESOURCES = resource_paths()


@pytest.fixture(scope="module")
def clients() -> Any:
    sync = HeyGenClient(api_key="parity-key")
    yield AsyncHeyGenClient(api_key="parity-key"), sync
    sync.close()


def test_the_enumeration_finds_the_resources() -> None:
    # If these fail, the tests below prove nothing.
    assert "voices" in RESOURCES
    voices = type(AsyncHeyGenClient(api_key="k").voices)
    assert "get" in declared_methods(voices) and "list" in listings(voices)
    assets = type(AsyncHeyGenClient(api_key="k").assets)
    assert "upload" in helpers(assets) and "get" in declared_methods(assets)
    assert "wait" in helpers(assets) and "wait_many" in iterators(assets)


@pytest.mark.parametrize("name", RESOURCES)
def test_every_method_has_its_sync_and_raw_forms(name: str, clients: Any) -> None:
    async_client, sync_client = clients
    async_resource, sync_resource = resolve(async_client, name), resolve(sync_client, name)
    async_raw, sync_raw = async_resource.with_raw_response, sync_resource.with_raw_response
    methods = declared_methods(type(async_resource))
    lacking = [
        f"{type(owner).__name__}.{method}"
        for method in methods
        for owner in (sync_resource, async_raw, sync_raw)
        if not callable(getattr(owner, method, None))
    ]
    assert not lacking, f"add a line for each of {lacking} in heygen_async/resources/{name}.py"
    for method in methods:
        declared = getattr(type(async_resource), method)
        expected = inspect.signature(declared)
        sync = getattr(type(sync_resource), method)
        assert inspect.signature(sync) == expected
        assert sync.__doc__ == declared.__doc__
        assert sync.__qualname__ == f"{type(sync_resource).__name__}.{method}"
        assert not inspect.iscoroutinefunction(sync)
        for raw in (getattr(type(async_raw), method), getattr(type(sync_raw), method)):
            shown = inspect.signature(raw)
            assert list(shown.parameters.values()) == list(expected.parameters.values())
            assert shown.return_annotation == f"RawResponse[{expected.return_annotation}]"
            assert raw.__doc__ == declared.__doc__
        assert inspect.iscoroutinefunction(getattr(type(async_raw), method))
        assert not inspect.iscoroutinefunction(getattr(type(sync_raw), method))


@pytest.mark.parametrize("name", RESOURCES)
def test_every_helper_has_its_sync_form_and_no_raw_one(name: str, clients: Any) -> None:
    async_client, sync_client = clients
    async_resource, sync_resource = resolve(async_client, name), resolve(sync_client, name)
    for method in helpers(type(async_resource)):
        declared = getattr(type(async_resource), method)
        sync = getattr(type(sync_resource), method, None)
        assert sync is not None, f"add `{method} = blocking(...)` in resources/{name}.py"
        assert inspect.signature(sync) == inspect.signature(declared)
        assert sync.__doc__ == declared.__doc__
        assert not inspect.iscoroutinefunction(sync)
        for raw in (async_resource.with_raw_response, sync_resource.with_raw_response):
            assert not hasattr(raw, method), f"{type(raw).__name__}.{method}: no raw form"


@pytest.mark.parametrize("name", RESOURCES)
def test_every_iterator_has_its_sync_generator_form_and_no_raw_one(name: str, clients: Any) -> None:
    async_client, sync_client = clients
    async_resource, sync_resource = resolve(async_client, name), resolve(sync_client, name)
    for method in iterators(type(async_resource)):
        declared = getattr(type(async_resource), method)
        sync = getattr(type(sync_resource), method, None)
        assert sync is not None, f"add `{method} = iterating(...)` in resources/{name}.py"
        expected = inspect.signature(declared)
        shown = inspect.signature(sync)
        assert list(shown.parameters.values()) == list(expected.parameters.values())
        assert str(shown.return_annotation).startswith("Generator[")
        assert sync.__doc__ == declared.__doc__
        assert not inspect.iscoroutinefunction(sync) and not inspect.isasyncgenfunction(sync)
        for raw in (async_resource.with_raw_response, sync_resource.with_raw_response):
            assert not hasattr(raw, method), f"{type(raw).__name__}.{method}: no raw form"


@pytest.mark.parametrize("name", RESOURCES)
def test_every_listing_has_its_sync_form(name: str, clients: Any) -> None:
    async_client, sync_client = clients
    async_class = type(resolve(async_client, name))
    sync_class = type(resolve(sync_client, name))
    for method in listings(async_class):
        declared = getattr(async_class, method)
        sync = getattr(sync_class, method, None)
        assert sync is not None, f"add `{method} = paging(...)` in resources/{name}.py"
        expected = inspect.signature(declared)
        shown = inspect.signature(sync)
        assert list(shown.parameters.values()) == list(expected.parameters.values())
        assert shown.return_annotation == expected.return_annotation.replace(
            "AsyncPager[", "SyncPage["
        )
        assert sync.__doc__ == declared.__doc__
        assert not hasattr(resolve(async_client, name).with_raw_response, method)


@pytest.mark.parametrize("name", RESOURCES)
def test_the_sync_resource_has_nothing_the_async_one_lacks(name: str, clients: Any) -> None:
    async_client, sync_client = clients
    async_members = {m for m in dir(type(resolve(async_client, name))) if not m.startswith("_")}
    sync_members = {m for m in dir(type(resolve(sync_client, name))) if not m.startswith("_")}
    assert sync_members == async_members
    for member in sync_members:  # sub-resources: their own sync kind
        sync_value = getattr(resolve(sync_client, name), member, None)
        if isinstance(getattr(resolve(async_client, name), member, None), AsyncResource):
            assert isinstance(sync_value, SyncResource), member


@pytest.mark.parametrize("name", resource_names())
def test_the_clients_resource_properties_share_their_docstring(name: str) -> None:
    async_property = inspect.getattr_static(AsyncHeyGenClient, name)
    sync_property = inspect.getattr_static(HeyGenClient, name)
    assert isinstance(sync_property, property)
    assert sync_property.__doc__ == async_property.__doc__
