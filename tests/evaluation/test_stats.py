"""The paired permutation test against p-values worked out by hand, and against McNemar's exact
test, which it must equal on 0/1 differences; the module's doctests run too."""

from __future__ import annotations

import doctest
import itertools

import pytest

from tunix_rt.evaluation import stats
from tunix_rt.evaluation.stats import mcnemar_exact, paired_permutation


def test_permutation_p_values_match_the_hand_count() -> None:
    # Nonzero differences 1, 1, 1, -0.5: observed total 2.5. Of the 16 sign assignments, totals
    # of absolute value >= 2.5 are +3.5, +2.5 (the observed one) and their mirrors: 4 / 16.
    assert paired_permutation([1.0, 1.0, 1.0, -0.5, 0.0]) == 0.25
    # All four the same way: only the observed assignment and its mirror reach 3.5: 2 / 16.
    assert paired_permutation([1.0, 1.0, 1.0, 0.5]) == 0.125
    # Sample means 2/3 and 1/3: floating sums must still tie with the observed one (1/3 + 1/3 = 2/3).
    assert paired_permutation([2 / 3, -1 / 3, -1 / 3]) == 1.0
    assert paired_permutation([0.0, 0.0]) == 1.0
    assert paired_permutation([]) == 1.0


def test_permutation_on_zero_one_differences_is_mcnemar() -> None:
    for fixed, broken in itertools.product(range(7), range(7)):
        differences = [1.0] * fixed + [-1.0] * broken + [0.0] * 3
        assert paired_permutation(differences) == pytest.approx(mcnemar_exact(fixed, broken)), (fixed, broken)


def test_many_differences_are_estimated_by_seeded_draws_close_to_the_exact_value() -> None:
    """Past EXACT_UP_TO nonzero differences the p-value is a Monte Carlo estimate with the +1
    correction: reproducible, never 0, and near McNemar's exact value on 0/1 differences."""
    differences = [1.0] * 14 + [-1.0] * 6
    estimate = paired_permutation(differences)
    assert estimate == paired_permutation(differences)
    assert estimate == pytest.approx(mcnemar_exact(14, 6), abs=0.02)
    assert paired_permutation([-1.0] * 40) == 1 / (stats.PERMUTATION_DRAWS + 1)


def test_doctests() -> None:
    failed, attempted = doctest.testmod(stats)
    assert (failed, attempted > 0) == (0, True)
