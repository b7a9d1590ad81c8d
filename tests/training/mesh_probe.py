"""Run in a fresh process by tests/training/test_jax_mesh.py, with ``XLA_FLAGS`` giving JAX two
CPU devices (the flag is read once, when JAX starts, and the test process's JAX has one): train
each run config given as JSON on the snapshot folder given, each in its own run folder under
``RUNS``, and print for each one JSON line: the devices JAX sees, the losses by step, the
manifest's record of where the weights were placed, and the run's log messages.

    python -m tests.training.mesh_probe DATASET_DIR RUNS CONFIG_JSON...
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tunix_rt.runs.events import LogEvent, MemorySink, MetricEvent
from tunix_rt.training.config import TrainConfig
from tunix_rt.training.jax_backend import train


def main(dataset_dir: str, runs: str, *configs: str) -> None:
    import jax

    for index, config in enumerate(configs):
        folder = Path(runs) / str(index)
        folder.mkdir(parents=True, exist_ok=True)
        sink = MemorySink()
        train(TrainConfig.model_validate_json(config), folder, sink, dataset_dir=Path(dataset_dir), resume_from=None)
        metrics = [e for e in sink.of(MetricEvent) if isinstance(e, MetricEvent) and "loss" in e.values]
        evidence = json.loads((folder / "run_manifest.json").read_text())
        result = {
            "devices": jax.device_count(),
            "losses": {e.step: e.values["loss"] for e in metrics},
            "placement": evidence.get("placement"),
            "logs": [e.message for e in sink.of(LogEvent) if isinstance(e, LogEvent)],
        }
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
