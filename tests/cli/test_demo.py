"""``heygen-async demo``: a bulk run on the built-in fake, offline and quick."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from .conftest import Runner


def test_demo_runs_offline_without_a_key(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HEYGEN_API_KEY")
    monkeypatch.setenv("HEYGEN_BASE_URL", "http://example.invalid")  # ignored by the demo
    out = tmp_path / "demo"
    result = cli("demo", "--out", str(out), "--count", "6", "--seconds", "0.5", "--json")
    assert result.code == 0, result.err
    summary = json.loads(result.out)
    assert summary["counts"] == {"completed": 6}
    assert len(list(out.glob("demo-*.mp4"))) == 6
    with (out / "results.csv").open(newline="") as file:
        assert len(list(csv.DictReader(file))) == 6
    assert "fake HeyGen saw 6 generation(s)" in result.err


def test_demo_rejects_a_bad_count(cli: Runner) -> None:
    result = cli("demo", "--count", "0")
    assert result.code == 2
    assert result.err.startswith("error: --count")


def test_demo_on_either_api_version(cli: Runner, tmp_path: Path) -> None:
    from heygen_async._constants import DEFAULT_API_VERSION

    default = cli("demo", "--out", str(tmp_path / "a"), "--count", "3", "--seconds", "0.3")
    assert default.code == 0, default.err
    assert f"API {DEFAULT_API_VERSION}," in default.err  # the SDK's default, whatever it is
    legacy = cli("demo", "--out", str(tmp_path / "b"), "--count", "3", "--seconds", "0.3",
                 "--api-version", "v2")  # fmt: skip
    assert legacy.code == 0, legacy.err
    assert "API v2," in legacy.err and "fake HeyGen saw 3 generation(s)" in legacy.err


def test_the_demo_makes_template_videos_where_the_api_has_them(
    cli: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 21 item 5: the demo's run includes template jobs (every third, on v3)."""
    import heygen_async.testing as testing

    made: list[testing.FakeHeyGen] = []

    class Recorded(testing.FakeHeyGen):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]
            made.append(self)

    monkeypatch.setattr(testing, "FakeHeyGen", Recorded)
    out = tmp_path / "demo"
    result = cli("demo", "--out", str(out), "--count", "6", "--seconds", "0.5", "--json",
                 "--api-version", "v3")  # fmt: skip
    assert result.code == 0, result.err
    assert json.loads(result.out)["counts"] == {"completed": 6}
    assert "2 of them from a template" in result.err
    titles = sorted(video.title or "" for video in made[0].videos())
    assert [t for t in titles if t.startswith("Demo template")] == [
        "Demo template video 3",
        "Demo template video 6",
    ]
    assert len(titles) == 6 and len(list(out.glob("demo-*.mp4"))) == 6
    legacy = cli("demo", "--out", str(tmp_path / "b"), "--count", "3", "--seconds", "0.3",
                 "--api-version", "v2")  # fmt: skip
    assert legacy.code == 0 and "from a template" not in legacy.err
