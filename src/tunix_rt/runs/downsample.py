"""Largest-triangle-three-buckets downsampling of a metric series for drawing.

Hand-written rather than imported: it is thirty lines, and the packages that ship it pull in
numpy, which the API server otherwise does not need. LTTB keeps the first and last points and,
per bucket, the point forming the largest triangle with its neighbours, so spikes and the
shape of a loss curve survive where plain striding would drop them.
"""

from __future__ import annotations

from collections.abc import Sequence


def lttb(xs: Sequence[float], ys: Sequence[float], threshold: int) -> list[int]:
    """Indices of at most ``threshold`` points that best keep the curve's shape (in order).

    >>> lttb([0, 1, 2, 3, 4], [0, 5, 0, 0, 0], 3)
    [0, 1, 4]
    """
    if threshold < 3:
        raise ValueError("LTTB needs a threshold of at least 3 (first, last and one bucket)")
    n = len(xs)
    if threshold >= n:
        return list(range(n))
    every = (n - 2) / (threshold - 2)
    kept = [0]
    a = 0
    for bucket in range(threshold - 2):
        start = int(bucket * every) + 1
        end = int((bucket + 1) * every) + 1
        next_start, next_end = end, min(int((bucket + 2) * every) + 1, n)
        span = range(next_start, next_end) if next_end > next_start else range(n - 1, n)
        avg_x = sum(xs[i] for i in span) / len(span)
        avg_y = sum(ys[i] for i in span) / len(span)
        ax, ay = xs[a], ys[a]
        best, best_area = start, -1.0
        for i in range(start, end):
            area = abs((ax - avg_x) * (ys[i] - ay) - (ax - xs[i]) * (avg_y - ay))
            if area > best_area:
                best, best_area = i, area
        kept.append(best)
        a = best
    kept.append(n - 1)
    return kept
