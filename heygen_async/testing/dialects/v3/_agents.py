"""v3 video agent sessions and template generation: both end in an ordinary video.

A video agent session (``POST /v3/video-agents``) makes one video at once; the
session follows it: ``thinking`` while the video waits, ``generating`` while
it renders, then ``completed`` or ``failed`` as the video ends. Its ``video_id``
is given from the create on, as HeyGen's spec says ("for polling via GET
/v3/videos/{video_id}"): an ordinary video whose URLs download once completed. A
template generation (``POST /v3/templates/{template_id}``) answers the new
video's object. Both count toward the concurrent-job limit (they are renders)
and fail on demand with ``[fail]`` in their prompt, title or any other text.
Templates are the catalogue's (``fake.catalogue.templates``, ``SAMPLE_TEMPLATE_ID``);
another id is 404 ``not_found``, as HeyGen answers it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ... import _defaults as defaults
from ...account import Account, FakeVideo, VideoKind, VideoOrder
from ...server import Request, Response
from ...wire_shapes import Operation
from ._jobs import JobRoutes, texts_of
from ._listing import in_order, newest_first, next_token, page_limit, token_position
from ._schema import answer, data_schema, item_schema
from ._wire import NOT_FOUND, listing, not_found, success

_SESSION_STATUS = {
    "waiting": "thinking",
    "pending": "thinking",
    "processing": "generating",
    "completed": "completed",
    "failed": "failed",
}


@dataclass
class Session:
    """One video agent session and the video it makes."""

    session_id: str
    video_id: str
    prompt: str
    created_at: float
    messages: list[dict[str, Any]] = field(default_factory=list)
    stopped: bool = False


class AgentRoutes:
    """``/v3/video-agents...`` and ``POST /v3/templates/{template_id}``."""

    def __init__(
        self,
        account: Account,
        jobs: JobRoutes,
        video_object: Callable[[FakeVideo, str], dict[str, Any]],
        refuse_over_limit: Callable[[], None],
    ) -> None:
        self._account = account
        self._jobs = jobs
        self._video_object = video_object
        self._refuse_over_limit = refuse_over_limit
        self._sessions: dict[str, Session] = {}
        self._ordered: list[Session] = []
        self._runs = itertools.count(1)

    def _render(self, kind: VideoKind, body: dict[str, Any], title: str | None) -> FakeVideo:
        self._refuse_over_limit()
        order = VideoOrder(
            kind=kind,
            title=title,
            callback_id=body.get("callback_id"),
            duration=30.0,
            caption=bool(body.get("caption", False)),
            api_version="v3",
            texts=list(texts_of(body)),
        )
        return self._account.create_video(order, body)

    # --- templates ------------------------------------------------------------

    def _template(self, request: Request) -> dict[str, Any]:
        template_id = request.path_params["template_id"]
        template = self._account.catalogue.template(template_id)
        if template is None:
            raise not_found(NOT_FOUND, f"Template {template_id} not found", "template_id")
        return template

    async def list_templates(self, request: Request) -> Response:
        operation = self._jobs.op("GET", "/v3/templates")
        schema = item_schema(operation.response_schema)
        limit = page_limit(request, defaults.V3_VIDEOS_LIMITS)
        start = token_position(request, "v3-templates")
        templates = self._account.catalogue.templates
        page, position = in_order(templates, lambda template: True, start, limit)
        filler = self._jobs.filler(request, "templates")
        items = [answer(schema, template, filler) for template in page]
        return listing(items, next_token("v3-templates", position))

    async def get_template(self, request: Request) -> Response:
        operation = self._jobs.op("GET", "/v3/templates/{template_id}")
        template = self._template(request)
        filler = self._jobs.filler(request, str(template.get("id")))
        return success(answer(data_schema(operation.response_schema), template, filler))

    async def generate_template(self, request: Request) -> Response:
        template = self._template(request)
        body = self._jobs.body(request, self._jobs.op("POST", "/v3/templates/{template_id}"))
        video = self._render("template", body, body.get("title") or template.get("name"))
        return success(self._video_object(video, request.origin))

    # --- video agent sessions -------------------------------------------------

    def _session(self, request: Request) -> Session:
        session_id = request.path_params["session_id"]
        session = self._sessions.get(session_id)
        if session is None:
            raise not_found(NOT_FOUND, f"Session {session_id} not found", "session_id")
        return session

    def _values(self, session: Session) -> dict[str, Any]:
        account = self._account
        video = account.video(session.video_id)
        assert video is not None  # a session's video is never removed
        state = video.status_at(account.time.now())
        status = _SESSION_STATUS[state]
        if session.stopped and status not in ("completed", "failed"):
            status = "failed"
        return {
            "session_id": session.session_id,
            "status": status,
            "created_at": int(account.time.unix(session.created_at)),
            "title": session.prompt[:80],
            # HeyGen: "Video ID for polling via GET /v3/videos/{video_id}" from the
            # create on; the fake's video exists from the start.
            "video_id": session.video_id,
            "progress": 100 if status == "completed" else 0,
            "messages": session.messages,
        }

    async def create_session(self, request: Request) -> Response:
        operation = self._jobs.op("POST", "/v3/video-agents")
        body = self._jobs.body(request, operation)
        video = self._render("video_agent", body, body["prompt"][:80])
        session = Session(video.video_id, video.video_id, body["prompt"], video.submitted_at)
        session.session_id = self._jobs.filler(request, f"session:{video.video_id}").fake_id("id")
        now = int(self._account.time.unix_now())
        session.messages.append(
            {"role": "user", "content": body["prompt"], "type": "text", "created_at": now}
        )
        self._sessions[session.session_id] = session
        self._ordered.append(session)
        return success(self._answer(operation, session, request))

    def _answer(self, operation: Operation, session: Session, request: Request) -> dict[str, Any]:
        filler = self._jobs.filler(request, session.session_id)
        result: dict[str, Any] = answer(
            data_schema(operation.response_schema), self._values(session), filler
        )
        return result

    async def get_session(self, request: Request) -> Response:
        operation = self._jobs.op("GET", "/v3/video-agents/{session_id}")
        return success(self._answer(operation, self._session(request), request))

    async def list_sessions(self, request: Request) -> Response:
        operation = self._jobs.op("GET", "/v3/video-agents")
        schema = item_schema(operation.response_schema)
        limit = page_limit(request, defaults.V3_VIDEOS_LIMITS)
        before = token_position(request, "v3-video-agents")
        page, position = newest_first(self._ordered, lambda session: True, before, limit)
        items = [
            answer(schema, self._values(s), self._jobs.filler(request, s.session_id)) for s in page
        ]
        return listing(items, next_token("v3-video-agents", position))

    async def send_message(self, request: Request) -> Response:
        session = self._session(request)
        body = self._jobs.body(request, self._jobs.op("POST", "/v3/video-agents/{session_id}"))
        now = int(self._account.time.unix_now())
        session.messages.append(
            {"role": "user", "content": body["message"], "type": "text", "created_at": now}
        )
        run_id = f"run_{next(self._runs):06d}"
        return success(
            {"run_id": run_id, "session_id": session.session_id, "title": session.prompt[:80]}
        )

    async def stop(self, request: Request) -> Response:
        session = self._session(request)
        self._jobs.body(request, self._jobs.op("POST", "/v3/video-agents/{session_id}/stop"))
        session.stopped = True
        return success({"session_id": session.session_id})

    async def session_videos(self, request: Request) -> Response:
        session = self._session(request)
        video = self._account.video(session.video_id)
        assert video is not None
        return listing([self._video_object(video, request.origin)], None)
