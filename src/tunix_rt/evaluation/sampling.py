"""Sampling-based evaluation: k completions per item, and the scores they allow.

With ``samples: k`` an evaluation generates k completions of every item (at the configured
temperature, top-p and seed), judges each one the same way as a single output, and keeps them all.
The item's own row shows its first sample, so the scorecard's strict and lenient accuracy are
those of one sample per item, comparable with a ``samples: 1`` evaluation at the same settings;
the ``sampling`` block of the scorecard adds what only several samples can tell:

* **pass@k'** for k' = 1, 2, 4, ... up to k: the chance that at least one of k' samples is
  strict-correct, with the unbiased estimator of Chen et al. 2021 (*Evaluating Large Language
  Models Trained on Code*): per item, ``1 - C(n - c, k') / C(n, k')`` for c correct of n samples,
  averaged over items. pass@1 is the mean accuracy over all samples.
* **maj@k**: the majority vote over the samples' extracted answers (compared after
  ``answers.normalize``; a tie goes to the answer seen first; an output with no answer votes for
  "no answer", which is never right) is right when it equals the expected answer exactly.
* **agreement** per item: the share of samples that voted with the majority; 1.0 means every
  sample said the same thing, low values flag items the model is unstable on. The mean is reported.

Each score has a 95% interval from a bootstrap over items (items resampled with replacement, the
per-item values kept, 1,000 resamples, a fixed seed so a scorecard is reproducible). Written here
rather than taken from scipy: scipy is not a dependency, and a percentile bootstrap of a mean is
a few lines.

>>> pass_at_k(n=5, c=2, k=1)
0.4
>>> round(pass_at_k(n=5, c=2, k=2), 3)
0.7
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from typing import Any

from tunix_rt.evaluation import answers

SAMPLE_FIELDS = (
    "output",
    "output_tokens",
    "truncated",
    "extracted_answer",
    "method",
    "strict",
    "lenient",
    "format_ok",
    "failure",
    "reasoning_tokens",
    "incomplete",
)
"""What each sample keeps of its own judged prediction (the item's fields are the item's)."""
BOOTSTRAP_RESAMPLES = 1_000
BOOTSTRAP_SEED = 0


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased pass@k of one item with ``c`` correct of ``n`` samples (``k <= n``)."""
    if not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs 1 <= k <= n samples ({n})")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def ks(samples: int) -> list[int]:
    """The k' reported: powers of two below ``samples``, and ``samples`` itself.

    >>> ks(5), ks(8), ks(1)
    ([1, 2, 4, 5], [1, 2, 4, 8], [1])
    """
    powers = [2**i for i in range(samples.bit_length()) if 2**i < samples]
    return [*powers, samples]


def majority(extracted: Sequence[str | None]) -> tuple[str | None, float]:
    """The majority answer (the first seen wins a tie; None is "no answer") and the share of
    samples that gave it.

    >>> majority(["4", " 4 ", "5", None])
    ('4', 0.5)
    """
    votes: dict[str | None, int] = {}
    first: dict[str | None, str | None] = {}
    for answer in extracted:
        key = None if answer is None else answers.normalize(answer) or None
        votes[key] = votes.get(key, 0) + 1
        first.setdefault(key, answer if answer is None else answer.strip())
    winner = max(votes, key=lambda key: votes[key])  # max keeps the first of equal counts
    return first[winner], votes[winner] / len(extracted)


def group(judged: Sequence[Mapping[str, Any]], samples: int) -> list[dict[str, Any]]:
    """Item-level predictions from judged outputs that hold ``samples`` consecutive outputs per
    item: the first sample's prediction, with every sample's verdicts under ``samples``, the
    number strict-correct, the majority answer and its agreement."""
    if len(judged) % samples:
        raise ValueError(f"{len(judged)} outputs are not {samples} per item")
    items = []
    for start in range(0, len(judged), samples):
        members = judged[start : start + samples]
        voted, agreement = majority([member.get("extracted_answer") for member in members])
        expected = str(members[0]["expected_answer"])
        items.append(
            {
                **members[0],
                "samples": [{field: member.get(field) for field in SAMPLE_FIELDS} for member in members],
                "samples_correct": sum(1 for member in members if member["strict"]),
                "majority_answer": voted,
                "majority_correct": voted is not None and answers.compare(voted, expected, symbolic=False)[0],
                "agreement": agreement,
            }
        )
    return items


def bootstrap(values: Sequence[float], resamples: int = BOOTSTRAP_RESAMPLES) -> tuple[float, float]:
    """A 95% percentile interval of the mean of ``values`` (resampled with replacement, fixed seed).

    >>> bootstrap([1.0] * 10)
    (1.0, 1.0)
    """
    if not values:
        return 0.0, 1.0
    rng = random.Random(BOOTSTRAP_SEED)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(resamples))
    return means[int(0.025 * (resamples - 1))], means[math.ceil(0.975 * (resamples - 1))]


def _score(values: Sequence[float]) -> dict[str, float]:
    low, high = bootstrap(values)
    return {"value": sum(values) / len(values) if values else 0.0, "low": low, "high": high}


def scores(items: Sequence[Mapping[str, Any]], samples: int) -> dict[str, Any]:
    """The scorecard's ``sampling`` block from item-level predictions made by ``group``."""
    return {
        "samples": samples,
        "pass_at": {
            str(k): _score([pass_at_k(samples, item["samples_correct"], k) for item in items]) for k in ks(samples)
        },
        "maj_at_k": _score([float(item["majority_correct"]) for item in items]),
        "mean_agreement": _score([float(item["agreement"]) for item in items]),
    }
