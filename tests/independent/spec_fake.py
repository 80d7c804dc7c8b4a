"""An independent, deliberately stingy HeyGen v3 fake, written from the spec alone.

``heygen_async.testing`` answers with every field filled, in the shapes the SDK
expects. This one knows nothing of the SDK: it reads
``/work/shared/heygen-v3-spec.json`` (the in-repo copy of its shapes when that
is absent), checks every request body with ``jsonschema`` against the
operation's request schema (closed: an object that lists its properties refuses
others, as HeyGen's "Extra inputs are not permitted"), refuses a billed create
without a well-formed ``Idempotency-Key`` (and replays the first answer for a key
seen again), and answers with the required fields only, plus the one or two
optional ones a job's state needs (``video_url`` once completed, the id of a bulk
entry). Status words are the spec's own per endpoint (``running`` for
translations and lipsyncs, ``queued`` in bulk reads, ``thinking`` for sessions).

Jobs live on a clock given by the test: ``pending`` (or ``queued``) for the
first tenth of their render time, then running, then ``completed`` or, when
their title or prompt contains ``[fail]``, ``failed`` with HeyGen's error object.
Every answer is checked against the operation's response schema before it goes
out, so the fake itself cannot drift from the spec.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import jsonschema

# HeyGen's spec as the project keeps it; elsewhere the in-repo copy of its shapes
# (``wire_shapes/v3.json``, kept equal to the spec by tests/fake).
SPEC_PATHS = (
    Path("/work/shared/heygen-v3-spec.json"),
    Path(__file__).parents[2] / "heygen_async" / "testing" / "wire_shapes" / "v3.json",
)

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{1,255}$")

# heygen-v3.md §3.1 (the May 2026 list, the July batch creates), plus the creates of
# the other job kinds (template videos, video agent sessions): every billed create.
BILLED_CREATES = frozenset(
    {
        "POST /v3/videos",
        "POST /v3/videos/batches",
        "POST /v3/templates/{template_id}",
        "POST /v3/video-translations",
        "POST /v3/video-translations/batches",
        "POST /v3/video-translations/proofreads",
        "POST /v3/video-translations/proofreads/{proofread_id}/generate",
        "POST /v3/lipsyncs",
        "POST /v3/lipsyncs/batches",
        "POST /v3/video-agents",
        "POST /v3/assets",
        "POST /v3/assets/direct-uploads",
        "POST /v3/assets/direct-uploads/batches",
        "POST /v3/avatars",
        "POST /v3/avatars/{group_id}/consent",
        "POST /v3/webhooks/endpoints",
        "POST /v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
    }
)


def load_spec() -> dict[str, Any]:
    """The spec's operations, keyed ``"METHOD /path"``."""
    for path in SPEC_PATHS:
        if path.exists():
            operations: dict[str, Any] = json.loads(path.read_text())["operations"]
            return operations
    raise FileNotFoundError("heygen-v3-spec.json")


def closed(schema: Any) -> Any:
    """The spec's OpenAPI-flavoured schema as plain JSON Schema: ``nullable`` as a
    ``null`` type, objects that list properties closed to others."""
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        key: closed(value)
        for key, value in schema.items()
        if key not in ("discriminator", "nullable", "example", "examples", "description")
    }
    if schema.get("properties"):
        out["additionalProperties"] = False
    if schema.get("nullable"):
        if "type" in out:
            kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = [*kinds, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "oneOf" in out:
            out = {"anyOf": [{"type": "null"}, out]}
    return out


def answer_schema(schema: Any) -> Any:
    """A response schema for checking answers: nullable as null, not closed (an
    answer may carry what the spec does not list, as HeyGen's do)."""
    if isinstance(schema, list):
        return [answer_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: answer_schema(v) for k, v in schema.items() if k not in ("discriminator",)}
    if schema.get("nullable"):
        if "type" in out:
            kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
            out["type"] = [*kinds, "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def minimal(schema: dict[str, Any]) -> Any:
    """The smallest instance of ``schema``: required fields only, the last enum
    value (the SDK's own fake favours the first)."""
    if "enum" in schema:
        return schema["enum"][-1]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        props = schema.get("properties", {})
        return {name: minimal(props[name]) for name in schema.get("required", [])}
    if "oneOf" in schema:
        return minimal(schema["oneOf"][0])
    return {"string": "x", "integer": 0, "number": 0, "boolean": False, "array": []}.get(
        kind if isinstance(kind, str) else ""
    )


@dataclass
class Job:
    """One job of the fake: its kind, when it started, how long it runs."""

    kind: str
    id: str
    started: float
    seconds: float
    fails: bool
    fields: dict[str, Any] = field(default_factory=dict)

    def phase(self, now: float) -> str:
        """``pending``, ``running``, ``completed`` or ``failed`` at ``now``."""
        elapsed = now - self.started
        if elapsed < self.seconds * 0.1:
            return "pending"
        if elapsed < self.seconds:
            return "running"
        return "failed" if self.fails else "completed"


# Each endpoint's word for a phase (the spec's enums).
VIDEO_WORDS = {"pending": "pending", "running": "processing"}
BULK_WORDS = {"pending": "queued", "running": "processing"}
TRANSLATION_WORDS = {"pending": "pending", "running": "running"}
AGENT_WORDS = {"pending": "thinking", "running": "generating"}

FAILURE = {"code": "render_failed", "message": "The render crashed."}


class SpecFake:
    """The fake: ``transport()`` for an ``httpx.AsyncClient``; ``sent`` (every
    ``"METHOD /template"`` answered), ``refusals`` (each 400 it gave, with why)."""

    def __init__(
        self,
        now: Callable[[], float],
        render: Callable[[int], float],
        *,
        nulls: bool = False,
        bulk_error: dict[str, Any] | None = FAILURE,
        detail_reasons: bool = True,
        max_page: int | None = None,
    ) -> None:
        self.spec = load_spec()
        self.max_page = max_page  # listings give at most this many a page, whatever limit
        self.nulls = nulls  # every optional nullable field present as null, not absent
        self.bulk_error = bulk_error  # a failed bulk entry's ``error`` (None: null)
        # whether a failed job's own read says why (its failure fields are optional)
        self.detail_reasons = detail_reasons
        self.fail_once: set[str] = set()  # operations whose next request gets a 503
        self.keys_sent: list[tuple[str, str | None]] = []  # each create's key, per attempt
        self.now = now
        self.render = render
        self.jobs: dict[str, Job] = {}
        self.sent: Counter[str] = Counter()
        self.refusals: list[str] = []
        self.keys_seen: dict[tuple[str, str], httpx.Response] = {}
        self.created_without_key: list[str] = []
        self._routes = [
            (
                op["method"],
                re.compile("^" + re.sub(r"\{[^}]+\}", "([^/]+)", op["path"]) + "$"),
                name,
            )
            for name, op in self.spec.items()
        ]
        # fixed paths before templated ones (``/statuses`` before ``/{id}``)
        self._routes.sort(key=lambda route: route[1].pattern.count("(["))
        self._count = 0

    def transport(self) -> httpx.MockTransport:
        """An in-process transport to this fake."""
        return httpx.MockTransport(self._handle)

    # -- plumbing ------------------------------------------------------------------

    def _route(self, request: httpx.Request) -> tuple[str, list[str]] | None:
        for method, pattern, name in self._routes:
            matched = pattern.match(request.url.path)
            if method == request.method and matched:
                return name, list(matched.groups())
        return None

    def _handle(self, request: httpx.Request) -> httpx.Response:
        routed = self._route(request)
        if routed is None:
            return self._error(404, "not_found", f"no route {request.method} {request.url.path}")
        name, args = routed
        self.sent[name] += 1
        op = self.spec[name]
        body: Any = None
        if request.content:
            body = json.loads(request.content)
        if op.get("request_schema") is not None:
            problem = self._invalid(op["request_schema"], body)
            if problem:
                self.refusals.append(f"{name}: {problem}")
                return self._error(400, "invalid_parameter", problem)
        if name in BILLED_CREATES:
            key = request.headers.get("Idempotency-Key")
            self.keys_sent.append((name, key))
            if name in self.fail_once:  # a gateway hiccup: nothing was created
                self.fail_once.discard(name)
                return self._error(503, "service_unavailable", "try again")
            if key is None or not IDEMPOTENCY_KEY.match(key):
                self.created_without_key.append(name)
                self.refusals.append(f"{name}: Idempotency-Key missing or malformed ({key!r})")
                return self._error(400, "invalid_parameter", "Idempotency-Key required")
            replay = self.keys_seen.get((name, key))
            if replay is not None:
                return replay
        schema = op.get("response_schema")
        # The spec leaves the batch creates' answers out; HeyGen's CLI reads ``batch_id``.
        data_schema = schema["properties"]["data"] if schema else {"required": ["batch_id"]}
        handler = getattr(self, "_" + _handler_name(name), None)
        if handler is None:
            data = minimal(data_schema) if schema else {"batch_id": f"batch_{len(self.sent)}"}
        else:
            data = handler(args, body or {}, request.url.params)
        if isinstance(data, httpx.Response):
            return data
        if self.nulls:
            data = _with_nulls(data_schema, data)
        answer: dict[str, Any] = {"data": data}
        if isinstance(data, _Paged):
            answer = {"data": data.items, "has_more": bool(data.next_token)}
            answer["next_token"] = data.next_token
        if schema:
            jsonschema.validate(answer, answer_schema(schema))
        response = httpx.Response(200, json=answer)
        if name in BILLED_CREATES:
            self.keys_seen[(name, request.headers["Idempotency-Key"])] = response
        return response

    @staticmethod
    def _invalid(schema: dict[str, Any], body: Any) -> str | None:
        errors = sorted(
            jsonschema.Draft202012Validator(closed(schema)).iter_errors(body),
            key=lambda error: list(error.path),
        )
        if not errors:
            return None
        first = errors[0]
        where = ".".join(str(p) for p in first.path) or "body"
        return f"{where}: {first.message}"

    @staticmethod
    def _error(status: int, code: str, message: str) -> httpx.Response:
        return httpx.Response(status, json={"error": {"code": code, "message": message}})

    def _new_job(self, kind: str, prefix: str, fails: bool, **fields: Any) -> Job:
        self._count += 1
        job = Job(
            kind,
            f"{prefix}{self._count:04d}",
            self.now(),
            self.render(self._count),
            fails,
            fields,
        )
        self.jobs[job.id] = job
        return job

    def _job(self, kind: str, job_id: str) -> Job | httpx.Response:
        job = self.jobs.get(job_id)
        if job is None or job.kind != kind:
            return self._error(404, "not_found", f"{kind} {job_id} not found")
        return job

    def bulk_entries(self, kind: str, ids: str | None) -> list[dict[str, Any]]:
        """The entries of a bulk statuses answer for ``ids`` (a test may replace it)."""
        entries = []
        for job_id in (ids or "").split(","):
            job = self.jobs.get(job_id)
            if job is None or job.kind != kind:
                entries.append({"video_id": job_id, "status": "not_found"})
                continue
            phase = job.phase(self.now())
            entry: dict[str, Any] = {"video_id": job.id, "status": BULK_WORDS.get(phase, phase)}
            if phase == "failed":
                entry["error"] = None if self.bulk_error is None else dict(self.bulk_error)
            entries.append(entry)
        return entries

    def _detail(self, job: Job, words: dict[str, str]) -> dict[str, Any]:
        phase = job.phase(self.now())
        data: dict[str, Any] = {"id": job.id, "status": words.get(phase, phase)}
        if phase == "completed":
            data["video_url"] = f"https://media.example/{job.id}.mp4"
        if phase == "failed" and self.detail_reasons:
            data["failure_message"] = FAILURE["message"]
        return data

    # -- videos (template videos, video agents' videos) -----------------------------

    def _post_templates_id(self, args: list[str], body: dict[str, Any], _q: Any) -> Any:
        job = self._new_job("video", "vid_", "[fail]" in (body.get("title") or ""))
        return {"id": job.id, "status": "pending"}

    def _get_templates_id(self, args: list[str], _b: Any, _q: Any) -> Any:
        return {"id": args[0], "name": "Welcome"}

    def _get_videos_id(self, args: list[str], _b: Any, _q: Any) -> Any:
        job = self._job("video", args[0])
        if isinstance(job, httpx.Response):
            return job
        data = self._detail(job, VIDEO_WORDS)
        if job.phase(self.now()) == "failed" and self.detail_reasons:
            data["failure_code"] = FAILURE["code"]
        return data

    def _get_videos_statuses(self, _a: Any, _b: Any, query: Any) -> Any:
        return self.bulk_entries("video", query.get("video_ids"))

    # -- translations --------------------------------------------------------------

    def _post_video_translations(self, _a: Any, body: dict[str, Any], _q: Any) -> Any:
        fails = "[fail]" in (body.get("title") or "")
        ids = [
            self._new_job("translation", "vt_", fails, output_language=language).id
            for language in body["output_languages"]
        ]
        return {"video_translation_ids": ids}

    def _get_video_translations_id(self, args: list[str], _b: Any, _q: Any) -> Any:
        job = self._job("translation", args[0])
        if isinstance(job, httpx.Response):
            return job
        return self._detail(job, TRANSLATION_WORDS)

    def _get_video_translations(self, _a: Any, _b: Any, query: Any) -> Any:
        limit = min(int(query.get("limit") or 10), self.max_page or 100)
        start = int(query.get("token") or 0)
        jobs = [job for job in reversed(self.jobs.values()) if job.kind == "translation"]
        page = [self._detail(job, TRANSLATION_WORDS) for job in jobs[start : start + limit]]
        more = start + limit < len(jobs)
        return _Paged(page, str(start + limit) if more else None)

    def _get_video_translations_statuses(self, _a: Any, _b: Any, query: Any) -> Any:
        return self.bulk_entries("translation", query.get("video_translation_ids"))

    # -- lipsyncs ------------------------------------------------------------------

    def _post_lipsyncs(self, _a: Any, body: dict[str, Any], _q: Any) -> Any:
        job = self._new_job("lipsync", "ls_", "[fail]" in (body.get("title") or ""))
        return {"lipsync_id": job.id}

    def _get_lipsyncs_id(self, args: list[str], _b: Any, _q: Any) -> Any:
        job = self._job("lipsync", args[0])
        if isinstance(job, httpx.Response):
            return job
        return self._detail(job, TRANSLATION_WORDS)

    def _get_lipsyncs_statuses(self, _a: Any, _b: Any, query: Any) -> Any:
        return self.bulk_entries("lipsync", query.get("lipsync_ids"))

    # -- video agents --------------------------------------------------------------

    def _post_video_agents(self, _a: Any, body: dict[str, Any], _q: Any) -> Any:
        job = self._new_job("agent", "sess_", "[fail]" in body["prompt"])
        return {"session_id": job.id, "status": "thinking", "created_at": int(job.started)}

    def _get_video_agents_id(self, args: list[str], _b: Any, _q: Any) -> Any:
        job = self._job("agent", args[0])
        if isinstance(job, httpx.Response):
            return job
        phase = job.phase(self.now())
        data: dict[str, Any] = {
            "session_id": job.id,
            "status": AGENT_WORDS.get(phase, phase),
            "created_at": int(job.started),
        }
        if phase == "completed":
            video = self.jobs.get(job.fields.get("video_id", ""))
            if video is None:
                video = self._new_job("video", "vid_", False)
                job.fields["video_id"] = video.id
            data["video_id"] = video.id
        if phase == "failed":
            data["messages"] = [{"role": "model", "content": FAILURE["message"], "type": "error"}]
        return data


@dataclass
class _Paged:
    """A listing's page (the fake wraps ``data``; paging fields sit beside it)."""

    items: list[dict[str, Any]]
    next_token: str | None


def _with_nulls(schema: dict[str, Any], data: Any) -> Any:
    """``data`` with every nullable field it leaves out present as null."""
    if isinstance(data, _Paged):
        items = [_with_nulls(schema.get("items", {}), item) for item in data.items]
        return _Paged(items, data.next_token)
    if isinstance(data, list):
        return [_with_nulls(schema.get("items", {}), item) for item in data]
    if not isinstance(data, dict):
        return data
    props = schema.get("properties", {})
    filled = {name: None for name, sub in props.items() if sub.get("nullable")}
    filled.update({name: _with_nulls(props.get(name, {}), value) for name, value in data.items()})
    return filled


def _handler_name(name: str) -> str:
    """``"GET /v3/video-translations/{id}"`` -> ``get_video_translations_id``."""
    method, path = name.split(" ", 1)
    parts = [method.lower()]
    for part in path.split("/")[2:]:
        parts.append("id" if part.startswith("{") else part.replace("-", "_"))
    return "_".join(parts)


__all__ = ["BILLED_CREATES", "SpecFake", "closed", "load_spec", "minimal"]
