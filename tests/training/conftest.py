"""Training fixtures: a synthetic arithmetic snapshot written straight into a data home (no
database needed) or built through the API (``dataset``), and a small config on the tiny preset
that trains on a CPU in seconds. ``cli_env`` is the runs tests' environment for a CLI process."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.runs.conftest import cli_env
from tunix_rt.runs.events import MemorySink, RolloutEvent
from tunix_rt.training import data, rewards
from tunix_rt.training.config import TrainConfig

__all__ = ["cli_env"]

KEY = "arith@v1"


def arithmetic_records(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """Sums of one-digit numbers with a worked step: easy enough for a tiny model to learn."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        a, b = rng.randrange(10), rng.randrange(10)
        records.append(
            {
                "id": f"00000000-0000-0000-0000-{n:012d}",
                "trace_version": "1.0",
                "prompt": f"What is {a} + {b}?",
                "final_answer": str(a + b),
                "steps": [{"i": 0, "type": "calculation", "content": f"{a} + {b} = {a + b}"}],
                "meta": {},
            }
        )
    return records


def write_snapshot(home: Path, key: str, train: list[dict[str, Any]], eval_: list[dict[str, Any]]) -> Path:
    """A dataset folder as ``datasets.snapshot`` lays it out (manifest + one JSONL per split)."""
    folder = home / "datasets" / key
    folder.mkdir(parents=True)
    digests = {}
    for name, rows in (("train", train), ("eval", eval_)):
        raw = b"".join(orjson.dumps(row) + b"\n" for row in rows)
        (folder / f"{name}.jsonl").write_bytes(raw)
        digests[name] = hashlib.sha256(raw).hexdigest()
    manifest = {
        "key": key,
        "files": {"train": "train.jsonl", "eval": "eval.jsonl"},
        "sha256": digests,
        "request": {"transforms": {"template": {}}},
    }
    (folder / "manifest.json").write_bytes(orjson.dumps(manifest))
    return folder


@pytest.fixture
async def dataset(client: httpx.AsyncClient) -> str:
    """A dataset built through the API from synthetic arithmetic traces: what a queued run needs."""
    synth = await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 48, "seed": 3})
    assert synth.status_code == 200, synth.text
    built = await client.post("/api/datasets", json={"name": "arith", "split": {"eval_count": 8}})
    assert built.status_code == 201, built.text
    return "arith@v1"


@pytest.fixture
def dataset_dir(tmp_path: Path) -> Path:
    return write_snapshot(tmp_path / "home", KEY, arithmetic_records(256), arithmetic_records(16, seed=1))


def tiny_config(**overrides: Any) -> TrainConfig:
    base: dict[str, Any] = {
        "dataset": {"key": KEY},
        "max_steps": 10,
        "batch_size": 16,
        "max_seq_length": 128,
        "logging_steps": 1,
        "save_steps": 100,
        "optimizer": {"lr": 3e-3},
        "device": "cpu",
        "seed": 7,
    }
    base.update(overrides)
    return TrainConfig.model_validate(base)


ROLLOUT_CONFIG: dict[str, Any] = {
    "method": "grpo",
    "max_steps": 4,
    "batch_size": 4,
    "grpo": {
        "num_generations": 2,
        "max_completion_length": 16,
        "rollouts_every": 2,
        "rewards": [{"name": "format"}, {"name": "length", "weight": 0.5, "options": {"max_chars": 12}}],
    },
}
"""A GRPO run recording its rollouts at steps 1, 2 and 4: two prompts of two completions a step."""


def assert_rollouts_recorded(sink: MemorySink, run_dir: Path, dataset_dir: Path) -> None:
    """The rollouts of a ``ROLLOUT_CONFIG`` run are the completions its reward functions scored
    (``completions.jsonl``), with those functions' values, their weighted total, advantages that
    sum to zero within each group and order it as the totals do, and lengths within the limit."""
    rollouts = [e for e in sink.of(RolloutEvent) if isinstance(e, RolloutEvent)]
    assert sorted({e.step for e in rollouts}) == [1, 2, 4]
    logged = [orjson.loads(line) for line in (run_dir / "completions.jsonl").read_text().splitlines()]
    template = data.read(dataset_dir, "train", None).template
    for step in (1, 2, 4):
        batch = [e for e in rollouts if e.step == step]
        assert [(e.group, e.index) for e in batch] == [(0, 0), (0, 1), (1, 0), (1, 1)]
        scored = next(r for r in logged if r["step"] == step and r["reward"] == "format")
        texts = [e.completion for e in batch]
        assert texts == scored["completions"]
        assert [e.answer for e in batch] == scored["answer"]
        # the trainers may keep the values as float32
        assert [e.rewards["format"] for e in batch] == pytest.approx(rewards.format_reward(texts, template=template))
        assert [e.rewards["length"] for e in batch] == pytest.approx(rewards.length_reward(texts, max_chars=12))
        for e in batch:
            assert e.total == pytest.approx(e.rewards["format"] + 0.5 * e.rewards["length"])
            assert 0 <= e.length <= 17
            assert e.prompt
        for group in (0, 1):
            members = [e for e in batch if e.group == group]
            assert len({e.prompt for e in members}) == 1
            assert sum(e.advantage for e in members) == pytest.approx(0.0, abs=1e-4)
            if members[0].total != pytest.approx(members[1].total):
                assert (members[0].advantage > members[1].advantage) == (members[0].total > members[1].total)
