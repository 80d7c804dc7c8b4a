"""What needs no server: a bad run refused before it starts, the workflow id of a
run, webhook bodies as signals, and the commands' usage errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from heygen_async import InvalidRequestError
from heygen_async.cli import main
from heygen_async.temporal import (
    BulkInput,
    JobEventSignal,
    JobSpec,
    event_signal,
    start_bulk,
    workflow_id_for,
)
from heygen_async.temporal._run import check_bulk_input
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID

FIELDS = {"script": "Hi", "avatar_id": SAMPLE_AVATAR_ID, "voice_id": SAMPLE_VOICE_ID}


@pytest.mark.parametrize(
    ("request_", "field"),
    [
        (
            BulkInput([JobSpec("a", "avatar_video", FIELDS)], max_concurrent_jobs=0),
            "max_concurrent_jobs",
        ),
        (
            BulkInput([JobSpec("a", "avatar_video", FIELDS)], max_history_events=0),
            "max_history_events",
        ),
        (BulkInput([JobSpec("a", "avatar_video", FIELDS)] * 2), "jobs[1].key"),
        (BulkInput([JobSpec("a", "not_a_kind", FIELDS)]), "jobs[0].kind"),
        (BulkInput([JobSpec("a", "translation", {"video": "x"})]), "output_languages"),
        (BulkInput([JobSpec("a", "template", {"template_id": "t", "nope": 1})]), "nope"),
        (BulkInput([JobSpec("a", "avatar_video", {**FIELDS, "speed": 3})]), "speed"),
    ],
)
async def test_a_bad_run_is_refused_before_any_workflow_starts(
    request_: BulkInput, field: str
) -> None:
    with pytest.raises(InvalidRequestError) as raised:
        check_bulk_input(request_)
    assert raised.value.field == field
    # start_bulk checks before it touches the server (None would fail at once).
    with pytest.raises(InvalidRequestError):
        await start_bulk(None, request_)  # type: ignore[arg-type]


def test_the_workflow_id_is_the_runs() -> None:
    jobs = [JobSpec("a", "avatar_video", FIELDS)]
    assert workflow_id_for(jobs) == workflow_id_for([JobSpec("a", "avatar_video", dict(FIELDS))])
    assert workflow_id_for(jobs) != workflow_id_for(jobs, salt="/other/folder")
    assert workflow_id_for(jobs) != workflow_id_for(
        [JobSpec("a", "avatar_video", {**FIELDS, "script": "Yo"})]
    )


@pytest.mark.parametrize(
    ("body", "signal"),
    [
        (
            {
                "event_type": "avatar_video.success",
                "event_data": {"video_id": "v1", "url": "https://x/v.mp4"},
            },
            JobEventSignal("v1", "completed", None, "https://x/v.mp4"),
        ),
        (
            {
                "event_type": "avatar_video.fail",
                "event_data": {"video_id": "v2", "msg": "no credit"},
            },
            JobEventSignal("v2", "failed", "no credit", None),
        ),
        ({"event_type": "avatar_video_gif.success", "event_data": {"video_id": "v3"}}, None),
        ({"event_type": "avatar_video.success", "event_data": {}}, None),
    ],
)
def test_webhook_bodies_become_signals(body: dict[str, Any], signal: JobEventSignal | None) -> None:
    assert event_signal(body) == signal


def test_a_parsed_event_object_becomes_a_signal() -> None:
    # The shape of heygen_async.webhooks.WebhookEvent (fields as attributes).
    event = SimpleNamespace(
        event_type="avatar_video.fail", job_id="v9", failure_message="moderated", url=None
    )
    assert event_signal(event) == JobEventSignal("v9", "failed", "moderated", None)


def test_the_worker_command_names_its_extra_when_temporalio_is_missing() -> None:
    code = (
        "import sys; sys.modules['temporalio'] = None\n"
        "from heygen_async.cli import main\n"
        "sys.exit(main(['temporal', 'worker', '--address', 'localhost:7233', '--api-key', 'k']))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 2
    assert "pip install 'heygen-async[temporal]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_local_only_flags_are_refused_with_temporal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    jobs = tmp_path / "jobs.csv"
    jobs.write_text(f"key,script,avatar_id,voice_id\na,Hi,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n")
    code = main(
        [
            "bulk",
            str(jobs),
            "--out",
            str(tmp_path),
            "--temporal",
            "localhost:1",
            "--dry-run",
            "--api-key",
            "k",
        ]
    )
    assert code == 2
    assert "--dry-run" in capsys.readouterr().err


def test_a_template_row_of_a_jobs_file_is_a_template_job(tmp_path: Path) -> None:
    from heygen_async.cli._jobs_file import read_jobs
    from heygen_async.cli._temporal import job_spec
    from heygen_async.testing import SAMPLE_TEMPLATE_ID

    jobs = tmp_path / "jobs.csv"
    jobs.write_text(
        "key,template_id,variables.name,script,avatar_id,voice_id\n"
        f"ada,{SAMPLE_TEMPLATE_ID},Ada,,,\n"
        f"plain,,,Hi,{SAMPLE_AVATAR_ID},{SAMPLE_VOICE_ID}\n"
    )
    specs = [job_spec(job) for job in read_jobs(jobs)]
    assert [(spec.key, spec.kind) for spec in specs] == [
        ("ada", "template"),
        ("plain", "avatar_video"),
    ]
    assert specs[0].fields["variables"] == {"name": "Ada"}
    check_bulk_input(BulkInput(specs))  # each row is its kind's valid create
