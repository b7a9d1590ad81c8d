"""The known-slow tests start first, spread over the pytest-xdist workers.

Why: with ``--dist worksteal`` a test of two or three minutes picked up near the end of a pass
leaves one worker running it alone while the other has nothing left. Started first, such tests
overlap each other and the many short tests fill in around them.

How xdist hands out the collected order (``xdist/scheduler/worksteal.py``, 3.8): once every
worker has collected the same items, ``check_schedule`` splits the pending indices into one
contiguous chunk per worker, in order (worker ``i`` gets ``len(pending) // (workers - i)`` of
what is left); each worker runs its chunk front to back, and an idle worker steals the *tail*
half of the longest queue. So the head of each chunk is what starts first and is never stolen.
This hook therefore lays the items out as ``workers`` chunks of exactly those sizes, each
beginning with its share of the slow tests (longest first, shares balanced greedily by their
expected seconds), the other tests after them in collected order. Without xdist (one chunk) the
slow tests simply come first.

Why an explicit table of seconds rather than the ``slow`` marker alone: the marker says "more
than a few seconds" and has no magnitude, and the balance between workers depends on the few
tests of one to three minutes. ``EXPECTED_SECONDS`` holds the slowest tests of both passes
(``--durations=25`` of the clean-clone CI of 2026-12-05 18:18 UTC; the rest from an earlier
``--durations=0`` pass); any other test marked ``slow`` counts ``SLOW_SECONDS``. A stale figure
costs balance only, never a result.

A test moves alone, unless its module shares a fixture between its tests (a module- or
class-scoped one: a trained model, a Ray cluster): then every test of the module moves, in
collected order, as one group, so the fixture is still set up once per worker (pytest tears a
module's fixtures down as soon as the next test is in another module), and tests that use what
an earlier test left in it keep their order.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Generator

import pytest

_REQUEUE = "tests/training/test_requeue.py::test_a_run_killed_after_a_checkpoint_resumes_there_with_the_same_metrics"

EXPECTED_SECONDS: dict[str, float] = {
    "tests/sampling/test_distillation.py": 155,
    "tests/sweeps/test_sweep_ray.py::test_a_sweep_continues_with_tuner_restore": 66,
    "tests/sweeps/test_sweep_ray.py::test_a_sweep_of_four_trials": 57,
    "tests/sweeps/test_sweep_ray.py::test_optuna_searches": 64,
    "tests/sweeps/test_sweep_ray.py::test_cancelling_a_sweep": 18,
    "tests/experiments/test_self_improve.py": 43,
    "tests/test_demo.py::test_the_demo_trains_evaluates_and_leaves_everything": 80,
    _REQUEUE: 23,
    f"{_REQUEUE}[postgres-torch-2]": 50,
    "tests/training/test_object_store.py::test_a_run_killed_on_one_machine_resumes_on_another": 43,
    "tests/experiments/test_show_your_work.py": 51,
    "tests/test_readme_commands.py::test_the_page_commands_run[docs/guides/training.md": 47,
    "tests/experiments/test_grpo.py": 31,
    "tests/test_readme_commands.py::test_the_page_commands_run[README.md": 37,
    "tests/runs/test_resume.py::test_a_cancelled_training_run_resumes_at_its_checkpoint_step": 33,
    "tests/test_readme_commands.py::test_the_page_commands_run[docs/guides/evaluation.md": 35,
    "tests/runs/test_scale.py::test_four_workers_run_every_run_exactly_once": 28,
    "tests/test_fuzz.py::test_the_api_answers_fuzzed_requests_as_its_schema_says": 33,
    "tests/faults/test_server_killed.py::test_a_server_killed_mid_import": 35,
    "tests/training/test_local.py::test_a_local_train_is_a_recorded_run_with_its_evaluation": 18,
    "tests/test_readme_commands.py::test_the_page_commands_run[docs/guides/scaling-out.md": 24,
    "tests/test_readme_commands.py::test_the_page_commands_run[docs/guides/datasets.md": 24,
    "tests/runs/test_ray_executor.py::test_a_training_run_on_ray_records_what_a_local_run_records": 28,
    "tests/test_readme_commands.py::test_the_page_commands_run[docs/guides/traces.md": 19,
    # The JAX pass (``-m jax``), for when it runs on workers too.
    f"{_REQUEUE}[postgres-jax": 70,
    "tests/test_demo.py::test_the_jax_demo": 61,
    "tests/training/test_jax_mesh.py::test_two_devices_train_the_loss_curve": 43,
    "tests/evaluation/test_jax_generate.py::test_batched_and_sequential": 29,
}
"""Seconds each test named by a node id prefix (a module, a test, a parametrized case) took in CI."""

SLOW_SECONDS = 10.0
"""What a test marked ``slow`` that ``EXPECTED_SECONDS`` does not name is expected to take."""


def expected_seconds(item: pytest.Item) -> float:
    """The longest ``EXPECTED_SECONDS`` prefix of the item's node id, else ``SLOW_SECONDS`` for a
    ``slow`` test, else 0."""
    matches = [prefix for prefix in EXPECTED_SECONDS if item.nodeid.startswith(prefix)]
    if matches:
        return EXPECTED_SECONDS[max(matches, key=len)]
    return SLOW_SECONDS if item.get_closest_marker("slow") else 0.0


def group_of(item: pytest.Item, shared: set[str]) -> str:
    """The item's module if that module is in ``shared``, else the item's own node id."""
    module = item.nodeid.split("::", 1)[0]
    return module if module in shared else item.nodeid


def shares_fixtures(item: pytest.Item) -> bool:
    """Whether the item uses a fixture that lives longer than a test and shorter than a session."""
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info is not None else ()
    return any(definition.scope in ("package", "module", "class") for chain in definitions for definition in chain)


def chunk_sizes(count: int, workers: int) -> list[int]:
    """The sizes of worksteal's first split of ``count`` items over ``workers`` idle workers."""
    sizes = []
    for i in range(workers):
        size = count // (workers - i)
        sizes.append(size)
        count -= size
    return sizes


def slow_first(items: list[pytest.Item], workers: int) -> list[pytest.Item]:
    """``items`` laid out as ``workers`` chunks (see the module docstring)."""
    shared = {item.nodeid.split("::", 1)[0] for item in items if shares_fixtures(item)}
    groups: dict[str, list[pytest.Item]] = {}
    seconds: dict[str, float] = {}
    for item in items:
        group = group_of(item, shared)
        groups.setdefault(group, []).append(item)
        seconds[group] = seconds.get(group, 0.0) + expected_seconds(item)
    slow = sorted((g for g in groups if seconds[g] > 0), key=lambda g: -seconds[g])
    sizes = chunk_sizes(len(items), max(workers, 1))
    heads: list[list[pytest.Item]] = [[] for _ in sizes]
    load = [0.0 for _ in sizes]
    for group in slow:  # longest first, each to the least loaded chunk with room for it
        fits = [i for i in range(len(sizes)) if len(heads[i]) + len(groups[group]) <= sizes[i]]
        if not fits:
            fits = [min(range(len(sizes)), key=lambda i: len(heads[i]))]
        chosen = min(fits, key=lambda i: load[i])
        heads[chosen].extend(groups[group])
        load[chosen] += seconds[group]
    moved = {id(item) for head in heads for item in head}
    rest = iter([item for item in items if id(item) not in moved])
    ordered: list[pytest.Item] = []
    for head, size in zip(heads, sizes, strict=True):
        ordered.extend(head)
        ordered.extend(itertools.islice(rest, max(size - len(head), 0)))
    ordered.extend(rest)
    return ordered


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> Generator[None, None, None]:
    """Reorders after every other implementation has selected and deselected (``-m``, ``-k``,
    the README twins of ``tests/conftest.py``), so the chunks match what xdist will split."""
    yield
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    items[:] = slow_first(items, workers)
