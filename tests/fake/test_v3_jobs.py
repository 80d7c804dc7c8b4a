"""The v3 job kinds in fake time: translations, proofreads, lipsyncs, AI clips,
background removals, voice clones, video agent sessions and template generation.
Life cycles, failure on demand, idempotency, paging, batches and the job limit."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from heygen_async.testing import SAMPLE_TEMPLATE_ID, FakeHeyGen, ManualClock

RENDER = 100.0  # conftest's render time
VIDEO = {"type": "url", "url": "https://example.com/in.mp4"}


async def data(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()["data"]


async def translate(http: httpx.AsyncClient, *languages: str, **fields: Any) -> list[str]:
    body = {"video": VIDEO, "output_languages": list(languages), **fields}
    made = await data(await http.post("/v3/video-translations", json=body))
    return list(made["video_translation_ids"])


async def lipsync(http: httpx.AsyncClient, **fields: Any) -> str:
    body = {"video": VIDEO, "audio": VIDEO, **fields}
    return str((await data(await http.post("/v3/lipsyncs", json=body)))["lipsync_id"])


# --- life cycles ---------------------------------------------------------------


async def test_a_translation_per_language_runs_pending_running_completed(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    ids = await translate(http, "fr", "de", title="Launch", callback_id="c-1")
    assert len(set(ids)) == 2

    first = await data(await http.get(f"/v3/video-translations/{ids[0]}"))
    assert (first["status"], first["video_url"]) == ("pending", None)
    assert (first["title"], first["callback_id"], first["output_language"]) == (
        "Launch",
        "c-1",
        "fr",
    )
    clock.advance(10)
    assert (await data(await http.get(f"/v3/video-translations/{ids[1]}")))["status"] == "running"
    clock.advance(RENDER)
    done = await data(await http.get(f"/v3/video-translations/{ids[1]}"))
    assert (done["status"], done["output_language"]) == ("completed", "de")
    download = await http.get(done["video_url"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "video/mp4"


@pytest.mark.parametrize(
    ("create_path", "read_path", "body", "id_of"),
    [
        (
            "/v3/video-translations",
            "/v3/video-translations/{}",
            {"video": VIDEO, "output_languages": ["fr"], "title": "[fail]"},
            lambda d: d["video_translation_ids"][0],
        ),
        (
            "/v3/lipsyncs",
            "/v3/lipsyncs/{}",
            {"video": VIDEO, "audio": VIDEO, "title": "[fail]"},
            lambda d: d["lipsync_id"],
        ),
        (
            "/v3/ai-clipping",
            "/v3/ai-clipping/{}",
            {"video": VIDEO, "title": "[fail:moderation]"},
            lambda d: d["id"],
        ),
        (
            "/v3/background-removals",
            "/v3/background-removals/{}",
            {"video": {"type": "url", "url": "https://example.com/[fail].mp4"}},
            lambda d: d["id"],
        ),
        (
            "/v3/video-translations/proofreads",
            "/v3/video-translations/proofreads/{}",
            {"video": VIDEO, "output_languages": ["fr"], "title": "[fail]"},
            lambda d: d["proofread_ids"][0],
        ),
    ],
    ids=["translation", "lipsync", "ai_clip", "background_removal", "proofread"],
)
async def test_each_job_kind_completes_or_fails_on_demand(
    http: httpx.AsyncClient,
    clock: ManualClock,
    create_path: str,
    read_path: str,
    body: dict[str, Any],
    id_of: Any,
) -> None:
    fine_body = {k: v for k, v in body.items() if k != "title"} | {"video": VIDEO}
    if "title" in body and "proofreads" in create_path:
        fine_body["title"] = "fine"
    fine = id_of(await data(await http.post(create_path, json=fine_body)))
    failing = id_of(await data(await http.post(create_path, json=body)))

    before = await data(await http.get(read_path.format(fine)))
    assert before["status"] in ("pending", "processing")
    clock.advance(RENDER + 1)
    after_fine = await data(await http.get(read_path.format(fine)))
    after_failing = await data(await http.get(read_path.format(failing)))

    assert after_fine["status"] == "completed"
    assert after_failing["status"] == "failed"
    message = after_failing.get("failure_message") or after_failing.get("error")
    assert message


async def test_a_video_agent_session_ends_with_an_ordinary_video(
    http: httpx.AsyncClient, clock: ManualClock, fake: FakeHeyGen
) -> None:
    made = await data(await http.post("/v3/video-agents", json={"prompt": "A launch video"}))
    session_id = made["session_id"]
    assert made["status"] == "thinking"
    assert (await data(await http.get(f"/v3/videos/{made['video_id']}")))["status"] == "pending"

    clock.advance(10)
    assert (await data(await http.get(f"/v3/video-agents/{session_id}")))["status"] == "generating"
    clock.advance(RENDER)
    done = await data(await http.get(f"/v3/video-agents/{session_id}"))
    assert (done["status"], done["video_id"]) == ("completed", made["video_id"])
    video = await data(await http.get(f"/v3/videos/{done['video_id']}"))
    assert video["status"] == "completed"
    assert (await http.get(video["video_url"])).status_code == 200
    videos = await http.get(f"/v3/video-agents/{session_id}/videos")
    assert [v["id"] for v in videos.json()["data"]] == [done["video_id"]]


async def test_a_video_agent_session_fails_on_demand_and_can_be_stopped(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    failing = await data(await http.post("/v3/video-agents", json={"prompt": "[fail]"}))
    stopped = await data(await http.post("/v3/video-agents", json={"prompt": "long one"}))
    await data(await http.post(f"/v3/video-agents/{stopped['session_id']}/stop", json={}))

    assert (await data(await http.get(f"/v3/video-agents/{stopped['session_id']}")))[
        "status"
    ] == "failed"
    clock.advance(RENDER + 1)
    session = await data(await http.get(f"/v3/video-agents/{failing['session_id']}"))
    assert session["status"] == "failed"
    assert (await data(await http.get(f"/v3/videos/{session['video_id']}")))["status"] == "failed"


async def test_a_message_to_a_session_joins_its_messages(http: httpx.AsyncClient) -> None:
    made = await data(await http.post("/v3/video-agents", json={"prompt": "first"}))
    sent = await data(
        await http.post(f"/v3/video-agents/{made['session_id']}", json={"message": "shorter"})
    )
    session = await data(await http.get(f"/v3/video-agents/{made['session_id']}"))

    assert sent["session_id"] == made["session_id"]
    assert [m["content"] for m in session["messages"]] == ["first", "shorter"]


async def test_template_generation_answers_a_video_that_renders(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    body = {"variables": {"name": {"type": "text", "properties": {"content": "Ada"}}}, "title": "T"}
    made = await data(await http.post(f"/v3/templates/{SAMPLE_TEMPLATE_ID}", json=body))
    failing = await data(
        await http.post(f"/v3/templates/{SAMPLE_TEMPLATE_ID}", json={**body, "title": "[fail]"})
    )
    assert made["status"] == "pending"

    clock.advance(RENDER + 1)
    video = await data(await http.get(f"/v3/videos/{made['id']}"))
    assert (video["status"], video["title"]) == ("completed", "T")
    assert (await data(await http.get(f"/v3/videos/{failing['id']}")))["status"] == "failed"


async def test_templates_are_the_catalogues_and_another_id_is_not_found(
    http: httpx.AsyncClient, fake: FakeHeyGen
) -> None:
    listed = (await http.get("/v3/templates")).json()["data"]
    template = await data(await http.get(f"/v3/templates/{SAMPLE_TEMPLATE_ID}"))

    assert [item["id"] for item in listed] == [SAMPLE_TEMPLATE_ID]
    assert list(template["variables"]) == ["name"]
    assert (await http.get("/v3/templates/nope")).status_code == 404
    missing = await http.post("/v3/templates/nope", json={"variables": {}})
    assert (missing.status_code, missing.json()["error"]["param"]) == (404, "template_id")
    assert fake.counters.videos_created == 0


async def test_a_proofread_generates_a_translation_once_completed(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    body = {"video": VIDEO, "output_languages": ["es"], "title": "P"}
    proofread_id = (await data(await http.post("/v3/video-translations/proofreads", json=body)))[
        "proofread_ids"
    ][0]
    generate = f"/v3/video-translations/proofreads/{proofread_id}/generate"
    early = await http.post(generate, json={})
    assert early.status_code == 400

    clock.advance(RENDER + 1)
    made = await data(await http.post(generate, json={}))
    translation = await data(
        await http.get(f"/v3/video-translations/{made['video_translation_id']}")
    )
    assert (translation["status"], translation["output_language"]) == ("pending", "es")


async def test_ai_clips_and_removal_layers_appear_once_completed(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    settings = {"duration_types": ["30", "60"], "aspect_ratio": "square"}
    clip = await data(
        await http.post("/v3/ai-clipping", json={"video": VIDEO, "output_settings": settings})
    )
    removal = await data(
        await http.post(
            "/v3/background-removals", json={"video": VIDEO, "layers": ["foreground", "mask"]}
        )
    )
    assert (clip["clips"], removal["layers"]) == ([], {})

    clock.advance(RENDER + 1)
    clips = (await data(await http.get(f"/v3/ai-clipping/{clip['id']}")))["clips"]
    layers = (await data(await http.get(f"/v3/background-removals/{removal['id']}")))["layers"]
    assert [(c["status"], c["duration_seconds"], c["aspect_ratio"]) for c in clips] == [
        ("completed", 30.0, "square"),
        ("completed", 60.0, "square"),
    ]
    assert (await http.get(clips[0]["video_url"])).status_code == 200
    assert sorted(layers) == ["foreground", "mask"]


async def test_a_voice_clone_is_a_billed_job(http: httpx.AsyncClient, fake: FakeHeyGen) -> None:
    made = await data(
        await http.post("/v3/voices/clone", json={"audio": VIDEO, "voice_name": "Me"})
    )

    assert fake.job(made["voice_clone_id"]).kind == "voice_clone"
    assert fake.job(made["voice_clone_id"]).fields["name"] == "Me"
    assert fake.counters.jobs_created["voice_clone"] == 1


# --- updates, deletes, paging, statuses, batches ------------------------------------


async def test_an_update_shows_in_the_reads_and_a_delete_hides_the_job(
    http: httpx.AsyncClient,
) -> None:
    lipsync_id = await lipsync(http, title="old")
    patched = await data(await http.patch(f"/v3/lipsyncs/{lipsync_id}", json={"title": "new"}))
    assert patched["title"] == "new"
    assert (await data(await http.get(f"/v3/lipsyncs/{lipsync_id}")))["title"] == "new"

    await data(await http.delete(f"/v3/lipsyncs/{lipsync_id}"))

    assert (await http.get(f"/v3/lipsyncs/{lipsync_id}")).status_code == 404
    assert (await http.get("/v3/lipsyncs")).json()["data"] == []


async def test_listings_page_newest_first_with_a_next_token(http: httpx.AsyncClient) -> None:
    ids = [await lipsync(http, title=f"n{i}") for i in range(3)]

    first = await http.get("/v3/lipsyncs", params={"limit": 2})
    page = first.json()
    assert [item["id"] for item in page["data"]] == [ids[2], ids[1]]
    assert page["has_more"] is True
    second = (
        await http.get("/v3/lipsyncs", params={"limit": 2, "token": page["next_token"]})
    ).json()
    assert [item["id"] for item in second["data"]] == [ids[0]]
    assert (second["has_more"], second["next_token"]) == (False, None)


async def test_a_translation_batch_reads_like_a_video_batch(
    http: httpx.AsyncClient, clock: ManualClock
) -> None:
    items = [
        {"video": VIDEO, "output_languages": ["fr"]},
        {"video": VIDEO, "output_languages": ["de"], "title": "[fail]"},
    ]
    made = await data(
        await http.post("/v3/video-translations/batches", json={"video_translations": items}), 202
    )
    batch_id = made["batch_id"]
    assert (made["status"], made["total_items"]) == ("processing", 2)

    clock.advance(RENDER + 1)
    batch = await data(await http.get(f"/v3/video-translations/batches/{batch_id}"))
    assert batch["status"] == "completed"
    assert [item["status"] for item in batch["items"]] == ["completed", "failed"]
    statuses = await http.get("/v3/video-translations/statuses", params={"batch_ids": batch_id})
    assert [item["status"] for item in statuses.json()["data"]] == ["completed", "failed"]


async def test_bulk_statuses_name_unknown_ids_not_found(http: httpx.AsyncClient) -> None:
    known = await lipsync(http)

    answer = await http.get("/v3/lipsyncs/statuses", params={"lipsync_ids": f"{known},nope"})

    assert [(i["video_id"], i["status"]) for i in answer.json()["data"]] == [
        (known, "queued"),
        ("nope", "not_found"),
    ]


# --- idempotency and the job limit ------------------------------------------------------

BILLED_CREATES = [
    ("/v3/video-translations", {"video": VIDEO, "output_languages": ["fr"]}),
    ("/v3/lipsyncs", {"video": VIDEO, "audio": VIDEO}),
    ("/v3/ai-clipping", {"video": VIDEO}),
    (
        "/v3/video-translations/proofreads",
        {"video": VIDEO, "output_languages": ["fr"], "title": "p"},
    ),
    ("/v3/voices/clone", {"audio": VIDEO, "voice_name": "Me"}),
    ("/v3/video-agents", {"prompt": "p"}),
    (f"/v3/templates/{SAMPLE_TEMPLATE_ID}", {"variables": {}}),
    ("/v3/lipsyncs/batches", {"lipsyncs": [{"video": VIDEO, "audio": VIDEO}]}),
    (
        "/v3/video-translations/batches",
        {"video_translations": [{"video": VIDEO, "output_languages": ["fr"]}]},
    ),
]


def billed(fake: FakeHeyGen) -> int:
    return sum(fake.counters.jobs_created.values()) + fake.counters.videos_created


@pytest.mark.parametrize(("path", "body"), BILLED_CREATES, ids=[p for p, _ in BILLED_CREATES])
async def test_a_repeated_idempotency_key_replays_the_create(
    http: httpx.AsyncClient, fake: FakeHeyGen, path: str, body: dict[str, Any]
) -> None:
    headers = {"Idempotency-Key": "order-7"}
    first = await http.post(path, json=body, headers=headers)
    again = await http.post(path, json=body, headers=headers)
    other = await http.post(path, json=body, headers={"Idempotency-Key": "order-8"})

    assert first.status_code < 300, first.text
    assert again.json() == first.json()
    assert other.json() != first.json()
    assert billed(fake) == 2
    assert sum(fake.counters.idempotent_replays.values()) == 1


async def test_background_removals_deduplicate_on_the_request_id(
    http: httpx.AsyncClient, fake: FakeHeyGen
) -> None:
    body = {"video": VIDEO, "request_id": "r-1"}
    first = await data(await http.post("/v3/background-removals", json=body))
    again = await data(await http.post("/v3/background-removals", json=body))

    assert again["id"] == first["id"]
    assert fake.counters.jobs_created["background_removal"] == 1


async def test_translations_share_the_concurrent_job_limit_with_videos(
    clock: ManualClock, connect_v3: Any
) -> None:
    fake = FakeHeyGen(clock=clock, seed=1, render_seconds=RENDER, max_concurrent_renders=1)
    async with connect_v3(fake) as v3:
        http = v3.http
        await translate(http, "fr")
        refused = await http.post("/v3/videos", json=v3.body())
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        again = await http.post(
            "/v3/video-translations", json={"video": VIDEO, "output_languages": ["de"]}
        )
        assert again.status_code == 429
        session = await http.post("/v3/video-agents", json={"prompt": "p"})
        assert session.status_code == 429
        # Lipsyncs are not among the limited kinds.
        assert (
            await http.post("/v3/lipsyncs", json={"video": VIDEO, "audio": VIDEO})
        ).status_code == 200
        clock.advance(RENDER + 1)
        assert (await http.post("/v3/videos", json=v3.body())).status_code == 200


async def test_an_uploaded_asset_reads_back_and_a_delete_unlists_it(
    http: httpx.AsyncClient,
) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    uploaded = await data(
        await http.post("/v3/assets", files={"file": ("logo.png", png, "image/png")})
    )
    asset_id = uploaded["asset_id"]

    read = await data(await http.get(f"/v3/assets/{asset_id}"))
    assert (read["id"], read["url"]) == (asset_id, uploaded["url"])
    await data(await http.delete(f"/v3/assets/{asset_id}"))

    assert (await http.get(f"/v3/assets/{asset_id}")).status_code == 404
    listed = await http.get("/v3/assets", params={"username": "fake-user", "limit": 100})
    assert asset_id not in [item["id"] for item in listed.json()["data"]]


async def test_faults_reach_the_new_endpoints_by_name(
    http: httpx.AsyncClient, fake: FakeHeyGen
) -> None:
    from heygen_async.testing import Fault

    fake.faults.force("lipsyncs", Fault.server_error(503), times=1)
    fake.faults.force("video_agents", Fault.rate_limit(2), times=1)

    failed = await http.post("/v3/lipsyncs", json={"video": VIDEO, "audio": VIDEO})
    limited = await http.get("/v3/video-agents")

    assert (failed.status_code, limited.status_code) == (503, 429)
    assert limited.headers["retry-after"] == "2"
    assert fake.counters.jobs_created["lipsync"] == 0
    assert fake.counters.requests["lipsyncs"] == 1
