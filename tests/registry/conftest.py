"""Registry fixtures: succeeded runs in the database whose run folders hold a model output.

Most tests need only the shape of what a training backend leaves (``run_manifest.json`` and a
``merged/`` or ``adapter/`` folder), so ``write_output`` writes small fake files in
milliseconds; the round-trip test trains a real tiny model once (``tests/training``'s recipe).
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from tunix_rt.db import transaction
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.settings import Settings


def evidence(*, full: bool = False, source: str = "hub", ended: bool = True) -> dict[str, Any]:
    """A ``run_manifest.json`` as the torch backend writes it, trimmed to what promotion reads."""
    return {
        "kind": "train",
        "config": {"model": "tiny-llama", "lora": {"full": full}, "max_steps": 3, "dataset": {"key": "arith@v1"}},
        "dataset": {"key": "arith@v1", "split": "train", "sha256": {"train": "a" * 64, "eval": "b" * 64}},
        "model": {"name": "tiny-llama", "source": source, "base": "base-model", "sha256": "c" * 64},
        "tokenizer_sha256": "d" * 64,
        "packages": {"tunix-rt": "0.1.0", "torch": "2.5.0"},
        "git_commit": None,
        "device": "cpu",
        "dtype": "fp32",
        "hardware": {"machine": "x86_64", "python": "3.11", "system": "Linux"},
        "started_at": "2026-11-29T00:00:00+00:00",
        "ended_at": "2026-11-29T00:01:00+00:00" if ended else None,
        "final_metrics": {"train_loss": 1.25, "epoch": 1.0} if ended else None,
        "steps": 3,
    }


def write_output(folder: Path, weights: bytes = b"weights-1", *, layout: str = "merged", **kwargs: Any) -> None:
    """A run folder with a manifest and a model output: ``merged``, ``adapter`` or ``none``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "run_manifest.json").write_text(json.dumps(evidence(**kwargs)))
    if layout == "none":
        return
    out = folder / layout
    (out / "tokenizer").mkdir(parents=True, exist_ok=True)
    (out / "model.safetensors").write_bytes(weights)
    (out / "config.json").write_text('{"model_type": "llama"}')
    (out / "tokenizer" / "vocab.json").write_text('{"a": 1}')


async def add_run(app: FastAPI, status: runs.RunStatus = runs.RunStatus.SUCCEEDED) -> uuid.UUID:
    """A train run in the database, moved through the transition table to ``status``."""
    async with transaction(app.state.tunix.sessions) as session:
        run = await runs.submit(session, "train", {}, RunRefs(dataset_key="arith@v1", model="tiny-llama"))
        if status != runs.RunStatus.QUEUED:
            await runs.transition(session, run.id, runs.RunStatus.RUNNING)
        if status not in (runs.RunStatus.QUEUED, runs.RunStatus.RUNNING):
            await runs.transition(session, run.id, status)
        return run.id


async def trained_run(app: FastAPI, settings: Settings, weights: bytes = b"weights-1", **kwargs: Any) -> uuid.UUID:
    """A succeeded run whose folder holds a (fake) model output."""
    run_id = await add_run(app)
    write_output(run_dir(settings.home, run_id), weights, **kwargs)
    return run_id


def blob_count(settings: Settings) -> int:
    return sum(1 for p in (settings.home / "blobs" / "sha256").rglob("*") if p.is_file())
