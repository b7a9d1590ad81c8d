"""The devices of a JAX run and the mesh they form, through Tunix's own sharding.

Tunix 0.1.7's models name two mesh axes in their parameters' sharding metadata (``fsdp`` and
``tp``, ``ShardingConfig.get_default_sharding``), and its ``PeftTrainer`` trains on the mesh
of the legacy ``with mesh:`` context: it splits each batch along ``TrainingConfig.data_sharding_axis``
(``("fsdp",)``) and places the optimizer state as the parameters are. So data parallelism is the
``fsdp`` axis, which also shards the weights (FSDP), and ``tp`` splits heads and MLP widths.
What this module adds: the mesh from ``resources`` (validated against the devices JAX sees),
the model's weights placed on it as their metadata says, and a record of where they went.

A run on one device builds no mesh at all, so it trains exactly as before ``resources`` existed.
Several hosts join through ``jax.distributed.initialize`` (``initialize_distributed``); the mesh
then spans every host's devices, the data axis growing with the number of processes.

jax and flax are imported inside the functions, as in the backend.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from tunix_rt.errors import TunixError
from tunix_rt.training.config import RunResources

AXES = ("fsdp", "tp")
DATA_AXIS = ("fsdp",)
COORDINATOR = "JAX_COORDINATOR_ADDRESS"
NUM_PROCESSES = "JAX_NUM_PROCESSES"
PROCESS_ID = "JAX_PROCESS_ID"


def initialize_distributed() -> bool:
    """Join a multi-host run when ``JAX_COORDINATOR_ADDRESS`` is set (host:port of process 0),
    with ``JAX_NUM_PROCESSES`` and ``JAX_PROCESS_ID``, or what JAX detects from the cluster
    (SLURM, Open MPI, Kubernetes) where those are unset. Must run before anything touches a
    JAX backend; returns whether it joined."""
    address = os.environ.get(COORDINATOR)
    if not address:
        return False
    import jax

    processes, process = os.environ.get(NUM_PROCESSES), os.environ.get(PROCESS_ID)
    # CPU devices of different processes compute together only over gloo (the default is none);
    # accelerators use their own collectives whatever this says.
    jax.config.update("jax_cpu_collectives_implementation", "gloo")  # type: ignore[no-untyped-call]
    jax.distributed.initialize(
        address,
        num_processes=int(processes) if processes else None,
        process_id=int(process) if process else None,
    )
    return True


def build_mesh(resources: RunResources) -> Any:
    """The ``(fsdp, tp)`` mesh over ``resources.devices`` local devices (on every process), with
    Auto axes as Tunix's models expect; None for a single device. That fsdp x tp is the device
    count the config validated at submit; whether the devices exist is known here only. Asking for more devices than
    JAX sees here is an error naming both counts."""
    import jax

    fsdp, tp = resources.mesh_shape
    local = jax.local_devices()
    if resources.devices > len(local):
        raise TunixError(
            f"resources.devices is {resources.devices} but JAX sees {len(local)} {jax.default_backend()} "
            f"device(s) on this host: {', '.join(str(device) for device in local)}"
        )
    processes = jax.process_count()
    if resources.devices == 1 and processes == 1:
        return None
    if processes > 1 and resources.devices != len(local):
        raise TunixError(
            f"a multi-host run uses every local device: resources.devices is {resources.devices}, "
            f"this host has {len(local)}"
        )
    devices = jax.devices() if processes > 1 else local[: resources.devices]
    auto = (jax.sharding.AxisType.Auto,) * len(AXES)
    return jax.make_mesh((fsdp * processes, tp), AXES, axis_types=auto, devices=devices)


def _fitting(spec: Any, shape: tuple[int, ...], mesh: Any) -> Any:
    """``spec`` without the axes that do not divide their dimension (a tiny preset's vocabulary
    need not divide by ``tp``): such a dimension is replicated, as Tunix replicates a batch that
    does not divide."""
    from jax.sharding import PartitionSpec

    fitted = []
    for size, axes in zip(shape, tuple(spec) + (None,) * (len(shape) - len(spec)), strict=True):
        names = axes if isinstance(axes, tuple) else (axes,) if axes is not None else ()
        ways = int(np.prod([mesh.shape[name] for name in names])) if names else 1
        fitted.append(axes if size % ways == 0 else None)
    return PartitionSpec(*fitted)  # type: ignore[no-untyped-call]


def shard_model(model: Any, mesh: Any) -> None:
    """Place the model's parameters on ``mesh`` as their Tunix sharding metadata says (what
    Tunix's safetensors loader does when given a mesh). Done to the base before qwix adds
    adapters, so the adapters are created with shardings derived from their base weights."""
    import jax
    from flax import nnx
    from jax.sharding import NamedSharding, PartitionSpec

    state = nnx.state(model, nnx.Param)
    specs = nnx.get_partition_spec(state)

    def place(value: Any, spec: Any) -> Any:
        return jax.device_put(value, NamedSharding(mesh, _fitting(spec, value.shape, mesh)))

    placed = jax.tree.map(place, state, specs, is_leaf=lambda x: isinstance(x, PartitionSpec))
    nnx.update(model, placed)


def placement(model: Any, mesh: Any) -> dict[str, Any]:
    """Where the trained and frozen weights are: the mesh's axes, and how many parameter arrays
    are split across devices and how many are whole on every device. The run manifest and a log
    line carry it, so a run shows it really trained on its mesh."""
    import jax
    from flax import nnx

    arrays = jax.tree.leaves(nnx.state(model, nnx.Param))
    split = sum(1 for array in arrays if not array.sharding.is_fully_replicated)
    on_mesh = all(set(array.sharding.device_set) == set(mesh.devices.flat) for array in arrays)
    return {
        "mesh": {name: int(size) for name, size in mesh.shape.items()},
        "devices": int(mesh.size),
        "processes": int(jax.process_count()),
        "params_sharded": split,
        "params_replicated": len(arrays) - split,
        "all_on_mesh": on_mesh,
    }


def local_rows(array: np.ndarray) -> np.ndarray:
    """This process's contiguous share of a global batch: each host feeds its own devices
    (Tunix builds the global array with ``jax.make_array_from_process_local_data``)."""
    import jax

    count = jax.process_count()
    if count == 1:
        return array
    if len(array) % count:
        raise TunixError(f"the global batch of {len(array)} rows does not divide over {count} processes")
    share = len(array) // count
    index = jax.process_index()
    return array[index * share : (index + 1) * share]


def whole(array: Any) -> np.ndarray:
    """An array's full value here, gathered from every process when other hosts hold parts of
    it (every process must call this for such an array: the gather is a collective)."""
    if getattr(array, "is_fully_addressable", True):
        return np.asarray(array)
    from jax.experimental import multihost_utils

    return np.asarray(multihost_utils.process_allgather(array, tiled=True))
