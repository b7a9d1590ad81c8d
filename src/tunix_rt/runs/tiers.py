"""Metric tiers: each series summarised per bucket of ``2**level`` steps, for several fixed
levels, so that a long curve is drawn from a few rows per bucket instead of every point.

A bucket keeps what M4 needs to draw it (``store.metric_buckets``): its first, last, lowest and
highest point (the lowest and highest with the earliest step among equal values) and how many
points it holds. Two adjacent buckets merge into their parent exactly, so a bucket of any
power-of-two width at or above the finest level is read from the tier at or just below it: at
most four rows per bucket wanted, however many points the series has. The
coarsest level gives a series' count and first and last step from one row (a series under a
million steps). Pure functions: the store writes tiers when points are recorded, migration 0015
for what was recorded before.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

LEVEL_STEP = 2
LEVELS = tuple(range(4, 21, LEVEL_STEP))
"""Bucket widths 16, 64, ... 1,048,576 steps (as powers of two): a factor of four between
levels, so a refresh merges at most four child rows per bucket and a read at most four rows per
bucket wanted. All levels together store about one row per 12 points."""
FINEST = LEVELS[0]
COLUMNS = (
    "points",
    "first_step",
    "first_value",
    "last_step",
    "last_value",
    "low_step",
    "low_value",
    "high_step",
    "high_value",
)
"""A bucket's columns, in the order ``Corners`` takes them."""
COARSEST = LEVELS[-1]


class Corners(NamedTuple):
    """One bucket of one series: its point count and its first, last, lowest and highest point
    (a tuple: a read makes one per row, tens of thousands per request)."""

    points: int
    first_step: int
    first_value: float
    last_step: int
    last_value: float
    low_step: int
    low_value: float
    high_step: int
    high_value: float

    def then(self, later: Corners) -> Corners:
        """This bucket and the next one (every step of ``later`` after this one's) as one; equal
        extremes keep the earlier point, as M4 does."""
        low = self if self.low_value <= later.low_value else later
        high = self if self.high_value >= later.high_value else later
        return Corners(
            self.points + later.points,
            self.first_step,
            self.first_value,
            later.last_step,
            later.last_value,
            low.low_step,
            low.low_value,
            high.high_step,
            high.high_value,
        )

    def row(self) -> dict[str, int | float]:
        """The columns of a ``run_metric_tiers`` row, by name."""
        return self._asdict()


def point(step: int, value: float) -> Corners:
    """A bucket holding one point."""
    return Corners(1, step, value, step, value, step, value, step, value)


def stored(columns: Sequence[Any]) -> Corners:
    """A bucket from a row's columns in ``COLUMNS`` order."""
    return Corners(*columns)


def merged(parts: Iterable[Corners]) -> Corners:
    """Buckets in step order as one."""
    iterator = iter(parts)
    out = next(iterator)
    for part in iterator:
        out = out.then(part)
    return out


def grouped(rows: Iterable[tuple[Any, int, Corners]], shift: int) -> Iterator[tuple[Any, int, Corners]]:
    """``(series, bucket, corners)`` in series then bucket order, merged into buckets ``2**shift``
    times as wide: the parents' ``(series, bucket, corners)`` in the same order."""
    key: tuple[Any, int] | None = None
    parts: list[Corners] = []
    for series, bucket, corners in rows:
        parent = (series, bucket >> shift)
        if parent != key:
            if key is not None:
                yield key[0], key[1], merged(parts)
            key, parts = parent, []
        parts.append(corners)
    if key is not None:
        yield key[0], key[1], merged(parts)


def widened(buckets: Sequence[int], corners: Iterable[Corners], shift: int) -> Iterator[Corners]:
    """One series' buckets (numbered ``buckets``, in order) merged into ones ``2**shift`` times as wide."""
    for _series, _bucket, parent in grouped(zip(itertools.repeat(None), buckets, corners), shift):
        yield parent


def every_level(points: Sequence[tuple[int, float]]) -> Iterator[tuple[int, int, Corners]]:
    """Every tier of one series from its points in step order: ``(level, bucket, corners)``."""
    below = list(grouped(((None, step, point(step, value)) for step, value in points), FINEST))
    previous = FINEST
    for level in LEVELS:
        if level != FINEST:
            below = list(grouped(below, level - previous))
            previous = level
        for _series, bucket, corners in below:
            yield level, bucket, corners


def m4(buckets: Iterable[Corners]) -> tuple[list[int], list[float]]:
    """The points M4 keeps of these buckets (given in step order), each once: per bucket its
    first point, its lowest and highest in step order where they are neither first nor last,
    and its last. No sort and no set: the points come out in step order."""
    steps: list[int] = []
    values: list[float] = []
    for _points, first, first_value, last, last_value, low, low_value, high, high_value in buckets:
        steps.append(first)
        values.append(first_value)
        if high < low:
            low, low_value, high, high_value = high, high_value, low, low_value
        if first < low < last:
            steps.append(low)
            values.append(low_value)
        if low < high < last and high > first:
            steps.append(high)
            values.append(high_value)
        if last != first:
            steps.append(last)
            values.append(last_value)
    return steps, values
