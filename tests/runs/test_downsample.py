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
    # 500 runs of 2,000 steps and one of 100,000 at 59-60 points each: 28 buckets of 72 steps,
    # two points each on a smooth curve (within the share), up to four on a noisy one
    assert bucket_width([2000, 100_000], [59, 60]) == 72
    assert 2 * (2000 // 72 + 2) <= 59 < 4 * (2000 // 72)
    assert bucket_width([100_000], [1000]) == 201
    assert bucket_width([3], [5]) == 3  # a share under 6: one bucket or two
    assert bucket_width([10], [1000]) == 1  # never below one step
