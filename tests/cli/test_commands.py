"""Each single-shot command through the console entry point, against the fake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from heygen_async.testing import (
    SAMPLE_AVATAR_ID,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    ManualClock,
)

from .conftest import API_KEY, FAST, Runner

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
RENDER = 60.0  # seconds of fake render time, where the fake's clock is moved by hand


def one_error_line(err: str) -> str:
    """The error is one line, the last one (progress notes may precede it)."""
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, err
    assert err.rstrip("\n").splitlines()[-1] == errors[0]
    assert "Traceback" not in err
    return errors[0]


def test_avatars_table_and_json(cli: Runner) -> None:
    table = cli("avatars")
    assert table.code == 0
    assert SAMPLE_AVATAR_ID in table.out

    result = cli("avatars", "--json")
    assert result.code == 0
    ids = [item["avatar_id"] for item in json.loads(result.out)]
    assert SAMPLE_AVATAR_ID in ids


def test_talking_photos_json(cli: Runner) -> None:
    result = cli("--json", "avatars", "--talking-photos")  # global option before the command
    assert result.code == 0
    assert SAMPLE_TALKING_PHOTO_ID in [p["talking_photo_id"] for p in json.loads(result.out)]


def test_voices_filtered_by_language(cli: Runner) -> None:
    result = cli("voices", "--language", "english", "--json")
    assert result.code == 0
    voices = json.loads(result.out)
    assert SAMPLE_VOICE_ID in [voice["voice_id"] for voice in voices]
    assert all(voice["language"].lower().startswith("english") for voice in voices)


def test_assets_json(cli: Runner) -> None:
    result = cli("assets", "--type", "image", "--json")
    assert result.code == 0
    assert all(asset["file_type"] == "image" for asset in json.loads(result.out))


def test_upload_file(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    photo = tmp_path / "face.jpg"
    photo.write_bytes(JPEG)
    result = cli("upload", str(photo), "--json")
    assert result.code == 0, result.err
    asset = json.loads(result.out)
    assert asset["id"] and asset["image_key"]
    assert fake.counters.uploads == 1


def test_upload_missing_file_is_a_user_error(cli: Runner, fake: FakeHeyGen) -> None:
    result = cli("upload", "/nonexistent/face.jpg")
    assert result.code == 2
    assert "not a file" in one_error_line(result.err)
    assert fake.counters.uploads == 0


def test_generate_prints_the_video_id(cli: Runner, fake: FakeHeyGen) -> None:
    result = cli(
        "generate", "--script", "Hi!", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID
    )
    assert result.code == 0, result.err
    video_id = fake.videos()[0].video_id
    assert video_id in result.out
    assert fake.counters.videos_created == 1


def test_generate_wait_and_download(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    result = cli(
        "generate",
        "--script",
        "Hello there",
        "--avatar",
        SAMPLE_AVATAR_ID,
        "--voice",
        SAMPLE_VOICE_ID,
        "--download",
        str(tmp_path),
        "--json",
        *FAST,
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["status"] == "completed"
    path = Path(data["path"])
    assert path.parent == tmp_path and path.stat().st_size == fake.video_file_size


def test_generate_from_request_file(cli: Runner, fake: FakeHeyGen, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text(
        json.dumps(
            {
                "title": "From a file",
                "video_inputs": [
                    {
                        "character": {"type": "avatar", "avatar_id": SAMPLE_AVATAR_ID},
                        "voice": {"type": "text", "voice_id": SAMPLE_VOICE_ID, "input_text": "Hi"},
                    }
                ],
            }
        )
    )
    result = cli("generate", "--request", str(request), "--json")
    assert result.code == 0, result.err
    assert json.loads(result.out)["video_id"] == fake.videos()[0].video_id
    assert fake.videos()[0].title == "From a file"


def test_generate_unknown_avatar_is_an_api_error(cli: Runner, fake: FakeHeyGen) -> None:
    result = cli("generate", "--script", "Hi", "--avatar", "nobody", "--voice", SAMPLE_VOICE_ID)
    assert result.code == 3
    assert "nobody" in one_error_line(result.err)
    assert fake.counters.videos_created == 0


def test_generate_bad_input_sends_nothing(cli: Runner, fake: FakeHeyGen) -> None:
    result = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--speed", "9",
    )  # fmt: skip
    assert result.code == 2
    assert "speed" in one_error_line(result.err)
    assert fake.counters.generation_requests == 0


def test_bad_request_file_field(cli: Runner, tmp_path: Path) -> None:
    request = tmp_path / "request.json"
    request.write_text('{"scrpt": "typo"}')
    result = cli("generate", "--request", str(request))
    assert result.code == 2
    assert "scrpt" in one_error_line(result.err)


def test_bad_key_is_one_line_and_code_3(cli: Runner) -> None:
    result = cli("voices", "--api-key", "wrong-key")
    assert result.code == 3
    line = one_error_line(result.err)
    assert "401" in line
    assert "wrong-key" not in line  # the key never appears in messages


def test_missing_key_is_a_user_error(cli: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    result = cli("voices")
    assert result.code == 2
    assert "HEYGEN_API_KEY" in one_error_line(result.err)


class TestStatusWaitAndDownload:
    """The fake renders on a clock the test moves, so each step's state is known."""

    @pytest.fixture
    def clock(self) -> ManualClock:
        return ManualClock()

    @pytest.fixture
    def fake(self, clock: ManualClock) -> FakeHeyGen:  # the `cli` fixture's fake
        return FakeHeyGen(
            api_keys={API_KEY}, clock=clock, time_scale=1.0, render_seconds=RENDER, seed=3
        )

    def test_status_wait_and_download(
        self, cli: Runner, clock: ManualClock, tmp_path: Path
    ) -> None:
        submitted = cli(
            "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
            "--json",
        )  # fmt: skip
        video_id = json.loads(submitted.out)["video_id"]

        status = cli("status", video_id, "--json")
        assert status.code == 0
        assert json.loads(status.out)["status"] == "pending"  # no time has passed

        not_ready = cli("download", video_id, str(tmp_path))
        assert not_ready.code == 2
        assert "not finished" in one_error_line(not_ready.err)
        assert not list(tmp_path.iterdir())

        clock.advance(RENDER + 1)  # the render is over
        waited = cli("wait", video_id, "--json", *FAST)
        assert waited.code == 0, waited.err
        assert json.loads(waited.out)["video_url"]

        downloaded = cli("download", video_id, str(tmp_path), "--json")
        assert downloaded.code == 0, downloaded.err
        assert Path(json.loads(downloaded.out)["path"]) == tmp_path / f"{video_id}.mp4"


def test_wait_for_a_failed_video(cli: Runner) -> None:
    submitted = cli(
        "generate", "--script", "Hi [fail]", "--avatar", SAMPLE_AVATAR_ID, "--voice",
        SAMPLE_VOICE_ID, "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    result = cli("wait", video_id, *FAST)
    assert result.code == 3
    assert "failed" in one_error_line(result.err)


def test_wait_timeout_is_code_4(cli: Runner, fake: FakeHeyGen) -> None:
    fake.time_scale = 1.0  # renders now take minutes
    submitted = cli(
        "generate", "--script", "Hi", "--avatar", SAMPLE_AVATAR_ID, "--voice", SAMPLE_VOICE_ID,
        "--json",
    )  # fmt: skip
    video_id = json.loads(submitted.out)["video_id"]
    result = cli("wait", video_id, "--timeout", "0.05", *FAST)
    assert result.code == 4
    assert video_id in one_error_line(result.err)


def test_unknown_status_id_is_an_api_error(cli: Runner) -> None:
    result = cli("status", "0123456789abcdef")
    assert result.code == 3
    one_error_line(result.err)


def test_download_refuses_a_path_like_id(cli: Runner, tmp_path: Path) -> None:
    result = cli("download", "../../etc/passwd", str(tmp_path))
    assert result.code == 2
    assert "file name" in one_error_line(result.err)


def test_bad_arguments(cli: Runner) -> None:
    for argv in (("frobnicate",), ("status",), ("assets", "--limit", "many")):
        result = cli(*argv)
        assert result.code == 2, argv
        one_error_line(result.err)


def test_debug_shows_the_traceback(cli: Runner) -> None:
    result = cli("voices", "--api-key", "wrong-key", "--debug")
    assert result.code == 3
    assert "Traceback" in result.err


def test_help_and_version(cli: Runner) -> None:
    assert cli("--help").code == 0
    version = cli("--version")
    assert version.code == 0 and "heygen-async" in version.out


def test_no_command_prints_help(cli: Runner) -> None:
    result = cli()
    assert result.code == 2
    assert "usage" in result.err
