"""Sweeps fixtures: queue timings and a local Ray of two CPUs, Ray confined to a short temporary
folder, one Ray cluster of two CPUs shared by a module's sweeps, and a sweep config on the tiny
preset (the dataset and eval set come from ``keys``)."""

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


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[str]:
    """A local Ray head of two CPUs, in its own short temporary folder, for the module's sweeps
    that do not test a driver's own local Ray (its start and its shutdown): their drivers join it
    through ``ray_address`` instead of starting Ray each (about 20 s with the load average at 8,
    twice in a resumed sweep). Yields its address."""
    from ray.cluster_utils import Cluster

    folder = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    cluster = Cluster(
        initialize_head=True,
        connect=False,
        head_node_args={"num_cpus": 2, "include_dashboard": False, "temp_dir": str(folder)},
    )
    try:
        yield str(cluster.address)
    finally:
        cluster.shutdown()  # type: ignore[no-untyped-call]
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def on_cluster(settings: Settings, ray_cluster: str) -> Settings:
    """The sweeps' settings with the module's shared Ray cluster as ``ray_address``."""
    return settings.model_copy(update={"ray_address": ray_cluster, "ray_num_cpus": None})


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
