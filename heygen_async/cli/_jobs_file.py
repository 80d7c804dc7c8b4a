"""Reading a bulk JOBS file (CSV or JSONL) into validated video requests.

Both formats use ``generate_video``'s parameter names, plus an optional ``key``
that names the job in the journal and the results (default: the row number). A
row with an ``image_key`` is an Avatar IV video instead: its columns are then
``generate_avatar_iv_video``'s (``script``, ``image_key``, ``voice_id``,
``video_title``, ``custom_motion_prompt``, ...), and one file may mix both kinds.

The columns, and how a CSV cell is read, come from the SDK's declaration of
``generate_video``'s parameters (``video_params()``): a new option there is a new
column here. CSV: one header line, one video per row; empty cells are left out;
a cell is converted by its parameter's declared type (numbers, ``true``/``false``
for booleans, JSON for structured ones, ``dimension`` also as ``1280x720``,
``background`` also as a ``#RRGGBB`` colour)::

    key,script,avatar_id,voice_id,title
    intro,"Hello and welcome!",Abigail_expressive_2024112501,2d5b0e6cf36f460aa7fc47e3eee4ba54,Intro

JSONL: one JSON object per line with the same names (blank lines skipped)::

    {"key": "intro", "script": "Hello!", "avatar_id": "...", "voice_id": "...", "speed": 1.1}

A row with a ``template_id`` is a template video (``client.templates.generate``):
its columns are ``template_id``, one ``variables.<name>`` column per template
variable (a plain text cell becomes HeyGen's text variable; in JSONL a
``variables`` object may also give HeyGen's variable objects), and ``title``,
``callback_id``, ``callback_url``, ``folder_id``, ``brand_voice_id``::

    key,template_id,variables.name,title
    ada,c3a1e5f7b9d24e6a8c0b2d4f6e8a0c2e,Ada,Welcome Ada

A row with ``output_languages`` is a video translation
(``client.video_translations.create``): ``video`` names the video to translate (an
asset id or an http(s) URL), ``output_languages`` the languages, separated by
``|`` (``French|German|Spanish (Spain)``; in JSONL also a list), and the other
columns are ``create``'s options (``title``, ``mode``, ``enable_caption``,
``speaker_num``, ``callback_url``, ...). The row becomes one job per language,
keyed ``<key>.<language>``, each with its own idempotency key::

    key,video,output_languages,title
    keynote,https://example.com/keynote.mp4,French|German,Keynote

Every row is checked with the SDK's own request builder (a translation row with
``VideoTranslationRequest``) before anything is sent; every bad row is reported
at once (``JobsFileError``, one problem per bad row or cell, each naming the
file, line and field).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import AvatarIVVideoRequest, GenerateVideoRequest, InvalidRequestError
from ..params import (
    VIDEO_SUBJECT,
    Param,
    avatar_iv_params,
    build_avatar_iv_request,
    build_video_request,
    video_params,
)
from ..resources.video_translations import VideoTranslationRequest
from ._exit import UsageError
from ._options import accepts_text, cell_value, value_kind

KEY_COLUMN = "key"
SIMPLE_FORM = VIDEO_SUBJECT
# A row with this column filled is an Avatar IV video (generate_avatar_iv_video).
AVATAR_IV_COLUMN = "image_key"
# A row with this column filled is a template video (client.templates.generate).
TEMPLATE_COLUMN = "template_id"
VARIABLES = "variables"
VARIABLE_PREFIX = "variables."
# The other columns of a template row (text, sent as they are).
TEMPLATE_COLUMNS = (
    TEMPLATE_COLUMN,
    "title",
    "callback_id",
    "callback_url",
    "folder_id",
    "brand_voice_id",
)


# A row with this column filled is a video translation (client.video_translations.create):
# one job per language it names, separated by LANGUAGE_SEPARATOR.
TRANSLATION_COLUMN = "output_languages"
SOURCE_COLUMN = "video"
LANGUAGE_SEPARATOR = "|"
# Not a translation row's column: one key or id would be shared by its languages.
_NOT_TRANSLATION_COLUMNS = ("idempotency_key",)


def translation_columns() -> tuple[str, ...]:
    """The columns of a translation row (``key`` aside): ``create``'s parameters."""
    return tuple(VideoTranslationRequest.model_fields)


def is_translation_column(column: str) -> bool:
    """A column only translation rows have (``video``, ``output_languages``, ``mode``...)."""
    return column in translation_columns() and column not in job_columns()


def is_template_column(column: str) -> bool:
    """A column only template rows have: ``template_id`` or ``variables.<name>``."""
    return column in (TEMPLATE_COLUMN, VARIABLES) or column.startswith(VARIABLE_PREFIX)


def job_columns() -> dict[str, Param]:
    """Every parameter column of a JOBS file, by name (``key`` aside): those of
    ``generate_video``, then those only ``generate_avatar_iv_video`` has."""
    columns = {param.name: param for param in video_params()}
    for param in avatar_iv_params():
        columns.setdefault(param.name, param)
    return columns


def build_job_request(kwargs: dict[str, Any]) -> GenerateVideoRequest | AvatarIVVideoRequest:
    """The request model of one row (``InvalidRequestError`` naming the field)."""
    if kwargs.get(AVATAR_IV_COLUMN) is not None:
        return build_avatar_iv_request(kwargs)
    return build_video_request(kwargs)


def _line_of(problem: str) -> int:
    found = re.search(r"\bline (\d+)", problem)
    return int(found.group(1)) if found else 0


class JobsFileError(UsageError):
    """Bad rows of a JOBS file: ``problems`` lists every one (the message is the
    only problem, or a summary)."""

    def __init__(self, name: str, problems: list[str]) -> None:
        self.problems = sorted(problems, key=_line_of)  # in file order
        if len(problems) == 1:
            message = problems[0]
        else:
            message = f"{name}: {len(problems)} problems (listed above); nothing was sent"
        super().__init__(message)


@dataclass(frozen=True)
class JobRow:
    """One row: where it came from, its key and the generate method's keyword arguments."""

    line: int
    key: str
    kwargs: dict[str, Any]

    @property
    def is_avatar_iv(self) -> bool:
        """True for a ``generate_avatar_iv_video`` row (it has an ``image_key``)."""
        return self.kwargs.get(AVATAR_IV_COLUMN) is not None

    @property
    def is_template(self) -> bool:
        """True for a template row (it has a ``template_id``)."""
        return self.kwargs.get(TEMPLATE_COLUMN) is not None

    @property
    def is_translation(self) -> bool:
        """True for one language of a translation row (it has ``output_languages``)."""
        return self.kwargs.get(TRANSLATION_COLUMN) is not None

    @property
    def fingerprint(self) -> str:
        """A digest of the request, to notice a row edited between two runs."""
        text = json.dumps(self.kwargs, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def read_jobs(path: Path) -> list[JobRow]:
    """Every job of a CSV (``.csv``) or JSONL (``.jsonl``/``.ndjson``/``.json``) file.

    Raises ``UsageError`` for a missing file, unknown or missing columns, a bad
    value, a duplicate key or an empty file.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: not UTF-8 text") from None
    suffix = path.suffix.lower()
    problems: list[str] = []
    if suffix == ".csv":
        rows = _csv_rows(path.name, text, problems)
    elif suffix in (".jsonl", ".ndjson", ".json"):
        rows = _jsonl_rows(path.name, text, problems)
    else:
        raise UsageError(f"{path}: unknown format; name the file .csv or .jsonl")
    if not rows and not problems:
        raise UsageError(f"{path.name}: no jobs in the file")
    jobs: list[JobRow] = []
    seen: dict[str, int] = {}
    for number, (line, fields) in enumerate(rows, start=1):
        try:
            made = _jobs_of_row(path.name, number, line, fields)
        except UsageError as exc:
            problems.append(str(exc))
            continue
        for job in made:
            if job.key in seen:
                problems.append(
                    f"{path.name} line {line}: key {job.key!r} already used on line "
                    f"{seen[job.key]}; keys must be unique"
                )
                continue
            seen[job.key] = line
            jobs.append(job)
    callback_ids = [job.kwargs["callback_id"] for job in jobs if "callback_id" in job.kwargs]
    if len(set(callback_ids)) != len(callback_ids):
        # A crashed job is found again by its callback_id: it must name one job only.
        problems.append(f"{path.name}: callback_id values must be unique")
    if problems:
        raise JobsFileError(path.name, problems)
    return jobs


def _csv_rows(name: str, text: str, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in reader.fieldnames or []]
    if not header:
        raise UsageError(f"{name}: empty file; the first line must name the columns")
    reader.fieldnames = header
    _check_columns(name, header)
    rows: list[tuple[int, dict[str, Any]]] = []
    for row in reader:
        if None in row:
            problems.append(f"{name} line {reader.line_num}: more cells than columns")
            continue
        cells = {k: v.strip() for k, v in row.items() if v is not None and v.strip() != ""}
        if not cells:
            continue  # a blank line
        if TRANSLATION_COLUMN in cells:
            # Read by the translation's own model (_translation_jobs), not as video cells.
            rows.append((reader.line_num, dict(cells)))
            continue
        typed: dict[str, Any] = {}
        bad = False
        for column, cell in cells.items():
            try:
                typed[column] = _convert(name, reader.line_num, column, cell)
            except UsageError as exc:
                problems.append(str(exc))
                bad = True
        if not bad:
            rows.append((reader.line_num, typed))
    return rows


def _jsonl_rows(name: str, text: str, problems: list[str]) -> list[tuple[int, dict[str, Any]]]:
    rows: list[tuple[int, dict[str, Any]]] = []
    for line_number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name} line {line_number}: not valid JSON ({exc.msg})")
            continue
        if not isinstance(value, dict):
            problems.append(f"{name} line {line_number}: must be a JSON object")
            continue
        try:
            _check_columns(name, list(value), line=line_number)
            given = {k: v for k, v in value.items() if v is not None}
            if TRANSLATION_COLUMN in given:
                typed = given  # read by the translation's own model
            else:
                typed = {k: _json_value(name, line_number, k, v) for k, v in given.items()}
        except UsageError as exc:
            problems.append(str(exc))
            continue
        rows.append((line_number, typed))
    return rows


def _json_value(name: str, line: int, field: str, value: Any) -> Any:
    """A JSONL value as it is, except text where the column is not text: it is read
    like a CSV cell (``"1.1"`` for ``speed``, ``"1280x720"`` for ``dimension``)."""
    if not isinstance(value, str) or field == KEY_COLUMN or is_template_column(field):
        return value
    if field not in job_columns():
        return value  # a translation row's column on another row: refused by _job
    param = job_columns()[field]
    if value_kind(param) is str or (value_kind(param) is None and accepts_text(param)):
        return value
    return _convert(name, line, field, value)


def _check_columns(name: str, columns: list[str], *, line: int | None = None) -> None:
    where = f"{name} line {line}" if line is not None else name
    names = list(job_columns())
    unknown = [
        column
        for column in columns
        if column != KEY_COLUMN
        and column not in names
        and not is_template_column(column)
        and not is_translation_column(column)
    ]
    if unknown:
        raise UsageError(
            f"{where}: unknown column {', '.join(map(repr, unknown))}; columns are "
            f"{KEY_COLUMN}, the parameters of generate_video and "
            f"generate_avatar_iv_video ({', '.join(names)}), for template rows "
            f"{TEMPLATE_COLUMN} and {VARIABLE_PREFIX}<name>, and for translation rows "
            f"those of video_translations.create ({', '.join(translation_columns())})"
        )
    kinds = {"video_inputs", AVATAR_IV_COLUMN, TEMPLATE_COLUMN, TRANSLATION_COLUMN}
    if line is None and not kinds & set(columns):
        missing = [column for column in SIMPLE_FORM if column not in columns]
        if missing:
            raise UsageError(
                f"{where}: missing column {', '.join(map(repr, missing))} "
                f"(needed unless there is a video_inputs or an {AVATAR_IV_COLUMN} column)"
            )


def _convert(name: str, line: int, field: str, value: str) -> Any:
    """A CSV cell as the type the SDK declares for its column."""
    if field == KEY_COLUMN or is_template_column(field) or field not in job_columns():
        return value  # text as it is (a translation-only column is refused by _job)
    try:
        return cell_value(job_columns()[field], value)
    except ValueError as exc:
        raise UsageError(f"{name} line {line}: {field}: cannot read {value!r} ({exc})") from None


def _jobs_of_row(name: str, number: int, line: int, fields: dict[str, Any]) -> list[JobRow]:
    """The jobs of one row: one, or one per language of a translation row."""
    key_value = fields.pop(KEY_COLUMN, None)
    key = str(key_value).strip() if key_value is not None else str(number)
    if not key:
        raise UsageError(f"{name} line {line}: key: must not be empty")
    if fields.get(TRANSLATION_COLUMN) is not None:
        return _translation_jobs(name, line, key, fields)
    return [_job(name, line, key, fields)]


def _job(name: str, line: int, key: str, fields: dict[str, Any]) -> JobRow:
    if fields.get(TEMPLATE_COLUMN) is not None:
        return JobRow(line=line, key=key, kwargs=_template_job(name, line, key, fields))
    if any(is_template_column(column) for column in fields):
        raise UsageError(
            f"{name} line {line} (key {key!r}): {VARIABLE_PREFIX}<name> cells need a "
            f"{TEMPLATE_COLUMN}"
        )
    if only_translation := [column for column in fields if is_translation_column(column)]:
        raise UsageError(
            f"{name} line {line} (key {key!r}): {only_translation[0]}: a column of "
            f"translation rows only; a translation row names its {TRANSLATION_COLUMN}"
        )
    try:
        build_job_request(fields)
    except InvalidRequestError as exc:
        raise UsageError(f"{name} line {line} (key {key!r}): {exc}") from None
    except TypeError as exc:  # a JSONL value of the wrong shape
        raise UsageError(f"{name} line {line} (key {key!r}): {exc}") from None
    return JobRow(line=line, key=key, kwargs=fields)


def _translation_jobs(name: str, line: int, key: str, fields: dict[str, Any]) -> list[JobRow]:
    """A translation row as one ``video_translations.create`` job per output language
    (what ``generate_many`` takes), keyed ``<key>.<language>``; every cell checked
    by ``VideoTranslationRequest``."""
    where = f"{name} line {line} (key {key!r})"
    for column in fields:
        if column not in translation_columns() or column in _NOT_TRANSLATION_COLUMNS:
            raise UsageError(
                f"{where}: {column}: not a column of a translation row (its columns: "
                f"{KEY_COLUMN}, {', '.join(translation_columns())})"
            )
    if fields.get(SOURCE_COLUMN) in (None, ""):
        raise UsageError(
            f"{where}: {SOURCE_COLUMN}: missing; a translation row names the video to "
            "translate (an asset id or an http(s) URL)"
        )
    languages = _languages(where, fields[TRANSLATION_COLUMN])
    cells = {column: _json_cell(where, column, value) for column, value in fields.items()}
    try:
        request = VideoTranslationRequest.model_validate({**cells, TRANSLATION_COLUMN: languages})
    except ValidationError as exc:
        raise UsageError(f"{where}: {_first_problem(exc)}") from None
    kwargs = request.model_dump(exclude_none=True)
    callback_id = kwargs.pop("callback_id", None)
    jobs = []
    for language in languages:
        one = {**kwargs, TRANSLATION_COLUMN: [language]}
        if callback_id is not None:  # each language's job is found by its own
            one["callback_id"] = f"{callback_id}.{language}"
        jobs.append(JobRow(line=line, key=f"{key}.{language}", kwargs=one))
    return jobs


def _languages(where: str, value: Any) -> list[str]:
    """The output languages of a row: a ``|``-separated cell (or a JSON list)."""
    column = TRANSLATION_COLUMN
    if isinstance(value, str):
        names = [name.strip() for name in value.split(LANGUAGE_SEPARATOR)]
    elif isinstance(value, list) and all(isinstance(name, str) for name in value):
        names = [name.strip() for name in value]
    else:
        raise UsageError(f"{where}: {column}: must be text or a list of language names")
    if not names or any(not name for name in names):
        raise UsageError(
            f"{where}: {column}: an empty language in {value!r}; separate languages "
            f"with {LANGUAGE_SEPARATOR!r}, e.g. French{LANGUAGE_SEPARATOR}Spanish (Spain)"
        )
    if twice := sorted({name for name in names if names.count(name) > 1}):
        raise UsageError(f"{where}: {column}: {twice[0]!r} is named twice")
    return names


def _json_cell(where: str, column: str, value: Any) -> Any:
    """A CSV cell of an object column (``stock_voice_config``) read as JSON."""
    annotation = VideoTranslationRequest.model_fields[column].annotation
    takes_object = any(
        isinstance(kind, type) and issubclass(kind, BaseModel)
        for kind in (annotation, *typing.get_args(annotation))
    )
    if not isinstance(value, str) or not takes_object:
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}: {column}: not valid JSON ({exc.msg})") from None


def _first_problem(exc: ValidationError) -> str:
    """The first bad cell of a row, as ``column: what is wrong (got ...)``."""
    error = exc.errors(include_url=False)[0]
    column = ".".join(str(part) for part in error["loc"]) or "row"
    text = f"{column}: {error['msg']}"
    if error.get("type") != "missing" and not isinstance(error.get("input"), dict):
        text += f" (got {error.get('input')!r})"
    return text


def _template_job(name: str, line: int, key: str, fields: dict[str, Any]) -> dict[str, Any]:
    """A template row as ``templates.generate``'s arguments (what ``generate_many``
    takes): ``variables.<name>`` cells gathered into ``variables``."""
    where = f"{name} line {line} (key {key!r})"
    variables: dict[str, Any] = {}
    given = fields.get(VARIABLES)
    if given is not None:
        if not isinstance(given, dict):
            raise UsageError(f"{where}: {VARIABLES}: must be an object of name -> value")
        variables.update(given)
    kwargs: dict[str, Any] = {}
    for column, value in fields.items():
        if column.startswith(VARIABLE_PREFIX):
            variable = column[len(VARIABLE_PREFIX) :]
            if not variable:
                raise UsageError(f"{where}: {column!r}: name the variable after the dot")
            variables[variable] = value
        elif column in TEMPLATE_COLUMNS:
            if not isinstance(value, str) or not value.strip():
                raise UsageError(f"{where}: {column}: must be text")
            kwargs[column] = value
        elif column != VARIABLES:
            raise UsageError(
                f"{where}: {column}: not a column of a template row "
                f"({', '.join(TEMPLATE_COLUMNS)}, {VARIABLE_PREFIX}<name>)"
            )
    for variable, value in variables.items():
        if not isinstance(value, (str, dict)):
            raise UsageError(f"{where}: {VARIABLE_PREFIX}{variable}: must be text or an object")
    return {**kwargs, VARIABLES: variables}


__all__ = [
    "AVATAR_IV_COLUMN",
    "KEY_COLUMN",
    "LANGUAGE_SEPARATOR",
    "TRANSLATION_COLUMN",
    "JobRow",
    "JobsFileError",
    "build_job_request",
    "job_columns",
    "read_jobs",
]
