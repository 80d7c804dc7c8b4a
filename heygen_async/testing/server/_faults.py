"""Seeded, deterministic fault injection for the fake HeyGen server.

A ``FaultPlan`` says, per endpoint, which share of requests gets which fault,
and can force "the next N requests to endpoint X get fault Y"::

    plan = FaultPlan(seed=7)
    plan.add("status", Fault.rate_limit(retry_after=2), share=0.10)
    plan.add("*", Fault.server_error(503), share=0.02)
    plan.add("generate", Fault.latency(0.05), share=1.0)
    plan.force("generate", Fault.drop_after(), times=1)
    fake = FakeHeyGen(faults=plan)

Endpoint names are logical (``heygen_async.testing._endpoints``), the same on
every API version: ``generate``, ``av4``, ``status``, ``statuses``,
``list_videos``, ``avatars``, ``voices``, ``user``, ``assets``, ``upload``,
``create_asset``, ``direct_upload``, ``complete_upload`` (the API),
``download`` (the signed media URLs), ``storage_put`` (presigned upload URLs)
and ``*`` (every API endpoint; media and storage live on other hosts at
HeyGen, so ``*`` leaves them out).

How a request's fault is chosen:
1. a forced fault queued for the endpoint, else one queued for ``*``;
2. otherwise one uniform draw against the endpoint's error faults (its own
   rules, then the ``*`` rules, in the order added): shares stack, so
   ``0.1`` of 429 and ``0.05`` of 503 give exactly those shares, disjoint;
3. latency rules draw separately and add up, so a slow response can also
   be an error.
Each endpoint draws from its own ``random.Random`` derived from the seed, so
the faults one endpoint sees do not depend on traffic to the others.
"""

from __future__ import annotations

import dataclasses
import random
from collections import deque
from dataclasses import dataclass
from typing import Literal

from .._endpoints import ALL_API, API_ENDPOINTS, DOWNLOAD, ENDPOINTS, STORAGE_PUT

FaultKind = Literal[
    "rate_limit",
    "server_error",
    "html_error",
    "malformed_json",
    "latency",
    "drop_before",
    "drop_after",
    "truncated_body",
    "wrong_length",
]

_NOT_IN_ALL = (DOWNLOAD, STORAGE_PUT)

# Faults that can come after processing.
_AFTER_CAPABLE = frozenset({"server_error", "html_error", "latency"})
# Faults that only make sense for one side.
_DOWNLOAD_ONLY = frozenset({"truncated_body", "wrong_length"})
_API_ONLY = frozenset({"malformed_json"})


@dataclass(frozen=True)
class Fault:
    """One thing that can go wrong with a request. Build it with the class methods.

    ================================  =================================================
    ``Fault.rate_limit(retry_after)``  429; ``Retry-After`` in seconds, as an HTTP date
                                       (``http_date=True``), or absent (``None``)
    ``Fault.server_error(503)``        500/502/503/504 with HeyGen's JSON error body
    ``Fault.html_error(502)``          an HTML page (a proxy's 502, HeyGen's HTML 404)
    ``Fault.malformed_json()``         200 with a broken JSON body, after processing
    ``Fault.latency(0.2)``             answer normally, ``seconds`` later (anyio.sleep)
    ...(``after_processing=True``)      server_error / html_error / latency *after*
                                       the request was processed (a video exists,
                                       an Idempotency-Key answer is kept)
    ``Fault.drop_before()``            connection lost before the server saw the request
    ``Fault.drop_after()``             the server processed it, then the connection died
    ``Fault.truncated_body()``         (download) connection lost halfway through the body
    ``Fault.wrong_length()``           (download) Content-Length larger than the body sent
    ================================  =================================================
    """

    kind: FaultKind
    status: int = 0
    retry_after: float | None = None
    http_date: bool = False
    seconds: float = 0.0
    #: The server did the work first (created the video, kept the idempotent
    #: answer), then failed: the error or the stall replaces the real answer.
    after_processing: bool = False

    @classmethod
    def rate_limit(cls, retry_after: float | None = 1.0, *, http_date: bool = False) -> Fault:
        """HTTP 429. ``retry_after`` seconds go out as ``Retry-After: 2`` or, with
        ``http_date=True``, as an HTTP date that far ahead; ``None`` sends no header."""
        if retry_after is not None and retry_after < 0:
            raise ValueError(f"retry_after must be >= 0, got {retry_after!r}")
        return cls("rate_limit", status=429, retry_after=retry_after, http_date=http_date)

    @classmethod
    def server_error(
        cls,
        status: int = 500,
        *,
        retry_after: float | None = None,
        http_date: bool = False,
        after_processing: bool = False,
    ) -> Fault:
        """A 5xx with a JSON error body in the endpoint's envelope (503 may carry Retry-After).

        ``after_processing=True``: the request is processed first (a video is
        created), then this error is the answer, as when HeyGen fails after the work.
        """
        if status not in (500, 502, 503, 504):
            raise ValueError(f"server_error status must be 500, 502, 503 or 504, got {status}")
        return cls(
            "server_error",
            status=status,
            retry_after=retry_after,
            http_date=http_date,
            after_processing=after_processing,
        )

    @classmethod
    def html_error(cls, status: int = 502, *, after_processing: bool = False) -> Fault:
        """An HTML error page with this status: a gateway's 502/503/504 or HeyGen's HTML 404.

        ``after_processing=True``: a gateway that gave up while HeyGen did the work.
        """
        if not 400 <= status <= 599:
            raise ValueError(f"html_error status must be 4xx or 5xx, got {status}")
        return cls("html_error", status=status, after_processing=after_processing)

    @classmethod
    def malformed_json(cls) -> Fault:
        """HTTP 200 whose body is cut-off JSON. The request IS processed (a video may exist)."""
        return cls("malformed_json", status=200)

    @classmethod
    def latency(cls, seconds: float, *, after_processing: bool = False) -> Fault:
        """Answer normally after ``seconds`` of (real or virtual) ``anyio.sleep``.

        By default the stall comes first (the request is processed after it; an
        ``Idempotency-Key`` is in flight meanwhile, so a repeat gets 409). With
        ``after_processing=True`` the request is processed first and the stall
        delays only the answer: a client that times out has created the video.
        """
        if seconds < 0:
            raise ValueError(f"latency must be >= 0 seconds, got {seconds!r}")
        return cls("latency", seconds=seconds, after_processing=after_processing)

    @classmethod
    def drop_before(cls) -> Fault:
        """The connection fails before the request reaches the server: nothing happens.

        In-process this raises ``httpx.ConnectError``; over loopback the server
        closes the socket without reading on (``httpx.RemoteProtocolError``).
        """
        return cls("drop_before")

    @classmethod
    def drop_after(cls) -> Fault:
        """The server processes the request (a video is created), then the connection
        dies before the response: ``httpx.RemoteProtocolError`` in both modes."""
        return cls("drop_after")

    @classmethod
    def truncated_body(cls) -> Fault:
        """Download only: headers announce the full file, the connection dies midway."""
        return cls("truncated_body", status=200)

    @classmethod
    def wrong_length(cls) -> Fault:
        """Download only: ``Content-Length`` says the full size, fewer bytes arrive.

        In-process the body then ends cleanly (only a size check notices); over
        loopback HTTP/1.1 itself reports it (``httpx.RemoteProtocolError``).
        """
        return cls("wrong_length", status=200)

    @classmethod
    def parse(cls, text: str) -> Fault:
        """Parse a short spec, as the command line takes them.

        ``429``, ``429:2`` (Retry-After 2 s), ``429:2:date``, ``429:none``,
        ``500``..``504``, ``html:502``, ``malformed``, ``latency:0.2``,
        ``drop_before``, ``drop_after``, ``truncated``, ``wrong_length``;
        ``:after`` at the end of a 5xx, ``html`` or ``latency`` spec makes it
        ``after_processing`` (``502:after``, ``latency:30:after``).
        """
        spec = text.strip()
        if spec.endswith(":after"):
            fault = cls.parse(spec[: -len(":after")])
            if fault.kind not in _AFTER_CAPABLE:
                raise ValueError(f"bad fault spec {text!r}: ':after' applies to 5xx, html, latency")
            return dataclasses.replace(fault, after_processing=True)
        head, _, rest = spec.partition(":")
        args = rest.split(":") if rest else []
        try:
            if head == "429":
                if args and args[0] == "none":
                    return cls.rate_limit(None)
                seconds = float(args[0]) if args else 1.0
                return cls.rate_limit(seconds, http_date=len(args) > 1 and args[1] == "date")
            if head in ("500", "502", "503", "504"):
                return cls.server_error(int(head))
            if head == "html":
                return cls.html_error(int(args[0]) if args else 502)
            if head == "latency":
                return cls.latency(float(args[0]))
            simple = {
                "malformed": cls.malformed_json,
                "drop_before": cls.drop_before,
                "drop_after": cls.drop_after,
                "truncated": cls.truncated_body,
                "wrong_length": cls.wrong_length,
            }
            if head in simple and not args:
                return simple[head]()
        except (IndexError, ValueError) as exc:
            raise ValueError(f"bad fault spec {text!r}: {exc}") from None
        raise ValueError(f"bad fault spec {text!r}; see Fault.parse for the forms")


@dataclass(frozen=True)
class FaultDecision:
    """What the plan decided for one request: delays (before processing, and
    after it, before the answer) and at most one fault."""

    delay: float = 0.0
    fault: Fault | None = None
    delay_after: float = 0.0


_NO_FAULT = FaultDecision()


class FaultPlan:
    """Which faults the fake injects, where, and how often; seeded and deterministic.

    ``add`` (by share) and ``force`` (the next N requests) return the plan, so
    calls chain. Change a running fake's plan at any time (``fake.faults``).
    """

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed
        self._errors: dict[str, list[tuple[Fault, float]]] = {}
        self._latencies: dict[str, list[tuple[Fault, float]]] = {}
        self._forced: dict[str, deque[Fault]] = {}
        self._rngs: dict[str, random.Random] = {}

    def add(self, endpoint: str, fault: Fault, share: float) -> FaultPlan:
        """Give ``share`` (0..1) of the requests to ``endpoint`` this fault."""
        self._check(endpoint, fault)
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"share must be within 0..1, got {share!r}")
        if fault.kind == "latency":
            self._latencies.setdefault(endpoint, []).append((fault, share))
            return self
        self._errors.setdefault(endpoint, []).append((fault, share))
        for name in API_ENDPOINTS if endpoint == ALL_API else (endpoint,):
            total = sum(s for _, s in self._error_rules(name))
            if total > 1.0 + 1e-9:
                self._errors[endpoint].pop()
                raise ValueError(
                    f"fault shares for {name!r} would add up to {total:g} (> 1); lower one of them"
                )
        return self

    def force(self, endpoint: str, fault: Fault, times: int = 1) -> FaultPlan:
        """The next ``times`` requests to ``endpoint`` get ``fault``, before any share."""
        self._check(endpoint, fault)
        if times < 0:
            raise ValueError(f"times must be >= 0, got {times!r}")
        self._forced.setdefault(endpoint, deque()).extend([fault] * times)
        return self

    def clear(self) -> None:
        """Remove every rule and forced fault (the random streams continue)."""
        self._errors.clear()
        self._latencies.clear()
        self._forced.clear()

    def pending_forced(self, endpoint: str) -> int:
        """How many forced faults are still queued for ``endpoint`` (not counting ``*``)."""
        return len(self._forced.get(endpoint, ()))

    def decide(self, endpoint: str) -> FaultDecision:
        """Choose the fate of one request to ``endpoint`` (called by the fake's app)."""
        forced = self._pop_forced(endpoint)
        if forced is not None:
            if forced.kind == "latency" and forced.after_processing:
                return FaultDecision(delay_after=forced.seconds)
            if forced.kind == "latency":
                return FaultDecision(delay=forced.seconds)
            return FaultDecision(fault=forced)
        latencies = self._latency_rules(endpoint)
        errors = self._error_rules(endpoint)
        if not latencies and not errors:
            return _NO_FAULT
        rng = self._rng(endpoint)
        delay = delay_after = 0.0
        for fault, share in latencies:
            if rng.random() < share:
                if fault.after_processing:
                    delay_after += fault.seconds
                else:
                    delay += fault.seconds
        chosen: Fault | None = None
        if errors:
            draw = rng.random()
            cumulative = 0.0
            for fault, share in errors:
                cumulative += share
                if draw < cumulative:
                    chosen = fault
                    break
        return FaultDecision(delay=delay, fault=chosen, delay_after=delay_after)

    def _pop_forced(self, endpoint: str) -> Fault | None:
        for name in (endpoint,) if endpoint in _NOT_IN_ALL else (endpoint, ALL_API):
            queue = self._forced.get(name)
            if queue:
                return queue.popleft()
        return None

    def _error_rules(self, endpoint: str) -> list[tuple[Fault, float]]:
        rules = list(self._errors.get(endpoint, ()))
        if endpoint not in _NOT_IN_ALL:
            rules += self._errors.get(ALL_API, ())
        return rules

    def _latency_rules(self, endpoint: str) -> list[tuple[Fault, float]]:
        rules = list(self._latencies.get(endpoint, ()))
        if endpoint not in _NOT_IN_ALL:
            rules += self._latencies.get(ALL_API, ())
        return rules

    def _rng(self, endpoint: str) -> random.Random:
        rng = self._rngs.get(endpoint)
        if rng is None:
            rng = self._rngs[endpoint] = random.Random(f"{self.seed}:faults:{endpoint}")
        return rng

    @staticmethod
    def _check(endpoint: str, fault: Fault) -> None:
        if endpoint not in ENDPOINTS:
            raise ValueError(f"unknown endpoint {endpoint!r}; one of {', '.join(ENDPOINTS)}")
        if fault.kind in _DOWNLOAD_ONLY and endpoint != DOWNLOAD:
            raise ValueError(f"{fault.kind} applies to the 'download' endpoint only")
        if fault.kind in _API_ONLY and endpoint in _NOT_IN_ALL:
            raise ValueError(f"{fault.kind} applies to API endpoints, not {endpoint!r}")
        if fault.after_processing and endpoint == DOWNLOAD:
            raise ValueError("after_processing faults do not apply to 'download'")

    def __repr__(self) -> str:
        forced = {endpoint: len(queue) for endpoint, queue in self._forced.items()}
        return (
            f"FaultPlan(seed={self.seed!r}, errors={self._errors!r}, "
            f"latencies={self._latencies!r}, forced={forced!r})"
        )
