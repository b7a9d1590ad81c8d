"""A build spec's or an eval set import's problems all at once (issue 18, item 3):
``tunix-rt datasets build --spec`` and ``POST /api/datasets`` name the schema's problems and the
store's checks of the query (unknown datasets, a query that selects nothing) in one answer, and
an import names a bad name beside its bad lines, instead of one problem per try; on both
databases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.commands import tunix
from tests.test_console import refused
from tests.traces.test_cli import cli_env

__all__ = ["cli_env"]


SPEC: dict[str, Any] = {
    "query": {"datasets": ["nope@v1", "gone@v2"]},
    "selection": {"strategy": "stratified"},
    "split": {"eval_fraction": 1.5},
    "limt": 5,
}


def test_a_build_spec_with_several_problems_names_them_all(cli_env: dict[str, str], tmp_path: Path) -> None:
    tunix(cli_env, "traces", "synth", "--count", "12")
    spec = tmp_path / "build.yaml"
    spec.write_text(yaml.safe_dump(SPEC))
    assert refused(cli_env, "datasets", "build", "arith", "--spec", str(spec)) == [
        "error: 5 problem(s) in the build request, first at selection",
        "  selection: Value error, the stratified strategy needs stratify_by",
        "  split.eval_fraction: Input should be less than 1",
        "  limt: Extra inputs are not permitted",
        "  query.datasets: unknown: gone@v2",
        "  query.datasets: unknown: nope@v1",
    ]
    spec.write_text(yaml.safe_dump({"query": {"source": "nowhere"}, "limt": 5}))
    assert refused(cli_env, "datasets", "build", "arith", "--spec", str(spec)) == [
        "error: 2 problem(s) in the build request, first at limt",
        "  limt: Extra inputs are not permitted",
        "  query: the query selects no traces",
    ]
    built = tunix(cli_env, "datasets", "build", "arith", "--eval-count", "2")
    assert built.stdout.startswith("built arith@v1: 10 train, 2 eval")


async def test_the_api_names_every_problem_of_a_build_request(client: httpx.AsyncClient) -> None:
    answer = await client.post("/api/datasets", json={"name": "arith", **SPEC})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    body = answer.json()
    assert body["detail"] == "5 problem(s) in the build request, first at body.selection"
    assert [(".".join(str(part) for part in e["loc"]), e["msg"]) for e in body["errors"]] == [
        ("body.selection", "Value error, the stratified strategy needs stratify_by"),
        ("body.split.eval_fraction", "Input should be less than 1"),
        ("body.limt", "Extra inputs are not permitted"),
        ("query.datasets", "unknown: gone@v2"),
        ("query.datasets", "unknown: nope@v1"),
    ]
    nothing = await client.post("/api/datasets", json={"name": "arith", "limt": 5})
    assert nothing.status_code == 422, nothing.text
    assert [(e["loc"], e["msg"]) for e in nothing.json()["errors"]] == [
        (["body", "limt"], "Extra inputs are not permitted"),
        (["query"], "the query selects no traces"),
    ]
    malformed = await client.post("/api/datasets", content=b"{", headers={"content-type": "application/json"})
    assert malformed.status_code == 422
    assert [e["type"] for e in malformed.json()["errors"]] == ["json_invalid"]


ITEMS = b'{"id": "a", "prompt": "1+1", "expected_answer": "2"}\n{"id": "b", "prompt": "2+2"}\n'
PATTERN = "String should match pattern '^[a-z0-9][a-z0-9._-]{0,63}$'"


async def test_an_import_names_a_bad_name_beside_its_bad_lines(client: httpx.AsyncClient) -> None:
    headers = {"content-type": "application/x-ndjson"}
    answer = await client.post("/api/evalsets", params={"name": "Bad Name"}, content=ITEMS, headers=headers)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["detail"] == "2 problem(s) in the import, first at query.name"
    assert body["errors"] == [
        {"loc": ["query", "name"], "msg": PATTERN, "type": "string_pattern_mismatch"},
        {"line": 2, "loc": ["expected_answer"], "msg": "required field missing", "type": "missing"},
    ]
    assert (await client.get("/api/evalsets")).json()["items"] == []


def test_the_cli_import_names_a_bad_name_beside_its_bad_lines(cli_env: dict[str, str], tmp_path: Path) -> None:
    file = tmp_path / "items.jsonl"
    file.write_bytes(ITEMS)
    assert refused(cli_env, "evalsets", "import", str(file), "--name", "Bad Name") == [
        "error: 2 problem(s) in the import, first at name",
        f"  name: {PATTERN}",
        "  line 2: expected_answer: required field missing",
    ]
