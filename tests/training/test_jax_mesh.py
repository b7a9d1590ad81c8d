"""JAX runs on several devices: a run on a two-device mesh trains the same loss curve as one
device with the same global batch, its weights really are spread over both devices, and a mesh
that cannot be built is refused (at submit when the config says so, when the run starts when
the devices are missing).

Two CPU devices exist only in a JAX started with ``XLA_FLAGS=--xla_force_host_platform_device_count=2``,
so the training runs in a fresh process (``mesh_probe.py``): this one's JAX has one device."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from tests.training.conftest import tiny_config
from tunix_rt.errors import Invalid, TunixError
from tunix_rt.training import jax_mesh
from tunix_rt.training.config import RunResources, TrainConfig
from tunix_rt.training.kind import require_backend

ROOT = Path(__file__).resolve().parents[2]
TWO_DEVICES = "--xla_force_host_platform_device_count=2"
STEPS = 4


def start(dataset_dir: Path, runs: Path, configs: list[TrainConfig], env: dict[str, str]) -> subprocess.Popen[str]:
    """``mesh_probe`` training ``configs`` in a fresh process with ``env`` added to this one's."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.training.mesh_probe", str(dataset_dir), str(runs)]
        + [config.model_dump_json() for config in configs],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def results(process: subprocess.Popen[str]) -> list[dict[str, Any]]:
    """Each config's losses, placement and logs, once ``process`` has ended."""
    out, err = process.communicate(timeout=900)
    assert process.returncode == 0, err[-4000:]
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.mark.slow
@pytest.mark.jax
def test_two_devices_train_the_loss_curve_of_one_with_the_same_global_batch(dataset_dir: Path, tmp_path: Path) -> None:
    one = tiny_config(backend="jax", max_steps=STEPS, batch_size=8)
    data_parallel = tiny_config(backend="jax", max_steps=STEPS, batch_size=8, resources={"devices": 2})
    tensor_parallel = tiny_config(
        backend="jax", max_steps=STEPS, batch_size=8, resources={"devices": 2, "mesh": {"fsdp": 1, "tp": 2}}
    )
    two_devices = {"XLA_FLAGS": f"{os.environ.get('XLA_FLAGS', '')} {TWO_DEVICES}".strip()}
    runs = start(dataset_dir, tmp_path / "runs", [one, data_parallel, tensor_parallel], two_devices)
    single, split, heads = results(runs)

    assert single["devices"] == split["devices"] == 2
    steps = [str(step) for step in range(1, STEPS + 1)]
    assert list(single["losses"]) == list(split["losses"]) == list(heads["losses"]) == steps
    reference = [single["losses"][step] for step in steps]
    assert reference[-1] < reference[0] - 0.5, reference  # it learns, so equal curves are not flat ones
    for run in (split, heads):
        curve = [run["losses"][step] for step in steps]
        assert curve == pytest.approx(reference, abs=1e-4), (reference, curve)

    assert single["placement"] is None
    assert single["logs"] == []
    for run, mesh in ((split, {"fsdp": 2, "tp": 1}), (heads, {"fsdp": 1, "tp": 2})):
        placement = run["placement"]
        assert placement["mesh"] == mesh
        assert (placement["devices"], placement["processes"], placement["all_on_mesh"]) == (2, 1, True)
        assert placement["params_sharded"] > placement["params_replicated"] > 0
        assert any(f"'mesh': {mesh}" in message for message in run["logs"])


def test_a_mesh_that_does_not_cover_the_devices_is_refused_at_submit() -> None:
    with pytest.raises(ValidationError, match=r"fsdp x tp = 2 x 2 = 4 must equal resources\.devices \(2\)"):
        tiny_config(backend="jax", resources={"devices": 2, "mesh": {"fsdp": 2, "tp": 2}})
    with pytest.raises(ValidationError, match=r"fsdp x tp = 1 x 2 = 2 must equal resources\.devices \(3\)"):
        tiny_config(backend="jax", resources={"devices": 3, "mesh": {"tp": 2}})
    with pytest.raises(ValidationError, match=r"resources\.mesh applies to backend jax"):
        tiny_config(backend="torch", resources={"devices": 2, "mesh": {"fsdp": 2}})


def test_the_mesh_is_the_data_axis_unless_given() -> None:
    assert RunResources().mesh_shape == (1, 1)
    assert RunResources(devices=4).mesh_shape == (4, 1)
    assert RunResources.model_validate({"devices": 4, "mesh": {"tp": 2}}).mesh_shape == (2, 2)
    assert RunResources.model_validate({"devices": 4, "mesh": {"tp": 2}}).data_parallel == 2
    assert TrainConfig.model_validate({"dataset": {"key": "a@v1"}}).resources == RunResources(devices=1)


@pytest.mark.jax
def test_more_devices_than_jax_sees_is_an_error_naming_both_counts() -> None:
    import jax

    assert jax_mesh.build_mesh(RunResources()) is None
    count = len(jax.local_devices())
    with pytest.raises(TunixError, match=f"resources.devices is {count + 1} but JAX sees {count} cpu device"):
        jax_mesh.build_mesh(RunResources(devices=count + 1))


@pytest.mark.jax
def test_grpo_on_several_devices_is_refused_at_submit() -> None:
    config = tiny_config(backend="jax", method="grpo", batch_size=8, resources={"devices": 2})
    with pytest.raises(Invalid) as raised:
        require_backend(config)
    assert {tuple(e["loc"][2:]) for e in raised.value.errors or []} == {("resources", "devices")}


def test_a_single_process_is_not_a_distributed_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(jax_mesh.COORDINATOR, raising=False)
    assert jax_mesh.initialize_distributed() is False
