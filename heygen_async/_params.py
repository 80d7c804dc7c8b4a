"""Every parameter of the generate methods, declared once.

Each option is one line of a ``TypedDict``: its name, its type and a one-line doc
(``Annotated[type, Doc("...")]``). From these declarations come:

- the keyword parameters of ``generate_video``, ``generate_avatar_iv_video`` and
  their ``_and_wait`` twins (``**options: Unpack[...]``, which type checkers and
  IDEs expand to named parameters; ``with_options_signature`` gives ``help()`` and
  ``inspect.signature`` the same expanded view at run time);
- the request builders of ``_video_requests`` (they take the same dict);
- the job fields of ``generate_many``, the CSV/JSONL columns and the CLI flags.

Adding an option is one line here (plus using it where the request is built).
The three leading parameters of each generate method (``script``, ``avatar_id`` /
``image_key``, ``voice_id``) are positional in the methods and declared as
``*_SUBJECT`` tuples here; a test keeps the method signatures equal to them.
"""

from __future__ import annotations

import functools
import inspect
import sys
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, TypedDict, TypeVar

if sys.version_info >= (3, 11):
    from typing import Unpack
else:  # pragma: no cover - Python 3.10
    from typing_extensions import Unpack

if TYPE_CHECKING:
    import httpx

    from .models import Dimension, VideoInput
    from .models.scene import Background
    from .workflows import PollPolicy


@dataclass(frozen=True)
class Doc:
    """The one-line documentation of a parameter (``Annotated`` metadata)."""

    text: str


# Options every create takes, declared once and used by both kinds of video.
ExtraBody = Annotated[
    "Mapping[str, Any] | None", Doc("Extra JSON fields sent as they are (the API's own names).")
]
IdempotencyKey = Annotated[
    "str | None",
    Doc("Key that makes a retried create return the same video (v3; default: a new one)."),
]


ExtraHeaders = Annotated[
    "Mapping[str, str] | None", Doc("Extra HTTP headers sent with this call's requests.")
]
ExtraQuery = Annotated[
    "Mapping[str, str | int | float | bool] | None",
    Doc("Extra query parameters sent with this call's requests."),
]
HTTPTimeout = Annotated[
    "float | httpx.Timeout | None",
    Doc("HTTP timeout of each of this call's requests, seconds or httpx.Timeout."),
]


class RequestOptions(TypedDict, total=False):
    """Per-request options every method takes, after the Stainless SDKs' names."""

    extra_headers: ExtraHeaders
    extra_query: ExtraQuery
    timeout: HTTPTimeout


class WaitRequestOptions(TypedDict, total=False):
    """Per-request options of the methods that wait: their ``timeout`` is the wait's
    deadline, so the HTTP timeout is ``request_timeout``."""

    extra_headers: ExtraHeaders
    extra_query: ExtraQuery
    request_timeout: HTTPTimeout


class GenerateVideoOptions(TypedDict, total=False):
    """Keyword options of ``generate_video`` (after ``script, avatar_id, voice_id``)."""

    title: Annotated[str | None, Doc("The video's title.")]
    dimension: Annotated[
        Dimension | Mapping[str, Any] | Sequence[int] | None,
        Doc("Output size: Dimension(w, h), a dict or a (w, h) pair, e.g. 1280x720."),
    ]
    background: Annotated[
        Background | Mapping[str, Any] | str | None,
        Doc("Background of the simple form: a '#RRGGBB' colour, or a colour/image/video dict."),
    ]
    avatar_style: Annotated[str | None, Doc("normal, circle or closeUp (v2 only).")]
    speed: Annotated[float | None, Doc("Speaking speed, 0.5 to 1.5.")]
    pitch: Annotated[int | None, Doc("Voice pitch, -50 to 50.")]
    emotion: Annotated[
        str | None, Doc("Excited, Friendly, Serious, Soothing or Broadcaster (v2 only).")
    ]
    locale: Annotated[str | None, Doc("Accent of multilingual voices, e.g. en-US.")]
    caption: Annotated[bool | None, Doc("Generate captions (text voices only).")]
    callback_id: Annotated[str | None, Doc("Your correlation id, echoed in webhooks.")]
    callback_url: Annotated[str | None, Doc("URL HeyGen notifies when the video is done.")]
    folder_id: Annotated[str | None, Doc("Output folder (v2 only).")]
    test: Annotated[bool | None, Doc("Test mode: watermarked, not charged (v2 only).")]
    video_inputs: Annotated[
        Sequence[VideoInput | Mapping[str, Any]] | None,
        Doc(
            "1 to 50 scenes (VideoInput models or HeyGen-format dicts) instead of the simple form."
        ),
    ]
    extra_body: ExtraBody
    idempotency_key: IdempotencyKey


class AvatarIVOptions(TypedDict, total=False):
    """Keyword options of ``generate_avatar_iv_video`` (after ``script, image_key, voice_id``)."""

    video_title: Annotated[
        str | None, Doc("The video's title (default: the script's start, or the audio's name).")
    ]
    video_orientation: Annotated[str | None, Doc("portrait, landscape or square.")]
    fit: Annotated[str | None, Doc("How the photo fills the frame: cover or contain.")]
    custom_motion_prompt: Annotated[str | None, Doc("Gestures and expressions in plain words.")]
    enhance_custom_motion_prompt: Annotated[
        bool | None, Doc("Let HeyGen refine the motion prompt (v2 only).")
    ]
    audio_url: Annotated[
        str | None, Doc("Your own audio instead of a script (then no script or voice needed).")
    ]
    audio_asset_id: Annotated[
        str | None, Doc("An uploaded audio asset instead of a script (no script or voice needed).")
    ]
    extra_body: ExtraBody
    idempotency_key: IdempotencyKey


class WaitOptions(TypedDict, total=False):
    """What the ``_and_wait`` twins add to a generate method."""

    timeout: Annotated[float | None, Doc("Seconds to wait for the render (default: poll's).")]
    poll: Annotated[PollPolicy | None, Doc("PollPolicy of this wait (default: the client's).")]


class GenerateVideoCallOptions(GenerateVideoOptions, RequestOptions, total=False):
    """Keyword options of ``generate_video``: the video's, then the request's."""


class AvatarIVCallOptions(AvatarIVOptions, RequestOptions, total=False):
    """Keyword options of ``generate_avatar_iv_video``."""


class WaitCallOptions(WaitOptions, WaitRequestOptions, total=False):
    """Keyword options of ``wait_for_video``."""


class GenerateVideoAndWaitOptions(
    GenerateVideoOptions, WaitOptions, WaitRequestOptions, total=False
):
    """Keyword options of ``generate_video_and_wait``."""


class AvatarIVAndWaitOptions(AvatarIVOptions, WaitOptions, WaitRequestOptions, total=False):
    """Keyword options of ``generate_avatar_iv_video_and_wait``."""


# The positional parameters the methods write out (each defaults to None).
VIDEO_SUBJECT: tuple[str, ...] = ("script", "avatar_id", "voice_id")
AVATAR_IV_SUBJECT: tuple[str, ...] = ("script", "image_key", "voice_id")
SUBJECT_DOCS = {
    "script": "What the avatar says (text-to-speech).",
    "avatar_id": "The avatar (look) id, see list_avatars.",
    "image_key": "The photo: the asset id upload_asset returns (v2: its image_key) or a URL.",
    "voice_id": "The voice id, see list_voices.",
}


@dataclass(frozen=True)
class Param:
    """One declared parameter, as the CLI, the jobs file and the docs read it."""

    name: str
    annotation: Any
    doc: str

    @property
    def base_type(self) -> Any:
        """The type without ``None``: ``str``, ``float``, ``int``, ``bool`` or another."""
        args = [arg for arg in typing.get_args(self.annotation) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
        return self.annotation if not args else object


def _resolve_annotation_names() -> None:
    """Make the names the declarations annotate with importable here, on first use.

    ``TypedDict`` evaluates its string annotations in this module's namespace; the
    models and ``PollPolicy`` are imported late because their packages import this
    module.
    """
    import httpx

    from .jobs._policy import PollPolicy
    from .models import Dimension, VideoInput
    from .models.scene import Background

    namespace = vars(sys.modules[__name__])
    namespace.update(
        Dimension=Dimension,
        VideoInput=VideoInput,
        Background=Background,
        PollPolicy=PollPolicy,
        httpx=httpx,
    )


@functools.cache
def declared(options: type) -> tuple[Param, ...]:
    """The options of a ``TypedDict`` above, in order, with their types and docs."""
    _resolve_annotation_names()
    hints = typing.get_type_hints(options, include_extras=True)
    params = []
    for name, hint in hints.items():
        base, *meta = typing.get_args(hint) if typing.get_origin(hint) is Annotated else (hint,)
        doc = next((m.text for m in meta if isinstance(m, Doc)), "")
        params.append(Param(name, base, doc))
    return tuple(params)


def subject_params(subject: Sequence[str]) -> tuple[Param, ...]:
    return tuple(Param(name, str | None, SUBJECT_DOCS[name]) for name in subject)


def video_params() -> tuple[Param, ...]:
    """Every ``generate_video`` parameter: the job fields and CSV/JSONL columns."""
    return subject_params(VIDEO_SUBJECT) + declared(GenerateVideoOptions)


def avatar_iv_params() -> tuple[Param, ...]:
    """Every ``generate_avatar_iv_video`` parameter."""
    return subject_params(AVATAR_IV_SUBJECT) + declared(AvatarIVOptions)


FunctionT = TypeVar("FunctionT", bound=Callable[..., Any])


def with_options_signature(options: type) -> Callable[[FunctionT], FunctionT]:
    """Show ``**options: Unpack[options]`` as named keyword parameters at run time.

    Type checkers expand the ``Unpack`` themselves; ``help()``, ``inspect.signature``
    and the docs read ``__signature__``, set here from the same declaration. The
    options' one-line docs are appended to the docstring.

    The signature is built when first looked at: its annotations name the models,
    which the client's methods would otherwise import when the client is imported.
    """

    def decorate(function: FunctionT) -> FunctionT:
        own = inspect.signature(function)  # before it is replaced below
        function.__signature__ = _DeferredSignature(  # type: ignore[attr-defined]
            build=functools.partial(_expanded_signature, own, options)
        )
        lines = "\n".join(f"    {name}: {doc}" for name, doc in _option_docs(options))
        doc = inspect.cleandoc(function.__doc__ or "")
        function.__doc__ = f"{doc}\n\nKeyword options:\n{lines}\n"
        return function

    return decorate


def _expanded_signature(signature: inspect.Signature, options: type) -> inspect.Signature:
    """``signature`` with its ``**options`` written out as keyword parameters."""
    fixed = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    keywords = [
        inspect.Parameter(
            p.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=p.annotation
        )
        for p in declared(options)
    ]
    return signature.replace(parameters=[*fixed, *keywords])


class _DeferredSignature(inspect.Signature):
    """An ``inspect.Signature`` built by ``build`` on first use (``help()``,
    ``inspect.signature``), the same in every other respect."""

    __slots__ = ("_build", "_built")

    def __init__(
        self,
        parameters: Sequence[inspect.Parameter] | None = None,
        *,
        return_annotation: Any = inspect.Signature.empty,
        build: Callable[[], inspect.Signature] | None = None,
    ) -> None:
        # Not the base initialiser: its two slots are read through the properties
        # below. ``replace`` calls this class with parameters: built at once then.
        self._build = build
        self._built = (
            None if build else inspect.Signature(parameters, return_annotation=return_annotation)
        )

    def _signature(self) -> inspect.Signature:
        if self._built is None:
            assert self._build is not None  # one of the two is always set
            self._built = self._build()
        return self._built

    @property
    def _parameters(self) -> Mapping[str, inspect.Parameter]:
        return self._signature().parameters

    @property
    def _return_annotation(self) -> Any:
        return self._signature().return_annotation


# The names the declarations annotate with that ``_resolve_annotation_names`` imports.
_LATE_NAMES = ("Dimension", "VideoInput", "Background", "PollPolicy", "httpx")


class _StandIn:
    """What a late name evaluates to when only the options' names and docs are wanted
    (``httpx.Timeout`` too)."""

    Timeout: Any = None


@functools.cache
def _option_docs(options: type) -> tuple[tuple[str, str], ...]:
    """(name, doc) of each option of ``options``, in order, without importing the
    models their types name: each annotation is evaluated afresh with stand-ins for
    those names (not through ``typing``, whose evaluated forward references are
    cached and would keep the stand-ins)."""
    namespace = {**vars(sys.modules[__name__]), **dict.fromkeys(_LATE_NAMES, _StandIn)}
    docs = []
    for name, annotation in options.__annotations__.items():
        text = getattr(annotation, "__forward_arg__", annotation)
        hint = eval(text, namespace) if isinstance(text, str) else text
        metadata = getattr(hint, "__metadata__", ())
        docs.append((name, next((m.text for m in metadata if isinstance(m, Doc)), "")))
    return tuple(docs)


__all__ = [
    "AVATAR_IV_SUBJECT",
    "VIDEO_SUBJECT",
    "AvatarIVAndWaitOptions",
    "AvatarIVCallOptions",
    "AvatarIVOptions",
    "Doc",
    "GenerateVideoAndWaitOptions",
    "GenerateVideoCallOptions",
    "GenerateVideoOptions",
    "Param",
    "RequestOptions",
    "Unpack",
    "WaitCallOptions",
    "WaitOptions",
    "WaitRequestOptions",
    "avatar_iv_params",
    "declared",
    "video_params",
    "with_options_signature",
]
