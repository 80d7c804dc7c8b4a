"""Issue 21 against a fake the SDK's authors did not shape: ``spec_fake.SpecFake``.

Templates, translations, lipsyncs and video agents through the §7 names, on
answers that carry only what the spec requires (or every optional field as null),
with bodies checked strictly against the spec, an ``Idempotency-Key`` required on
every create, and failures shaped as the spec shapes them. Virtual time: no sleeps.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import anyio
import httpx
import pytest

from heygen_async import AsyncHeyGenClient, JobFailedError, VideoFailedError
from heygen_async.testing import VirtualClock, use_clock

from .spec_fake import FAILURE, SpecFake

TALK = "https://example.com/talk.mp4"
VOICE = "https://example.com/voice.mp3"
VARIABLES = {"name": {"name": "name", "type": "text", "properties": {"content": "Ada"}}}


@asynccontextmanager
async def spec_client(
    render: Callable[[int], float] = lambda n: 120.0, **fake_options: Any
) -> AsyncIterator[tuple[AsyncHeyGenClient, SpecFake, VirtualClock]]:
    """A client (default ``PollPolicy``) on a ``SpecFake``, both on one virtual clock."""
    clock = VirtualClock(start=1000.0, seed=5)
    fake = SpecFake(clock.now, render, **fake_options)
    http = httpx.AsyncClient(transport=fake.transport())
    client = AsyncHeyGenClient(
        api_key="sk-independent", api_version="v3", http_client=http, max_retries=0
    )
    use_clock(client, clock)
    async with client, clock.running():
        yield client, fake, clock
    await http.aclose()
    # Nothing the SDK sent was refused: bodies valid, every create keyed.
    assert fake.refusals == []


ANSWERS = [{}, {"nulls": True}]
ANSWER_IDS = ["required-only", "optional-as-null"]


@pytest.mark.parametrize("answers", ANSWERS, ids=ANSWER_IDS)
async def test_templates_get_and_generate_with_variables_then_wait(answers: Any) -> None:
    async with spec_client(**answers) as (client, fake, _):
        template = await client.templates.get("tpl_1")
        video = await client.templates.generate(
            "tpl_1",
            variables=VARIABLES,
            title="Welcome Ada",
            scene_ids=["scene_1"],
            dimension={"width": 1280, "height": 720},
            fps=30,
            subtitles={"preset_name": "default"},
        )
        done = await client.videos.wait(video.video_id)

    assert template.id == "tpl_1" and template.variables in (None, {})
    assert done.video_id == video.video_id and done.video_url
    assert fake.sent["POST /v3/templates/{template_id}"] == 1


@pytest.mark.parametrize("answers", ANSWERS, ids=ANSWER_IDS)
async def test_video_translations_create_get_statuses_wait_and_wait_many(answers: Any) -> None:
    async with spec_client(**answers) as (client, _, _):
        created = await client.video_translations.create(
            TALK, ["French", "German", "Italian"], title="Talk", mode="precision"
        )
        ids = created.video_translation_ids
        first = await client.video_translations.get(ids[0])
        statuses = await client.video_translations.statuses(ids)
        one = await client.video_translations.wait(ids[0])
        rest = [result async for result in client.video_translations.wait_many(ids[1:])]

    assert first.status == "pending" and not first.is_terminal
    assert [entry.video_translation_id for entry in statuses] == ids
    assert all(entry.status == "queued" and not entry.is_terminal for entry in statuses)
    assert one.is_completed and one.video_url
    assert sorted(r.job_id for r in rest) == sorted(ids[1:])
    assert all(r.ok and r.status.video_url for r in rest)


@pytest.mark.parametrize("answers", ANSWERS, ids=ANSWER_IDS)
async def test_lipsyncs_and_video_agents_create_and_wait(answers: Any) -> None:
    async with spec_client(**answers) as (client, _, _):
        lipsync = await client.lipsyncs.create(TALK, VOICE, title="Dub", mode="precision")
        session = await client.video_agents.create(
            "A 30 second demo", orientation="portrait", files=["https://example.com/a.pdf"]
        )
        dubbed = await client.lipsyncs.wait(lipsync.lipsync_id)
        made = await client.video_agents.wait(session.session_id)
        video = await client.videos.wait(made.video_id or "")

    assert session.status == "thinking"
    assert dubbed.is_completed and dubbed.video_url
    assert made.has_video and video.video_url


def _failing_jobs() -> dict[str, Callable[[AsyncHeyGenClient], Any]]:
    async def video(client: AsyncHeyGenClient) -> Any:
        created = await client.templates.generate("tpl_1", variables={}, title="x [fail]")
        return await client.videos.wait(created.video_id)

    async def translation(client: AsyncHeyGenClient) -> Any:
        created = await client.video_translations.create(TALK, ["French"], title="[fail]")
        return await client.video_translations.wait(created.video_translation_ids[0])

    async def lipsync(client: AsyncHeyGenClient) -> Any:
        created = await client.lipsyncs.create(TALK, VOICE, title="[fail]")
        return await client.lipsyncs.wait(created.lipsync_id)

    async def video_agent(client: AsyncHeyGenClient) -> Any:
        created = await client.video_agents.create("a video [fail]")
        return await client.video_agents.wait(created.session_id)

    return {
        "video": video,
        "video_translation": translation,
        "lipsync": lipsync,
        "video_agent": video_agent,
    }


# Where the spec gives a code: a video's ``failure_code``, a bulk entry's ``error``
# (translations, lipsyncs); a session has only its error message.
CODES = {
    "video": FAILURE["code"],
    "video_translation": FAILURE["code"],
    "lipsync": FAILURE["code"],
    "video_agent": None,
}


@pytest.mark.parametrize("kind", sorted(CODES))
async def test_each_kinds_wait_on_a_failing_job_raises_job_failed_error(kind: str) -> None:
    async with spec_client() as (client, _, _):
        with pytest.raises(JobFailedError) as caught:
            await _failing_jobs()[kind](client)

    error = caught.value
    assert error.kind == kind
    assert error.job_id and error.job_id in str(error)
    assert error.message == FAILURE["message"]
    assert error.code == CODES[kind]
    assert isinstance(error, VideoFailedError) == (kind == "video")


@pytest.mark.parametrize("kind", ["video", "video_translation", "lipsync"])
@pytest.mark.parametrize("many", [False, True], ids=["wait", "wait_many"])
async def test_the_reason_comes_from_the_bulk_entry_when_the_jobs_own_read_has_none(
    kind: str, many: bool
) -> None:
    async with spec_client(detail_reasons=False) as (client, _, _):
        if many:
            ids = await _failed_job_ids(client, kind)
            results = [r async for r in _wait_many(client, kind, ids)]
            errors = [r.error for r in results]
        else:
            with pytest.raises(JobFailedError) as caught:
                await _failing_jobs()[kind](client)
            errors = [caught.value]

    assert errors and all(isinstance(error, JobFailedError) for error in errors)
    assert {(e.code, e.message) for e in errors} == {(FAILURE["code"], FAILURE["message"])}  # type: ignore[union-attr]


async def _failed_job_ids(client: AsyncHeyGenClient, kind: str) -> list[str]:
    if kind == "video":
        made = [await client.templates.generate("t", variables={}, title="[fail]") for _ in "ab"]
        return [video.video_id for video in made]
    if kind == "lipsync":
        made = [await client.lipsyncs.create(TALK, VOICE, title="[fail]") for _ in "ab"]
        return [lipsync.lipsync_id for lipsync in made]
    created = await client.video_translations.create(TALK, ["French", "German"], title="[fail]")
    return created.video_translation_ids


def _wait_many(client: AsyncHeyGenClient, kind: str, ids: list[str]) -> Any:
    noun = {"video": client.videos, "lipsync": client.lipsyncs}.get(kind)
    return (noun or client.video_translations).wait_many(ids)


async def test_a_failed_bulk_entry_with_a_null_error_still_fails_the_wait_with_the_reason() -> None:
    async with spec_client(nulls=True, bulk_error=None) as (client, _, _):
        created = await client.lipsyncs.create(TALK, VOICE, title="[fail]")
        with pytest.raises(JobFailedError) as caught:
            await client.lipsyncs.wait(created.lipsync_id)

    assert caught.value.code is None and caught.value.message == FAILURE["message"]


async def test_generate_many_runs_template_translation_lipsync_and_agent_jobs() -> None:
    jobs = [
        {"key": "tpl", "template_id": "tpl_1", "variables": {"name": "Ada"}},
        {"key": "tpl-f", "template_id": "tpl_1", "variables": {"name": "Bo"}, "title": "[fail]"},
        {"key": "tr", "video": TALK, "output_languages": ["French"]},
        {"key": "tr-f", "video": TALK, "output_languages": ["French"], "title": "[fail]"},
        {"key": "ls", "video": TALK, "audio": VOICE},
        {"key": "ls-f", "video": TALK, "audio": VOICE, "title": "[fail]"},
        {"key": "ag", "prompt": "a video"},
        {"key": "ag-f", "prompt": "a video [fail]"},
    ]
    async with spec_client(nulls=True) as (client, fake, _):
        results = {result.key: result async for result in client.generate_many(jobs)}

    assert sorted(results) == sorted(job["key"] for job in jobs)
    for key, result in results.items():
        assert result.ok == (not key.endswith("-f")), (key, result.error)
    failed = {key: results[key].error for key in results if key.endswith("-f")}
    assert all(isinstance(error, JobFailedError) for error in failed.values())
    assert {key: error.kind for key, error in failed.items()} == {  # type: ignore[union-attr]
        "tpl-f": "video",
        "tr-f": "video_translation",
        "ls-f": "lipsync",
        "ag-f": "video_agent",
    }
    assert results["tr"].status.video_url and results["ls"].status.video_url
    assert results["ag"].video_id
    creates = [name for name in fake.sent if name.startswith("POST")]
    assert sum(fake.sent[name] for name in creates) == len(jobs)  # each sent once, keyed


@pytest.mark.parametrize(
    ("render", "max_page"),
    [
        ("few-minutes", None),
        ("twenty-minutes", None),
        ("spread", None),
        # A server that pages 10 at a time whatever ``limit`` asks: the finished ones
        # are read from as many pages as hold them. (Spread renders there cost about
        # 1.6 reads a job: few finish at each check, scattered over the pages.)
        ("few-minutes", 10),
        ("twenty-minutes", 10),
    ],
)
async def test_thirty_concurrent_translation_waits_cost_at_most_one_and_a_half_reads_each(
    render: str, max_page: int | None
) -> None:
    seconds = {
        "few-minutes": lambda n: 180.0,
        "twenty-minutes": lambda n: 1200.0,
        "spread": lambda n: 180.0 + (n * 157) % 1020,  # 3 to 20 minutes, each its own
    }[render]
    async with spec_client(seconds, max_page=max_page) as (client, fake, _):
        ids: list[str] = []
        for batch in range(10):
            title = f"Talk {batch}" + (" [fail]" if batch % 4 == 0 else "")
            created = await client.video_translations.create(
                TALK, ["French", "German", "Italian"], title=title
            )
            ids += created.video_translation_ids
        fake.sent.clear()
        finished: list[Any] = []

        async def wait(job_id: str) -> None:
            try:
                finished.append(await client.video_translations.wait(job_id))
            except JobFailedError as exc:
                finished.append(exc)

        async with anyio.create_task_group() as tasks:
            for job_id in ids:
                tasks.start_soon(wait, job_id)

    reads = sum(count for name, count in fake.sent.items() if name.startswith("GET"))
    assert len(ids) == 30 and len(finished) == 30
    assert sum(isinstance(item, JobFailedError) for item in finished) == 9
    assert all(item.video_url for item in finished if not isinstance(item, JobFailedError))
    assert reads <= 1.5 * 30, dict(fake.sent)


CREATES: dict[str, Callable[[AsyncHeyGenClient], Any]] = {
    "POST /v3/templates/{template_id}": lambda c: c.templates.generate("tpl_1", variables={}),
    "POST /v3/video-translations": lambda c: c.video_translations.create(TALK, ["French"]),
    "POST /v3/lipsyncs": lambda c: c.lipsyncs.create(TALK, VOICE),
    "POST /v3/video-agents": lambda c: c.video_agents.create("a video"),
    "POST /v3/avatars/{group_id}/consent": lambda c: c.avatars.consent("group_1"),
}
JOBS_MADE = {"POST /v3/avatars/{group_id}/consent": 0}  # a consent is no job of the fake


@pytest.mark.parametrize("operation", sorted(CREATES))
async def test_a_create_answered_503_is_sent_again_with_the_same_idempotency_key(
    operation: str,
) -> None:
    clock = VirtualClock(start=1000.0, seed=5)
    fake = SpecFake(clock.now, lambda n: 60.0)
    fake.fail_once.add(operation)
    http = httpx.AsyncClient(transport=fake.transport())
    async with AsyncHeyGenClient(api_key="sk-i", api_version="v3", http_client=http) as client:
        use_clock(client, clock)
        async with clock.running():
            await CREATES[operation](client)
    await http.aclose()

    keys = [key for name, key in fake.keys_sent if name == operation]
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1], fake.keys_sent
    assert len(fake.jobs) == JOBS_MADE.get(operation, 1) and fake.refusals == []


async def test_every_other_method_of_the_four_nouns_reads_minimal_answers() -> None:
    calls: list[tuple[str, Callable[[AsyncHeyGenClient], Any]]] = [
        ("video_translations.languages", lambda c: c.video_translations.languages()),
        ("video_translations.update", lambda c: c.video_translations.update("vt_1", title="t")),
        ("video_translations.delete", lambda c: c.video_translations.delete("vt_1")),
        (
            "video_translations.batches.create",
            lambda c: c.video_translations.batches.create(
                [{"video": TALK, "output_languages": ["French"]}]
            ),
        ),
        ("video_translations.batches.get", lambda c: c.video_translations.batches.get("b_1")),
        (
            "video_translations.proofreads.create",
            lambda c: c.video_translations.proofreads.create(TALK, ["French"], title="p"),
        ),
        ("video_translations.proofreads.get", lambda c: c.video_translations.proofreads.get("p")),
        ("lipsyncs.update", lambda c: c.lipsyncs.update("ls_1", title="t")),
        ("lipsyncs.delete", lambda c: c.lipsyncs.delete("ls_1")),
        (
            "lipsyncs.batches.create",
            lambda c: c.lipsyncs.batches.create([{"video": TALK, "audio": VOICE}]),
        ),
        ("lipsyncs.batches.get", lambda c: c.lipsyncs.batches.get("b_1")),
        ("lipsyncs.statuses", lambda c: c.lipsyncs.statuses(["ls_unknown"])),
        ("video_agents.styles", lambda c: c.video_agents.styles()),
        ("video_agents.resources.get", lambda c: c.video_agents.resources.get("s_1", "r_1")),
        ("video_agents.send", lambda c: c.video_agents.send("s_1", "shorter, please")),
        ("video_agents.stop", lambda c: c.video_agents.stop("s_1")),
    ]
    listings = {
        "templates.list": lambda c: c.templates.list(),
        "video_translations.list": lambda c: c.video_translations.list(),
        "lipsyncs.list": lambda c: c.lipsyncs.list(),
        "video_agents.list": lambda c: c.video_agents.list(),
        "video_agents.videos": lambda c: c.video_agents.videos("s_1"),
    }
    answered: dict[str, Any] = {}
    async with spec_client(nulls=True) as (client, fake, _):
        for name, call in calls:
            answered[name] = await call(client)
        for name, listing in listings.items():
            answered[name] = [item async for item in listing(client)]

    assert len(answered) == len(calls) + len(listings)
    assert answered["lipsyncs.statuses"][0].is_not_found
    assert all(answered[name] == [] for name in listings)
    # the batch and proofread creates are billed: each went out keyed (or was refused)
    assert {name for name, key in fake.keys_sent if key} == {
        "POST /v3/video-translations/batches",
        "POST /v3/video-translations/proofreads",
        "POST /v3/lipsyncs/batches",
    }


async def test_generate_many_run_twice_sends_each_kinds_create_with_the_same_key() -> None:
    jobs = [
        {"key": "tpl", "template_id": "tpl_1", "variables": {"name": "Ada"}},
        {"key": "tr", "video": TALK, "output_languages": ["French"]},
        {"key": "ls", "video": TALK, "audio": VOICE},
        {"key": "ag", "prompt": "a video"},
    ]
    async with spec_client() as (client, fake, _):
        first = {result.key: result.job_id async for result in client.generate_many(jobs)}
        keys = list(fake.keys_sent)
        jobs_made = len(fake.jobs)
        again = {result.key: result.job_id async for result in client.generate_many(jobs)}

    assert len(keys) == 4 and all(key for _, key in keys)
    assert fake.keys_sent[4:] == keys  # the rerun's keys: derived from each job
    assert again == first and len(fake.jobs) == jobs_made  # replayed, not made again


async def test_bulk_entries_without_their_ids_still_end_every_wait() -> None:
    # ``video_id`` is optional in a bulk entry: without it nothing matches, so each
    # job is read alone (dearer, but every wait still ends right).
    async with spec_client() as (client, fake, _):
        bulk = fake.bulk_entries
        fake.bulk_entries = lambda kind, ids: [  # type: ignore[method-assign]
            {k: v for k, v in entry.items() if k != "video_id"} for entry in bulk(kind, ids)
        ]
        created = await client.video_translations.create(TALK, ["French", "German"], title="[fail]")
        lipsync = await client.lipsyncs.create(TALK, VOICE)
        results = [
            r async for r in client.video_translations.wait_many(created.video_translation_ids)
        ]
        dubbed = await client.lipsyncs.wait(lipsync.lipsync_id)

    assert sorted(r.job_id for r in results) == sorted(created.video_translation_ids)
    assert all(isinstance(r.error, JobFailedError) for r in results)
    assert dubbed.video_url
