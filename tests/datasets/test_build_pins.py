"""Build results pinned byte for byte, on SQLite and PostgreSQL, and equal to the in-memory ``choose``.

``build_pins.json`` holds what each request below produced when the choice still ran in Python
over a list of every candidate; the builds now choose in SQL, and the same request must still give
the same snapshot hashes (and so the same membership, split and order), counts and strata. The
traces have fixed ids and times (some times shared, so ties fall to the id), near-duplicate
prompts, steps to filter, missing and numeric-looking metadata, including ``-0`` next to ``0``.
"""

from __future__ import annotations

import hashlib
import math
import uuid
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.conftest import make_trace
from tests.datasets.test_api import build, export_lines, load
from tunix_rt.datasets.build import Candidate, choose, normalise_prompt, order_key, rank_bytes, sortable_float
from tunix_rt.datasets.schema import DatasetCreate, Selection
from tunix_rt.datasets.transforms import seeded_unit

PINS = Path(__file__).with_name("build_pins.json")
LEVELS = ("easy", "medium", "hard", None)
SCORES = ("-0", "0", "2.5", "7", "inf", "x", "-3")


def pinned_trace(n: int) -> dict[str, Any]:
    meta: dict[str, Any] = {"n": n, "score": SCORES[n % len(SCORES)]}
    if n % 5:
        meta["category"] = ("alpha", "beta", "gamma")[n % 3]
    if LEVELS[n % 4] is not None:
        meta["level"] = LEVELS[n % 4]
    trace = make_trace(
        n,
        id=str(uuid.uuid5(uuid.NAMESPACE_OID, f"pin-{n}")),
        created_at=f"2026-03-01T00:{n // 6:02d}:00Z",
        meta=meta,
    )
    if n % 7 == 0:
        trace["steps"] = [*trace["steps"], {"i": 2, "type": "note", "content": f"note {n % 3}"}]
    if n % 11 == 0:
        trace["prompt"] = f"  WHAT is {n % 22} + 2 ?! "
    return trace


def twin(n: int) -> dict[str, Any]:
    """Trace ``n``'s content plus a note: an exact duplicate of it once notes are filtered out."""
    trace = pinned_trace(n)
    trace["steps"] = [*trace["steps"], {"i": len(trace["steps"]), "type": "note", "content": "twin"}]
    return {**trace, "id": str(uuid.uuid5(uuid.NAMESPACE_OID, f"twin-{n}")), "created_at": "2026-03-02T00:00:00Z"}


REQUESTS: dict[str, dict[str, Any]] = {
    "all": {},
    "all-limit": {"limit": 30, "split": {"eval_count": 5}},
    "latest-pushed": {"selection": {"strategy": "latest"}, "limit": 25},
    "latest-near": {"selection": {"strategy": "latest"}, "limit": 25, "dedupe": {"near": True}},
    "random": {"selection": {"strategy": "random", "seed": 3}, "split": {"eval_fraction": 0.25}},
    "random-limit-strat-split": {
        "selection": {"strategy": "random", "seed": 5},
        "limit": 40,
        "split": {"eval_fraction": 0.3, "stratify_by": "category", "seed": 4},
    },
    "stratified-proportional": {
        "selection": {"strategy": "stratified", "stratify_by": "category", "seed": 2},
        "limit": 31,
        "split": {"eval_count": 6, "stratify_by": "level", "seed": 2},
    },
    "stratified-equal-near": {
        "selection": {"strategy": "stratified", "stratify_by": "level", "balance": "equal", "seed": 8},
        "limit": 20,
        "dedupe": {"near": True},
    },
    "stratified-nolimit": {
        "selection": {"strategy": "stratified", "stratify_by": "category"},
        "split": {"eval_count": 7},
    },
    "all-with-strata": {"selection": {"stratify_by": "category"}, "limit": 17},
    "curriculum-values": {
        "selection": {
            "strategy": "curriculum",
            "difficulty_key": "level",
            "seed": 6,
            "stages": [{"name": "warmup", "values": ["easy"]}, {"name": "core", "values": ["hard", "medium"]}],
        },
        "split": {"eval_fraction": 0.2, "stratify_by": "stage"},
    },
    "curriculum-numeric": {
        "selection": {
            "strategy": "curriculum",
            "difficulty_key": "score",
            "seed": 1,
            "stages": [{"name": "low", "max": 1}, {"name": "high", "min": 1}],
        },
        "limit": 90,
        "split": {"eval_count": 9, "stratify_by": "category"},
        "transforms": {"self_correction": {"error_fraction": 0.5, "seed": 3}},
    },
    "random-exact-after-filter": {
        "selection": {"strategy": "random", "seed": 11},
        "transforms": {"exclude_step_types": ["note"]},
        "limit": 60,
    },
    "stratified-near-exact-filter": {
        "selection": {"strategy": "stratified", "stratify_by": "category", "seed": 4},
        "dedupe": {"near": True},
        "transforms": {"include_step_types": ["calculation", "note"]},
        "limit": 33,
        "split": {"eval_fraction": 0.15, "stratify_by": "level"},
    },
    "all-filter-no-exact": {
        "transforms": {"exclude_step_types": ["answer"]},
        "dedupe": {"exact": False},
        "split": {"eval_count": 3, "seed": 1},
    },
}


def pinned(manifest: dict[str, Any]) -> dict[str, Any]:
    return {key: manifest[key] for key in ("sha256", "bytes", "counts", "strata", "transforms", "stats")}


@pytest.mark.slow
async def test_builds_match_their_pins(client: httpx.AsyncClient) -> None:
    await load(client, [pinned_trace(n) for n in range(150)] + [twin(n) for n in range(1, 40, 3)])
    results = {
        name: pinned((await build(client, {"name": name, **body}))["manifest"]) for name, body in REQUESTS.items()
    }
    assert results == orjson.loads(PINS.read_bytes())


def oracle_candidates(traces: list[dict[str, Any]], request: DatasetCreate) -> list[Candidate]:
    """The ``Candidate`` list that ``choose`` takes, oldest first, built in Python from the traces."""
    selection, split = request.selection, request.split

    def meta(trace: dict[str, Any], key: str | None) -> str | None:
        return None if key is None or key == "stage" else trace["meta"].get(key)

    ordered = sorted(traces, key=lambda t: (t["created_at"], uuid.UUID(t["id"]).bytes))
    return [
        Candidate(
            id=uuid.UUID(t["id"]).bytes,
            near=hashlib.blake2b(normalise_prompt(t["prompt"]).encode(), digest_size=16).digest()
            if request.dedupe.near
            else None,
            stratum=meta(t, selection.stratify_by),
            split_stratum=meta(t, split.stratify_by),
            difficulty=meta(t, selection.difficulty_key),
        )
        for t in ordered
    ]


@pytest.mark.parametrize(
    "name", ["latest-near", "random-limit-strat-split", "stratified-equal-near", "curriculum-values"]
)
async def test_sql_choice_equals_the_in_memory_specification(client: httpx.AsyncClient, name: str) -> None:
    traces = [pinned_trace(n) for n in range(150)]
    await load(client, traces)
    request = DatasetCreate.model_validate({"name": name, **REQUESTS[name]})
    dataset = await build(client, request.model_dump(mode="json"))
    chosen = choose(oracle_candidates(traces, request), request.selection, request.dedupe, request.limit, request.split)
    for split_name, members in (("train", chosen.train), ("eval", chosen.eval)):
        rows = await export_lines(client, dataset["key"], split=split_name)
        assert [uuid.UUID(row["id"]).bytes for row in rows] == [c.id for c in members]
        assert [row["meta"].get("curriculum_stage") for row in rows] == [c.stage for c in members]
    assert dataset["manifest"]["counts"]["dropped_duplicates"] == chosen.dropped_duplicates


def test_sort_keys_sort_bytewise_as_python_sorts() -> None:
    values = [-math.inf, -3.5, -1.0, -0.0, 0.0, 1e-300, 0.25, 2.5, 7.0, math.inf]
    assert sorted(values, key=sortable_float) == sorted(values)
    assert sortable_float(-0.0) == sortable_float(0.0)
    ids = [uuid.UUID(int=n).bytes for n in range(200)]
    assert sorted(ids, key=lambda i: rank_bytes("select", 4, i)) == sorted(
        ids, key=lambda i: (seeded_unit("select", 4, i), i)
    )
    selection = Selection(strategy="latest")
    keys = [order_key(Candidate(id=i), selection, n) for n, i in enumerate(ids)]
    assert keys == sorted(keys, key=lambda k: k or b"", reverse=True)
