"""Reward-hacking alarms: patterns in a GRPO run's per-step rollout summaries that say the policy
is learning to please the rewards rather than to solve the task.

* ``format_without_correctness``: the format reward rises while correctness falls or stays flat
  (the model learned the tags, not the answers);
* ``length_explosion``: the mean completion length grows several-fold (padding the reasoning, or
  never stopping);
* ``reward_collapse``: in most groups every completion got the same reward, so advantages are zero
  and GRPO has nothing left to learn from.

Each check slides a window of ``window`` recorded steps over the run and reports the first window
that trips it, with its first and last step, so an alarm says when it started. Pure: the child
process raises them as run events while it trains and the API computes them from stored rollouts,
with the same thresholds.

>>> flat = [StepSummary(step=s, rewards={"format": s / 5, "correctness": 0.2}, total=0.0,
...                     length=10.0, zero_std_groups=0.0) for s in range(1, 9)]
>>> [(alarm.kind, alarm.first_step, alarm.last_step) for alarm in detect(flat)]
[('format_without_correctness', 1, 4)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import Literal

AlarmKind = Literal["format_without_correctness", "length_explosion", "reward_collapse"]
FORMAT_REWARD = "format"
_SLACK = 1e-9
"""Thresholds are met at equality despite float rounding (0.3 - 0.1 < 0.2)."""
CORRECTNESS_REWARD = "correctness"


@dataclass(frozen=True)
class StepSummary:
    """What one recorded step's rollouts amount to: per-reward means, mean total, mean length, and
    the fraction of its groups whose rewards are all equal (zero advantage everywhere)."""

    step: int
    rewards: dict[str, float]
    total: float
    length: float
    zero_std_groups: float


@dataclass(frozen=True)
class Thresholds:
    """When a window trips an alarm; the defaults are the documented ones (docs/guides/training.md)."""

    window: int = 4
    """Recorded steps per window (at least 2): first half against second half."""
    format_rise: float = 0.2
    """The format reward's mean must rise at least this much from the first half to the second..."""
    correctness_gain: float = 0.02
    """...while correctness's rises less than this (flat or falling)."""
    length_factor: float = 2.0
    """Mean completion length of the second half over the first half's."""
    min_length_growth: float = 8.0
    """And by at least this many tokens, so a 2-token to 5-token change is not an explosion."""
    zero_std_fraction: float = 0.75
    """Every step of the window has at least this fraction of groups with zero advantage."""


@dataclass(frozen=True)
class Alarm:
    """One tripped check: its kind, the window of steps that tripped it and what was seen there."""

    kind: AlarmKind
    first_step: int
    last_step: int
    message: str
    values: dict[str, float] = field(default_factory=dict)


Finding = tuple[str, dict[str, float]]
"""What a check saw in a tripping window: the message and the values behind it."""


def _halves(window: Sequence[StepSummary], read: str) -> tuple[float, float] | None:
    """Means of a series over the first and the second half of the window; None when a step lacks it."""
    series = []
    for summary in window:
        value = summary.length if read == "length" else summary.rewards.get(read)
        if value is None:
            return None
        series.append(value)
    middle = len(series) // 2
    return fmean(series[:middle]), fmean(series[len(series) - middle :])


def _format_without_correctness(window: Sequence[StepSummary], limits: Thresholds) -> Finding | None:
    fmt, correct = _halves(window, FORMAT_REWARD), _halves(window, CORRECTNESS_REWARD)
    if fmt is None or correct is None:
        return None
    rise, gain = fmt[1] - fmt[0], correct[1] - correct[0]
    if rise < limits.format_rise - _SLACK or gain >= limits.correctness_gain - _SLACK:
        return None
    return (
        f"format reward rose {fmt[0]:.2f} -> {fmt[1]:.2f} while correctness went {correct[0]:.2f} -> {correct[1]:.2f}",
        {
            "format_before": fmt[0],
            "format_after": fmt[1],
            "correctness_before": correct[0],
            "correctness_after": correct[1],
        },
    )


def _length_explosion(window: Sequence[StepSummary], limits: Thresholds) -> Finding | None:
    before, after = _halves(window, "length") or (0.0, 0.0)
    if after - before < limits.min_length_growth - _SLACK or after < limits.length_factor * before - _SLACK:
        return None
    return (
        f"mean completion length grew {before:.1f} -> {after:.1f} tokens",
        {"length_before": before, "length_after": after},
    )


def _reward_collapse(window: Sequence[StepSummary], limits: Thresholds) -> Finding | None:
    fractions = [summary.zero_std_groups for summary in window]
    if min(fractions) < limits.zero_std_fraction - _SLACK:
        return None
    return (
        f"{min(fractions):.0%} or more of the groups had zero reward spread (no advantage) at every step",
        {"zero_std_groups_min": min(fractions), "zero_std_groups_mean": fmean(fractions)},
    )


CHECKS: dict[AlarmKind, Callable[[Sequence[StepSummary], Thresholds], Finding | None]] = {
    "format_without_correctness": _format_without_correctness,
    "length_explosion": _length_explosion,
    "reward_collapse": _reward_collapse,
}


def detect(summaries: Sequence[StepSummary], limits: Thresholds | None = None) -> list[Alarm]:
    """The first tripping window of each check over ``summaries`` (in step order), in check order."""
    limits = limits or Thresholds()
    ordered = sorted(summaries, key=lambda summary: summary.step)
    size = max(2, limits.window)
    found: list[Alarm] = []
    for kind, check in CHECKS.items():
        for end in range(size, len(ordered) + 1):
            window = ordered[end - size : end]
            finding = check(window, limits)
            if finding is not None:
                found.append(Alarm(kind, window[0].step, window[-1].step, *finding))
                break
    return found


def summarise(step: int, rows: Sequence[tuple[int, dict[str, float], float, float, int]]) -> StepSummary:
    """A step's summary from its rollouts as ``(group, rewards, total, advantage, length)``: a group
    has zero spread when all its advantages are (numerically) zero."""
    names = sorted({name for _, rewards, _, _, _ in rows for name in rewards})
    groups: dict[int, list[float]] = {}
    for group, _, _, advantage, _ in rows:
        groups.setdefault(group, []).append(advantage)
    flat = sum(1 for advantages in groups.values() if all(abs(value) < 1e-6 for value in advantages))
    return StepSummary(
        step=step,
        rewards={name: fmean([rewards[name] for _, rewards, _, _, _ in rows if name in rewards]) for name in names},
        total=fmean([total for _, _, total, _, _ in rows]),
        length=fmean([length for *_, length in rows]),
        zero_std_groups=flat / len(groups) if groups else 0.0,
    )
