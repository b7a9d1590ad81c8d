"""The statistics evaluation reports: Wilson score intervals, McNemar's exact test and a paired
sign-flip permutation test.

Both are a few lines of pure Python on purpose: scipy is not a dependency, and these need only
``math``. Wilson's interval stays inside [0, 1] and is sensible at 0/n and n/n, where the
normal approximation collapses to a zero-width interval. McNemar's exact test is the two-sided
binomial test on the discordant pairs (items one model got right and the other wrong): under the
null hypothesis of equal accuracy each discordant item is a fair coin flip. The binomial tail is
summed with ``math.comb`` in exact integer arithmetic, so it is exact even for thousands of items.

>>> [round(x, 3) for x in wilson(8, 10)]
[0.49, 0.943]
>>> mcnemar_exact(0, 6)
0.03125

The permutation test is McNemar's generalised to per-item scores that are not 0 or 1 (the share
of an item's k samples judged right): under the null hypothesis the two evaluations are
exchangeable on every item, so each item's difference is as likely to have either sign, and the
p-value is the share of the 2^n sign assignments whose total is at least as far from 0 as the
one observed. On 0/1 differences it is exactly McNemar's test.

>>> paired_permutation([1.0, 1.0, 1.0, 0.5, 0.0])
0.125
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from fractions import Fraction

Z_95 = 1.959963984540054
EXACT_UP_TO = 16
"""Up to this many nonzero differences the permutation test enumerates every sign assignment."""
PERMUTATION_DRAWS = 10_000
PERMUTATION_SEED = 0
_DIGITS = 9
"""Sums are compared rounded to this many decimals, so 0.1 + 0.2 ties with 0.3 as it should."""


def wilson(successes: int, total: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval of a proportion (95% by default); ``(0, 1)`` when ``total`` is 0."""
    if total <= 0:
        return 0.0, 1.0
    p = successes / total
    denominator = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denominator
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def mcnemar_exact(fixed: int, broken: int) -> float:
    """Two-sided exact McNemar p-value from the discordant counts (b = fixed, c = broken).

    ``2 * P(X <= min(b, c))`` for ``X ~ Binomial(b + c, 1/2)``, capped at 1; 1.0 when there are
    no discordant items (no evidence of any difference).
    """
    n = fixed + broken
    if n == 0:
        return 1.0
    k = min(fixed, broken)
    tail = Fraction(sum(math.comb(n, i) for i in range(k + 1)), 2**n)
    return float(min(Fraction(1), 2 * tail))


def paired_permutation(
    differences: Sequence[float], draws: int = PERMUTATION_DRAWS, seed: int = PERMUTATION_SEED
) -> float:
    """Two-sided p-value of a paired sign-flip permutation test on per-item differences.

    Items with no difference carry no evidence and are left out (as McNemar leaves out the
    concordant ones). With at most ``EXACT_UP_TO`` nonzero differences every sign assignment is
    counted, so the p-value is exact; beyond that ``draws`` random assignments (fixed ``seed``,
    so a gate's answer is reproducible) estimate it as ``(hits + 1) / (draws + 1)``, which never
    claims a p-value of 0 from a finite sample. 1.0 when no item differs.
    """
    nonzero = [abs(d) for d in differences if round(d, _DIGITS) != 0]
    if not nonzero:
        return 1.0
    observed = round(abs(sum(differences)), _DIGITS)
    if len(nonzero) <= EXACT_UP_TO:
        totals: dict[float, int] = {0.0: 1}
        for size in nonzero:
            spread: dict[float, int] = {}
            for total, ways in totals.items():
                for signed in (total + size, total - size):
                    key = round(signed, _DIGITS)
                    spread[key] = spread.get(key, 0) + ways
            totals = spread
        extreme = sum(ways for total, ways in totals.items() if abs(total) >= observed)
        return float(Fraction(extreme, 2 ** len(nonzero)))
    rng = random.Random(seed)
    hits = sum(
        1
        for _ in range(draws)
        if round(abs(sum(size if rng.random() < 0.5 else -size for size in nonzero)), _DIGITS) >= observed
    )
    return (hits + 1) / (draws + 1)
