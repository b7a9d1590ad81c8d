"""LTTB keeps a curve's shape in a fixed number of points."""

from __future__ import annotations

import math

import pytest

from tunix_rt.runs.downsample import lttb


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
