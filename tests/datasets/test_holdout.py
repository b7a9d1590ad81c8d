"""Holding problems out: a split grouped by the prompt or a meta key never puts one problem in both
train and eval, on SQLite and PostgreSQL, equal to the in-memory specification; the manifest counts
the groups, and an eval set derived from the eval split carries that check."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import orjson

from tests.conftest import make_trace
from tests.datasets.test_api import build, export_lines, load
from tests.traces.test_api import problem_of
from tunix_rt.datasets.build import Candidate, choose, group_digest
from tunix_rt.datasets.schema import DatasetCreate


def variant(n: int) -> dict[str, Any]:
    """Trace ``n``: one of 20 problems (n % 20), asked in its own words, a third without a problem key."""
    problem = n % 20
    meta: dict[str, Any] = {"category": ("a", "b")[problem % 2]}
    if n % 3:
        meta["problem"] = f"p{problem}"
    return make_trace(n, prompt=f"Problem {problem}, asked the {n}th way?", meta=meta)


async def splits(client: httpx.AsyncClient, key: str) -> dict[str, list[dict[str, Any]]]:
    return {name: await export_lines(client, key, split=name) for name in ("train", "eval")}


async def test_a_meta_key_keeps_each_problem_in_one_split(client: httpx.AsyncClient) -> None:
    traces = [variant(n) for n in range(120)]
    ids = await load(client, traces)
    split: dict[str, Any] = {"eval_count": 25, "seed": 5}
    body = {"name": "held", "selection": {"strategy": "random", "seed": 2}, "split": split}
    grouped = {**body, "split": {**split, "group_by": "problem"}}
    dataset = await build(client, grouped)
    rows = await splits(client, dataset["key"])
    problems = {name: {row["meta"].get("problem") for row in rows[name]} - {None} for name in rows}
    assert problems["train"]
    assert problems["eval"]
    assert problems["train"].isdisjoint(problems["eval"])
    # Whole groups: at least the count asked, less than one more group (6 traces at most) beyond it.
    assert 25 <= len(rows["eval"]) < 25 + 6
    unkeyed = {name: sum("problem" not in row["meta"] for row in rows[name]) for name in rows}
    assert dataset["manifest"]["holdout"] == {
        "group_by": "problem",
        "groups": {name: len(problems[name]) + unkeyed[name] for name in ("train", "eval")},
        "ungrouped": sum("problem" not in trace["meta"] for trace in traces),
        "shared_groups": 0,
    }
    assert dataset["manifest"]["request"]["split"]["group_by"] == "problem"

    request = DatasetCreate.model_validate(grouped)
    candidates = [
        Candidate(id=uuid.UUID(trace_id).bytes, group=group_digest(trace["meta"]["problem"]))
        if "problem" in trace["meta"]
        else Candidate(id=uuid.UUID(trace_id).bytes)
        for trace_id, trace in zip(ids, traces, strict=True)
    ]
    chosen = choose(candidates, request.selection, request.dedupe, request.limit, request.split)
    for name, members in (("train", chosen.train), ("eval", chosen.eval)):
        assert [uuid.UUID(row["id"]).bytes for row in rows[name]] == [c.id for c in members]

    plain = await build(client, {**body, "name": "rows"})
    plain_rows = await splits(client, plain["key"])
    assert "holdout" not in plain["manifest"]
    assert len(plain_rows["eval"]) == 25
    leaked = {row["meta"].get("problem") for row in plain_rows["train"]} & {
        row["meta"].get("problem") for row in plain_rows["eval"]
    }
    assert leaked - {None}, "without group_by the same request splits rows, and problems leak"


async def test_the_prompt_groups_near_duplicate_wordings(client: httpx.AsyncClient) -> None:
    spellings = ("What is {} + 7?", "what is {}+7", "WHAT IS {} + 7 ?!")
    await load(client, [make_trace(n, prompt=spellings[n % 3].format(n // 3)) for n in range(90)])
    dataset = await build(client, {"name": "prompts", "split": {"eval_fraction": 0.2, "group_by": "prompt"}})
    rows = await splits(client, dataset["key"])
    asked = {name: {row["prompt"].lower().replace(" ", "").rstrip("?!") for row in rows[name]} for name in rows}
    assert asked["train"].isdisjoint(asked["eval"])
    assert len(rows["eval"]) == 18
    assert dataset["manifest"]["holdout"]["groups"] == {"train": 24, "eval": 6}
    assert dataset["manifest"]["holdout"]["ungrouped"] == 0


async def test_a_stratum_that_splits_a_group_is_refused(client: httpx.AsyncClient) -> None:
    traces = [make_trace(n, meta={"problem": f"p{n % 5}", "level": "low" if n < 12 else "high"}) for n in range(20)]
    ids = await load(client, traces)
    split = {"eval_count": 4, "group_by": "problem", "stratify_by": "level", "seed": 2}
    request = DatasetCreate.model_validate({"name": "crossed", "split": split})
    candidates = [
        Candidate(id=uuid.UUID(i).bytes, group=group_digest(t["meta"]["problem"]), split_stratum=t["meta"]["level"])
        for i, t in zip(ids, traces, strict=True)
    ]
    chosen = choose(candidates, request.selection, request.dedupe, request.limit, request.split)
    assert {c.group for c in chosen.train} & {c.group for c in chosen.eval}, "this seed makes a group span the split"
    problem = problem_of(await client.post("/api/datasets", json={"name": "crossed", "split": split}), 422)
    assert "would be in both train and eval" in problem["detail"]
    assert problem["errors"][0]["loc"] == ["split", "group_by"]
    problem_of(await client.get("/api/datasets/crossed@v1"), 404)
    agreeing = {"name": "agreeing", "split": {**split, "stratify_by": "problem"}}
    assert (await build(client, agreeing))["manifest"]["holdout"]["shared_groups"] == 0


async def test_an_eval_set_derived_from_a_held_out_split_asks_no_trained_problem(client: httpx.AsyncClient) -> None:
    made = await client.post(
        "/api/traces/synth",
        json={
            "kind": "column_arithmetic",
            "count": 200,
            "seed": 1,
            "column_arithmetic": {"min_digits": 1, "max_digits": 2},
        },
    )
    assert made.status_code == 200, made.text
    body = {
        "name": "cols",
        "query": {"source": "synth:column_arithmetic"},
        "split": {"eval_count": 40, "group_by": "problem"},
    }
    dataset = await build(client, body)
    derived = await client.post("/api/evalsets/derive", json={"name": "cols-eval", "dataset": dataset["key"]})
    assert derived.status_code == 201, derived.text
    assert derived.json()["manifest"]["source"]["holdout"] == dataset["manifest"]["holdout"]
    items = [orjson.loads(line) for line in (await client.get("/api/evalsets/cols-eval@v1/items")).content.splitlines()]
    trained = {row["prompt"] for row in await export_lines(client, dataset["key"], split="train")}
    assert len(items) == 40
    assert not trained & {item["prompt"] for item in items}
