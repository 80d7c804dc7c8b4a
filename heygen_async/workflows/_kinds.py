"""The kinds of job ``generate_many`` runs besides avatar videos: one entry each.

A job dict says its kind with an explicit ``kind`` field, or by the field only
that kind has (its *marker*): ``template_id`` (a template video), ``output_languages``
(a translation), ``audio`` (a lipsync), ``prompt`` (a video agent). A dict with
none of them is an avatar video (``generate_video``'s or
``generate_avatar_iv_video``'s arguments: ``workflows._jobs``).

An entry names the resource method that creates the job (``client.<noun>.<method>``,
whose signature says which fields a job may have) and how its result is waited
for. A create is sent under an idempotency key derived from the job's key and its
arguments (and a ``callback_id`` derived alike where the create takes one), so a
rerun of the same job replays its first answer instead of paying twice.

What one job's result is:

- a template job makes one video: its ``JobResult`` is that video (waited for as
  any video; template videos are videos);
- a translation job makes one translation per output language; one job's result
  must be one thing to wait for, so a translation job names exactly one output
  language (give one job per language; ``heygen-async bulk`` is to expand a row naming
  several into one job per language, keyed ``<key>.<language>``);
- a translation, a lipsync or a video agent job is waited for by its resource's
  ``wait`` (``client.<noun>.wait``): its ``JobResult`` carries that job's own
  finished model (``VideoTranslation``, ``Lipsync``, ``VideoAgentSession``) as
  ``status``, its id as ``job_id``, and ``video_id`` is the agent's video (None for
  translations and lipsyncs, whose ``status.video_url`` is the result).
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .._errors import InvalidRequestError
from .._ids import derive_callback_id
from .._validation import reject_unknown
from ..resources._endpoint import body_value

KIND_FIELD = "kind"
# A create's parameters that are not the job's: the key is derived, the rest are
# per-call options of generate_many itself.
_NOT_JOB_FIELDS = frozenset({"self", "idempotency_key", "extra_headers", "extra_query", "timeout"})
VIDEO = "video"


@dataclass(frozen=True)
class CreateKind:
    """One kind of job: how a dict is recognised, created and waited for."""

    name: str
    """The job's ``kind`` value."""
    marker: str
    """The field only this kind's jobs have (recognises a dict without ``kind``)."""
    noun: str
    """``client.<noun>`` holds the create method."""
    method: str
    """The create method's name on that resource."""
    waits_as_video: bool
    """True when the create answers a video, waited for as any video."""
    takes_callback_id: bool = False
    """True when the create takes a ``callback_id`` (one is derived when missing)."""
    prepare: Callable[[dict[str, Any]], dict[str, Any]] = dict
    """The arguments in the create's form (plain values to HeyGen's objects)."""
    job_kind: str = VIDEO
    """The ``kind`` of its ``JobResult`` and of its wait's ``JobFailedError``."""
    id_of: Callable[[Any], str] = lambda answer: str(answer.video_id)
    """The job's id in the create's answer."""

    def parameters(self) -> tuple[str, ...]:
        """The create method's parameters: the fields a job of this kind may have."""
        module = importlib.import_module(f"heygen_async.resources.{self.noun}")
        resource = getattr(module, "Async" + self.noun.title().replace("_", ""))
        signature = inspect.signature(getattr(resource, self.method))
        named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
        return tuple(
            p.name
            for p in signature.parameters.values()
            if p.kind in named and p.name not in _NOT_JOB_FIELDS
        )


def text_variable(name: str, value: str) -> dict[str, Any]:
    """A plain text value as HeyGen's template text variable."""
    return {"name": name, "type": "text", "properties": {"content": value}}


def template_arguments(fields: dict[str, Any]) -> dict[str, Any]:
    """``variables`` with each plain text value in HeyGen's variable form."""
    variables = fields.get("variables")
    if not isinstance(variables, Mapping):
        raise InvalidRequestError(
            f"variables: must be a dict of variable name -> text or HeyGen's variable "
            f"object (got {type(variables).__name__})",
            field="variables",
            allowed="dict of name -> str or variable object",
        )
    shaped: dict[str, Any] = {}
    for name, value in variables.items():
        if isinstance(value, str):
            shaped[str(name)] = text_variable(str(name), value)
        elif isinstance(value, Mapping):
            shaped[str(name)] = dict(value)
        else:
            raise InvalidRequestError(
                f"variables.{name}: must be text or HeyGen's variable object "
                f"(got {type(value).__name__})",
                field=f"variables.{name}",
                allowed="str or variable object",
            )
    return {**fields, "variables": shaped}


def one_language_arguments(fields: dict[str, Any]) -> dict[str, Any]:
    """``output_languages`` as a one-language list: a job is one translation."""
    languages = fields.get("output_languages")
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, (list, tuple)) or len(languages) != 1:
        raise InvalidRequestError(
            f"output_languages: a translation job names exactly one output language "
            f"(got {languages!r}); give one job per language, or create several at "
            f"once with client.video_translations.create",
            field="output_languages",
            allowed="one language name, e.g. 'Spanish (Spain)'",
        )
    return {**fields, "output_languages": list(languages)}


def _first_translation_id(answer: Any) -> str:
    return str(answer.video_translation_ids[0])


CREATE_KINDS: tuple[CreateKind, ...] = (
    CreateKind(
        "template",
        "template_id",
        "templates",
        "generate",
        waits_as_video=True,
        takes_callback_id=True,
        prepare=template_arguments,
    ),
    CreateKind(
        "translation",
        "output_languages",
        "video_translations",
        "create",
        waits_as_video=False,
        takes_callback_id=True,
        prepare=one_language_arguments,
        job_kind="video_translation",
        id_of=_first_translation_id,
    ),
    CreateKind(
        "lipsync",
        "audio",
        "lipsyncs",
        "create",
        waits_as_video=False,
        takes_callback_id=True,
        job_kind="lipsync",
        id_of=lambda answer: str(answer.lipsync_id),
    ),
    CreateKind(
        "video_agent",
        "prompt",
        "video_agents",
        "create",
        waits_as_video=False,
        takes_callback_id=True,
        job_kind="video_agent",
        id_of=lambda answer: str(answer.session_id),
    ),
)
KINDS_BY_NAME = {kind.name: kind for kind in CREATE_KINDS}
# A job's kind is also accepted under its results' name (``video_translation``), so a
# journaled ``JobResult.kind`` names the kind to resume.
_KINDS_BY_RESULT_NAME = {kind.job_kind: kind for kind in CREATE_KINDS if kind.job_kind != VIDEO}


def kind_of(fields: Mapping[str, Any]) -> CreateKind | None:
    """The job's kind (None: an avatar video), by ``kind`` or by its marker field."""
    named = fields.get(KIND_FIELD)
    if named is not None:
        if named == VIDEO:
            return None
        if named in _KINDS_BY_RESULT_NAME and named not in KINDS_BY_NAME:
            return _KINDS_BY_RESULT_NAME[named]
        if named not in KINDS_BY_NAME:
            allowed = ", ".join((VIDEO, *KINDS_BY_NAME))
            raise InvalidRequestError(
                f"kind: {named!r} is not a job kind; kinds are {allowed}",
                field=KIND_FIELD,
                allowed=allowed,
            )
        return KINDS_BY_NAME[named]
    for kind in CREATE_KINDS:
        if fields.get(kind.marker) is not None:
            return kind
    return None


@dataclass(frozen=True)
class ResourceCreate:
    """A job's create through its resource method, its arguments shaped once."""

    kind: CreateKind
    arguments: dict[str, Any]
    """The create method's keyword arguments (``idempotency_key`` aside)."""
    body: dict[str, Any]
    """The arguments in HeyGen's JSON form (what the key and callback id derive from)."""


def resource_create(kind: CreateKind, key: Any, fields: dict[str, Any]) -> ResourceCreate:
    """Check a job's fields against its create method and shape them, or raise
    ``InvalidRequestError`` (nothing is sent)."""
    fields = {name: value for name, value in fields.items() if name != KIND_FIELD}
    reject_unknown(fields, kind.parameters(), f"{kind.noun}.{kind.method}")
    arguments = kind.prepare(fields)
    body = {name: body_value(value) for name, value in arguments.items() if value is not None}
    if kind.takes_callback_id and arguments.get("callback_id") is None:
        callback_id = derive_callback_id(key, body)
        arguments = {**arguments, "callback_id": callback_id}
        body = {**body, "callback_id": callback_id}
    return ResourceCreate(kind, arguments, body)


__all__ = [
    "CREATE_KINDS",
    "KIND_FIELD",
    "CreateKind",
    "ResourceCreate",
    "kind_of",
    "resource_create",
    "template_arguments",
    "text_variable",
]
