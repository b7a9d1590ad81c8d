"""POST /api/datasets/count: the builder form's live count of what a query matches."""

from __future__ import annotations

import httpx

from tests.conftest import make_trace
from tests.datasets.test_api import build, load


async def test_count_matches_the_query_without_building(client: httpx.AsyncClient) -> None:
    await load(client, [make_trace(n, meta={"category": ("a", "b")[n % 2]}) for n in range(10)])
    everything = await client.post("/api/datasets/count", json={})
    assert everything.status_code == 200, everything.text
    assert everything.json() == {"matched": 10}
    some = await client.post("/api/datasets/count", json={"meta": {"category": "a"}})
    assert some.json() == {"matched": 5}
    assert (await client.get("/api/datasets")).json()["items"] == []

    await build(client, {"name": "half", "query": {"meta": {"category": "b"}}})
    held = await client.post("/api/datasets/count", json={"datasets": ["half@v1"]})
    assert held.json() == {"matched": 5}


async def test_count_refuses_what_a_build_refuses(client: httpx.AsyncClient) -> None:
    bad = await client.post("/api/datasets/count", json={"min_steps": 3, "max_steps": 2, "bogus": 1})
    assert bad.status_code == 422
    unknown = await client.post("/api/datasets/count", json={"datasets": ["nope@v1"]})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["query", "datasets"]
