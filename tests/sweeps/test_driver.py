"""The driver's pieces without a Ray cluster: the space as Tune domains for each domain type
and search algorithm (choices and grids searched by index, so any JSON value works, Optuna
included), Optuna told only real objectives, the trial recorder keeping the NaN objective
placeholder of progress reports out of the trial rows and ``best``, and a fresh start retiring
what an earlier attempt left before Tune first saved, on both databases."""

from __future__ import annotations

import asyncio
import math
import uuid
import warnings
from typing import Any

import httpx
import optuna
import pytest
from ray import tune
from ray.tune.experiment import Trial as TuneTrial
from ray.tune.search.optuna import OptunaSearch
from ray.tune.search.sample import Categorical, Float, Integer, LogUniform, Uniform
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.sweeps.conftest import sweep_config
from tunix_rt import db
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings
from tunix_rt.sweeps import store
from tunix_rt.sweeps.config import SweepConfig
from tunix_rt.sweeps.driver import ScoredOptunaSearch, TrialRecorder, param_space, retire_unsaved_trials, tune_config
from tunix_rt.sweeps.tables import SweepTrial

MODULES = [["q_proj"], ["q_proj", "v_proj"]]
SPACE: dict[str, Any] = {
    "lora.target_modules": {"type": "choice", "values": MODULES},
    "optimizer.lr": {"type": "loguniform", "low": 1e-4, "high": 1e-2},
    "lora.dropout": {"type": "uniform", "low": 0.0, "high": 0.5},
    "lora.r": {"type": "randint", "low": 2, "high": 9},
}


def config_of(search: str, space: dict[str, Any] | None = None, trials: int | None = 4) -> SweepConfig:
    return SweepConfig.model_validate(
        sweep_config(
            "arith@v1", "arith-eval@v1", space=space or SPACE, search={"type": search, "seed": 3}, trials=trials
        )
    )


@pytest.mark.parametrize("search", ["random", "optuna"])
def test_each_domain_type_becomes_its_tune_domain(search: str) -> None:
    space = param_space(config_of(search))
    choice = space["lora.target_modules"]
    assert isinstance(choice, Categorical)
    assert choice.categories == [0, 1]
    lr = space["optimizer.lr"]
    assert isinstance(lr, Float)
    assert isinstance(lr.sampler, LogUniform)
    assert (lr.lower, lr.upper) == (1e-4, 1e-2)
    dropout = space["lora.dropout"]
    assert isinstance(dropout, Float)
    assert isinstance(dropout.sampler, Uniform)
    assert (dropout.lower, dropout.upper) == (0.0, 0.5)
    rank = space["lora.r"]
    assert isinstance(rank, Integer)
    assert (rank.lower, rank.upper) == (2, 9)


def test_grids_and_choices_under_search_grid_are_grids_of_indices() -> None:
    grid_space = {
        "lora.target_modules": {"type": "grid", "values": MODULES},
        "lora.alpha": {"type": "choice", "values": [8, 16, 32]},
    }
    grid = config_of("grid", grid_space, trials=None)
    assert param_space(grid) == {
        "lora.target_modules": {"grid_search": [0, 1]},
        "lora.alpha": {"grid_search": [0, 1, 2]},
    }
    assert grid.trial_params({"lora.target_modules": 1, "lora.alpha": 2}) == {
        "lora.target_modules": ["q_proj", "v_proj"],
        "lora.alpha": 32,
    }
    random = config_of("random", grid_space)
    assert param_space(random)["lora.target_modules"] == {"grid_search": [0, 1]}
    assert isinstance(param_space(random)["lora.alpha"], Categorical)


def test_samples_map_back_to_the_values_they_stand_for() -> None:
    config = config_of("random")
    sampled = {"lora.target_modules": 1, "optimizer.lr": 0.002, "lora.dropout": 0.25, "lora.r": 4}
    params = config.trial_params(sampled)
    assert params == {
        "lora.target_modules": ["q_proj", "v_proj"],
        "optimizer.lr": 0.002,
        "lora.dropout": 0.25,
        "lora.r": 4,
    }
    assert config.trial_config(params).lora.target_modules == ["q_proj", "v_proj"]
    dicts = config_of("random", {"grpo": {"type": "choice", "values": [None, {"beta": 0.1}]}})
    assert dicts.trial_params({"grpo": 1}) == {"grpo": {"beta": 0.1}}
    for _ in range(20):
        drawn = {key: domain.sample() for key, domain in param_space(config).items()}
        values = config.trial_params(drawn)
        assert values["lora.target_modules"] in MODULES
        assert 1e-4 <= values["optimizer.lr"] <= 1e-2
        assert type(values["lora.r"]) is int
        assert 2 <= values["lora.r"] <= 8


def test_optuna_searches_list_valued_choices_by_index_without_warnings() -> None:
    config = config_of("optuna")
    distributions = OptunaSearch.convert_search_space(param_space(config))
    assert distributions["lora.target_modules"] == optuna.distributions.CategoricalDistribution((0, 1))
    assert distributions["optimizer.lr"] == optuna.distributions.FloatDistribution(1e-4, 1e-2, log=True)
    assert distributions["lora.r"] == optuna.distributions.IntDistribution(2, 8)

    searcher = tune_config(config).search_alg.searcher  # type: ignore[union-attr]
    assert isinstance(searcher, ScoredOptunaSearch)
    searcher.set_search_properties(None, None, param_space(config))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        suggested = []
        for i in range(12):  # past TPE's ten random startup trials
            sample = searcher.suggest(f"t{i}")
            assert sample is not None
            suggested.append(config.trial_params(sample))
            searcher.on_trial_complete(f"t{i}", {"objective": float(i % 3)})
    assert not [w for w in caught if "categorical distribution" in str(w.message)]
    assert {tuple(p["lora.target_modules"]) for p in suggested} == {("q_proj",), ("q_proj", "v_proj")}
    assert all(config.trial_config(p) for p in suggested)


def test_optuna_prunes_a_trial_whose_last_report_holds_the_nan_placeholder() -> None:
    searcher = ScoredOptunaSearch(metric="objective", mode="max", seed=0)
    searcher.set_search_properties(None, None, {"x": tune.uniform(0, 1)})
    for trial_id in ("scored", "stopped", "raised"):
        searcher.suggest(trial_id)
    searcher.on_trial_complete("scored", {"objective": 0.75, "loss": 1.0})
    searcher.on_trial_complete("stopped", {"objective": math.nan, "loss": 2.0})
    searcher.on_trial_complete("raised", {"objective": math.nan, "loss": 2.0}, error=True)
    study = searcher._ot_study
    assert isinstance(study, optuna.Study)
    states = [(t.state, t.value) for t in study.trials]
    assert states == [
        (optuna.trial.TrialState.COMPLETE, 0.75),
        (optuna.trial.TrialState.PRUNED, None),
        (optuna.trial.TrialState.FAIL, None),
    ]


def test_a_trial_without_a_finite_objective_never_wins() -> None:
    config = config_of("random")
    trials = [
        SweepTrial(trial_id="nan", status="succeeded", objective=math.nan, params={}),
        SweepTrial(trial_id="won", status="succeeded", objective=0.25, params={}),
        SweepTrial(trial_id="inf", status="succeeded", objective=math.inf, params={}),
        SweepTrial(trial_id="stopped", status="stopped", objective=None, params={}),
    ]
    best = store.best_trial(config, trials)
    assert best is not None
    assert best.trial_id == "won"


async def sweep_with_trials(client: httpx.AsyncClient, keys: tuple[str, str]) -> uuid.UUID:
    created = await client.post("/api/sweeps", json={"config": sweep_config(*keys, space=SPACE)})
    assert created.status_code == 202, created.text
    return uuid.UUID(created.json()["run"]["id"])


async def test_the_recorder_keeps_the_nan_placeholder_out_of_trials_and_best(
    client: httpx.AsyncClient, keys: tuple[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys)
    config = SweepConfig.model_validate(sweep_config(*keys, space=SPACE))
    async with db.transaction(sessions) as session:
        await store.upsert_trial(session, sweep_id, "won", params={"lora.r": 4}, status="succeeded", objective=0.25)
        await store.upsert_trial(session, sweep_id, "asha", params={"lora.r": 6}, status="running")
    stopped = TuneTrial(
        "TrialTrainable",
        config={"lora.target_modules": 1, "optimizer.lr": 0.001, "lora.dropout": 0.1, "lora.r": 6},
        trial_id="asha",
        stub=True,
    )
    stopped.run_metadata.last_result = {"loss": 6.2, "objective": math.nan, "training_iteration": 2, "step": 10}
    recorder = TrialRecorder(sweep_id, settings, config)
    await asyncio.to_thread(recorder.on_trial_complete, 2, [stopped], stopped)
    await asyncio.to_thread(recorder.on_trial_error, 3, [stopped], stopped)  # its step raising afterwards

    async with sessions() as session:
        trials = {t.trial_id: t for t in await store.trials_of(session, sweep_id)}
    assert trials["asha"].status == "stopped"
    assert trials["asha"].objective is None
    assert trials["asha"].params == {"lora.r": 6}
    assert (
        trials["asha"].error
        == "stopped by the scheduler or the time budget after 2 loss reports (step 10), before it scored"
    )
    assert store.best_trial(config, list(trials.values())) is trials["won"]

    shown = await client.get(f"/api/sweeps/{sweep_id}")
    assert shown.status_code == 200, shown.text
    assert shown.json()["best"]["trial_id"] == "won"
    assert {t["trial_id"]: t["status"] for t in shown.json()["trials"]} == {
        "won": "succeeded",
        "asha": "stopped",
    }


async def test_a_stopped_trial_keeps_the_last_loss_its_training_run_logged(
    client: httpx.AsyncClient, keys: tuple[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys)
    config = SweepConfig.model_validate(sweep_config(*keys, space=SPACE))
    model, refs = KindRegistry().validate("train", sweep_config(*keys)["base"])
    async with db.transaction(sessions) as session:
        train = await runs.submit(
            session, "train", model.model_dump(mode="json"), refs, tags=[store.trial_tag("asha")], parent_id=sweep_id
        )
        await runs.upsert_metrics(
            session,
            [
                {"run_id": train.id, "name": name, "step": step, "value": value}
                for name, step, value in [("loss", 1, 6.5), ("loss", 3, 4.25), ("loss", 2, 5.0), ("lr", 4, 0.1)]
            ],
        )
        await store.upsert_trial(session, sweep_id, "asha", params={"lora.r": 6}, status="running")
        await store.upsert_trial(session, sweep_id, "early", params={"lora.r": 7}, status="running")
    sample = {"lora.target_modules": 1, "optimizer.lr": 0.001, "lora.dropout": 0.1, "lora.r": 6}
    stopped = [TuneTrial("TrialTrainable", config=sample, trial_id=key, stub=True) for key in ("asha", "early")]
    recorder = TrialRecorder(sweep_id, settings, config)
    for trial in stopped:
        await asyncio.to_thread(recorder.on_trial_complete, 2, stopped, trial)

    shown = await client.get(f"/api/sweeps/{sweep_id}")
    assert shown.status_code == 200, shown.text
    rows = {t["trial_id"]: t for t in shown.json()["trials"]}
    assert (rows["asha"]["status"], rows["asha"]["last_loss"]) == ("stopped", 4.25)  # step 3, not the newest row
    assert (rows["early"]["status"], rows["early"]["last_loss"]) == ("stopped", None)  # stopped before it trained
    assert rows["early"]["error"] == "stopped by the scheduler or the time budget before it scored"


async def test_a_fresh_start_retires_what_an_earlier_attempt_left(
    client: httpx.AsyncClient, keys: tuple[str, str], settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    sweep_id = await sweep_with_trials(client, keys)
    model, refs = KindRegistry().validate("train", sweep_config(*keys)["base"])
    async with db.transaction(sessions) as session:
        left = await runs.submit(session, "train", model.model_dump(mode="json"), refs, parent_id=sweep_id)
        done = await runs.submit(session, "train", model.model_dump(mode="json"), refs, parent_id=sweep_id)
        await runs.transition(session, done.id, RunStatus.CANCELLED, finished_at=db.utcnow())
        await store.upsert_trial(session, sweep_id, "old", params={"lora.r": 4}, status="running", train_run_id=left.id)
        await store.upsert_trial(session, sweep_id, "new", params={"lora.r": 5}, status="pending")
        await store.upsert_trial(session, sweep_id, "kept", params={"lora.r": 6}, status="succeeded", objective=0.5)

    assert await retire_unsaved_trials(settings, sweep_id) == 2

    async with sessions() as session:
        trials = {t.trial_id: t for t in await store.trials_of(session, sweep_id)}
        assert (await runs.get(session, left.id)).status == RunStatus.CANCELLED
    assert {key: t.status for key, t in trials.items()} == {"old": "cancelled", "new": "cancelled", "kept": "succeeded"}
    assert "earlier attempt" in (trials["old"].error or "")
    assert trials["kept"].objective == 0.5
    assert await retire_unsaved_trials(settings, sweep_id) == 0
