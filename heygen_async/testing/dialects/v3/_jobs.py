"""v3 job routes: video translations (and proofreads), lipsyncs, AI clips,
background removals and voice clones (heygen-v3.md 10).

The behaviour is written here; the shapes are not: every read is built by
``_schema.answer`` from the operation's response schema in ``wire_shapes``,
filled from the job's state (``Account.create_job``). Creates are checked
against the request schema first (400 naming the field). A job is
``pending``, ``running``, then ``completed`` (with signed output URLs that
download) or ``failed`` (``[fail]`` / ``[fail:<reason>]`` in any text of its
create, as for videos). Translations count toward the concurrent-job limit
with videos (429 + ``Retry-After``); the other kinds do not (HeyGen names
only "Video Agent sessions, avatar renders, translations").
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ... import _defaults as defaults
from ...account import Account, FakeJob, JobKind, JobState
from ...server import Handler, MediaUrls, Request, Response, dumps, json_response
from ...wire_shapes import Operation, operations
from ._listing import newest_first, next_token, page_limit, token_position
from ._schema import Filler, answer, check, data_schema, item_schema
from ._wire import NOT_FOUND, invalid, listing, not_found, parse_json, success

#: A job's state in each kind's own words where they differ from the common ones.
_STATUS_WORDS: dict[str, dict[JobState, str]] = {
    "proofread": {"pending": "processing", "running": "processing"},
}
#: What ``GET /v3/video-translations/languages`` lists (HeyGen names languages in words).
TRANSLATION_LANGUAGES = (
    "English",
    "Spanish (Spain)",
    "Spanish (Mexico)",
    "French",
    "German",
    "Italian",
    "Portuguese (Brazil)",
    "Japanese",
    "Korean",
    "Chinese (Mandarin, Simplified)",
    "Hindi",
    "Arabic",
)
_BULK_WORDS: dict[JobState, str] = {
    "pending": "queued",
    "running": "processing",
    "completed": "completed",
    "failed": "failed",
}


def texts_of(value: Any) -> Iterator[str]:
    """Every string in a request body (where a ``[fail]`` marker may be)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from texts_of(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts_of(item)


@dataclass
class JobBatch:
    """A batch of translations or lipsyncs: one job per valid item."""

    batch_id: str
    title: str | None
    created_at: float
    items: list[tuple[str | None, dict[str, Any] | None]] = field(default_factory=list)


class JobRoutes:
    """The hand-written behaviour of the v3 job kinds."""

    def __init__(self, account: Account, media: MediaUrls, refuse_over_limit: Callable[[], None]):
        self._account = account
        self._media = media
        self._refuse_over_limit = refuse_over_limit
        self._ops = operations()
        self._batches: dict[str, JobBatch] = {}
        self._batch_numbers = itertools.count(1)
        self._removals_by_request_id: dict[str, str] = {}

    # --- shared pieces --------------------------------------------------------

    def op(self, method: str, path: str) -> Operation:
        return self._ops[f"{method} {path}"]

    def body(self, request: Request, operation: Operation) -> dict[str, Any]:
        """The JSON body, checked against the operation's request schema."""
        body = parse_json(request, optional=not (operation.request_schema or {}).get("required"))
        check(body, operation.request_schema)
        return body

    def filler(self, request: Request, seed: str) -> Filler:
        return Filler(seed, int(self._account.time.unix_now()), request.origin)

    def status(self, job: FakeJob) -> JobState:
        return job.status_at(self._account.time.now())

    def values(self, job: FakeJob, origin: str) -> dict[str, Any]:
        """What the job's reads show, by field name (the schema picks the fields)."""
        time = self._account.time
        state = self.status(job)
        words = _STATUS_WORDS.get(job.kind, {})
        values: dict[str, Any] = {
            **job.fields,
            "id": job.job_id,
            "status": words.get(state, state),
            "created_at": int(time.unix(job.submitted_at)),
            "progress": 100 if state == "completed" else 0,
        }
        if state in ("completed", "failed"):
            values["completed_at"] = int(time.unix(job.finished_at))
        if state == "failed" and job.error is not None:
            values["failure_message"] = str(job.error.get("message"))
            values["error"] = str(job.error.get("message"))
        if state == "completed":
            values.update(self.outputs(job, origin))
        if job.kind == "ai_clip":
            values["clips"] = self.clips(job, state, values)
        if job.kind == "background_removal":
            values["layers"] = self.layers(job, state, values)
        return values

    def clips(self, job: FakeJob, state: JobState, values: dict[str, Any]) -> list[Any]:
        """An AI clip job's clips: none until it completes, then one per asked
        duration type (one if none was asked), each a downloadable clip."""
        if state != "completed":
            return []
        settings = job.fields.get("output_settings") or {}
        kinds = settings.get("duration_types") or ["60"]
        seconds = {"30": 30.0, "60": 60.0, "180": 180.0, "long": 300.0}
        return [
            {
                "id": f"{job.job_id}-{index}",
                "status": "completed",
                "title": f"{job.fields.get('title') or 'Clip'} {index + 1}",
                "video_url": values["video_url"],
                "thumbnail_url": None,
                "duration_seconds": seconds.get(kind, 60.0),
                "aspect_ratio": settings.get("aspect_ratio", "portrait"),
                "virality_score": 80,
                "failure_message": None,
            }
            for index, kind in enumerate(kinds)
        ]

    def layers(self, job: FakeJob, state: JobState, values: dict[str, Any]) -> dict[str, Any]:
        """A background removal's layers once completed: each asked layer (default
        ``foreground``) by name, its file URL."""
        if state != "completed":
            return {}
        names = job.fields.get("layer_names") or ["foreground"]
        return {name: values["video_url"] for name in names}

    def outputs(self, job: FakeJob, origin: str) -> dict[str, Any]:
        """A completed job's files: signed URLs the fake serves (see ``serve_media``)."""
        url = self._media.video_url
        video = url(origin, job.job_id, ".mp4")
        srt = url(origin, job.job_id, ".srt")
        return {
            "duration": 10.0,
            "source_duration": 10.0,
            "video_url": video,
            "caption_url": srt,
            "srt_caption_url": srt,
            "srt_url": srt,
            "original_srt_url": srt,
            "audio_url": None if not job.fields.get("translate_audio_only") else video,
        }

    def read(self, operation: Operation, job: FakeJob, request: Request) -> dict[str, Any]:
        schema = data_schema(operation.response_schema)
        result: dict[str, Any] = answer(
            schema, self.values(job, request.origin), self.filler(request, job.job_id)
        )
        return result

    def found(self, request: Request, param: str, kind: JobKind) -> FakeJob:
        job_id = request.path_params[param]
        job = self._account.job(job_id, kind)
        if job is None:
            raise not_found(
                NOT_FOUND, f"{kind.replace('_', ' ').capitalize()} {job_id} not found", param
            )
        return job

    def create(self, kind: JobKind, body: dict[str, Any], fields: dict[str, Any]) -> FakeJob:
        return self._account.create_job(kind, fields, list(texts_of(body)))

    # --- generic handlers per kind --------------------------------------------

    def getter(self, kind: JobKind, method: str, path: str, param: str) -> Handler:
        operation = self.op(method, path)

        async def handle(request: Request) -> Response:
            job = self.found(request, param, kind)
            return success(self.read(operation, job, request))

        return handle

    def lister(self, kind: JobKind, path: str) -> Handler:
        operation = self.op("GET", path)
        schema = item_schema(operation.response_schema)

        async def handle(request: Request) -> Response:
            limit = page_limit(request, defaults.V3_VIDEOS_LIMITS)
            before = token_position(request, f"v3-{kind}")
            jobs = self._account.jobs(kind)
            page, position = newest_first(jobs, lambda job: True, before, limit)
            items = [
                answer(schema, self.values(job, request.origin), self.filler(request, job.job_id))
                for job in page
            ]
            return listing(items, next_token(f"v3-{kind}", position))

        return handle

    def updater(self, kind: JobKind, path: str, param: str) -> Handler:
        operation = self.op("PATCH", path)

        async def handle(request: Request) -> Response:
            job = self.found(request, param, kind)
            body = self.body(request, operation)
            job.fields.update(body)
            return success(self.read(operation, job, request))

        return handle

    def deleter(self, kind: JobKind, path: str, param: str) -> Handler:
        async def handle(request: Request) -> Response:
            job = self.found(request, param, kind)
            job.deleted = True
            return success({"id": job.job_id, "deleted": True})

        return handle

    def statuses(self, kind: JobKind, ids_param: str) -> Handler:
        async def handle(request: Request) -> Response:
            job_ids = _id_list(request, ids_param)
            batch_ids = _id_list(request, "batch_ids")
            if not job_ids and not batch_ids:
                raise invalid(ids_param, f"{ids_param} or batch_ids is required (comma-separated)")
            if len(job_ids) + len(batch_ids) > defaults.V3_STATUSES_MAX_IDS:
                most = defaults.V3_STATUSES_MAX_IDS
                raise invalid(ids_param, f"at most {most} {ids_param} and batch_ids per request")
            items = [self._bulk_item(job_id, kind) for job_id in job_ids]
            for batch_id in batch_ids:
                items.extend(self._batch_items(batch_id, kind))
            return listing(items, None)

        return handle

    def _bulk_item(
        self,
        job_id: str | None,
        kind: JobKind,
        error: dict[str, Any] | None = None,
        batch_id: str | None = None,
        index: int | None = None,
    ) -> dict[str, Any]:
        job = None if job_id is None else self._account.job(job_id, kind)
        status = "failed" if error is not None else "not_found"
        if job is not None:
            status = _BULK_WORDS[self.status(job)]
            if status == "failed" and job.error is not None:
                error = {"code": str(job.error.get("code")), "message": job.error.get("message")}
        return {
            "video_id": job_id,
            "status": status,
            "error": error,
            "batch_id": batch_id,
            "item_index": index,
        }

    def _batch_items(self, batch_id: str, kind: JobKind) -> list[dict[str, Any]]:
        batch = self._batches.get(f"{kind}:{batch_id}")
        if batch is None:
            return [self._bulk_item(None, kind, batch_id=batch_id)]
        return [
            self._bulk_item(job_id, kind, error, batch_id, index)
            for index, (job_id, error) in enumerate(batch.items)
        ]

    def batch_creator(
        self,
        kind: JobKind,
        path: str,
        items_field: str,
        make: Callable[[dict[str, Any]], list[str]],
    ) -> Handler:
        operation = self.op("POST", path)

        async def handle(request: Request) -> Response:
            body = self.body(request, operation)
            entries = body[items_field]
            if not 1 <= len(entries) <= 100:
                raise invalid(items_field, f"{items_field} must hold 1 to 100 items")
            batch_id = f"batch_{next(self._batch_numbers):06d}"
            batch = JobBatch(batch_id, body.get("title"), self._account.time.now())
            for entry in entries:
                for job_id in make(entry):
                    batch.items.append((job_id, None))
            self._batches[f"{kind}:{batch_id}"] = batch
            data = self._batch_object(batch, kind, request, None)
            summary = {key: data[key] for key in ("batch_id", "status", "total_items")}
            return json_response(202, dumps({"data": summary}))

        return handle

    def batch_getter(self, kind: JobKind, path: str) -> Handler:
        operation = self.op("GET", path)

        async def handle(request: Request) -> Response:
            batch_id = request.path_params["batch_id"]
            batch = self._batches.get(f"{kind}:{batch_id}")
            if batch is None:
                raise not_found(NOT_FOUND, f"Batch {batch_id} not found", "batch_id")
            return success(self._batch_object(batch, kind, request, operation))

        return handle

    def _batch_object(
        self, batch: JobBatch, kind: JobKind, request: Request, operation: Operation | None
    ) -> dict[str, Any]:
        items = [
            {
                k: v
                for k, v in self._bulk_item(job_id, kind, error, None, index).items()
                if k != "batch_id"
            }
            for index, (job_id, error) in enumerate(batch.items)
        ]
        counts = Counter(item["status"] for item in items)
        if any(item["status"] in ("queued", "processing") for item in items):
            status = "processing"
        else:
            status = "failed" if counts["failed"] == len(items) else "completed"
        values = {
            "batch_id": batch.batch_id,
            "title": batch.title,
            "status": status,
            "total_items": len(items),
            "counts_by_status": dict(counts),
            "created_at": int(self._account.time.unix(batch.created_at)),
            "items": items,
            "has_more": False,
            "next_token": None,
        }
        if operation is None:
            return values
        result: dict[str, Any] = answer(
            data_schema(operation.response_schema), values, self.filler(request, batch.batch_id)
        )
        return result

    # --- video translations -----------------------------------------------------

    def translate(self, body: dict[str, Any], *, limited: bool = True) -> list[str]:
        """One translation job per output language; the ids in language order. A batch's
        items are not ``limited``: they queue, as a video batch's do."""
        languages = body.get("output_languages") or []
        if not languages:
            raise invalid("output_languages", "output_languages must name at least one language")
        if limited:
            self._refuse_over_limit()
        common = {
            name: body.get(name)
            for name in ("title", "callback_id", "input_language", "translate_audio_only")
        }
        jobs = [
            self.create("video_translation", body, {**common, "output_language": language})
            for language in languages
        ]
        return [job.job_id for job in jobs]

    async def create_translation(self, request: Request) -> Response:
        body = self.body(request, self.op("POST", "/v3/video-translations"))
        return success({"video_translation_ids": self.translate(body)})

    async def languages(self, request: Request) -> Response:
        """The languages a translation may target (a sample of HeyGen's names; the
        fake accepts any language string in a create)."""
        return success({"languages": list(TRANSLATION_LANGUAGES)})

    # --- proofreads ---------------------------------------------------------------

    async def create_proofread(self, request: Request) -> Response:
        body = self.body(request, self.op("POST", "/v3/video-translations/proofreads"))
        languages = body.get("output_languages") or []
        if not languages:
            raise invalid("output_languages", "output_languages must name at least one language")
        fields = {"title": body.get("title"), "submitted_for_review": False}
        ids = [
            self.create("proofread", body, {**fields, "output_language": language}).job_id
            for language in languages
        ]
        return success({"proofread_ids": ids, "status": "processing"})

    async def proofread_srt(self, request: Request) -> Response:
        job = self.found(request, "proofread_id", "proofread")
        operation = self.op("GET", "/v3/video-translations/proofreads/{proofread_id}/srt")
        return success(self.read(operation, job, request))

    async def replace_proofread_srt(self, request: Request) -> Response:
        path = "/v3/video-translations/proofreads/{proofread_id}/srt"
        job = self.found(request, "proofread_id", "proofread")
        self.body(request, self.op("PUT", path))
        job.fields["submitted_for_review"] = False
        return success(self.read(self.op("PUT", path), job, request))

    async def generate_from_proofread(self, request: Request) -> Response:
        path = "/v3/video-translations/proofreads/{proofread_id}/generate"
        job = self.found(request, "proofread_id", "proofread")
        body = self.body(request, self.op("POST", path))
        if self.status(job) != "completed":
            raise invalid("proofread_id", "the proofread is not completed yet")
        self._refuse_over_limit()
        fields = {
            "title": job.fields.get("title"),
            "callback_id": body.get("callback_id"),
            "output_language": job.fields.get("output_language"),
            "translate_audio_only": body.get("translate_audio_only", False),
        }
        job.fields["submitted_for_review"] = True
        translation = self.create("video_translation", body, fields)
        return success({"video_translation_id": translation.job_id, "status": "processing"})

    # --- lipsyncs, AI clips, background removals, voice clones -------------------

    def lipsync(self, body: dict[str, Any]) -> list[str]:
        fields = {name: body.get(name) for name in ("title", "callback_id")}
        return [self.create("lipsync", body, fields).job_id]

    async def create_lipsync(self, request: Request) -> Response:
        body = self.body(request, self.op("POST", "/v3/lipsyncs"))
        return success({"lipsync_id": self.lipsync(body)[0]})

    async def create_clip(self, request: Request) -> Response:
        body = self.body(request, self.op("POST", "/v3/ai-clipping"))
        fields = {
            "title": body.get("title"),
            "callback_id": body.get("callback_id"),
            "input_language": body.get("input_language"),
            "output_settings": body.get("output_settings") or {},
        }
        job = self.create("ai_clip", body, fields)
        # HeyGen's spec gives no answer shape: the read's, as its other creates do.
        return success(self.read(self.op("GET", "/v3/ai-clipping/{job_id}"), job, request))

    async def create_removal(self, request: Request) -> Response:
        operation = self.op("POST", "/v3/background-removals")
        body = self.body(request, operation)
        # Deduplicated on the body's request_id, not on Idempotency-Key (heygen-v3.md 3.1).
        request_id = body.get("request_id")
        earlier = self._removals_by_request_id.get(request_id) if request_id else None
        job = self._account.job(earlier, "background_removal") if earlier else None
        if job is None:
            fields: dict[str, Any] = {"title": body.get("title"), "layer_names": body.get("layers")}
            job = self.create("background_removal", body, fields)
            if request_id:
                self._removals_by_request_id[request_id] = job.job_id
        return success(self.read(operation, job, request))

    async def create_voice_clone(self, request: Request) -> Response:
        body = self.body(request, self.op("POST", "/v3/voices/clone"))
        job = self.create("voice_clone", body, {"name": body.get("voice_name")})
        return success({"voice_clone_id": job.job_id})


def _id_list(request: Request, name: str) -> list[str]:
    text = request.query.get(name, "")
    return [part.strip() for part in text.split(",") if part.strip()]
