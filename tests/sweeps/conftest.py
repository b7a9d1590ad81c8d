"""Sweeps fixtures: queue timings and a local Ray of two CPUs, Ray confined to a short temporary
folder, and a sweep config on the tiny preset (the dataset and eval set come from ``keys``)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tunix_rt.settings import Settings


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """Quick queue timings and a local Ray of two CPUs."""
    return Settings(
        home=tmp_path / "home",
        database_url=database_url,
        embedded_worker=False,
        run_lease_seconds=4.0,
        run_heartbeat_seconds=0.5,
        run_poll_seconds=0.2,
        run_cancel_grace_seconds=5.0,
        ray_num_cpus=2,
        _env_file=None,
    )


@pytest.fixture
def ray_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Ray's session folder in a fresh short temporary path (its sockets need a short one);
    Tune's own output under it too."""
    folder = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    monkeypatch.setenv("RAY_TMPDIR", str(folder))
    monkeypatch.setenv("RAY_USAGE_STATS_ENABLED", "0")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def sweep_config(dataset: str, evalset: str, **overrides: Any) -> dict[str, Any]:
    """Four trials of two optimizer steps each on the tiny preset, scored on three items."""
    config: dict[str, Any] = {
        "base": {
            "dataset": {"key": dataset},
            "max_steps": 2,
            "batch_size": 4,
            "max_seq_length": 96,
            "logging_steps": 1,
            "save_steps": 2,
            "device": "cpu",
        },
        "space": {"optimizer.lr": {"type": "choice", "values": [1e-3, 3e-3]}},
        "objective": {
            "evalset": evalset,
            "metric": "format_compliance",
            "judges": ["exact", "format"],
            "max_new_tokens": 8,
            "batch_size": 4,
            "limit": 3,
        },
        "search": {"type": "random", "seed": 1},
        "trials": 4,
        "concurrency": 2,
    }
    config.update(overrides)
    return config
