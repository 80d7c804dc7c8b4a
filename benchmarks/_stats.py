"""Small summary statistics (no numpy: the benchmarks need only the SDK's own deps)."""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass


def mean(values: Sequence[float]) -> float:
    return statistics.fmean(values) if values else math.nan


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def percentile(values: Sequence[float], share: float) -> float:
    """The ``share`` quantile (0.95 = p95), nearest-rank, of ``values``."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Spread:
    """The minimum, median and maximum of a benchmark's rounds."""

    low: float
    mid: float
    high: float
    rounds: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(math.nan, math.nan, math.nan, 0)
        return cls(min(values), statistics.median(values), max(values), len(values))

    def scaled(self, factor: float) -> Spread:
        """Every figure times ``factor`` (seconds per round -> per call, say)."""
        return Spread(self.low * factor, self.mid * factor, self.high * factor, self.rounds)


def paired_ratios(values: Sequence[float], baselines: Sequence[float]) -> Spread:
    """Round i's value over round i's baseline (the two ran back to back in that
    round), summarised over the rounds; a round whose baseline is zero is skipped."""
    return Spread.of([v / b for v, b in zip(values, baselines, strict=True) if b])


def paired_differences(values: Sequence[float], baselines: Sequence[float]) -> Spread:
    """Round i's value minus round i's baseline, summarised over the rounds."""
    return Spread.of([v - b for v, b in zip(values, baselines, strict=True)])
