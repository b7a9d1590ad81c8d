"""The two statistics evaluation reports: Wilson score intervals and McNemar's exact test.

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
"""

from __future__ import annotations

import math
from fractions import Fraction

Z_95 = 1.959963984540054


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
