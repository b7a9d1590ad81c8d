"""Evaluation fixtures: eval set snapshots written straight into a data home, and one tiny model
trained once per module (a short full fine-tune of the tiny preset on arithmetic). ``cli_env``
is the runs tests' environment for a CLI process."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.runs.conftest import cli_env
from tests.training.conftest import arithmetic_records, tiny_config, write_snapshot
from tunix_rt.datasets.evalsets import ITEMS, EvalItem
from tunix_rt.runs.events import MemorySink

__all__ = ["cli_env"]

EVALSET = "arith-eval@v1"


def write_evalset(home: Path, key: str, items: Iterable[EvalItem]) -> Path:
    folder = home / "datasets" / key
    folder.mkdir(parents=True)
    (folder / ITEMS).write_bytes(b"".join(item.line() for item in items))
    return folder


def arithmetic_items(count: int, seed: int) -> list[EvalItem]:
    return [
        EvalItem(
            id=f"item-{n}",
            prompt=record["prompt"],
            expected_answer=record["final_answer"],
            section="core",
            category="small" if int(record["final_answer"]) < 10 else "large",
            difficulty="easy",
        )
        for n, record in enumerate(arithmetic_records(count, seed=seed))
    ]


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, uuid.UUID]:
    """A data home holding an arithmetic eval set and a trained run (its folder named by its id)."""
    from tunix_rt.training.torch_backend import train

    home = tmp_path_factory.mktemp("eval-home")
    dataset = write_snapshot(home, "arith@v1", arithmetic_records(256), arithmetic_records(16, seed=1))
    write_evalset(home, EVALSET, arithmetic_items(16, seed=5))
    run_id = uuid.uuid4()
    run_dir = home / "runs" / str(run_id)
    run_dir.mkdir(parents=True)
    config = tiny_config(max_steps=60, batch_size=16, lora={"full": True}, optimizer={"lr": 3e-3})
    train(config, run_dir, MemorySink(), dataset_dir=dataset, resume_from=None)
    return home, run_id
