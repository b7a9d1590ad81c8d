"""Evaluations through the store, the API and the CLI on both databases: submit-time checks,
ingestion of a finished eval run, leaderboard, comparison, baselines and the CI gate; and one
real eval run through the worker."""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Sequence
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import REPO, tunix_piped
from tunix_rt import db
from tunix_rt.evaluation import determinants, store
from tunix_rt.evaluation.evaluate import PREDICTIONS, SUMMARY
from tunix_rt.evaluation.scorecard import headline, scorecard
from tunix_rt.runs import store as runs
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.runs.worker import Worker, running
from tunix_rt.settings import Settings

EVALSET = "arith-eval@v1"
ITEMS = [
    {"id": f"q{n}", "prompt": f"What is {n} + 1?", "expected_answer": str(n + 1), "category": "add" if n % 2 else "sub"}
    for n in range(8)
]


@pytest.fixture
async def evalset(client: httpx.AsyncClient) -> str:
    body = b"".join(orjson.dumps(item) + b"\n" for item in ITEMS)
    response = await client.post(
        "/api/evalsets", params={"name": "arith-eval"}, content=body, headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 201, response.text
    return EVALSET


async def recorded_eval(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    right: set[int],
    source: uuid.UUID | None,
    noise: str = "",
    reasoning_tokens: Sequence[int | None] = (None,),
    well_formed: set[int] | None = None,
    recorded: dict[str, Any] | None = None,
    primary_metric: str = "strict_accuracy",
) -> uuid.UUID:
    """An eval run row whose folder holds the outputs an evaluation of ``right`` items would
    write, ingested as the worker does when a run succeeds; item n's reasoning span is
    ``reasoning_tokens`` (cycled) tokens long; the items ``well_formed`` (all by default) follow
    the format; ``recorded`` is the settings it was made with (none recorded by default)."""
    config = {"evalset": EVALSET, "run": str(source)} if source else {"evalset": EVALSET, "model": "tiny-llama"}
    predictions = [
        {
            **item,
            "section": None,
            "difficulty": None,
            "meta": {},
            "output": f"<reasoning>x{noise}</reasoning><answer>{item['expected_answer'] if n in right else 0}</answer>",
            "output_tokens": 9,
            "truncated": False,
            "extracted_answer": item["expected_answer"] if n in right else "0",
            "method": "tag",
            "reason": "exact" if n in right else "number differs",
            "strict": n in right,
            "lenient": n in right,
            "format_ok": well_formed is None or n in well_formed,
            "judges": {"math": {"correct": n in right, "version": "1", "details": {"note": noise} if noise else {}}},
            "failure": None if n in right else "wrong_final_answer",
            "reasoning_tokens": reasoning_tokens[n % len(reasoning_tokens)],
        }
        for n, item in enumerate(ITEMS)
    ]
    async with db.transaction(sessions) as session:
        run = await runs.submit(session, "eval", config, RunRefs(evalset_key=EVALSET))
        folder = settings.home / "runs" / str(run.id)
        folder.mkdir(parents=True)
        (folder / PREDICTIONS).write_bytes(b"".join(orjson.dumps(p) + b"\n" for p in predictions))
        card = scorecard(predictions, primary_metric)
        if recorded is not None:
            card |= {"settings": recorded, "settings_hash": determinants.fingerprint(recorded)}
        summary = {
            "config": config,
            "evalset": {"key": EVALSET},
            "model": {"ref": f"run:{source}" if source else "tiny-llama"},
            "judges": [{"name": "math", "version": "1"}],
            "scorecard": card,
        }
        (folder / SUMMARY).write_text(json.dumps(summary))
        await store.ingest(session, run, folder)
        return run.id


async def train_row(sessions: async_sessionmaker[AsyncSession], dataset: str) -> uuid.UUID:
    async with db.transaction(sessions) as session:
        run = await runs.submit(session, "train", {}, RunRefs(dataset_key=dataset, model="tiny-llama"))
        run.status = "succeeded"
        return run.id


async def test_nul_in_model_output_is_stored_as_a_replacement_character(
    sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    """A byte-level tokenizer can generate NUL, which PostgreSQL text and jsonb refuse: the
    evaluation is recorded on both databases with U+FFFD in its place."""
    run_id = await recorded_eval(sessions, settings, {0}, None, noise="a\x00b")
    async with sessions() as session:
        items = await store.items_of(session, run_id)
    assert [item.output.split("</reasoning>")[0] for item in items] == ["<reasoning>xa\ufffdb"] * len(ITEMS)
    assert {item.judges["math"]["details"]["note"] for item in items} == {"a\ufffdb"}


async def test_submit_checks_judges_sources_and_backend(
    client: httpx.AsyncClient, evalset: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def submit(config: dict[str, Any]) -> httpx.Response:
        return await client.post("/api/runs", json={"kind": "eval", "config": {"evalset": evalset, **config}})

    unknown = await submit({"model": "tiny-llama", "judges": ["math", "vibes"]})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["body", "config", "judges"]
    missing = await client.post("/api/runs", json={"kind": "eval", "config": {"evalset": "nope@v1", "model": "m"}})
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["loc"] == ["body", "config", "evalset"]
    no_run = await submit({"run": str(uuid.uuid4())})
    assert no_run.status_code == 422
    assert no_run.json()["errors"][0]["loc"] == ["body", "config", "run"]
    llm = await submit({"model": "tiny-llama", "judges": ["llm"]})
    assert llm.status_code == 422
    assert "TUNIX_RT_LLM_JUDGE_URL" in llm.json()["detail"]
    hub = await submit({"model": "gpt2", "backend": "jax"})
    assert hub.status_code == 422
    assert hub.json()["errors"][0]["loc"] == ["body", "config", "model"]
    assert (await submit({"model": "tiny-llama", "backend": "jax"})).status_code == 202
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "tunix" else real_find_spec(name, *a)
    )
    jax = await submit({"model": "tiny-llama", "backend": "jax"})
    assert jax.status_code == 501
    assert "'jax' extra" in jax.json()["detail"]
    monkeypatch.undo()
    ok = await submit({"model": "tiny-llama"})
    assert ok.status_code == 202
    assert (ok.json()["evalset_key"], ok.json()["model"]) == (evalset, "tiny-llama")


async def test_leaderboard_compare_and_regression_gate(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    train_a, train_b = await train_row(sessions, "arith@v1"), await train_row(sessions, "other@v1")
    old_a = await recorded_eval(sessions, settings, {0}, train_a)
    eval_a = await recorded_eval(sessions, settings, {0, 1, 2, 3}, train_a)
    eval_b = await recorded_eval(sessions, settings, {0, 1, 2, 3, 4, 5, 6, 7}, train_b)
    untrained = await recorded_eval(sessions, settings, set(), None)

    board = (await client.get("/api/leaderboard", params={"evalset": evalset})).json()
    assert [row["run_id"] for row in board["items"]] == [str(eval_b), str(eval_a), str(untrained)]
    assert board["items"][1]["dataset_key"] == "arith@v1"
    assert board["items"][1]["primary_score"] == 0.5
    assert str(old_a) not in {row["run_id"] for row in board["items"]}
    first = (await client.get("/api/leaderboard", params={"limit": 2})).json()
    rest = (await client.get("/api/leaderboard", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert [r["run_id"] for r in first["items"] + rest["items"]] == [r["run_id"] for r in board["items"]]
    assert rest["next_cursor"] is None
    only = (await client.get("/api/leaderboard", params={"dataset": "other@v1"})).json()["items"]
    assert [row["run_id"] for row in only] == [str(eval_b)]
    assert (await client.get("/api/leaderboard", params={"cursor": "garbage"})).status_code == 422

    compared = (
        await client.get("/api/evaluations/compare", params={"a": str(eval_a)[:8], "b": str(eval_b)[:8]})
    ).json()
    assert compared["counts"] == {"fixed": 4, "broken": 0, "both_right": 4, "both_wrong": 0}
    assert compared["mcnemar_p"] == pytest.approx(0.125)
    assert compared["categories"]["add"]["delta"] == 0.5
    fixed = [item for item in compared["items"] if item["outcome"] == "fixed"]
    assert fixed[0]["a"]["strict"] is False
    assert fixed[0]["b"]["strict"] is True
    read = (await client.get(f"/api/evaluations/{str(eval_a)[:8]}")).json()
    assert read["scorecard"]["strict_accuracy"]["hits"] == 4
    assert read["judges"] == [{"name": "math", "version": "1"}]
    items = (await client.get(f"/api/evaluations/{str(eval_a)[:8]}/items")).json()
    assert len(items) == 8
    assert [item["reason"] for item in items[3:5]] == ["exact", "number differs"]

    # alpha 1: this test is about the tolerance; 4 of 8 items flipping is noise to the paired test.
    baseline = {"name": "main", "evalset": evalset, "run": str(train_a)[:8], "abs_tolerance": 0.1, "alpha": 1.0}
    created = await client.post("/api/regression/baselines", json=baseline)
    assert created.status_code == 201, created.text
    assert created.json()["run_id"] == str(train_a)
    assert (await client.post("/api/regression/baselines", json=baseline)).status_code == 409
    passed = (await client.post("/api/regression/check", json={"baseline": "main", "run": str(train_b)[:8]})).json()
    assert passed["passed"]
    assert passed["delta"] == 0.5
    assert passed["baseline_evaluation"] == str(eval_a)
    failed = (await client.post("/api/regression/check", json={"baseline": "main", "run": str(untrained)})).json()
    assert not failed["passed"]
    assert failed["candidate_value"] == 0.0
    assert failed["allowed_shortfall"] == 0.1

    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_DATABASE_URL=settings.resolved_database_url, TUNIX_RT_HOME=str(settings.home))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))

    def gate(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tunix_rt", "eval", "gate", *args]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False, cwd=REPO)

    results = await asyncio.gather(
        asyncio.to_thread(gate, "--baseline", "main", str(train_b)[:8]),
        asyncio.to_thread(gate, "--baseline", "main", str(untrained)),
        asyncio.to_thread(gate, "--baseline", "nope", str(train_b)),
    )
    assert [r.returncode for r in results] == [0, 1, 2], [r.stdout + r.stderr for r in results]
    assert "PASS" in results[0].stdout
    assert "REGRESSION" in results[1].stdout


async def test_a_training_run_lists_every_evaluation_of_its_model_newest_first(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    train, other = await train_row(sessions, "arith@v1"), await train_row(sessions, "other@v1")
    first = await recorded_eval(sessions, settings, {0}, train)
    second = await recorded_eval(sessions, settings, {0, 1, 2, 3}, train)
    await recorded_eval(sessions, settings, {0, 1}, other)
    await recorded_eval(sessions, settings, set(), None)

    listed = await client.get("/api/evaluations", params={"source_run": str(train)})
    assert listed.status_code == 200, listed.text
    rows = listed.json()
    assert {row["run_id"] for row in rows} == {str(first), str(second)}
    assert [row["created_at"] for row in rows] == sorted((row["created_at"] for row in rows), reverse=True)
    scores = {row["run_id"]: (row["evalset_key"], row["primary_score"], row["n_items"]) for row in rows}
    assert scores == {str(first): (evalset, 0.125, 8), str(second): (evalset, 0.5, 8)}
    assert (await client.get("/api/evaluations", params={"source_run": str(train), "limit": 1})).json()[0] == rows[0]
    assert (await client.get("/api/evaluations", params={"source_run": str(uuid.uuid4())})).json() == []
    assert (await client.get("/api/evaluations")).status_code == 422


async def test_a_run_a_baseline_stands_on_cannot_be_deleted(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """409 naming the baseline, from the API and from the CLI (a message and exit 2, no
    traceback), whether the baseline names the training run or the evaluation itself."""
    train = await train_row(sessions, "arith@v1")
    evaluated = await recorded_eval(sessions, settings, {0, 1}, train)
    pinned = await recorded_eval(sessions, settings, {0}, None)
    for body in (
        {"name": "by-run", "evalset": evalset, "run": str(train)},
        {"name": "by-eval", "evalset": evalset, "evaluation": str(pinned)},
    ):
        assert (await client.post("/api/regression/baselines", json=body)).status_code == 201

    refused = await client.delete(f"/api/runs/{train}")
    assert refused.status_code == 409, refused.text
    assert refused.json()["detail"] == f"run {train} is the regression baseline 'by-run'; delete the baseline first"
    assert refused.json()["baselines"] == ["by-run"]
    assert (await client.delete(f"/api/runs/{pinned}")).json()["baselines"] == ["by-eval"]

    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_DATABASE_URL=settings.resolved_database_url, TUNIX_RT_HOME=str(settings.home))
    env.update(PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])), COLUMNS="200")
    command = [sys.executable, "-m", "tunix_rt", "runs", "rm", str(pinned)]
    cli = await asyncio.to_thread(
        subprocess.run, command, env=env, capture_output=True, text=True, timeout=120, check=False, cwd=REPO
    )
    assert (cli.returncode, cli.stdout) == (2, "")
    assert cli.stderr.strip() == f"error: run {pinned} is the regression baseline 'by-eval'; delete the baseline first"

    assert (await client.delete("/api/regression/baselines/by-run")).status_code == 204
    assert (await client.delete(f"/api/runs/{train}")).status_code == 204
    assert (await client.get(f"/api/evaluations/{evaluated}")).status_code == 200


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite"])
async def test_an_eval_run_through_the_worker_is_recorded(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    config = {"evalset": evalset, "model": "tiny-llama", "limit": 4, "max_new_tokens": 8, "device": "cpu"}
    submitted = await client.post("/api/runs", json={"kind": "eval", "config": config})
    assert submitted.status_code == 202, submitted.text
    run_id = submitted.json()["id"]
    async with running(Worker(settings.model_copy(update={"run_poll_seconds": 0.1}), sessions)):
        deadline = time.monotonic() + 600  # a hang guard: generation in a child is slow on busy cores
        while (status := (await client.get(f"/api/runs/{run_id}")).json()["status"]) not in ("succeeded", "failed"):
            assert time.monotonic() < deadline, status
            await asyncio.sleep(0.2)
    run = (await client.get(f"/api/runs/{run_id}")).json()
    assert run["status"] == "succeeded", run["error"]
    evaluation = (await client.get(f"/api/evaluations/{run_id}")).json()
    assert evaluation["n_items"] == 4
    assert evaluation["model"] == "tiny-llama"
    lines = [item["line"] for item in (await client.get(f"/api/runs/{run_id}/logs")).json()["items"]]
    assert lines[-1] == headline(evaluation["scorecard"])
    assert not [line for line in lines if "it/s" in line or "%|" in line]
    artifacts = {item["path"] for item in (await client.get(f"/api/runs/{run_id}/artifacts")).json()["items"]}
    assert {PREDICTIONS, SUMMARY} <= artifacts
    board = (await client.get("/api/leaderboard", params={"model": "tiny-llama"})).json()["items"]
    assert [row["run_id"] for row in board] == [run_id]


@pytest.mark.slow
async def test_a_queued_eval_says_how_to_follow_it_and_wait_ends_with_its_scores(
    evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession], cli_env: dict[str, str]
) -> None:
    args = ["eval", "tiny-llama", "--evalset", evalset, "--limit", "2", "--max-new-tokens", "4", "--wait"]
    async with running(Worker(settings.model_copy(update={"run_poll_seconds": 0.1}), sessions)):
        code, out, err = await tunix_piped(cli_env, *args)
    assert code == 0, err
    run_id, *lines = out.splitlines()
    assert f"queued; follow its log with: tunix-rt runs logs {run_id} -f" in err.splitlines()
    assert f"or open http://127.0.0.1:8000/runs/{run_id} (tunix-rt serve)" in err.splitlines()
    async with sessions() as session:
        card = (await store.get(session, uuid.UUID(run_id))).scorecard
    assert lines[-1] == f"[log] {headline(card)}"
    assert err.splitlines()[-1] == f"run {run_id} succeeded"


async def test_compare_pairs_items_on_any_scored_metric(
    client: httpx.AsyncClient, evalset: str, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    """Strict sees no change between these two (both get q0 right), the format verdict sees six
    items fixed: comparing on any metric shows what training changed first."""
    before = await recorded_eval(sessions, settings, {0}, None, well_formed={0, 1})
    after = await recorded_eval(sessions, settings, {0}, None)

    async def compared(metric: str) -> dict[str, Any]:
        answer = await client.get(
            "/api/evaluations/compare", params={"a": str(before), "b": str(after), "metric": metric}
        )
        assert answer.status_code == 200, answer.text
        result: dict[str, Any] = answer.json()
        return result

    strict = await compared("strict")
    assert (strict["metric"], strict["counts"]["fixed"], strict["counts"]["both_wrong"]) == ("strict", 0, 7)
    form = await compared("format")
    assert form["counts"] == {"fixed": 6, "broken": 0, "both_right": 2, "both_wrong": 0}
    assert (form["a_accuracy"], form["b_accuracy"]) == (0.25, 1.0)
    assert form["mcnemar_p"] == pytest.approx(2 / 64)
    assert sorted(item["id"] for item in form["items"] if item["outcome"] == "fixed") == [f"q{n}" for n in range(2, 8)]
    judged = await compared("judge:math")
    assert judged["counts"] == strict["counts"]
    unknown = await client.get(
        "/api/evaluations/compare", params={"a": str(before), "b": str(after), "metric": "vibes"}
    )
    assert unknown.status_code == 422
    assert unknown.json()["detail"] == "unknown metric 'vibes': use strict, lenient, format or judge:<name>"


SETTINGS = {"backend": "torch", "dtype": "float32", "batch_size": 16, "sampling": {"temperature": 0.0}}


async def test_leaderboard_and_compare_refuse_evaluations_made_with_different_settings(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Same settings rank together; one evaluated at another batch size and dtype is refused with
    exactly what differs, until force, which ranks them and says what it ranked over."""
    same_a = await recorded_eval(sessions, settings, {0, 1}, await train_row(sessions, "a@v1"), recorded=SETTINGS)
    same_b = await recorded_eval(sessions, settings, {0}, await train_row(sessions, "b@v1"), recorded=SETTINGS)
    board = await client.get("/api/leaderboard", params={"evalset": evalset})
    assert [row["run_id"] for row in board.json()["items"]] == [str(same_a), str(same_b)]
    assert board.json()["settings_differences"] == []
    assert board.json()["items"][0]["settings_hash"] == determinants.fingerprint(SETTINGS)
    assert (await client.get("/api/evaluations/compare", params={"a": str(same_a), "b": str(same_b)})).json()[
        "settings_differences"
    ] == []

    other = {**SETTINGS, "batch_size": 8, "dtype": "bfloat16"}
    odd_run = await train_row(sessions, "c@v1")
    odd = await recorded_eval(sessions, settings, {0, 1, 2}, odd_run, recorded=other)
    refused = await client.get("/api/leaderboard", params={"evalset": evalset})
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert "batch_size: 16" in problem["detail"]
    assert "vs 8" in problem["detail"]
    [mismatch] = problem["mismatches"]
    assert mismatch["evalset"] == evalset
    assert mismatch["b"] == [f"run:{odd_run}"]
    assert mismatch["differences"] == [
        {"setting": "batch_size", "a": 16, "b": 8},
        {"setting": "dtype", "a": "float32", "b": "bfloat16"},
    ]
    forced = (await client.get("/api/leaderboard", params={"evalset": evalset, "force": "true"})).json()
    assert [row["run_id"] for row in forced["items"]] == [str(odd), str(same_a), str(same_b)]
    assert forced["settings_differences"][0]["differences"] == mismatch["differences"]

    pair = {"a": str(same_a), "b": str(odd)}
    compared = await client.get("/api/evaluations/compare", params=pair)
    assert compared.status_code == 409
    assert compared.json()["differences"] == mismatch["differences"]
    anyway = (await client.get("/api/evaluations/compare", params={**pair, "force": "true"})).json()
    assert anyway["settings_differences"] == mismatch["differences"]
    assert anyway["counts"]["fixed"] == 1

    # An evaluation made before settings were recorded is not comparable with one that has them.
    legacy = await recorded_eval(sessions, settings, {0}, None)
    unknown = await client.get("/api/evaluations/compare", params={"a": str(same_a), "b": str(legacy)})
    assert unknown.json()["differences"] == [{"setting": "settings", "a": "recorded", "b": "(not recorded)"}]


async def test_leaderboard_leaves_out_scores_of_a_judge_not_checked_against_people(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """A judge with no human labels may not decide a ranking: its evaluations are left out, and
    the page says why, until force (the labelled-and-agreeing case is test_labels' gate test)."""
    by_judge = await recorded_eval(
        sessions, settings, {0, 1, 2}, await train_row(sessions, "a@v1"), recorded=SETTINGS, primary_metric="judge:math"
    )
    strict = await recorded_eval(sessions, settings, {0}, await train_row(sessions, "b@v1"), recorded=SETTINGS)
    board = (await client.get("/api/leaderboard", params={"evalset": evalset})).json()
    assert [row["run_id"] for row in board["items"]] == [str(strict)]
    [left_out] = board["left_out"]
    assert left_out["metric"] == "judge:math"
    assert "cannot rank the leaderboard yet" in left_out["reason"]
    assert "on 0 labelled items" in left_out["reason"]
    forced = (await client.get("/api/leaderboard", params={"evalset": evalset, "force": "true"})).json()
    assert [row["run_id"] for row in forced["items"]] == [str(by_judge), str(strict)]
    assert forced["left_out"] == []
