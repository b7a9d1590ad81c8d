"""The JSON-lines events protocol: what the emitter writes is what the parser reads."""

from __future__ import annotations

import io

import pytest

from tunix_rt.runs.events import (
    ArtifactEvent,
    CheckpointEvent,
    EventSink,
    JsonLinesEmitter,
    LogEvent,
    MemorySink,
    MetricEvent,
    StatusEvent,
    parse_line,
    step_message,
)


def test_the_emitter_writes_lines_the_parser_reads_back() -> None:
    out = io.StringIO()
    sink = JsonLinesEmitter(out)
    sink.log("loading", level="debug")
    sink.metric(3, {"loss": 0.25, "lr": 1e-4})
    sink.checkpoint("ckpt/step-3", step=3)
    sink.artifact("adapter.safetensors")
    sink.status("epoch 1/2", progress=0.5)
    lines = out.getvalue().splitlines()
    assert lines[0] == '{"event":"log","message":"loading","level":"debug"}'
    events = [parse_line(line) for line in lines]
    assert events[0] == LogEvent(message="loading", level="debug")
    metric = events[1]
    assert isinstance(metric, MetricEvent)
    assert (metric.step, metric.values) == (3, {"loss": 0.25, "lr": 1e-4})
    assert metric.time is not None
    assert events[2] == CheckpointEvent(path="ckpt/step-3", step=3)
    assert events[3] == ArtifactEvent(path="adapter.safetensors")
    assert events[4] == StatusEvent(message="epoch 1/2", progress=0.5)


@pytest.mark.parametrize(
    "line",
    [
        "plain output",
        "{not json",
        '{"no_event": 1}',
        '{"event": "explode"}',
        '{"event": "metric", "step": -1, "values": {"loss": 1}}',
        '{"event": "metric", "step": 1, "values": {}}',
        '{"event": "metric", "step": 1, "values": {"loss": "high"}}',
        '{"event": "checkpoint", "path": ""}',
        '{"event": "log", "message": "x", "extra": 1}',
    ],
)
def test_anything_else_is_plain_text(line: str) -> None:
    assert parse_line(line) is None


def test_non_finite_metrics_become_a_warning() -> None:
    sink = MemorySink()
    sink.metric(7, {"loss": float("nan"), "acc": 0.5})
    sink.metric(8, {"loss": float("inf")})
    assert sink.of(LogEvent) == [
        LogEvent(message="step 7: non-finite loss not recorded", level="warning"),
        LogEvent(message="step 8: non-finite loss not recorded", level="warning"),
    ]
    (metric,) = sink.of(MetricEvent)
    assert isinstance(metric, MetricEvent)
    assert metric.values == {"acc": 0.5}
    with pytest.raises(ValueError, match="non-finite values for loss"):
        MetricEvent(step=1, values={"loss": float("nan")})


def test_a_step_status_carries_the_headline_metrics_it_has() -> None:
    sink = MemorySink()
    sink.step(60, 120, {"loss": 0.41234, "lr": 2e-5, "grad_norm": 1.23456, "samples_per_second": 9.0})
    sink.step(3, 4, {"reward": 0.5})
    assert sink.of(StatusEvent) == [
        StatusEvent(message="step 60/120 loss 0.4123 lr 2e-05 grad_norm 1.235", progress=0.5),
        StatusEvent(message="step 3/4 reward 0.5", progress=0.75),
    ]
    assert step_message(1, 4, {}) == "step 1/4"


def test_the_base_sink_does_nothing() -> None:
    sink = EventSink()
    sink.log("ignored")
    sink.metric(1, {"loss": 1.0})
    sink.checkpoint("c")
    sink.artifact("a")
    sink.status("s")
