"""Eval sets: JSONL import with line-numbered validation, the original files, derive, delete."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import orjson

from tests.conftest import make_trace
from tests.traces.test_api import problem_of
from tunix_rt.datasets.evalsets import validate_lines

NDJSON = {"content-type": "application/x-ndjson"}


def test_validation_reports_every_problem_with_its_line() -> None:
    lines = [
        b'{"id": "a", "prompt": "1+1?", "expected_answer": "2"}',
        b"",
        b'{"id": "a", "prompt": "2+2?", "expected_answer": "4"}',
        b'{"id": "b", "prompt": "3+3?", "expected_answer": "  "}',
        b'{"id": "c", "prompt": "4+4?", "expected_answer": "8", "answer": "8"}',
        b'{"id": "d", "prompt": "5+5?"}',
        b"{not json",
        b'{"id": "e", "prompt": "6+6?", "expected_answer": "12", "section": "core", "meta": {"k": 1}}',
    ]
    report = validate_lines(lines)
    assert (report.lines, len(report.items), report.invalid) == (7, 2, 5)
    found = {(e["line"], e["type"]) for e in report.errors}
    assert found == {
        (3, "duplicate_id"),
        (4, "value_error"),
        (5, "extra_forbidden"),
        (6, "missing"),
        (7, "json_invalid"),
    }
    messages = {e["line"]: e["msg"] for e in report.errors}
    assert messages[3] == "duplicate id 'a' (first on line 1)"
    assert messages[4].startswith("empty expected answer")
    assert messages[5] == "unknown field"


async def test_original_eval_files_import_unchanged(client: httpx.AsyncClient, shared_data: Path) -> None:
    for name, count in (("eval_v1", 25), ("eval_v2", 100)):
        data = (shared_data / f"{name}.jsonl").read_bytes()
        response = await client.post(
            "/api/evalsets", params={"name": name.replace("_", "-")}, content=data, headers=NDJSON
        )
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["item_count"] == count
        assert body["kind"] == "eval"
    v2 = (await client.get("/api/evalsets/eval-v2@v1")).json()
    assert v2["counts"] == {"core": 60, "edge_case": 15, "trace_sensitive": 25}
    items = await client.get("/api/evalsets/eval-v2@v1/items")
    assert hashlib.sha256(items.content).hexdigest() == v2["manifest"]["sha256"]["items"]
    originals = [orjson.loads(line) for line in (shared_data / "eval_v2.jsonl").read_bytes().splitlines() if line]
    stored = [orjson.loads(line) for line in items.content.splitlines()]
    assert [{k: v for k, v in s.items() if v is not None and v != {}} for s in stored] == originals


async def test_import_is_all_or_nothing_and_versioned(client: httpx.AsyncClient) -> None:
    bad = b'{"id": "a", "prompt": "p", "expected_answer": "1"}\n{"id": "a", "prompt": "q", "expected_answer": ""}\n'
    problem = problem_of(await client.post("/api/evalsets", params={"name": "bad"}, content=bad, headers=NDJSON), 422)
    assert {e["line"] for e in problem["errors"]} == {2}
    assert (await client.get("/api/evalsets")).json()["items"] == []
    report = (await client.post("/api/evalsets/validate", content=bad, headers=NDJSON)).json()
    assert (report["valid"], report["invalid_lines"]) == (1, 1)
    good = b'{"id": "a", "prompt": "p", "expected_answer": "1"}\n'
    files = {"file": ("items.jsonl", good, "application/x-ndjson")}
    first = await client.post(
        "/api/evalsets", params={"name": "good"}, files=files, headers={"X-Requested-With": "tests"}
    )
    assert first.status_code == 201
    assert first.json()["manifest"]["source"] == {"type": "import", "filename": "items.jsonl"}
    second = await client.post("/api/evalsets", params={"name": "good"}, content=good, headers=NDJSON)
    assert second.json()["key"] == "good@v2"
    assert second.json()["manifest"]["sha256"] == first.json()["manifest"]["sha256"]
    problem_of(
        await client.post("/api/evalsets", params={"name": "good", "version": 1}, content=good, headers=NDJSON), 409
    )
    problem_of(await client.post("/api/evalsets", params={"name": "empty"}, content=b"\n", headers=NDJSON), 422)
    problem_of(await client.get("/api/datasets/good@v1"), 404)
    assert [item["key"] for item in (await client.get("/api/evalsets")).json()["items"]] == ["good@v2", "good@v1"]
    assert (await client.delete("/api/evalsets/good@v1")).status_code == 204
    problem_of(await client.get("/api/evalsets/good@v1"), 404)


async def test_derive_from_a_dataset_eval_split(client: httpx.AsyncClient) -> None:
    traces = [make_trace(n, meta={"category": "arithmetic", "difficulty": n % 3}) for n in range(20)]
    assert (await client.post("/api/traces/batch", json=traces)).status_code == 200
    body = {"name": "src", "split": {"eval_count": 5}, "transforms": {"template": {"answer_open": "<a>"}}}
    dataset = (await client.post("/api/datasets", json=body)).json()
    derived = await client.post("/api/evalsets/derive", json={"name": "held-out", "dataset": "src@v1"})
    assert derived.status_code == 201, derived.text
    manifest = derived.json()["manifest"]
    assert manifest["source"]["sha256"] == dataset["manifest"]["sha256"]["eval"]
    assert manifest["source"]["template"]["answer_open"] == "<a>"
    items = [orjson.loads(line) for line in (await client.get("/api/evalsets/held-out@v1/items")).content.splitlines()]
    eval_rows = await client.get("/api/datasets/src@v1/export", params={"split": "eval"})
    traces_by_id = {row["id"]: row for row in map(orjson.loads, eval_rows.content.splitlines())}
    assert [item["id"] for item in items] == list(traces_by_id)
    assert all(item["expected_answer"] == traces_by_id[item["id"]]["final_answer"] for item in items)
    assert {item["category"] for item in items} == {"arithmetic"}
    assert all(item["difficulty"] in {"0", "1", "2"} and item["section"] == "eval" for item in items)
    problem_of(await client.post("/api/evalsets/derive", json={"name": "x", "dataset": "held-out@v1"}), 404)
    problem_of(await client.post("/api/datasets", json={"name": "x", "query": {"datasets": ["held-out@v1"]}}), 422)
