"""The child's side of GRPO rollouts: every ``every`` steps, a generation batch the trainer
scored becomes one ``RolloutEvent`` per completion, and the alarms (``alarms.py``) are checked
on the steps recorded so far with the run's thresholds (``grpo.alarms``), each new one reported
once as an ``alarm`` event naming its window.

Both backends hand a ``Recorder`` what their trainer already computed (TRL's logged
completions, rewards and advantages; Tunix's reward calls and its advantages): nothing of GRPO is
computed again here except the weighted total, which is the sum each trainer optimises.
"""

from __future__ import annotations

import dataclasses
import math
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from tunix_rt.rollouts import alarms
from tunix_rt.runs.events import ROLLOUT_TEXT_CHARS, AlarmEvent, EventSink, RolloutEvent
from tunix_rt.training import rewards
from tunix_rt.training.config import TrainConfig


@dataclass(frozen=True)
class Batch:
    """One scored generation batch, groups of ``group_size`` consecutive completions per prompt."""

    prompts: Sequence[str]
    completions: Sequence[str]
    answers: Sequence[str | None]
    rewards: Mapping[str, Sequence[float]]
    advantages: Sequence[float]
    lengths: Sequence[int]
    group_size: int


def prompt_text(prompt: rewards.Completion) -> str:
    """A prompt as text: itself, or its user messages' contents (a conversation's question)."""
    if isinstance(prompt, str):
        return prompt
    users = [str(message.get("content", "")) for message in prompt if message.get("role") == "user"]
    return "\n\n".join(users) if users else rewards.completion_text(prompt)


class Recorder:
    """Turns scored batches into rollout events at the steps it is due, and raises alarms."""

    def __init__(
        self,
        events: EventSink,
        every: int,
        weights: Mapping[str, float],
        limits: alarms.Thresholds | None = None,
    ) -> None:
        self.events = events
        self.every = every
        self.weights = dict(weights)
        self.limits = limits or alarms.Thresholds()
        self.summaries: deque[alarms.StepSummary] = deque(maxlen=max(2, self.limits.window))
        """The latest window only: each earlier window was checked when it was the latest."""
        self.raised: set[str] = set()

    @classmethod
    def for_run(cls, events: EventSink, config: TrainConfig) -> Recorder:
        """The recorder a GRPO run's config asks for: its steps (``grpo.rollouts_every``, else
        ``logging_steps``), its reward weights and its alarm thresholds (``grpo.alarms``), the
        same ones the API reads back from the run's config."""
        grpo = config.grpo_settings
        weights = {spec.name: spec.weight for spec in grpo.rewards}
        return cls(events, grpo.rollouts_every or config.logging_steps, weights, grpo.alarms.thresholds)

    def due(self, step: int) -> bool:
        """Recorded at the first step (as the first step is logged) and every ``every``-th."""
        return step == 1 or step % self.every == 0

    def record(self, step: int, batch: Batch) -> list[RolloutEvent]:
        """Report the batch's completions as events of ``step``; returns them."""
        recorded: list[RolloutEvent] = []
        for position, completion in enumerate(batch.completions):
            values = {
                name: float(scores[position])
                for name, scores in batch.rewards.items()
                if scores[position] is not None and math.isfinite(scores[position])
            }
            if not values:
                continue  # unscorable: every function gave none, the trainer drops it too
            advantage = float(batch.advantages[position])
            answer = batch.answers[position]
            event = RolloutEvent(
                step=step,
                group=position // batch.group_size,
                index=position % batch.group_size,
                prompt=batch.prompts[position][:ROLLOUT_TEXT_CHARS],
                completion=completion[:ROLLOUT_TEXT_CHARS],
                answer=None if answer is None else str(answer)[:1000],
                rewards=values,
                total=sum(self.weights.get(name, 1.0) * value for name, value in values.items()),
                advantage=advantage if math.isfinite(advantage) else 0.0,
                length=int(batch.lengths[position]),
            )
            self.events.emit(event)
            recorded.append(event)
        if recorded:
            rows = [(e.group, e.rewards, e.total, e.advantage, e.length) for e in recorded]
            self.summaries.append(alarms.summarise(step, rows))
            self._alarm()
        return recorded

    def _alarm(self) -> None:
        for alarm in alarms.detect(self.summaries, self.limits):
            if alarm.kind not in self.raised:
                self.raised.add(alarm.kind)
                self.events.emit(AlarmEvent(**dataclasses.asdict(alarm)))
