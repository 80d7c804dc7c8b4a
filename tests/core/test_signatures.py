"""The generate methods' parameters come from one declaration (``_params``): the
public signatures, the builders, the job fields and the CLI columns must all show
exactly the declared names."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient, RequestOptions
from heygen_async._params import (
    AVATAR_IV_SUBJECT,
    VIDEO_SUBJECT,
    AvatarIVOptions,
    GenerateVideoOptions,
    WaitOptions,
    WaitRequestOptions,
    avatar_iv_params,
    declared,
    video_params,
)


def parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(function).parameters.values() if p.name != "self"]


CASES = [
    (
        AsyncHeyGenClient.generate_video,
        AsyncHeyGenClient.generate_video_and_wait,
        VIDEO_SUBJECT,
        GenerateVideoOptions,
    ),
    (
        AsyncHeyGenClient.generate_avatar_iv_video,
        AsyncHeyGenClient.generate_avatar_iv_video_and_wait,
        AVATAR_IV_SUBJECT,
        AvatarIVOptions,
    ),
]


@pytest.mark.parametrize(
    ("submit", "submit_and_wait", "subject", "options"),
    CASES,
    ids=["generate_video", "generate_avatar_iv_video"],
)
def test_signatures_show_every_declared_parameter(
    submit: Callable[..., Any],
    submit_and_wait: Callable[..., Any],
    subject: tuple[str, ...],
    options: type,
) -> None:
    shown = parameters(submit)
    video = [*subject, *(p.name for p in declared(options))]
    assert [p.name for p in shown] == [*video, *(p.name for p in declared(RequestOptions))]
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD and p.default is None for p in shown[:3])
    assert all(p.kind is p.KEYWORD_ONLY and p.default is None for p in shown[3:])
    waiting = parameters(submit_and_wait)
    assert waiting[: len(video)] == shown[: len(video)]
    assert [p.name for p in waiting[len(video) :]] == [
        *(p.name for p in declared(WaitOptions)),
        *(p.name for p in declared(WaitRequestOptions)),
    ]


@pytest.mark.parametrize(("submit", "options"), [(c[0], c[3]) for c in CASES])
def test_docstrings_list_every_option(submit: Callable[..., Any], options: type) -> None:
    doc = inspect.getdoc(submit) or ""
    for param in declared(options):
        assert param.doc, f"{param.name} has no one-line doc"
        assert f"{param.name}: {param.doc}" in doc


def test_every_parameter_has_a_type_and_doc() -> None:
    for param in (*video_params(), *avatar_iv_params()):
        assert param.doc
        assert param.annotation is not None


async def test_an_undeclared_option_is_refused_before_sending() -> None:
    from heygen_async import InvalidRequestError

    client = AsyncHeyGenClient(api_key="k")
    with pytest.raises(InvalidRequestError, match="titel: not a generate_video argument"):
        await client.generate_video("Hi", "a", "v", titel="x")  # type: ignore[call-arg]
    await client.aclose()
