"""Training on several processes under torchrun, with the gloo backend on the CPU: a run whose
batch is shared by two processes (DDP, or two "nodes" meeting on loopback) learns what a run of
one process learns from the same batch, step by step, and only rank 0 reports. FSDP is for GPUs
(accelerate shards GPU processes only): here its arguments are checked, and its refusal on a CPU.

Each case runs the run's child (``python -m tunix_rt.runs.execute``) as a worker would, on a run
folder written here, without a database. Kill -9 and requeue of a two-process run is
``test_requeue.py``'s, on two devices."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from tests.runs.conftest import REPO
from tests.training.conftest import KEY, arithmetic_records, tiny_config, write_snapshot
from tunix_rt.runs.kinds import RunFile, write_run_file
from tunix_rt.training import distributed
from tunix_rt.training.config import RunResources, TrainConfig

STEPS = 8
TOLERANCE = 1e-4
"""Largest difference allowed between the loss (and gradient norm) of one process and of two:
the same arithmetic summed in another order (measured: 4.8e-7 in the loss, 1.4e-6 in the
gradient norm)."""


def write_run(home: Path, config: TrainConfig) -> tuple[str, Path]:
    run_id = str(uuid.uuid4())
    folder = home / "runs" / run_id
    spec = RunFile(
        id=run_id, kind="train", kind_path="tunix_rt.training.kind:TRAIN", attempt=1, config=config.model_dump()
    )
    write_run_file(folder, spec)
    return run_id, folder


def child_environment(home: Path, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
        "TUNIX_RT_HOME": str(home),
        "TUNIX_RT_RUN_DIR": str(folder),
        "TQDM_DISABLE": "1",
        "OMP_NUM_THREADS": "2",
    }


def execute(home: Path, config: TrainConfig, *joining: int) -> tuple[Path, list[dict[str, Any]]]:
    """Run the child of a run of ``config`` (node 0) and ``tunix-rt join`` for each node rank in
    ``joining``; the run folder and the events the child printed."""
    run_id, folder = write_run(home, config)
    env = child_environment(home, folder)
    command = [sys.executable, "-m", "tunix_rt.runs.execute", run_id]
    child = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    joiners = [
        subprocess.Popen(
            [sys.executable, "-m", "tunix_rt", "join", run_id, "--node-rank", str(rank)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for rank in joining
    ]
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, err[-3000:]
    for joiner in joiners:
        joined_out, joined_err = joiner.communicate(timeout=600)
        assert joiner.returncode == 0, joined_err[-3000:]
        assert '"event"' not in joined_out  # the ranks of other nodes report nothing
    return folder, [json.loads(line) for line in out.splitlines() if line.startswith('{"event"')]


def curve(folder: Path) -> dict[int, tuple[float, float]]:
    rows = [json.loads(line) for line in (folder / "metrics.jsonl").read_text().splitlines()]
    return {row["step"]: (row["loss"], row["grad_norm"]) for row in rows if "loss" in row}


def config_on(**resources: Any) -> TrainConfig:
    return tiny_config(max_steps=STEPS, batch_size=8, save_steps=4, lora={"full": True}, resources=resources)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("distributed")
    write_snapshot(folder, KEY, arithmetic_records(256), arithmetic_records(16, seed=1))
    return folder


@pytest.fixture(scope="module")
def one_process(home: Path) -> dict[int, tuple[float, float]]:
    """The curve of the run on one process, batch 8: what the others must reproduce."""
    folder, _events = execute(home, config_on())
    return curve(folder)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def assert_same_curve(got: dict[int, tuple[float, float]], expected: dict[int, tuple[float, float]]) -> None:
    assert sorted(got) == sorted(expected) == list(range(1, STEPS + 1))
    for step, (loss, grad_norm) in got.items():
        assert loss == pytest.approx(expected[step][0], abs=TOLERANCE), step
        assert grad_norm == pytest.approx(expected[step][1], abs=TOLERANCE), step
    first, last = expected[1][0], expected[STEPS][0]
    assert last < first - 1.0  # it learned: the curves compared are not flat


@pytest.mark.slow
def test_two_processes_sharing_the_batch_learn_what_one_process_learns(
    home: Path, one_process: dict[int, tuple[float, float]]
) -> None:
    folder, events = execute(home, config_on(devices=2, strategy="ddp"))
    assert_same_curve(curve(folder), one_process)
    evidence = json.loads((folder / "run_manifest.json").read_text())
    assert (evidence["processes"], evidence["distributed"]) == (2, "MULTI_CPU")
    # rank 0 alone reported: each step once, each checkpoint once, with the config beside it
    steps = [event["step"] for event in events if event["event"] == "metric" and "loss" in event["values"]]
    assert steps == list(range(1, STEPS + 1))
    saved = [event["path"] for event in events if event["event"] == "checkpoint"]
    assert saved == ["checkpoints/checkpoint-4", "checkpoints/checkpoint-8"]
    assert all((folder / path / "train_config.json").is_file() for path in saved)
    assert {path.name for path in (folder / saved[-1]).glob("rng_state_*.pth")} == {
        "rng_state_0.pth",
        "rng_state_1.pth",
    }
    assert not (folder / "base-model.rank1").exists()
    assert (folder / "adapter" / "model.safetensors").is_file()


@pytest.mark.slow
def test_two_nodes_meeting_on_loopback_learn_what_one_process_learns(
    home: Path, one_process: dict[int, tuple[float, float]]
) -> None:
    config = config_on(devices=1, nodes=2, rendezvous=f"127.0.0.1:{free_port()}")
    folder, events = execute(home, config, 1)
    assert_same_curve(curve(folder), one_process)
    assert json.loads((folder / "run_manifest.json").read_text())["processes"] == 2
    assert [event["step"] for event in events if event["event"] == "metric" and "loss" in event["values"]] == list(
        range(1, STEPS + 1)
    )


def test_torchrun_is_standalone_on_one_node_and_static_at_the_rendezvous_on_several() -> None:
    assert distributed.torchrun_arguments(RunResources(devices=4)) == ["--nproc-per-node=4", "--standalone"]
    several = RunResources(devices=2, nodes=3, rendezvous="node0.example:29500")
    assert distributed.torchrun_arguments(several, 2) == [
        "--nproc-per-node=2",
        "--nnodes=3",
        "--node-rank=2",
        "--rdzv-backend=static",
        "--master-addr=node0.example",
        "--master-port=29500",
    ]


def test_only_rank_zero_reports(monkeypatch: pytest.MonkeyPatch) -> None:
    from tunix_rt.runs.events import EventSink, MemorySink

    sink = MemorySink()
    monkeypatch.setenv("RANK", "1")
    assert type(distributed.reporting(sink)) is EventSink
    monkeypatch.setenv("RANK", "0")
    assert distributed.reporting(sink) is sink


def test_joining_refuses_a_run_on_one_node_and_a_node_rank_it_does_not_have(tmp_path: Path) -> None:
    from tunix_rt.errors import TunixError

    _id, single = write_run(tmp_path, config_on(devices=2))
    with pytest.raises(TunixError, match="not a multi-node training run"):
        distributed.join(single, 1, tmp_path)
    _id, pair = write_run(tmp_path, config_on(nodes=2, rendezvous="127.0.0.1:29500"))
    with pytest.raises(TunixError, match=r"outside 1\.\.1"):
        distributed.join(pair, 2, tmp_path)


def test_fsdp_shards_on_gpus_and_is_refused_on_a_cpu() -> None:
    from tunix_rt.errors import TunixError
    from tunix_rt.training.torch_backend import parallel_arguments

    sharded = tiny_config(device="cuda", batch_size=8, resources={"devices": 2, "strategy": "fsdp"})
    assert parallel_arguments(sharded, "cuda") == {
        "ddp_backend": "nccl",
        "ddp_find_unused_parameters": False,
        "fsdp": True,
        "fsdp_config": {"version": 2, "auto_wrap_policy": "TRANSFORMER_BASED_WRAP"},
    }
    with pytest.raises(TunixError, match="fsdp needs GPUs"):
        parallel_arguments(sharded, "cpu")
    assert parallel_arguments(config_on(devices=2), "cpu")["ddp_backend"] == "gloo"
    assert parallel_arguments(config_on(), "cpu") == {}
