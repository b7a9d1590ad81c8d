"""The self-improvement experiment, shrunken to CI size (1-digit addition, one round): a real
loop samples the starting model, keeps its verified answers as traces, builds a dataset of
exactly those, trains from the starting weights and evaluates, each step an ordinary run linked
from the round, and every number the round records is the one its runs recorded."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from tunix_rt import db
from tunix_rt.datasets import store as datasets
from tunix_rt.evaluation import store as evaluations
from tunix_rt.experiments.self_improve import Options, run_experiment
from tunix_rt.loops import store as loops
from tunix_rt.runs import artifacts
from tunix_rt.runs import store as runs
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow

OPTIONS = Options(digits=1, traces=80, eval_items=12, sft_steps=120, rounds=1, k=4, prompts=24, round_steps=4)


async def test_a_round_links_its_runs_and_records_what_they_measured(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", _env_file=None)
    report, _home = await run_experiment(settings, OPTIONS)

    loop_id, start = uuid.UUID(report["loop"]), uuid.UUID(report["start_run"])
    zero, one = report["rounds"]
    assert (zero["round"], zero["status"], one["round"], one["status"]) == (0, "succeeded", 1, "succeeded")
    assert (zero["sample_run_id"], zero["train_run_id"], zero["dataset_key"]) == (None, None, None)
    async with db.open_database(settings.resolved_database_url) as engine, db.session_factory(engine)() as session:
        loop = await loops.get_loop(session, loop_id)
        assert loop.status == "succeeded"
        sample = await runs.get(session, uuid.UUID(one["sample_run_id"]))
        train = await runs.get(session, uuid.UUID(one["train_run_id"]))
        base_eval = await runs.get(session, uuid.UUID(zero["eval_run_id"]))
        dataset = await datasets.get(session, one["dataset_key"])
        cards = [(await evaluations.get(session, uuid.UUID(r["eval_run_id"]))).scorecard for r in (zero, one)]
        metrics = await runs.metric_points(session, loop_id, "strict_accuracy")

    # the round's steps are the loop's children; round 0 judged the start, round 1 sampled it
    assert (sample.parent_id, train.parent_id, base_eval.parent_id) == (loop_id, loop_id, loop_id)
    # the in-process worker had one slot, held by the loop: the loop ran its steps itself
    assert {sample.worker_id, train.worker_id, base_eval.worker_id} == {f"loop:{loop_id}"}
    assert base_eval.config["run"] == str(start)
    assert (sample.config["model"]["local"], sample.config["k"], sample.config["source"]["limit"]) == (
        str(start),
        4,
        24,
    )
    # round 1 trained from the start's weights on its dataset, which holds the kept traces
    assert train.config["model"] == str(artifacts.run_dir(settings.home, start) / "adapter")
    assert (train.config["dataset"]["key"], train.config["max_steps"]) == (one["dataset_key"], 4)
    summary = json.loads((artifacts.run_dir(settings.home, sample.id) / "sample_summary.json").read_text())
    assert one["traces_kept"] == summary["kept"] > 0
    assert (one["pass_at_1"], one["pass_at_k"]) == (summary["pass_at_1"], summary["pass_at_k"])
    # identical samples of one prompt are one trace in the store
    assert 0 < dataset.counts["train"] <= summary["kept"]
    assert dataset.counts.get("eval", 0) == 0
    # the accuracies are the evaluations', and the test against round 0 pairs every held-out item
    for row, card in zip((zero, one), cards, strict=True):
        assert row["strict_accuracy"] == {key: card["strict_accuracy"][key] for key in row["strict_accuracy"]}
    assert [value for _step, value, *_ in metrics] == [card["strict_accuracy"]["value"] for card in cards]
    versus = one["versus_start"]
    assert versus["paired_items"] == 12
    assert 0 <= versus["fixed"] + versus["broken"] <= 12
    assert zero["versus_start"] is None
