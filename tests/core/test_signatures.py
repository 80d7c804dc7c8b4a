"""The generate methods' parameter lists are written out in a few places (public
signatures must be explicit for IDEs, type checkers and the sync facade); these
tests keep the copies from drifting apart."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async._requests import (
    AVATAR_IV_FIELDS,
    GENERATE_VIDEO_FIELDS,
    build_avatar_iv_request,
    build_video_request,
)


def parameters(function: Callable[..., Any]) -> list[inspect.Parameter]:
    return [p for p in inspect.signature(function).parameters.values() if p.name != "self"]


@pytest.mark.parametrize(
    ("submit", "submit_and_wait", "builder", "fields"),
    [
        (
            AsyncHeyGenClient.generate_video,
            AsyncHeyGenClient.generate_video_and_wait,
            build_video_request,
            GENERATE_VIDEO_FIELDS,
        ),
        (
            AsyncHeyGenClient.generate_avatar_iv_video,
            AsyncHeyGenClient.generate_avatar_iv_video_and_wait,
            build_avatar_iv_request,
            AVATAR_IV_FIELDS,
        ),
    ],
    ids=["generate_video", "generate_avatar_iv_video"],
)
def test_generate_parameters_agree_everywhere(
    submit: Callable[..., Any],
    submit_and_wait: Callable[..., Any],
    builder: Callable[..., Any],
    fields: tuple[str, ...],
) -> None:
    expected = parameters(submit)
    assert parameters(submit_and_wait)[: len(expected)] == expected
    assert [p.name for p in parameters(submit_and_wait)[len(expected) :]] == ["timeout", "poll"]
    assert parameters(builder) == expected
    assert tuple(p.name for p in expected) == fields
