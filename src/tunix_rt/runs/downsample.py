"""Largest-triangle-three-buckets downsampling of a metric series for drawing.

Hand-written rather than imported: it is thirty lines, and the packages that ship it pull in
numpy, which the API server otherwise does not need. LTTB keeps the first and last points and,
per bucket, the point forming the largest triangle with its neighbours, so spikes and the
shape of a loss curve survive where plain striding would drop them.
"""

from __future__ import annotations

import math
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
    ax, ay = xs[0], ys[0]
    start, end = 1, int(every) + 1
    # An overlay runs this on a thousand series per request: the bucket bounds carry over from
    # one bucket to the next, the averages are slices summed in C (the same additions in the
    # same order as a loop), and the triangle's constant factors are taken out of the loop.
    for bucket in range(threshold - 2):
        following = int((bucket + 2) * every) + 1
        next_start, next_end = end, following if following < n else n
        if next_end <= next_start:
            next_start, next_end = n - 1, n
        avg_x = sum(xs[next_start:next_end]) / (next_end - next_start)
        avg_y = sum(ys[next_start:next_end]) / (next_end - next_start)
        across, up = ax - avg_x, avg_y - ay
        best, best_area = start, -1.0
        for i in range(start, end):
            area = abs(across * (ys[i] - ay) - (ax - xs[i]) * up)
            if area > best_area:
                best, best_area = i, area
        kept.append(best)
        ax, ay = xs[best], ys[best]
        start, end = end, following
    kept.append(n - 1)
    return kept


def split_budget(counts: Sequence[int], total: int) -> list[int]:
    """Points per series so that all of them together stay within ``total``: an even share each,
    and what a series shorter than its share leaves unused goes to the longer ones.

    >>> split_budget([10, 1000, 1000], 300)
    [10, 145, 145]
    """
    shares = [0] * len(counts)
    left, remaining = total, len(counts)
    for index in sorted(range(len(counts)), key=counts.__getitem__):
        shares[index] = min(counts[index], left // remaining)
        left -= shares[index]
        remaining -= 1
    return shares


def bucket_width(spans: Sequence[int], shares: Sequence[int]) -> int:
    """Steps per bucket for reducing these series together (``store.metric_buckets``, M4: the
    first, last, lowest and highest point of each bucket, so two where the curve is monotonic
    and up to four where it is not): wide enough for about half as many buckets as the share
    (one fewer, as the buckets need not line up with a series' first step), so a smooth curve
    comes back with about its share and a noisy one with up to twice, which LTTB cuts; the
    narrowest any of the series needs, so none is drawn coarser than its share allows (longer
    ones come back with more points, for LTTB to cut too). Rounded down to a power of two, the
    widths the stored tiers merge into exactly (``runs/tiers.py``): up to twice the buckets, each
    at most as wide as asked. Few buckets is also what keeps the read cheap: rows per bucket.

    >>> bucket_width([2000, 100_000], [59, 60])
    64
    """
    widest = max(1, min(math.ceil(span / max(1, share // 2 - 1)) for span, share in zip(spans, shares, strict=True)))
    return 1 << (widest.bit_length() - 1)
