"""v3 videos over plain httpx: create (four types, validation), get, list, bulk statuses,
batches."""

from __future__ import annotations

from typing import Any

import httpx
import jsonschema
import pytest

from heygen_async.testing import (
    SAMPLE_AUDIO_ASSET_ID,
    SAMPLE_AVATAR_ID,
    SAMPLE_IMAGE_ASSET_ID,
    SAMPLE_TALKING_PHOTO_ID,
    SAMPLE_VIDEO_ASSET_ID,
    SAMPLE_VOICE_ID,
    FakeHeyGen,
    ManualClock,
    wire_shapes,
)

RENDER = 100.0
EPOCH = 1_700_000_000
IMAGE = {"type": "asset_id", "asset_id": SAMPLE_IMAGE_ASSET_ID}


def image_body(**fields: Any) -> dict[str, Any]:
    return {
        "type": "image",
        "image": IMAGE,
        "script": "A photo speaks.",
        "voice_id": SAMPLE_VOICE_ID,
        **fields,
    }


def studio_body(*scenes: dict[str, Any], **fields: Any) -> dict[str, Any]:
    avatar_scene = {
        "type": "avatar_video",
        "input": {
            "type": "avatar",
            "avatar_id": SAMPLE_AVATAR_ID,
            "script": "Scene one.",
            "voice_id": SAMPLE_VOICE_ID,
            "background": {"type": "color", "color": "#1a2b3c"},
        },
    }
    return {"type": "studio", "scenes": list(scenes) or [avatar_scene], **fields}


async def test_create_answers_in_the_v3_envelope_and_bills_one_video(
    v3: Any, fake: FakeHeyGen
) -> None:
    response = await v3.post(v3.body(title="Welcome", callback_id="cb-1"))

    assert response.status_code == 200
    payload = response.json()
    assert set(payload) == {"data"}
    assert payload["data"]["status"] == "waiting"
    assert payload["data"]["output_format"] == "mp4"
    video = fake.video(payload["data"]["video_id"])
    assert (video.api_version, video.kind, video.title) == ("v3", "avatar", "Welcome")
    assert fake.counters.videos_created == 1
    assert fake.counters.generations_by_callback_id == {"cb-1": 1}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(image_body(), id="image from an asset id"),
        pytest.param(
            {**image_body(), "image": {"type": "url", "url": "https://x/p.png"}}, id="image url"
        ),
        pytest.param(
            {
                **image_body(),
                "image": {"type": "base64", "media_type": "image/png", "data": "iVBO"},
            },
            id="image base64",
        ),
        pytest.param(studio_body(), id="studio avatar scene"),
        pytest.param(
            studio_body(
                {"type": "image", "source": IMAGE, "duration": 3},
                {
                    "type": "video",
                    "source": {"type": "asset_id", "asset_id": SAMPLE_VIDEO_ASSET_ID},
                },
                {
                    "type": "avatar_video",
                    "input": {"type": "image", "image": IMAGE, "audio_url": "https://x/a.mp3"},
                },
            ),
            id="studio mixed scenes",
        ),
    ],
)
async def test_image_and_studio_types_are_accepted(
    v3: Any, fake: FakeHeyGen, body: dict[str, Any]
) -> None:
    video_id = await v3.create(body)

    assert fake.video(video_id).kind == body["type"]


def avatar_on(background: dict[str, Any]) -> dict[str, Any]:
    """A studio scene of the sample avatar in front of ``background``."""
    scene = studio_body()["scenes"][0]
    return {**scene, "input": {**scene["input"], "background": background}}


def cinematic_body(**fields: Any) -> dict[str, Any]:
    return {
        "type": "cinematic_avatar",
        "prompt": "She walks through a rainy street and smiles at the camera.",
        "avatar_id": [SAMPLE_AVATAR_ID],
        **fields,
    }


@pytest.mark.parametrize(
    "body",
    [
        # CLI 0.10.0: studio scenes take image and video backgrounds by URL or asset id.
        pytest.param(
            studio_body(avatar_on({"type": "image", "url": "https://x/bg.png"})), id="image url"
        ),
        pytest.param(
            studio_body(avatar_on({"type": "image", "asset_id": SAMPLE_IMAGE_ASSET_ID})),
            id="image asset",
        ),
        pytest.param(
            studio_body(avatar_on({"type": "video", "url": "https://x/bg.mp4"})), id="video url"
        ),
        pytest.param(
            studio_body(avatar_on({"type": "video", "asset_id": SAMPLE_VIDEO_ASSET_ID})),
            id="video asset",
        ),
        pytest.param(cinematic_body(), id="cinematic minimal"),
        pytest.param(
            cinematic_body(
                avatar_id=[SAMPLE_AVATAR_ID, SAMPLE_TALKING_PHOTO_ID],
                references=[
                    IMAGE,
                    {"type": "asset_id", "asset_id": SAMPLE_VIDEO_ASSET_ID},
                    {"type": "asset_id", "asset_id": SAMPLE_AUDIO_ASSET_ID},
                    {"type": "url", "url": "https://x/mood.jpg"},
                ],
                duration=15,
                enhance_prompt=True,
                aspect_ratio="9:16",
                resolution="1080p",
                title="Rain",
            ),
            id="cinematic every field",
        ),
        pytest.param(cinematic_body(auto_duration=True), id="cinematic auto duration"),
    ],
)
async def test_studio_backgrounds_and_cinematic_avatar_are_accepted(
    v3: Any, fake: FakeHeyGen, body: dict[str, Any]
) -> None:
    video_id = await v3.create(body)

    assert fake.video(video_id).kind == body["type"]


async def test_a_cinematic_video_lasts_its_duration(v3: Any, fake: FakeHeyGen) -> None:
    default = await v3.create(cinematic_body())
    chosen = await v3.create(cinematic_body(duration=6))

    assert (fake.video(default).duration, fake.video(chosen).duration) == (10.0, 6.0)


def rejected(name: str, body: dict[str, Any], status: int, code: str, param: str) -> Any:
    return pytest.param(body, status, code, param, id=name)


BASE: dict[str, Any] = {
    "type": "avatar",
    "avatar_id": SAMPLE_AVATAR_ID,
    "script": "Hi",
    "voice_id": SAMPLE_VOICE_ID,
}
REJECTED = [
    rejected(
        "no type", {k: v for k, v in BASE.items() if k != "type"}, 400, "invalid_parameter", "type"
    ),
    rejected("unknown type", {**BASE, "type": "hologram"}, 400, "invalid_parameter", "type"),
    rejected("no avatar_id", {**BASE, "avatar_id": None}, 400, "invalid_parameter", "avatar_id"),
    rejected(
        "unknown avatar", {**BASE, "avatar_id": "nobody"}, 404, "avatar_not_found", "avatar_id"
    ),
    rejected("unknown voice", {**BASE, "voice_id": "nobody"}, 404, "voice_not_found", "voice_id"),
    rejected("no voice", {**BASE, "voice_id": None}, 400, "invalid_parameter", "voice_id"),
    rejected("no audio", {**BASE, "script": None}, 400, "invalid_parameter", "script"),
    rejected(
        "script and audio_url",
        {**BASE, "audio_url": "https://x/a.mp3"},
        400,
        "invalid_parameter",
        "audio_url",
    ),
    rejected(
        "audio_url and audio_asset_id",
        {**BASE, "script": None, "audio_url": "https://x/a.mp3", "audio_asset_id": "a"},
        400,
        "invalid_parameter",
        "audio_asset_id",
    ),
    rejected("script too long", {**BASE, "script": "x" * 5001}, 400, "invalid_parameter", "script"),
    rejected(
        "bad aspect ratio",
        {**BASE, "aspect_ratio": "2:1"},
        400,
        "invalid_parameter",
        "aspect_ratio",
    ),
    rejected(
        "bad resolution", {**BASE, "resolution": "8k"}, 400, "invalid_parameter", "resolution"
    ),
    rejected(
        "speed 2",
        {**BASE, "voice_settings": {"speed": 2}},
        400,
        "invalid_parameter",
        "voice_settings.speed",
    ),
    rejected(
        "video background",
        {**BASE, "background": {"type": "video", "url": "https://x/v.mp4"}},
        400,
        "invalid_parameter",
        "background.type",
    ),
    rejected(
        "webm with a background",
        {**BASE, "output_format": "webm", "background": {"type": "color", "value": "#ffffff"}},
        400,
        "invalid_parameter",
        "background",
    ),
    rejected(
        "bad caption style",
        {**BASE, "caption": {"style": "fancy"}},
        400,
        "invalid_parameter",
        "caption.style",
    ),
    rejected(
        "unknown audio asset",
        {**BASE, "script": None, "audio_asset_id": "missing"},
        404,
        "not_found",
        "audio_asset_id",
    ),
    rejected(
        "an image as audio",
        {**BASE, "script": None, "audio_asset_id": SAMPLE_IMAGE_ASSET_ID},
        400,
        "invalid_parameter",
        "audio_asset_id",
    ),
    rejected(
        "image without image", {**image_body(), "image": None}, 400, "invalid_parameter", "image"
    ),
    rejected(
        "image without voice",
        {**image_body(), "voice_id": None},
        400,
        "invalid_parameter",
        "voice_id",
    ),
    rejected(
        "image with an audio asset as image",
        {**image_body(), "image": {"type": "asset_id", "asset_id": SAMPLE_AUDIO_ASSET_ID}},
        400,
        "invalid_parameter",
        "image.asset_id",
    ),
    rejected("studio without scenes", {"type": "studio"}, 400, "invalid_parameter", "scenes"),
    rejected(
        "studio background url and asset id",
        studio_body(
            avatar_on({"type": "image", "url": "https://x/b.png", "asset_id": "a"}),
        ),
        400,
        "invalid_parameter",
        "scenes[0].input.background.url",
    ),
    rejected(
        "studio video background of an image asset",
        studio_body(avatar_on({"type": "video", "asset_id": SAMPLE_IMAGE_ASSET_ID})),
        400,
        "invalid_parameter",
        "scenes[0].input.background.asset_id",
    ),
    rejected(
        "studio blur background",
        studio_body(avatar_on({"type": "blur"})),
        400,
        "invalid_parameter",
        "scenes[0].input.background.type",
    ),
    rejected(
        "cinematic without prompt",
        {k: v for k, v in cinematic_body().items() if k != "prompt"},
        400,
        "invalid_parameter",
        "prompt",
    ),
    rejected(
        "cinematic avatar_id not a list",
        cinematic_body(avatar_id=SAMPLE_AVATAR_ID),
        400,
        "invalid_parameter",
        "avatar_id",
    ),
    rejected(
        "cinematic four avatars",
        cinematic_body(avatar_id=[SAMPLE_AVATAR_ID] * 4),
        400,
        "invalid_parameter",
        "avatar_id",
    ),
    rejected(
        "cinematic unknown look",
        cinematic_body(avatar_id=[SAMPLE_AVATAR_ID, "nobody"]),
        404,
        "avatar_not_found",
        "avatar_id[1]",
    ),
    rejected(
        "cinematic 3 seconds", cinematic_body(duration=3), 400, "invalid_parameter", "duration"
    ),
    rejected(
        "cinematic duration beside auto_duration",
        cinematic_body(duration=8, auto_duration=True),
        400,
        "invalid_parameter",
        "duration",
    ),
    rejected(
        "cinematic 4k", cinematic_body(resolution="4k"), 400, "invalid_parameter", "resolution"
    ),
    rejected(
        "cinematic 4:5",
        cinematic_body(aspect_ratio="4:5"),
        400,
        "invalid_parameter",
        "aspect_ratio",
    ),
    rejected(
        "cinematic four video references",
        cinematic_body(references=[{"type": "asset_id", "asset_id": SAMPLE_VIDEO_ASSET_ID}] * 4),
        400,
        "invalid_parameter",
        "references",
    ),
    rejected(
        "cinematic unknown reference",
        cinematic_body(references=[{"type": "asset_id", "asset_id": "missing"}]),
        404,
        "not_found",
        "references[0].asset_id",
    ),
    rejected(
        "studio scene with two audio sources",
        studio_body(
            {
                "type": "avatar_video",
                "input": {
                    "type": "avatar",
                    "avatar_id": SAMPLE_AVATAR_ID,
                    "audio_url": "https://x/a.mp3",
                    "audio_asset_id": SAMPLE_AUDIO_ASSET_ID,
                },
            }
        ),
        400,
        "invalid_parameter",
        "scenes[0].input.audio_asset_id",
    ),
    rejected(
        "studio image scene too long",
        studio_body({"type": "image", "source": IMAGE, "duration": 301}),
        400,
        "invalid_parameter",
        "scenes[0].duration",
    ),
    rejected(
        "studio unknown avatar",
        studio_body(
            {"type": "avatar_video", "input": {"type": "avatar", "avatar_id": "x", "script": "s"}}
        ),
        404,
        "avatar_not_found",
        "scenes[0].input.avatar_id",
    ),
]


@pytest.mark.parametrize(("body", "status", "code", "param"), REJECTED)
async def test_create_rejects_invalid_bodies_naming_the_field(
    v3: Any, fake: FakeHeyGen, body: dict[str, Any], status: int, code: str, param: str
) -> None:
    response = await v3.http.post("/v3/videos", json=body)

    error = v3.error(response, status, code)
    assert error["param"] == param
    assert fake.counters.videos_created == 0
    assert fake.counters.generation_requests == 1


async def test_a_body_that_is_not_json_is_a_400(v3: Any) -> None:
    response = await v3.http.post(
        "/v3/videos", content=b"{nope", headers={"Content-Type": "application/json"}
    )

    assert v3.error(response, 400, "invalid_parameter")["param"] == "body"


async def test_a_talking_photo_is_a_usable_look(v3: Any) -> None:
    await v3.create(v3.body(avatar_id=SAMPLE_TALKING_PHOTO_ID))


async def test_get_video_follows_the_render_with_signed_urls(
    v3: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    video_id = await v3.create(v3.body(caption={"file_format": "srt"}))

    first = await v3.video(video_id)
    assert first["status"] == "pending"
    assert first["video_url"] is None and first["completed_at"] is None
    assert first["created_at"] == EPOCH

    clock.advance(RENDER)
    done = await v3.video(video_id)
    assert done["status"] == "completed"
    assert done["completed_at"] == EPOCH + int(RENDER)
    assert ".mp4?Expires=" in done["video_url"]
    assert ".srt?Expires=" in done["subtitle_url"]
    assert done["captioned_video_url"] is None  # sidecar only: no style asked for
    assert done["video_page_url"].endswith(video_id)
    assert fake.counters.status_calls[video_id] == 2
    media = await v3.http.get(done["video_url"])
    assert media.status_code == 200 and media.content[4:8] == b"ftyp"


async def test_burned_in_captions_give_a_captioned_video(v3: Any, clock: ManualClock) -> None:
    video_id = await v3.create(v3.body(caption={"style": "default"}))
    clock.advance(RENDER)

    done = await v3.video(video_id)

    assert "_caption.mp4?" in done["captioned_video_url"]
    assert (await v3.http.get(done["subtitle_url"])).status_code == 200


async def test_a_failed_render_carries_failure_code_and_message(
    v3: Any, clock: ManualClock
) -> None:
    video_id = await v3.create(v3.body(title="[fail:moderation]"))
    clock.advance(RENDER)

    failed = await v3.video(video_id)

    assert failed["status"] == "failed"
    assert failed["failure_code"] == "400168"
    assert failed["failure_message"] == "Inappropriate content detected."
    assert failed["video_url"] is None


async def test_an_unknown_video_is_a_v3_404(v3: Any) -> None:
    response = await v3.http.get("/v3/videos/nope")

    assert v3.error(response, 404, "not_found")["param"] == "video_id"


async def test_one_account_serves_both_api_versions(v3: Any, api: Any, clock: ManualClock) -> None:
    from_v2 = await api.submit()
    from_v3 = await v3.create()

    assert (await v3.video(from_v2))["status"] == "pending"
    assert (await api.status(from_v3))["status"] == "pending"
    clock.advance(RENDER)
    assert (await v3.video(from_v2))["status"] == "completed"
    assert (await api.status(from_v3))["video_url"]


async def test_list_videos_pages_newest_first_with_a_cursor(v3: Any, fake: FakeHeyGen) -> None:
    ids = [await v3.create(v3.body(title=f"video {i}")) for i in range(5)]

    seen: list[str] = []
    token: str | None = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2, **({"token": token} if token else {})}
        payload = (await v3.http.get("/v3/videos", params=params)).json()
        assert set(payload) == {"data", "has_more", "next_token"}
        seen += [item["id"] for item in payload["data"]]
        pages += 1
        if not payload["has_more"]:
            assert payload["next_token"] is None
            break
        token = payload["next_token"]
        await v3.create()  # created while paging: never shifts the next pages

    assert pages == 3
    assert seen == ids[::-1]


async def test_list_videos_default_limit_and_title_filter(v3: Any, clock: ManualClock) -> None:
    for i in range(12):
        await v3.create(v3.body(title="Quarterly report" if i == 3 else f"video {i}"))
        clock.advance(RENDER)  # stay under the concurrent-job limit

    default = (await v3.http.get("/v3/videos")).json()
    assert len(default["data"]) == 10 and default["has_more"] is True
    found = (await v3.http.get("/v3/videos", params={"title": "quarterly"})).json()
    assert [item["title"] for item in found["data"]] == ["Quarterly report"]


@pytest.mark.parametrize("query", [{"limit": 0}, {"limit": 101}, {"limit": "x"}, {"token": "??"}])
async def test_list_videos_rejects_bad_paging(v3: Any, query: dict[str, Any]) -> None:
    response = await v3.http.get("/v3/videos", params=query)

    assert v3.error(response, 400, "invalid_parameter")["param"] in ("limit", "token")


async def test_bulk_statuses_answer_per_id_and_are_counted_apart(
    v3: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    good = await v3.create()
    bad = await v3.create(v3.body(title="[fail]"))
    clock.advance(RENDER)
    queued = await v3.create()

    response = await v3.http.get(
        "/v3/videos/statuses", params={"video_ids": f"{good},{bad},{queued},unknown"}
    )

    assert response.status_code == 200
    payload = response.json()
    assert (payload["has_more"], payload["next_token"]) == (False, None)
    by_id = {item["video_id"]: item for item in payload["data"]}
    assert [item["video_id"] for item in payload["data"]] == [good, bad, queued, "unknown"]
    assert by_id[good]["status"] == "completed" and by_id[good]["error"] is None
    assert by_id[bad]["status"] == "failed"
    assert by_id[bad]["error"] == {"code": "40119", "message": "Video is too long (> 3600.0s)."}
    assert by_id[queued]["status"] == "queued"
    assert by_id["unknown"]["status"] == "not_found"
    counters = fake.counters
    assert counters.statuses_calls == 1
    assert counters.statuses_ids_per_call == [4]
    assert counters.statuses_by_video[good] == 1
    assert counters.status_calls == {}  # no single-video reads
    await v3.video(good)
    assert counters.status_reads(good) == 2


@pytest.mark.parametrize(
    "query",
    [{}, {"video_ids": ""}, {"video_ids": ",".join(f"v{i}" for i in range(101))}],
    ids=["missing", "empty", "101 ids"],
)
async def test_bulk_statuses_need_1_to_100_ids(
    v3: Any, fake: FakeHeyGen, query: dict[str, str]
) -> None:
    response = await v3.http.get("/v3/videos/statuses", params=query)

    assert v3.error(response, 400, "invalid_parameter")["param"] == "video_ids"
    assert fake.counters.statuses_calls == 0


async def test_bulk_statuses_take_exactly_100_ids(v3: Any, fake: FakeHeyGen) -> None:
    ids = ",".join(f"v{i}" for i in range(100))

    response = await v3.http.get("/v3/videos/statuses", params={"video_ids": ids})

    assert response.status_code == 200
    assert len(response.json()["data"]) == 100
    assert fake.counters.statuses_ids_per_call == [100]


async def test_a_v3_401_uses_the_v3_envelope(fake: FakeHeyGen) -> None:
    restricted = FakeHeyGen(api_keys={"right"})
    async with httpx.AsyncClient(
        transport=restricted.transport(), base_url="https://api.heygen.com"
    ) as http:
        missing = await http.get("/v3/users/me")
        wrong = await http.post("/v3/videos", json={}, headers={"X-Api-Key": "wrong"})
        right = await http.get("/v3/users/me", headers={"x-api-key": "right"})

    for response in (missing, wrong):
        assert response.status_code == 401
        assert response.json() == {
            "error": {
                "code": "unauthorized",
                "message": "Unauthorized",
                "doc_url": "https://developers.heygen.com/docs/error-codes#unauthorized",
            }
        }
    assert right.status_code == 200
    assert restricted.counters.videos_created == 0


async def test_an_unknown_v3_path_is_a_json_404(v3: Any, fake: FakeHeyGen) -> None:
    response = await v3.http.get("/v3/nothing/here")

    v3.error(response, 404, "not_found")
    assert fake.counters.requests["other"] == 1


async def test_a_create_the_balance_cannot_pay_for_is_a_402(v3: Any, fake: FakeHeyGen) -> None:
    response = await v3.post(v3.body(title="Launch [refuse:credit]"), key="broke")

    v3.error(response, 402, "insufficient_credit")
    assert fake.counters.videos_created == 0
    assert fake.counters.generation_requests == 1
    assert await v3.create(key="broke")  # the key was not kept


# -- batches and batch_ids ----------------------------------------------------------


async def create_batch(v3: Any, *videos: dict[str, Any], **fields: Any) -> str:
    response = await v3.http.post("/v3/videos/batches", json={"videos": list(videos), **fields})
    assert response.status_code == 202, response.text
    return str(response.json()["data"]["batch_id"])


def checked(response: httpx.Response, method: str, path: str) -> dict[str, Any]:
    """The answer's body, valid against HeyGen's response schema for the operation."""
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    schema = wire_shapes.operation(method, path).response_schema
    jsonschema.validate(body, schema)
    return body


async def test_bulk_statuses_expand_batch_ids_after_the_video_ids(
    v3: Any, clock: ManualClock
) -> None:
    single = await v3.create()
    batch_id = await create_batch(v3, v3.body("First."), v3.body("Second.", voice_id="nope"))
    clock.advance(RENDER + 1)

    response = await v3.http.get(
        "/v3/videos/statuses",
        params={"video_ids": single, "batch_ids": f"{batch_id},batch_unknown"},
    )

    items = checked(response, "GET", "/v3/videos/statuses")["data"]
    assert [(i["batch_id"], i["item_index"], i["status"]) for i in items] == [
        (None, None, "completed"),
        (batch_id, 0, "completed"),
        (batch_id, 1, "failed"),
        ("batch_unknown", None, "not_found"),
    ]
    assert items[0]["video_id"] == single and items[1]["video_id"]
    assert items[2]["video_id"] is None and items[2]["error"]["code"] == "voice_not_found"
    assert items[3]["video_id"] is None


async def test_batch_ids_alone_are_enough_and_count_within_the_100(
    v3: Any, fake: FakeHeyGen
) -> None:
    batch_id = await create_batch(v3, v3.body())
    alone = await v3.http.get("/v3/videos/statuses", params={"batch_ids": batch_id})
    too_many = await v3.http.get(
        "/v3/videos/statuses",
        params={"video_ids": ",".join(f"v{i}" for i in range(99)), "batch_ids": "b1,b2"},
    )

    assert [i["status"] for i in checked(alone, "GET", "/v3/videos/statuses")["data"]] == ["queued"]
    assert v3.error(too_many, 400, "invalid_parameter")["param"] == "batch_ids"
    assert fake.counters.statuses_ids_per_call == [1]


async def test_a_batch_is_read_back_with_its_items_and_counts(
    v3: Any, fake: FakeHeyGen, clock: ManualClock
) -> None:
    batch_id = await create_batch(v3, v3.body(), v3.body(avatar_id="nope"), title="Two")
    path = f"/v3/videos/batches/{batch_id}"
    early = checked(await v3.http.get(path), "GET", "/v3/videos/batches/{batch_id}")["data"]
    clock.advance(RENDER + 1)
    done = checked(await v3.http.get(path), "GET", "/v3/videos/batches/{batch_id}")["data"]
    missing = await v3.http.get("/v3/videos/batches/batch_unknown")

    assert early["status"] == "processing" and early["title"] == "Two"
    assert early["counts_by_status"] == {"failed": 1, "queued": 1}
    assert done["status"] == "completed" and done["total_items"] == 2
    assert done["counts_by_status"] == {"completed": 1, "failed": 1}
    assert done["items"][1]["error"]["param"] == "avatar_id"
    assert fake.counters.videos_created == 1
    assert v3.error(missing, 404, "not_found")["param"] == "batch_id"


@pytest.mark.parametrize("videos", [[], "x", [1]], ids=["empty", "not a list", "not an object"])
async def test_a_batch_needs_1_to_100_video_bodies(v3: Any, fake: FakeHeyGen, videos: Any) -> None:
    response = await v3.http.post("/v3/videos/batches", json={"videos": videos})

    assert v3.error(response, 400, "invalid_parameter")["param"].startswith("videos")
    assert fake.counters.videos_created == 0


async def test_a_batch_of_only_invalid_videos_is_failed_from_the_start(v3: Any) -> None:
    response = await v3.http.post("/v3/videos/batches", json={"videos": [v3.body(voice_id="nope")]})

    assert response.status_code == 202, response.text
    assert response.json()["data"]["status"] == "failed"
    assert response.json()["data"]["total_items"] == 1
