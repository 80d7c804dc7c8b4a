"""The CLI's flags and JOBS columns come from the SDK's one declaration (``_params``)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from heygen_async import AsyncHeyGenClient
from heygen_async._params import Param, avatar_iv_params, video_params
from heygen_async.cli import _app
from heygen_async.cli._commands import status_row
from heygen_async.cli._exit import UsageError
from heygen_async.cli._jobs_file import job_columns, read_jobs
from heygen_async.cli._options import cell_value, flag_for, value_kind
from heygen_async.models import VideoStatus
from heygen_async.testing import (
    SAMPLE_AUDIO_ASSET_ID,
    SAMPLE_AVATAR_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
)

from .conftest import Routing, Runner
from .test_commands import JPEG, one_error_line


def subcommand(name: str) -> argparse.ArgumentParser:
    parser = _app.build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    raise AssertionError("no subcommands")


def flags_by_dest(parser: argparse.ArgumentParser) -> dict[str, list[str]]:
    return {action.dest: list(action.option_strings) for action in parser._actions}


@pytest.mark.parametrize(
    ("command", "params"), [("generate", video_params), ("avatar-iv", avatar_iv_params)]
)
def test_every_declared_parameter_has_a_flag(command: str, params: Any) -> None:
    flags = flags_by_dest(subcommand(command))
    missing = [p.name for p in params() if flag_for(p.name) not in flags.get(p.name, [])]
    assert not missing, f"{command}: no flag for declared parameter(s) {missing}"


def test_every_declared_parameter_is_a_jobs_column(tmp_path: Path) -> None:
    columns = job_columns()
    for params in (video_params, avatar_iv_params):
        missing = [p.name for p in params() if p.name not in columns]
        assert not missing, f"JOBS file: no column for {params.__name__} {missing}"
        clash = [p.name for p in params() if columns[p.name].annotation != p.annotation]
        assert not clash, f"JOBS file: a column shared with another type {clash}"
    # A header naming every declared parameter is accepted (no "unknown column").
    names = [p.name for p in video_params()]
    jobs = tmp_path / "jobs.csv"
    jobs.write_text("key," + ",".join(names) + "\n" + "," * len(names) + "\n")
    with pytest.raises(UsageError, match=r"jobs\.csv: no jobs in the file") as raised:
        read_jobs(jobs)  # the only row is empty: the header itself passed
    assert "unknown column" not in str(raised.value)


def test_help_text_is_the_declared_doc() -> None:
    parser = subcommand("avatar-iv")
    helps = {action.dest: action.help or "" for action in parser._actions}
    for param in avatar_iv_params():
        assert helps[param.name].startswith(param.doc), param.name


def test_cells_convert_by_declared_type() -> None:
    samples = {bool: ("yes", True), float: ("1.25", 1.25), int: ("-7", -7), str: ("x", "x")}
    for param in video_params():
        kind = value_kind(param)
        if kind is None:
            continue
        text, expected = samples[kind]
        value = cell_value(param, text)
        assert value == expected and type(value) is kind, param.name
    columns = job_columns()
    assert cell_value(columns["dimension"], "1280x720") == (1280, 720)
    assert cell_value(columns["dimension"], '{"width": 720, "height": 1280}') == {
        "width": 720,
        "height": 1280,
    }
    assert cell_value(columns["background"], "#FAFAFA") == "#FAFAFA"
    assert cell_value(columns["extra_body"], '{"a": [1]}') == {"a": [1]}
    with pytest.raises(ValueError, match="JSON"):
        cell_value(columns["extra_body"], "{nope")
    with pytest.raises(ValueError, match="true or false"):
        cell_value(columns["caption"], "maybe")


def test_a_new_declared_option_becomes_a_flag_and_a_column(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Adding a parameter to the declaration needs no CLI edit."""
    extra = (Param("warp_factor", float | None, "How fast."), Param("shiny", bool | None, "Gloss."))

    def more() -> tuple[Param, ...]:
        return (*video_params(), *extra)

    monkeypatch.setattr(_app, "video_params", more)
    args = _app.build_parser().parse_args(["generate", "--warp-factor", "9.5", "--no-shiny"])
    assert args.warp_factor == 9.5 and args.shiny is False

    from heygen_async.cli import _jobs_file

    monkeypatch.setattr(_jobs_file, "video_params", more)
    assert _jobs_file._convert("jobs.csv", 2, "warp_factor", "2") == 2.0


class Recording(AsyncHeyGenClient):
    """Records what the CLI asks of the SDK, then does it."""

    calls: ClassVar[list[tuple[str, dict[str, Any]]]] = []
    made: ClassVar[list[dict[str, Any]]] = []

    async def generate_video(self, *args: Any, **kwargs: Any) -> Any:
        Recording.calls.append(("generate_video", kwargs))
        return await super().generate_video(*args, **kwargs)

    async def generate_avatar_iv_video(self, *args: Any, **kwargs: Any) -> Any:
        Recording.calls.append(("generate_avatar_iv_video", kwargs))
        return await super().generate_avatar_iv_video(*args, **kwargs)


@pytest.fixture
def recording(fake: FakeHeyGen, routing: Routing) -> list[tuple[str, Any]]:
    Recording.calls = []
    Recording.made = []

    def factory(**kwargs: Any) -> AsyncHeyGenClient:
        Recording.made.append(kwargs)
        return Recording(**kwargs, http_client=fake.http_client())

    routing.factory = factory
    return Recording.calls


def test_avatar_iv_takes_every_option(
    cli: Runner, recording: list[tuple[str, Any]], tmp_path: Path
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    result = cli(
        "avatar-iv", "--api-version", "v2", "--script", "Hi there", "--voice", SAMPLE_VOICE_ID,
        "--image", str(photo), "--motion-prompt", "waves", "--enhance-custom-motion-prompt",
        "--orientation", "portrait", "--fit", "cover", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    (method, kwargs), *_ = recording
    assert method == "generate_avatar_iv_video"
    assert kwargs["enhance_custom_motion_prompt"] is True
    assert kwargs["custom_motion_prompt"] == "waves"
    assert kwargs["video_orientation"] == "portrait" and kwargs["image_key"]
    assert Recording.made[-1]["api_version"] == "v2"


def test_generate_structured_flags(
    cli: Runner, recording: list[tuple[str, Any]], tmp_path: Path
) -> None:
    scenes = tmp_path / "scenes.json"
    scenes.write_text(
        json.dumps(
            [
                {
                    "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
                    "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "Hi"},
                }
            ]
        )
    )
    result = cli(
        "generate", "--video-inputs", f"@{scenes}", "--dimension", "1280x720", "--no-caption",
        "--title", "Scenes", "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    (_, kwargs), *_ = recording
    assert kwargs["dimension"] == (1280, 720)
    assert kwargs["caption"] is False
    assert kwargs["video_inputs"][0]["voice"]["input_text"] == "Hi"


def test_bad_flag_values_name_the_flag(cli: Runner, fake: FakeHeyGen) -> None:
    simple = ("--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID)
    for argv, flag in (
        (("--extra-body", "{nope"), "--extra-body"),
        (("--dimension", "wide"), "--dimension"),
        (("--speed", "fast"), "--speed"),
        (("--speed", "9"), "--speed"),  # well-formed, refused by the SDK's validation
        (("--video-inputs", "@/nonexistent/scenes.json"), "--video-inputs"),
    ):
        result = cli("generate", *simple, *argv)
        assert result.code == 2, (argv, result.err)
        assert flag in one_error_line(result.err), argv
    assert fake.counters.generation_requests == 0


def test_api_version_flag(cli: Runner, recording: list[tuple[str, Any]]) -> None:
    assert cli("voices", "--api-version", "v2").code == 0
    assert Recording.made[-1]["api_version"] == "v2"
    assert cli("voices").code == 0
    assert "api_version" not in Recording.made[-1]  # the SDK's default (or the env var)
    refused = cli("voices", "--api-version", "v9")
    assert refused.code == 2
    assert "--api-version" in one_error_line(refused.err)


def test_status_row_is_the_same_on_every_version() -> None:
    v2 = VideoStatus.model_validate(
        {
            "id": "a",
            "status": "completed",
            "video_url": "https://x/v.mp4",
            "video_url_caption": "https://x/c.mp4",
            "caption_url": "https://x/c.ass",
        }
    )
    v3 = VideoStatus.model_validate(
        {
            "id": "a",
            "status": "completed",
            "video_url": "https://x/v.mp4",
            "captioned_video_url": "https://x/c.mp4",
            "subtitle_url": "https://x/c.srt",
        }
    )
    for status, caption_file in ((v2, "https://x/c.ass"), (v3, "https://x/c.srt")):
        row = status_row(status)
        assert row["status"] == "completed"
        assert row["captioned_video_url"] == "https://x/c.mp4"
        assert row["caption_file_url"] == caption_file
    failed = VideoStatus.model_validate(
        {"id": "b", "status": "failed", "failure_code": "bad_avatar", "failure_message": "no"}
    )
    assert status_row(failed)["error"] == "bad_avatar: no"  # code: message, not a dict


def test_jsonl_text_values_are_read_like_cells(tmp_path: Path) -> None:
    jobs = tmp_path / "jobs.jsonl"
    row = {"script": "Hi", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}
    typed = {**row, "speed": "1.1", "dimension": "1280x720", "caption": "yes"}
    kept = {**row, "background": "#FAFAFA", "title": "123", "pitch": 3}
    jobs.write_text(json.dumps(typed) + "\n" + json.dumps(kept) + "\n")
    first, second = read_jobs(jobs)
    assert first.kwargs["speed"] == 1.1 and first.kwargs["caption"] is True
    assert first.kwargs["dimension"] == (1280, 720)
    assert second.kwargs["background"] == "#FAFAFA" and second.kwargs["title"] == "123"
    assert second.kwargs["pitch"] == 3
    jobs.write_text(json.dumps({**row, "pitch": "high"}) + "\n")
    with pytest.raises(UsageError, match=r"line 1: pitch: cannot read 'high'"):
        read_jobs(jobs)


@pytest.mark.parametrize("version", ["v3", "v2"])
def test_avatar_iv_from_your_own_audio_needs_no_script(
    cli: Runner, recording: list[tuple[str, Any]], fake: FakeHeyGen, tmp_path: Path, version: str
) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    result = cli(
        "avatar-iv", "--api-version", version, "--image", str(photo),
        "--audio-asset-id", SAMPLE_AUDIO_ASSET_ID, "--json",
    )  # fmt: skip
    assert result.code == 0, result.err
    video = fake.video(json.loads(result.out)["video_id"])
    assert video.body["audio_asset_id"] == SAMPLE_AUDIO_ASSET_ID
    assert "script" not in video.body


def test_avatar_iv_refuses_a_script_beside_audio_naming_both_flags(
    cli: Runner, recording: list[tuple[str, Any]], fake: FakeHeyGen
) -> None:
    result = cli(
        "avatar-iv", "--image-key", "photo", "--script", "Hi", "--voice", SAMPLE_VOICE_ID,
        "--audio-url", "https://example.com/a.mp3",
    )  # fmt: skip
    assert result.code == 2
    assert "--script" in result.err and "audio_url" in result.err.replace("-", "_")
    assert fake.counters.generation_requests == 0
