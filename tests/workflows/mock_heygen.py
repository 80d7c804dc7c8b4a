"""A small stateful HeyGen on respx routes, for the workflow tests.

Each generated video renders for ``plan(body).seconds`` of the test's virtual
clock, then reports ``plan(body).outcome``. Every request is recorded with the
virtual time it arrived at, and faults can be injected per status call.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import respx

from heygen_async import AsyncHeyGenClient, PollPolicy
from heygen_async.testing import VirtualClock, use_clock

BASE_URL = "https://api.heygen.com"
NO_JITTER = PollPolicy(jitter=0.0)


def gaps(times: list[float], start: float) -> list[float]:
    """The intervals between ``start`` and each of ``times`` in turn."""
    points = [start, *times]
    return [round(b - a, 6) for a, b in itertools.pairwise(points)]


@dataclass
class Plan:
    seconds: float = 60.0
    outcome: str = "completed"  # or "failed"
    # Statuses reported while rendering, in order (the last one repeats).
    states: tuple[str, ...] = ("waiting", "processing")


@dataclass
class Video:
    video_id: str
    body: dict[str, Any]
    plan: Plan
    submitted_at: float
    status_calls: list[float] = field(default_factory=list)
    terminal_seen: bool = False


class MockHeyGen:
    """respx routes for generation, status and everything else (recorded, 404)."""

    def __init__(
        self,
        router: respx.MockRouter,
        clock: VirtualClock,
        plan: Callable[[dict[str, Any]], Plan] = lambda body: Plan(),
    ) -> None:
        self.clock = clock
        self.plan = plan
        self.videos: dict[str, Video] = {}
        self.posts: list[tuple[str, dict[str, Any]]] = []
        self.requests: list[tuple[float, str, str]] = []  # (time, method, path)
        self.other_calls: list[httpx.Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        # Return a response to replace a status answer: (video_id, call number) -> response.
        self.status_fault: Callable[[str, int], httpx.Response | None] | None = None
        # Return a response to replace a generation answer: body -> response.
        self.generate_fault: Callable[[dict[str, Any]], httpx.Response | None] | None = None
        router.post("/v2/video/generate").mock(side_effect=self._generate)
        router.post("/v2/video/av4/generate").mock(side_effect=self._generate)
        router.get("/v1/video_status.get").mock(side_effect=self._status)
        router.route().mock(side_effect=self._other)

    def _record(self, request: httpx.Request) -> None:
        self.requests.append((self.clock.now(), request.method, request.url.path))

    def _generate(self, request: httpx.Request) -> httpx.Response:
        self._record(request)
        payload = json.loads(request.content)
        self.posts.append((request.url.path, payload))
        if self.generate_fault is not None and (fault := self.generate_fault(payload)):
            return fault
        video_id = f"vid{len(self.videos)}"
        self.videos[video_id] = Video(video_id, payload, self.plan(payload), self.clock.now())
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        return httpx.Response(200, json={"error": None, "data": {"video_id": video_id}})

    def _status(self, request: httpx.Request) -> httpx.Response:
        self._record(request)
        video_id = request.url.params["video_id"]
        video = self.videos.get(video_id)
        if video is None:
            return httpx.Response(404, json={"code": 404, "message": "video not found"})
        video.status_calls.append(self.clock.now())
        if self.status_fault is not None and (
            fault := self.status_fault(video_id, len(video.status_calls))
        ):
            return fault
        return httpx.Response(
            200, json={"code": 100, "message": "Success", "data": self.data(video)}
        )

    def data(self, video: Video) -> dict[str, Any]:
        elapsed = self.clock.now() - video.submitted_at
        data: dict[str, Any] = {"id": video.video_id, "callback_id": video.body.get("callback_id")}
        if elapsed < video.plan.seconds:
            index = min(len(video.plan.states) - 1, int(elapsed // 30))
            return data | {"status": video.plan.states[index]}
        if not video.terminal_seen:
            video.terminal_seen = True
            self.in_flight -= 1
        if video.plan.outcome == "failed":
            error = {"code": 40119, "message": "avatar not found", "detail": "check avatar_id"}
            return data | {"status": "failed", "error": error}
        return data | {"status": "completed", "video_url": f"https://cdn/{video.video_id}.mp4"}

    def _other(self, request: httpx.Request) -> httpx.Response:
        self._record(request)
        self.other_calls.append(request)
        return httpx.Response(404, json={"code": 404, "message": "no such route"})

    def add_video(self, video_id: str, plan: Plan | None = None) -> Video:
        """A video that exists already (submitted earlier, as on a resume)."""
        video = Video(video_id, {}, plan or Plan(), self.clock.now())
        self.videos[video_id] = video
        self.in_flight += 1
        return video

    def status_times(self, video_id: str) -> list[float]:
        return self.videos[video_id].status_calls


def make_client(clock: VirtualClock, **options: Any) -> AsyncHeyGenClient:
    options.setdefault("max_retries", 0)
    client = AsyncHeyGenClient(api_key="sk-test-key", base_url=BASE_URL, **options)
    use_clock(client, clock)
    return client


def error_response(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(
        status, json={"code": status, "message": f"error {status}"}, headers=headers
    )
