"""Every problem of a submitted run config in one answer (issue 18, item 3): a misspelled key
used to hide the missing dataset, which hid the bad sweep space key, one per try. Now the
schema's problems, the server's limits and each kind's submit checks on the fields that did
validate come together: through ``POST /api/runs``, ``POST /api/sweeps`` and one CLI
invocation (exit 2, one line per problem at the file's keys), on both databases."""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.commands import tunix_process
from tests.sweeps.conftest import sweep_config
from tests.test_console import refused
from tests.traces.test_cli import cli_env

__all__ = ["cli_env"]

MODEL_ROOTS = "a local model must be a folder under the server's model roots (TUNIX_RT_MODEL_ROOTS)"
EXTRA = "Extra inputs are not permitted"
UNKNOWN_JUDGE = "unknown judge(s) vibes; known: exact, normalized, math, format, llm"


def problems(response: httpx.Response) -> list[tuple[str, str]]:
    """The answer's problems as (dotted location, message), in order."""
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return [(".".join(str(part) for part in e["loc"]), e["msg"]) for e in response.json()["errors"]]


def typo_sweep(evalset: str) -> dict[str, Any]:
    """The issue's sequence in one file: a misspelled base key, a dataset that does not exist,
    a space key that is no config field."""
    config = sweep_config("nope@v1", evalset)
    config["base"]["max_stpes"] = config["base"].pop("max_steps")
    config["space"]["optimizer.momentum"] = {"type": "uniform", "low": 0.1, "high": 0.9}
    return config


SWEEP_PROBLEMS = [
    ("body.config.base.max_stpes", EXTRA),
    ("body.config.space.optimizer.momentum", f"optimizer.momentum = 0.1: {EXTRA}"),
    ("body.config.base.dataset.key", "dataset nope@v1 does not exist"),
]


async def test_a_sweep_with_a_typo_a_missing_dataset_and_a_bad_space_key_names_all_three(
    client: httpx.AsyncClient, keys: tuple[str, str]
) -> None:
    _, evalset = keys
    config = typo_sweep(evalset)
    for answer in (
        await client.post("/api/runs", json={"kind": "sweep", "config": config}),
        await client.post("/api/sweeps", json={"config": config}),
    ):
        assert problems(answer) == SWEEP_PROBLEMS
        assert answer.json()["detail"] == "3 problem(s) in the sweep config, first at body.config.base.max_stpes"


async def test_a_missing_extra_waits_until_the_config_is_otherwise_valid(
    client: httpx.AsyncClient, keys: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ray absent (a 501) is news once the config is right: first the config's own problems."""
    dataset, evalset = keys
    find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "ray" else find_spec(name, *a))
    bad = await client.post("/api/sweeps", json={"config": typo_sweep(evalset)})
    assert problems(bad) == SWEEP_PROBLEMS
    good = await client.post("/api/sweeps", json={"config": sweep_config(dataset, evalset)})
    assert good.status_code == 501, good.text
    assert "'ray' extra" in good.json()["detail"]


async def test_a_train_config_names_its_typo_limits_model_dataset_and_eval_set_at_once(
    client: httpx.AsyncClient,
) -> None:
    config = {
        "dataset": {"key": "nope@v1"},
        "max_stpes": 4,
        "batch_size": 4096,
        "model": "/etc",
        "evaluate": {"evalset": "gone@v1", "judges": ["math"]},
    }
    answer = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert problems(answer) == [
        ("body.config.max_stpes", EXTRA),
        ("body.config.batch_size", "4096 is over this server's limit of 1024 (setting max_run_batch_size)"),
        ("body.config.model", MODEL_ROOTS),
        ("body.config.dataset.key", "dataset nope@v1 does not exist"),
        ("body.config.evaluate.evalset", "dataset gone@v1 does not exist"),
    ]
    assert answer.json()["detail"] == "5 problem(s) in the train config, first at body.config.max_stpes"


async def test_an_eval_config_names_its_typo_model_and_eval_set_at_once(client: httpx.AsyncClient) -> None:
    config = {"evalset": "nope@v1", "model": "/etc", "judgs": ["math"], "limit": 0}
    answer = await client.post("/api/runs", json={"kind": "eval", "config": config})
    assert problems(answer) == [
        ("body.config.limit", "Input should be greater than or equal to 1"),
        ("body.config.judgs", EXTRA),
        ("body.config.model", MODEL_ROOTS),
        ("body.config.evalset", "dataset nope@v1 does not exist"),
    ]


async def test_one_problem_keeps_its_own_message(client: httpx.AsyncClient) -> None:
    """A config with one problem is answered as before: that check's message and members."""
    config = {"dataset": {"key": "nope@v1"}}
    answer = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert problems(answer) == [("body.config.dataset.key", "dataset nope@v1 does not exist")]
    assert answer.json()["detail"] == "dataset nope@v1 does not exist"


async def test_the_cli_prints_every_problem_of_a_sweep_file_in_one_invocation(
    client: httpx.AsyncClient, keys: tuple[str, str], cli_env: dict[str, str], tmp_path: Path
) -> None:
    _, evalset = keys
    file = tmp_path / "sweep.yaml"
    file.write_text(yaml.safe_dump(typo_sweep(evalset)))
    # the commands run their own event loops, so in a thread beside this test's (tests/commands.py)
    assert await asyncio.to_thread(refused, cli_env, "sweeps", "create", str(file)) == [
        "error: 3 problem(s) in the sweep config, first at base.max_stpes",
        f"  base.max_stpes: {EXTRA}",
        f"  space.optimizer.momentum: optimizer.momentum = 0.1: {EXTRA}",
        "  base.dataset.key: dataset nope@v1 does not exist",
    ]
    train = tmp_path / "train.yaml"
    train.write_text(yaml.safe_dump({"dataset": {"key": "nope@v1"}, "max_stpes": 4, "model": "/etc"}))
    for local in ([], ["--local"]):  # a local run handles signals: a process of its own
        ran = await asyncio.to_thread(tunix_process, cli_env, "train", str(train), *local, code=2)
        assert ran.stderr.splitlines() == [
            "error: 3 problem(s) in the train config, first at max_stpes",
            f"  max_stpes: {EXTRA}",
            f"  model: {MODEL_ROOTS}",
            "  dataset.key: dataset nope@v1 does not exist",
        ]


async def test_a_space_key_is_blamed_only_for_what_it_adds_to_the_base(
    client: httpx.AsyncClient, keys: tuple[str, str]
) -> None:
    """A base the server refuses (its model) is the base's problem, not every space key's."""
    dataset, evalset = keys
    base = {**sweep_config(dataset, evalset)["base"], "model": "/etc"}
    space = {"optimizer.lr": {"type": "choice", "values": [1e-3]}, "model": {"type": "choice", "values": ["/srv"]}}
    answer = await client.post("/api/sweeps", json={"config": sweep_config(dataset, evalset, base=base, space=space)})
    assert problems(answer) == [
        ("body.config.space.model", MODEL_ROOTS),
        ("body.config.base.model", MODEL_ROOTS),
    ]


async def test_conflicting_options_are_named_beside_a_misspelled_key(client: httpx.AsyncClient) -> None:
    """The model's cross-field check does not run when a field fails; it runs on the fields
    that validated, so tokenizer settings on a hub model are named in the same answer."""
    config = {
        "dataset": {"key": "nope@v1"},
        "model": "gpt2",
        "tokenizer": {"digits": "merged"},
        "epochs": 1,
        "max_steps": 4,
        "lora": {"rr": 8},
    }
    answer = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert problems(answer) == [
        ("body.config.lora.rr", EXTRA),
        (
            "body.config",
            "give epochs or max_steps, not both; "
            "tokenizer settings apply to tiny presets only; a hub or local model keeps its own",
        ),
        ("body.config.dataset.key", "dataset nope@v1 does not exist"),
    ]
    valid_fields = {key: value for key, value in config.items() if key != "lora"}
    alone = await client.post("/api/runs", json={"kind": "train", "config": valid_fields})
    assert [message for _, message in problems(alone)] == [
        "give epochs or max_steps, not both; "
        "tokenizer settings apply to tiny presets only; a hub or local model keeps its own",
        "dataset nope@v1 does not exist",
    ]
    evaluation = {"evalset": "nope@v1", "model": "gpt2", "tokenizer": {"digits": "merged"}, "judgs": ["math"]}
    answer = await client.post("/api/runs", json={"kind": "eval", "config": evaluation})
    assert problems(answer) == [
        ("body.config.judgs", EXTRA),
        ("body.config", "tokenizer settings apply only when model is a tiny preset"),
        ("body.config.evalset", "dataset nope@v1 does not exist"),
    ]


async def test_a_sweep_without_trials_is_told_so_beside_a_misspelled_base_key(
    client: httpx.AsyncClient, keys: tuple[str, str]
) -> None:
    dataset, evalset = keys
    config = sweep_config(dataset, evalset)
    del config["trials"]
    config["base"]["lora"] = {"rr": 8}
    answer = await client.post("/api/sweeps", json={"config": config})
    assert problems(answer) == [
        ("body.config.base.lora.rr", EXTRA),
        ("body.config", "search random needs trials"),
    ]


def test_the_eval_command_prints_every_problem_in_one_invocation(cli_env: dict[str, str]) -> None:
    assert refused(cli_env, "eval", "run", "/etc", "--evalset", "nope@v1", "--judge", "vibes") == [
        "error: 3 problem(s) in the eval config, first at judges",
        f"  judges: Value error, {UNKNOWN_JUDGE}",
        f"  model: {MODEL_ROOTS}",
        "  evalset: dataset nope@v1 does not exist",
    ]


async def test_a_block_with_one_bad_field_still_has_its_references_checked(client: httpx.AsyncClient) -> None:
    """A bad dataset.split does not hide a missing dataset.key, nor an unknown judge the eval set."""
    config = {"dataset": {"key": "nope@v1", "split": "test"}, "evaluate": {"evalset": "gone@v1", "judges": ["vibes"]}}
    answer = await client.post("/api/runs", json={"kind": "train", "config": config})
    assert problems(answer) == [
        ("body.config.dataset.split", "Input should be 'train', 'eval' or 'all'"),
        ("body.config.evaluate.judges", f"Value error, {UNKNOWN_JUDGE}"),
        ("body.config.dataset.key", "dataset nope@v1 does not exist"),
        ("body.config.evaluate.evalset", "dataset gone@v1 does not exist"),
    ]
