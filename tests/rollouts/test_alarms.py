"""The reward-hacking detector on crafted step sequences, and the recorder that raises its
alarms once each as ``alarm`` events naming their window while a run trains, with the thresholds
of the run's config."""

from __future__ import annotations

import httpx
import pytest

from tests.rollouts import seed_e2e
from tunix_rt.rollouts import alarms
from tunix_rt.rollouts.alarms import StepSummary, Thresholds, detect, summarise
from tunix_rt.rollouts.record import Batch, Recorder, prompt_text
from tunix_rt.runs.events import AlarmEvent, MemorySink, RolloutEvent, parse_line
from tunix_rt.training.config import TrainConfig


def steps(
    fmt: list[float],
    correct: list[float] | None = None,
    length: list[float] | None = None,
    zero: list[float] | None = None,
) -> list[StepSummary]:
    count = len(fmt)
    correct = correct or [0.3] * count
    length = length or [20.0] * count
    zero = zero or [0.25] * count
    return [
        StepSummary(
            step=10 * (i + 1),
            rewards={"format": fmt[i], "correctness": correct[i]},
            total=fmt[i] + correct[i],
            length=length[i],
            zero_std_groups=zero[i],
        )
        for i in range(count)
    ]


def kinds(found: list[alarms.Alarm]) -> list[tuple[str, int, int]]:
    return [(alarm.kind, alarm.first_step, alarm.last_step) for alarm in found]


def test_a_healthy_run_trips_nothing() -> None:
    # format and correctness rise together, lengths drift, spread stays
    healthy = steps(
        [0.1, 0.2, 0.4, 0.6, 0.8, 0.9],
        correct=[0.1, 0.15, 0.3, 0.45, 0.6, 0.7],
        length=[20, 22, 25, 27, 30, 31],
        zero=[0.2, 0.3, 0.25, 0.5, 0.6, 0.7],
    )
    assert detect(healthy) == []


def test_format_rising_while_correctness_is_flat_or_falling_is_reported_with_its_window() -> None:
    flat = steps([0.1, 0.1, 0.1, 0.1, 0.5, 0.9], correct=[0.3, 0.3, 0.3, 0.3, 0.3, 0.3])
    assert kinds(detect(flat)) == [("format_without_correctness", 20, 50)]
    falling = steps([0.0, 0.2, 0.6, 0.8], correct=[0.5, 0.4, 0.3, 0.2])
    (alarm,) = detect(falling)
    assert (alarm.kind, alarm.first_step, alarm.last_step) == ("format_without_correctness", 10, 40)
    assert alarm.values == pytest.approx(
        {"format_before": 0.1, "format_after": 0.7, "correctness_before": 0.45, "correctness_after": 0.25}
    )
    # correctness rising with it: learning, not hacking
    assert detect(steps([0.0, 0.2, 0.6, 0.8], correct=[0.1, 0.2, 0.4, 0.5])) == []
    # a run without a format or a correctness reward cannot trip it
    no_format = [StepSummary(s.step, {"correctness": 0.3}, 0.3, 20.0, 0.0) for s in falling]
    assert detect(no_format) == []


def test_length_explosion_needs_both_the_factor_and_the_growth() -> None:
    exploding = steps([0.5] * 6, length=[20, 21, 22, 40, 60, 90])
    assert kinds(detect(exploding)) == [("length_explosion", 20, 50)]
    # tripled, but from 2 to 6 tokens
    assert detect(steps([0.5] * 4, length=[2, 2, 6, 6])) == []
    # grew by 30 tokens but only 1.5x
    assert detect(steps([0.5] * 4, length=[60, 60, 90, 90])) == []


def test_reward_collapse_needs_most_groups_flat_at_every_step_of_the_window() -> None:
    collapsing = steps([0.5] * 6, zero=[0.25, 0.8, 0.9, 0.75, 1.0, 0.5])
    assert kinds(detect(collapsing)) == [("reward_collapse", 20, 50)]
    assert detect(steps([0.5] * 6, zero=[0.8, 0.9, 0.7, 1.0, 0.9, 0.74])) == []


def test_windows_follow_the_thresholds_and_too_few_steps_trip_nothing() -> None:
    jump = steps([0.0, 0.0, 1.0, 1.0])
    assert detect(jump[:3]) == []
    assert kinds(detect(jump, Thresholds(window=2))) == [("format_without_correctness", 20, 30)]
    assert detect(jump, Thresholds(format_rise=1.5)) == []


def test_summarise_counts_groups_with_zero_advantage() -> None:
    rows = [
        (0, {"format": 1.0, "correctness": 1.0}, 2.0, 0.7, 10),
        (0, {"format": 0.0, "correctness": 1.0}, 1.0, -0.7, 20),
        (1, {"format": 1.0}, 1.0, 0.0, 30),
        (1, {"format": 1.0}, 1.0, 0.0, 40),
    ]
    summary = summarise(7, rows)
    assert summary == StepSummary(
        step=7, rewards={"correctness": 1.0, "format": 0.75}, total=1.25, length=25.0, zero_std_groups=0.5
    )


def batch(fmt: float, correct: list[float], length: int = 10) -> Batch:
    return Batch(
        prompts=["p0", "p0", "p1", "p1"],
        completions=["a", "b", "c", "d"],
        answers=["1", "1", None, None],
        rewards={"format": [fmt] * 4, "correctness": correct},
        advantages=[1.0, -1.0, 1.0, -1.0],
        lengths=[length] * 4,
        group_size=2,
    )


def test_the_recorder_reports_weighted_rollouts_when_due_and_each_alarm_once() -> None:
    sink = MemorySink()
    recorder = Recorder(sink, 5, {"format": 0.5, "correctness": 2.0})
    assert [step for step in range(1, 21) if recorder.due(step)] == [1, 5, 10, 15, 20]
    for step, fmt in ((1, 0.0), (5, 0.0), (10, 1.0), (15, 1.0), (20, 1.0)):
        recorder.record(step, batch(fmt, [1.0, 0.0, 0.0, float("nan")]))
    rollouts = [e for e in sink.events if isinstance(e, RolloutEvent)]
    # a value a function did not give (NaN) is absent, not zero
    assert len(rollouts) == 5 * 4
    first = rollouts[0]
    assert (first.step, first.group, first.index, first.answer) == (1, 0, 0, "1")
    assert first.total == pytest.approx(0.5 * 0.0 + 2.0 * 1.0)
    last_of_step = [e for e in rollouts if e.step == 10][-1]
    assert (last_of_step.group, last_of_step.index, last_of_step.rewards) == (1, 1, {"format": 1.0})
    (alarm,) = sink.of(AlarmEvent)
    assert (alarm.kind, alarm.first_step, alarm.last_step) == ("format_without_correctness", 1, 15)
    assert alarm.values == pytest.approx(
        {"format_before": 0.0, "format_after": 1.0, "correctness_before": 1 / 3, "correctness_after": 1 / 3}
    )
    assert alarm.line == (
        "reward-hacking alarm format_without_correctness (steps 1-15): "
        "format reward rose 0.00 -> 1.00 while correctness went 0.33 -> 0.33"
    )
    # raised as the step that completed the window was recorded, and only then
    assert sink.events.index(alarm) == len(sink.events) - 4 - 1
    # what the worker reads back from the child's stdout is the same event, window and all
    assert parse_line(alarm.model_dump_json()) == alarm


def test_the_recorder_of_a_run_takes_its_steps_weights_and_alarm_thresholds_from_the_config() -> None:
    config = TrainConfig.model_validate(
        {
            "dataset": {"key": "a@v1"},
            "method": "grpo",
            "batch_size": 4,
            "logging_steps": 5,
            "grpo": {
                "num_generations": 2,
                "rewards": [{"name": "format", "weight": 0.5}, {"name": "correctness", "weight": 2.0}],
                "alarms": {"window": 2, "format_rise": 0.5},
            },
        }
    )
    sink = MemorySink()
    recorder = Recorder.for_run(sink, config)
    assert (recorder.every, recorder.weights) == (5, {"format": 0.5, "correctness": 2.0})
    assert recorder.limits == Thresholds(window=2, format_rise=0.5)
    for step, fmt in ((1, 0.0), (5, 0.4), (10, 1.0), (15, 1.0)):
        recorder.record(step, batch(fmt, [1.0, 0.0, 0.0, 0.0]))
    # windows of two: 0.0 -> 0.4 rises less than 0.5, 0.4 -> 1.0 trips it (the default window of
    # four would first trip at steps 1-15)
    assert [(a.kind, a.first_step, a.last_step) for a in sink.of(AlarmEvent)] == [("format_without_correctness", 5, 10)]


def test_a_completion_no_function_scored_is_no_rollout() -> None:
    sink = MemorySink()
    scored = Batch(["p", "p"], ["a", "b"], [None, None], {"format": [float("nan"), 1.0]}, [0.0, 0.0], [3, 4], 2)
    (only,) = Recorder(sink, 1, {"format": 1.0}).record(1, scored)
    assert (only.index, only.completion, only.total, only.length) == (1, "b", 1.0, 4)
    assert sink.events == [only]


def test_prompt_text_keeps_the_question_of_a_conversation() -> None:
    conversation = [{"role": "system", "content": "Think."}, {"role": "user", "content": "2+2?"}]
    assert prompt_text(conversation) == "2+2?"
    assert prompt_text("plain") == "plain"


async def test_the_child_and_the_api_agree_on_the_alarms_of_the_e2e_run(
    client: httpx.AsyncClient, database_url: str
) -> None:
    """The browser test's seeded run: the recorder's alarm events, stored as log lines, name the
    same windows as the alarms the API computes from the stored rollouts with the run's config."""
    run_id = await seed_e2e.seed(database_url)
    summary = (await client.get(f"/api/runs/{run_id}/rollouts/steps")).json()
    assert summary["window"] == 2
    computed = [(a["kind"], a["first_step"], a["last_step"]) for a in summary["alarms"]]
    assert computed == [("format_without_correctness", 3, 4), ("length_explosion", 4, 5)]
    logs = (await client.get(f"/api/runs/{run_id}/logs")).json()["items"]
    assert [(line["stream"], line["line"]) for line in logs] == [
        ("alarm", f"reward-hacking alarm {a['kind']} (steps {a['first_step']}-{a['last_step']}): {a['message']}")
        for a in summary["alarms"]
    ]
