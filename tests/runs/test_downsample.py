"""LTTB keeps a curve's shape in a fixed number of points."""

from __future__ import annotations

import math

import pytest

from tunix_rt.runs.downsample import bucket_width, lttb


def test_keeps_first_last_and_spikes() -> None:
    xs = list(range(10_000))
    ys = [math.sin(x / 500) for x in xs]
    ys[4321] = 50.0
    kept = lttb(xs, ys, 200)
    assert len(kept) == 200
    assert (kept[0], kept[-1]) == (0, 9_999)
    assert kept == sorted(set(kept))
    assert 4321 in kept


def test_small_series_are_returned_whole() -> None:
    assert lttb([0, 1, 2], [5, 6, 7], 3) == [0, 1, 2]
    assert lttb([], [], 10) == []
    assert lttb([0, 1, 2, 3, 4], [0, 5, 0, 0, 0], 3) == [0, 1, 4]


def test_needs_room_for_first_last_and_one_bucket() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        lttb([0, 1, 2, 3], [0, 1, 2, 3], 2)


def test_bucket_width_is_the_narrowest_any_series_needs() -> None:
    # 500 runs of 2,000 steps and one of 100,000 at 59-60 points each: 28 buckets of 72 steps
    # asked, rounded down to a power of two (what the tiers merge into): 32 buckets of 64, so
    # even a smooth curve (two points a bucket) fills its share, and LTTB cuts the rest
    assert bucket_width([2000, 100_000], [59, 60]) == 64
    assert 2 * (2000 // 64) >= 59
    assert bucket_width([100_000], [1000]) == 128  # 201 asked
    assert bucket_width([100_000], [10]) == 16_384  # 25,000 asked: widths never grow past what is asked
    assert bucket_width([3], [5]) == 2  # a share under 6: 3 asked, so two buckets or three
    assert bucket_width([10], [1000]) == 1  # never below one step
