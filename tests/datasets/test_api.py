"""The dataset API on SQLite and PostgreSQL: build, determinism, strategies, dedupe, export, diff, delete."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from tests.conftest import make_trace
from tests.traces.test_api import problem_of
from tunix_rt.datasets.build import allocate
from tunix_rt.training import data


async def load(client: httpx.AsyncClient, traces: list[dict[str, Any]]) -> list[str]:
    response = await client.post("/api/traces/batch", json=traces)
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


def graded(n: int) -> dict[str, Any]:
    level = ("easy", "medium", "hard")[n % 3]
    return make_trace(n, meta={"category": ("arithmetic", "word")[n % 2], "difficulty": level, "n": n})


async def build(client: httpx.AsyncClient, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    response = await client.post("/api/datasets", json=body)
    assert response.status_code == status, response.text
    result: dict[str, Any] = response.json()
    return result


async def export_lines(client: httpx.AsyncClient, key: str, **params: str) -> list[dict[str, Any]]:
    response = await client.get(f"/api/datasets/{key}/export", params=params)
    assert response.status_code == 200, response.text
    return [orjson.loads(line) for line in response.content.splitlines()]


def stable(manifest: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in manifest.items() if k not in {"key", "version", "created_at"}}


async def test_build_versions_and_is_deterministic(client: httpx.AsyncClient, app: FastAPI) -> None:
    await load(client, [graded(n) for n in range(40)])
    body = {"name": "gsm-style", "selection": {"strategy": "random", "seed": 3}, "split": {"eval_fraction": 0.25}}
    first = await build(client, body)
    second = await build(client, body)
    assert (first["key"], second["key"]) == ("gsm-style@v1", "gsm-style@v2")
    assert first["counts"] == {"train": 30, "eval": 10}
    assert stable(first["manifest"]) == stable(second["manifest"])
    home: Path = app.state.tunix.settings.home
    for key, dataset in (("gsm-style@v1", first), ("gsm-style@v2", second)):
        for split in ("train", "eval"):
            data = (home / "datasets" / key / f"{split}.jsonl").read_bytes()
            assert hashlib.sha256(data).hexdigest() == dataset["manifest"]["sha256"][split]
        response = await client.get(f"/api/datasets/{key}/export", params={"split": "all"})
        assert hashlib.sha256(response.content).hexdigest() == dataset["manifest"]["sha256"]["all"]
        assert response.headers["x-content-sha256"] == dataset["manifest"]["sha256"]["all"]
    reseeded = await build(client, {**body, "split": {"eval_fraction": 0.25, "seed": 9}})
    assert reseeded["manifest"]["sha256"]["eval"] != first["manifest"]["sha256"]["eval"]
    assert reseeded["manifest"]["sha256"]["all"] != first["manifest"]["sha256"]["all"]
    taken = problem_of(await client.post("/api/datasets", json={**body, "version": 2}), 409)
    assert "gsm-style@v2 already exists" in taken["detail"]
    explicit = await build(client, {**body, "version": 7})
    assert explicit["key"] == "gsm-style@v7"
    assert (await build(client, body))["key"] == "gsm-style@v8"


async def test_manifest_records_request_counts_and_stats(client: httpx.AsyncClient) -> None:
    await load(client, [graded(n) for n in range(12)])
    dataset = await build(client, {"name": "stats", "split": {"eval_count": 2}})
    manifest = dataset["manifest"]
    assert manifest["request"]["split"]["eval_count"] == 2
    assert manifest["request"]["transforms"]["template"]["answer_open"] == "<answer>"
    assert manifest["counts"]["considered"] == 12
    assert manifest["package_version"]
    train = manifest["stats"]["train"]
    assert train["count"] == 10
    assert train["step_counts"] == {"2": 10}
    assert sum(train["categories"].values()) == 10
    assert sum(train["prompt_tokens"].values()) == 10
    assert list(train["completion_tokens"]) == ["16-31"]
    read = (await client.get("/api/datasets/stats@v1")).json()
    assert read["manifest"] == manifest
    listing = (await client.get("/api/datasets")).json()
    assert [item["key"] for item in listing["items"]] == ["stats@v1"]


async def test_all_and_latest_order_and_limit(client: httpx.AsyncClient) -> None:
    ids = await load(client, [make_trace(n, created_at=f"2026-01-01T00:00:{n:02d}Z") for n in range(10)])
    await build(client, {"name": "oldest", "limit": 4, "split": {"eval_count": 0}})
    await build(client, {"name": "newest", "selection": {"strategy": "latest"}, "limit": 4, "split": {"eval_count": 0}})
    oldest = await export_lines(client, "oldest@v1", split="train")
    newest = await export_lines(client, "newest@v1", split="train")
    assert [row["id"] for row in oldest] == ids[:4]
    assert [row["id"] for row in newest] == ids[::-1][:4]


async def test_stratified_selection_and_split(client: httpx.AsyncClient) -> None:
    traces = [make_trace(n, meta={"kind": "common" if n < 30 else "rare", "grade": str(n % 2)}) for n in range(36)]
    await load(client, traces)
    equal = await build(
        client,
        {
            "name": "strat",
            "selection": {"strategy": "stratified", "stratify_by": "kind", "balance": "equal", "seed": 1},
            "limit": 12,
            "split": {"eval_count": 4, "stratify_by": "grade"},
        },
    )
    strata = equal["manifest"]["strata"]
    assert {
        k: strata["selection"]["train"].get(k, 0) + strata["selection"]["eval"].get(k, 0) for k in ("common", "rare")
    } == {
        "common": 6,
        "rare": 6,
    }
    sizes = {g: strata["split"]["train"].get(g, 0) + strata["split"]["eval"].get(g, 0) for g in ("0", "1")}
    assert strata["split"]["eval"] == {g: n for g, n in allocate(4, sizes).items() if n}
    assert sum(strata["split"]["eval"].values()) == 4
    proportional = await build(
        client,
        {
            "name": "prop",
            "selection": {"strategy": "stratified", "stratify_by": "kind"},
            "limit": 12,
            "split": {"eval_count": 0},
        },
    )
    assert proportional["manifest"]["strata"]["selection"]["train"] == {"common": 10, "rare": 2}


async def test_curriculum_orders_by_stage(client: httpx.AsyncClient) -> None:
    await load(client, [graded(n) for n in range(30)])
    traces = [make_trace(100 + n, meta={"difficulty": "unknown"}) for n in range(3)]
    await load(client, traces)
    dataset = await build(
        client,
        {
            "name": "curriculum",
            "selection": {
                "strategy": "curriculum",
                "difficulty_key": "difficulty",
                "stages": [
                    {"name": "warmup", "values": ["easy"]},
                    {"name": "core", "values": ["medium", "hard"]},
                ],
            },
            "split": {"eval_fraction": 0.2, "stratify_by": "stage"},
        },
    )
    manifest = dataset["manifest"]
    assert manifest["counts"]["dropped_no_stage"] == 3
    assert manifest["strata"]["stages"]["eval"] == {"core": 4, "warmup": 2}
    rows = await export_lines(client, "curriculum@v1", split="train")
    stages = [row["meta"]["curriculum_stage"] for row in rows]
    assert stages == sorted(stages, key=["warmup", "core"].index)
    difficulties = [row["meta"]["difficulty"] for row in rows if row["meta"]["curriculum_stage"] == "core"]
    assert difficulties == sorted(difficulties, key=["medium", "hard"].index)
    numeric = await build(
        client,
        {
            "name": "numeric",
            "selection": {
                "strategy": "curriculum",
                "difficulty_key": "n",
                "stages": [{"name": "low", "max": 10}, {"name": "high", "min": 10}],
            },
            "split": {"eval_count": 0},
        },
    )
    values = [row["meta"]["n"] for row in await export_lines(client, "numeric@v1")]
    assert values == sorted(values)
    assert numeric["manifest"]["strata"]["stages"]["train"] == {"high": 20, "low": 10}


async def test_dedupe_near_and_exact_after_step_filters(client: httpx.AsyncClient) -> None:
    base = make_trace(1)
    twins = [
        base,
        {**base, "prompt": "  what IS 1 + 2 ?? ", "steps": [*base["steps"], {"i": 2, "type": "note", "content": "x"}]},
        {**base, "steps": [*base["steps"], {"i": 2, "type": "note", "content": "y"}]},
        make_trace(2),
    ]
    await load(client, twins)
    plain = await build(client, {"name": "plain", "split": {"eval_count": 0}})
    assert plain["counts"]["train"] == 4
    exact = await build(
        client, {"name": "exact", "transforms": {"exclude_step_types": ["note"]}, "split": {"eval_count": 0}}
    )
    assert exact["manifest"]["counts"]["dropped_duplicates"] == 1
    assert exact["counts"]["train"] == 3
    near = await build(client, {"name": "near", "dedupe": {"near": True}, "split": {"eval_count": 0}})
    assert near["counts"]["train"] == 2
    rows = await export_lines(client, "exact@v1")
    assert all(step["type"] != "note" for row in rows for step in row["steps"])
    emptied = problem_of(
        await client.post("/api/datasets", json={"name": "none", "transforms": {"include_step_types": ["nothing"]}}),
        422,
    )
    assert "no trace with any step" in emptied["detail"]


async def test_query_filters_ids_datasets_and_quality(client: httpx.AsyncClient) -> None:
    wrong = make_trace(5, steps=[{"i": 0, "type": "calculation", "content": "5 + 2 = 8"}], final_answer="8")
    unchecked = make_trace(6, steps=[{"i": 0, "type": "answer", "content": "It is 8"}], final_answer="8")
    ids = await load(client, [make_trace(n, tags=["gold"] if n < 3 else []) for n in range(5)] + [wrong, unchecked])
    counts = {}
    for name, query in {
        "gold": {"tag": "gold"},
        "ids": {"ids": ids[:2]},
        "ok": {"quality": "ok"},
        "wrong": {"arithmetic": "wrong"},
        "verified": {"arithmetic": "verified"},
        "unchecked": {"arithmetic": "unchecked"},
        "stated": {"answer_check": "stated"},
        "short": {"max_steps": 1},
        "long": {"min_steps": 2, "exclude_flags": ["arithmetic_error"]},
        "meta": {"meta": {"n": "3"}},
    }.items():
        dataset = await build(client, {"name": name, "query": query, "split": {"eval_count": 0}})
        counts[name] = dataset["item_count"]
    assert counts == {
        "gold": 3,
        "ids": 2,
        "ok": 6,
        "wrong": 1,
        "verified": 5,
        "unchecked": 1,
        "stated": 7,
        "short": 2,
        "long": 5,
        "meta": 1,
    }
    union = await build(client, {"name": "union", "query": {"datasets": ["wrong@v1", "unchecked@v1"]}})
    assert union["item_count"] == 2
    unknown = problem_of(
        await client.post("/api/datasets", json={"name": "x", "query": {"datasets": ["nope@v1"]}}), 422
    )
    assert "nope@v1" in unknown["detail"]


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"name": "Bad Name"}, ["body", "name"]),
        ({"name": "../etc"}, ["body", "name"]),
        ({"name": "ok", "surprise": 1}, ["body", "surprise"]),
        ({"name": "ok", "selection": {"strategy": "stratified"}}, ["body", "selection"]),
        ({"name": "ok", "selection": {"strategy": "magic"}}, ["body", "selection", "strategy"]),
        ({"name": "ok", "split": {"eval_fraction": 0.1, "eval_count": 3}}, ["body", "split"]),
        ({"name": "ok", "query": {"created_after": "2026-01-01T00:00:00"}}, ["body", "query", "created_after"]),
        ({"name": "ok", "transforms": {"template": {"step_format": "{content.__class__}"}}}, ["body", "transforms"]),
    ],
)
async def test_bad_requests_are_422(client: httpx.AsyncClient, body: dict[str, Any], where: list[str]) -> None:
    problem = problem_of(await client.post("/api/datasets", json=body), 422)
    assert any(error["loc"][: len(where)] == where for error in problem["errors"]), problem


async def test_empty_selection_and_unknown_keys(client: httpx.AsyncClient) -> None:
    empty = problem_of(await client.post("/api/datasets", json={"name": "empty"}), 422)
    assert empty["detail"] == "the query selects no traces"
    problem_of(await client.get("/api/datasets/nope@v1"), 404)
    problem_of(await client.get("/api/datasets/not-a-key"), 422)
    problem_of(await client.get("/api/datasets/..@v1/export"), 422)


async def test_export_formats_splits_and_bad_parameters(client: httpx.AsyncClient) -> None:
    await load(client, [make_trace(n) for n in range(10)])
    await build(client, {"name": "fmt", "split": {"eval_count": 3}})
    train = await export_lines(client, "fmt@v1", split="train")
    assert len(train) == 7
    assert len(await export_lines(client, "fmt@v1", split="eval")) == 3
    messages = await export_lines(client, "fmt@v1", format="messages", split="train")
    assert messages[0]["messages"][1]["content"] == (
        f"<reasoning>{train[0]['steps'][0]['content']}\n{train[0]['steps'][1]['content']}</reasoning>"
        f"<answer>{train[0]['final_answer']}</answer>"
    )
    examples = await export_lines(client, "fmt@v1", format="training_example", split="train")
    again = await export_lines(client, "fmt@v1", format="training_example", split="train")
    assert examples == again
    assert examples[0]["id"] == str(uuid.uuid5(uuid.UUID("5d0b7f7e-8f0e-4b8a-9a55-3c1f2a9e7b10"), train[0]["id"]))
    sft = await export_lines(client, "fmt@v1", format="tunix_sft", split="eval")
    assert sft[0]["text"].startswith("<start_of_turn>user\nWhat is")
    bad = problem_of(await client.get("/api/datasets/fmt@v1/export", params={"format": "csv"}), 422)
    assert "messages" in str(bad["errors"])
    problem_of(await client.get("/api/datasets/fmt@v1/export", params={"split": "test"}), 422)
    unknown = problem_of(await client.get("/api/datasets/fmt@v1/export", params={"fromat": "messages"}), 422)
    assert unknown["allowed"] == ["format", "output", "split"]


async def test_diff_and_delete(client: httpx.AsyncClient, app: FastAPI) -> None:
    long_prompt = "Why? " * 60
    ids = await load(client, [make_trace(n) for n in range(9)] + [make_trace(9, prompt=long_prompt)])
    await build(client, {"name": "d", "query": {"ids": ids[:8]}, "split": {"eval_count": 2, "seed": 1}})
    await build(client, {"name": "d", "query": {"ids": ids[2:]}, "split": {"eval_count": 2, "seed": 2}})
    diff = (await client.get("/api/datasets/diff", params={"a": "d@v1", "b": "d@v2"})).json()
    assert (diff["added"], diff["removed"]) == (2, 2)
    assert sorted(diff["added_ids"]) == sorted(ids[8:])
    assert sorted(diff["removed_ids"]) == sorted(ids[:2])
    assert diff["moved"] + diff["unchanged"] == 6
    assert len(diff["moved_items"]) == diff["moved"]
    listed = diff["added_ids"] + diff["removed_ids"] + [item["id"] for item in diff["moved_items"]]
    prompts = {trace["id"]: trace["prompt"] for trace in [(await client.get(f"/api/traces/{i}")).json() for i in ids]}
    prompts[ids[9]] = long_prompt[:199] + "…"  # cut to 200 characters
    assert diff["prompts"] == {trace_id: prompts[trace_id] for trace_id in listed}
    held = problem_of(await client.delete(f"/api/traces/{ids[3]}"), 409)
    assert "held by a dataset" in held["detail"]
    assert (await client.delete(f"/api/traces/{ids[9]}")).status_code == 409
    home: Path = app.state.tunix.settings.home
    assert (home / "datasets" / "d@v1").is_dir()
    assert (await client.delete("/api/datasets/d@v1")).status_code == 204
    assert not (home / "datasets" / "d@v1").exists()
    problem_of(await client.get("/api/datasets/d@v1"), 404)
    assert (await client.delete(f"/api/traces/{ids[0]}")).status_code == 204
    assert (await client.delete(f"/api/traces/{ids[3]}")).status_code == 409


async def test_delete_is_refused_while_a_run_references_it(client: httpx.AsyncClient, app: FastAPI) -> None:
    from tunix_rt.db import utcnow
    from tunix_rt.runs.tables import Run

    await load(client, [make_trace(n) for n in range(4)])
    await build(client, {"name": "used", "split": {"eval_count": 1}})
    async with app.state.tunix.sessions() as session, session.begin():
        now = utcnow()
        run = Run(kind="train", status="succeeded", config={}, dataset_key="used@v1", created_at=now, updated_at=now)
        session.add(run)
    problem = problem_of(await client.delete("/api/datasets/used@v1"), 409)
    assert str(run.id) in problem["detail"]
    assert problem["runs"] == [str(run.id)]
    assert (await client.get("/api/datasets/used@v1")).status_code == 200


async def test_paging_missing_snapshot_and_missing_parquet_extra(
    client: httpx.AsyncClient, app: FastAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    await load(client, [make_trace(n) for n in range(3)])
    for name in ("b", "a", "a"):
        await build(client, {"name": name, "split": {"eval_count": 1}})
    first = (await client.get("/api/datasets", params={"limit": 2})).json()
    assert [item["key"] for item in first["items"]] == ["a@v2", "a@v1"]
    rest = (await client.get("/api/datasets", params={"limit": 2, "cursor": first["next_cursor"]})).json()
    assert ([item["key"] for item in rest["items"]], rest["next_cursor"]) == (["b@v1"], None)
    problem_of(await client.get("/api/datasets", params={"page": 2}), 422)

    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "pyarrow" else real(name))
    missing = problem_of(await client.get("/api/datasets/a@v1/export", params={"output": "parquet"}), 501)
    assert "tunix-rt[parquet]" in missing["detail"]

    home: Path = app.state.tunix.settings.home
    (home / "datasets" / "b@v1" / "eval.jsonl").unlink()
    gone = problem_of(await client.get("/api/datasets/b@v1/export", params={"split": "all"}), 404)
    assert "eval.jsonl" in gone["detail"]


async def test_answer_only_twins_share_traces_and_splits_and_differ_in_steps(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    made = await client.post("/api/traces/synth", json={"kind": "column_arithmetic", "count": 40, "seed": 3})
    assert made.status_code == 200, made.text
    body = {"query": {"source": "synth:column_arithmetic"}, "split": {"eval_count": 8, "group_by": "problem"}}
    steps = await build(client, {"name": "with-steps", **body})
    answers = await build(client, {"name": "answer-only", **body, "transforms": {"answer_only": True}})
    assert steps["manifest"]["request"]["transforms"]["answer_only"] is False
    assert answers["manifest"]["request"]["transforms"]["answer_only"] is True
    assert answers["manifest"]["request"]["transforms"]["template"]["reasoning_open"] == ""
    assert answers["manifest"]["holdout"] == steps["manifest"]["holdout"]
    for split_name in ("train", "eval"):
        full = await export_lines(client, "with-steps@v1", split=split_name)
        bare = await export_lines(client, "answer-only@v1", split=split_name)
        assert [row["id"] for row in bare] == [row["id"] for row in full]
        assert all(row["steps"] == [] for row in bare)
        assert all(len(row["steps"]) >= 2 for row in full)
    pairs = await export_lines(client, "answer-only@v1", format="prompt_completion", split="train")
    rows = await export_lines(client, "answer-only@v1", split="train")
    assert [pair["completion"] for pair in pairs] == [f"<answer>{row['final_answer']}</answer>" for row in rows]
    assert answers["manifest"]["stats"]["train"]["step_counts"] == {"0": 32}

    home: Path = app.state.tunix.settings.home
    snapshot = data.read(home / "datasets" / "answer-only@v1", "train", None)
    assert snapshot.template.reasoning_open == ""
    assert snapshot.train[0]["completion"][0]["content"] == f"<answer>{snapshot.train[0]['answer']}</answer>"


async def test_a_query_takes_trace_id_prefixes_and_records_the_full_ids(client: httpx.AsyncClient) -> None:
    """``query.ids`` takes unique prefixes (6+ hex characters) as ``traces show`` does; the
    manifest records the full ids, so a rebuild never depends on a prefix staying unique."""
    ids = await load(client, [make_trace(n) for n in range(6)])
    given = [ids[0][:8], ids[1].upper(), ids[2][:13]]
    built = await build(client, {"name": "pre", "query": {"ids": given}, "split": {"eval_count": 1, "seed": 1}})
    assert built["manifest"]["request"]["query"]["ids"] == ids[:3]
    assert built["manifest"]["counts"]["total"] == 3

    unknown_ids = {"name": "pre", "query": {"ids": ["0000000000"]}}
    unknown = problem_of(await client.post("/api/datasets", json=unknown_ids), 422)
    assert unknown["errors"] == [
        {"loc": ["query", "ids", 0], "msg": "no trace id starts with '0000000000'", "type": "not_found"}
    ]
    short = problem_of(await client.post("/api/datasets", json={"name": "pre", "query": {"ids": [ids[0][:4]]}}), 422)
    assert "too short: give at least 6 hex characters" in short["errors"][0]["msg"]
