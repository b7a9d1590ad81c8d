"""The trace API through the ASGI client, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from fastapi import FastAPI

from tests.conftest import make_trace
from tunix_rt import db
from tunix_rt.auth import store as tokens
from tunix_rt.traces import store

PROBLEM = "application/problem+json"
UPLOAD = {"X-Requested-With": "tests"}
"""A multipart upload proves it is not a cross-site form by a header such a form cannot send."""
JSON = {"content-type": "application/json"}
HANG_SECONDS = 120  # bounds a hang, never a speed


def problem_of(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


async def test_create_is_idempotent_by_content(client: httpx.AsyncClient) -> None:
    first = await client.post("/api/traces", json=make_trace(1, tags=["demo"]))
    assert first.status_code == 201
    body = first.json()
    assert body["created"] is True
    assert body["final_answer"] == "3"
    assert body["quality_ok"] is True
    assert body["quality"]["arithmetic"][0]["correct"] is True
    again = await client.post("/api/traces", json=make_trace(1, meta={"other": True}))
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert again.json()["created"] is False


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"final_answer": "1", "steps": [{"i": 0, "type": "a", "content": "b"}]}, ["prompt"]),
        ({**make_trace(), "steps": []}, ["steps"]),
        (
            {
                **make_trace(),
                "steps": [{"i": 0, "type": "a", "content": "x"}, {"i": 0, "type": "b", "content": "y"}],
            },
            ["steps"],
        ),
        ({**make_trace(), "steps": [{"i": "zero", "type": "a", "content": "x"}]}, ["steps", 0, "i"]),
        ({**make_trace(), "steps": [{"i": -1, "type": "a", "content": "x"}]}, ["steps", 0, "i"]),
        ({**make_trace(), "prompt": 12}, ["prompt"]),
        ({**make_trace(), "trace_version": "2.0"}, ["trace_version"]),
        ({**make_trace(), "surprise": 1}, ["surprise"]),
        ({**make_trace(), "prompt": "x" * 20_001}, ["prompt"]),
        ({**make_trace(), "prompt": "a\x00b"}, ["prompt"]),
        ({**make_trace(), "final_answer": "\x00"}, ["final_answer"]),
        ({**make_trace(), "steps": [{"i": 0, "type": "a", "content": "x\x00"}]}, ["steps", 0, "content"]),
    ],
)
async def test_create_rejects_bad_traces_with_field_paths(
    client: httpx.AsyncClient, payload: dict[str, Any], loc: list[Any]
) -> None:
    body = problem_of(await client.post("/api/traces", json=payload), 422)
    assert loc in [error["loc"] for error in body["errors"]]
    listing = await client.get("/api/traces")
    assert listing.json()["items"] == []


async def test_malformed_json_is_a_problem(client: httpx.AsyncClient) -> None:
    body = problem_of(
        await client.post("/api/traces", content=b'{"prompt": ', headers={"content-type": "application/json"}),
        422,
    )
    assert body["errors"][0]["type"] == "json_invalid"
    body = problem_of(await client.post("/api/traces/batch", content=b"[{,]", headers=JSON), 422)
    assert "not valid JSON" in body["detail"]


async def test_batch_is_all_or_nothing_and_reports_every_invalid_item(client: httpx.AsyncClient) -> None:
    traces = [make_trace(n) for n in range(5)]
    traces[1]["steps"] = []
    traces[3]["final_answer"] = 7
    body = problem_of(await client.post("/api/traces/batch", json=traces), 422)
    assert body["invalid"] == 2
    assert {(e["index"], tuple(e["loc"])) for e in body["errors"]} == {
        (1, ("steps",)),
        (3, ("final_answer",)),
    }
    assert (await client.get("/api/traces")).json()["items"] == []


async def test_batch_partial_stores_the_valid_items(client: httpx.AsyncClient) -> None:
    traces = [make_trace(n) for n in range(5)]
    traces[2]["prompt"] = ""
    response = await client.post("/api/traces/batch?mode=partial", json={"traces": traces})
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["duplicates"], body["invalid"]) == (4, 0, 1)
    assert [item["index"] for item in body["items"]] == [0, 1, 3, 4]
    assert body["errors"][0]["index"] == 2
    assert len((await client.get("/api/traces")).json()["items"]) == 4


async def test_batch_dedupes_inside_the_batch_and_against_the_store(client: httpx.AsyncClient) -> None:
    await client.post("/api/traces", json=make_trace(0))
    response = await client.post("/api/traces/batch", json=[make_trace(0), make_trace(1), make_trace(1)])
    body = response.json()
    assert (body["created"], body["duplicates"]) == (1, 2)
    ids = [item["id"] for item in body["items"]]
    assert ids[1] == ids[2]
    assert [item["created"] for item in body["items"]] == [False, True, False]


async def test_a_trace_without_an_id_gets_one_derived_from_its_content(client: httpx.AsyncClient) -> None:
    """Same traces, same ids in any store, so a dataset built from them is ordered the same."""
    from tunix_rt.traces.schema import TraceIn

    chosen = uuid.uuid4()
    body = (await client.post("/api/traces/batch", json=[make_trace(3), make_trace(4, id=str(chosen))])).json()
    derived = uuid.uuid5(store.CONTENT_IDS, TraceIn.model_validate(make_trace(3)).content_hash())
    assert [item["id"] for item in body["items"]] == [str(derived), str(chosen)]


async def test_batch_limits(client: httpx.AsyncClient, app: Any) -> None:
    app.state.tunix.settings.max_batch_size = 3
    body = problem_of(await client.post("/api/traces/batch", json=[make_trace(n) for n in range(4)]), 422)
    assert "limit is 3" in body["detail"]
    problem_of(await client.post("/api/traces/batch", json=[]), 422)
    problem_of(await client.post("/api/traces/batch", json={"traces": [], "extra": 1}), 422)
    problem_of(await client.post("/api/traces/batch", json="nope"), 422)


async def test_body_limit_with_and_without_content_length(client: httpx.AsyncClient, app: Any) -> None:
    limit = app.state.tunix.settings.max_body_bytes
    big = b"[" + b" " * (limit + 10) + b"]"
    problem_of(await client.post("/api/traces/batch", content=big, headers=JSON), 413)

    async def chunked() -> AsyncIterator[bytes]:
        for _ in range(limit // 65536 + 2):
            yield b" " * 65536

    problem_of(await client.post("/api/traces/batch", content=chunked(), headers=JSON), 413)
    problem_of(await client.patch(f"/api/traces/{uuid.uuid4()}", content=chunked(), headers=JSON), 413)


async def test_import_jsonl_reports_line_numbers_and_is_atomic(client: httpx.AsyncClient) -> None:
    lines = [orjson.dumps(make_trace(n)) for n in range(4)]
    lines.insert(2, b"{not json")
    lines.insert(4, b"")
    lines.append(orjson.dumps({**make_trace(9), "steps": [{"i": 0, "type": "a", "content": "b"}] * 2}))
    payload = b"\n".join(lines) + b"\n"
    body = problem_of(
        await client.post("/api/traces/import", files={"file": ("t.jsonl", payload)}, headers=UPLOAD), 422
    )
    assert body["invalid"] == 2
    assert sorted({e["line"] for e in body["errors"]}) == [3, 7]
    assert (await client.get("/api/traces")).json()["items"] == []

    partial = await client.post(
        "/api/traces/import?mode=partial&source=upload",
        content=payload,
        headers={"content-type": "application/x-ndjson"},
    )
    assert partial.status_code == 200
    result = partial.json()
    assert (result["lines"], result["created"], result["invalid"], result["committed"]) == (6, 4, 2, True)
    listed = (await client.get("/api/traces?source=upload")).json()["items"]
    assert len(listed) == 4


async def test_import_of_an_empty_file_is_refused(client: httpx.AsyncClient) -> None:
    body = problem_of(
        await client.post("/api/traces/import", files={"file": ("e.jsonl", b"\n\n")}, headers=UPLOAD), 422
    )
    assert "no traces" in body["detail"]
    problem_of(await client.post("/api/traces/import", files={"other": ("e.jsonl", b"{}")}, headers=UPLOAD), 422)


async def test_original_tunix_rt_file_imports_unchanged(client: httpx.AsyncClient, shared_data: Path) -> None:
    payload = (shared_data / "dev-reasoning-v2.jsonl").read_bytes()
    response = await client.post("/api/traces/import", files={"file": ("dev.jsonl", payload)}, headers=UPLOAD)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["lines"] == 550
    assert result["invalid"] == 0
    assert result["created"] + result["duplicates"] == 550
    assert result["created"] > 400
    stats = (await client.get("/api/traces/stats")).json()
    assert stats["total"] == result["created"]
    assert stats["by_category"]["reasoning"] > 0


async def test_list_pages_newest_first_without_gaps(client: httpx.AsyncClient) -> None:
    for start in range(0, 25, 5):
        await client.post("/api/traces/batch", json=[make_trace(n) for n in range(start, start + 5)])
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        url = "/api/traces?limit=10" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(url)).json()
        seen.extend(item["id"] for item in page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert len(seen) == len(set(seen)) == 25
    first = (await client.get("/api/traces?limit=5")).json()["items"]
    assert {item["prompt"] for item in first} == {f"What is {n} + 2?" for n in range(20, 25)}


async def test_list_filters(client: httpx.AsyncClient) -> None:
    wrong = make_trace(50, steps=[{"i": 0, "type": "calculation", "content": "27 × 19 = 503"}], final_answer="503")
    await client.post(
        "/api/traces/batch", json=[make_trace(1, tags=["gold"]), make_trace(2, source="elsewhere"), wrong]
    )

    async def ids(query: str) -> list[str]:
        response = await client.get(f"/api/traces?{query}")
        assert response.status_code == 200, response.text
        return [item["final_answer"] for item in response.json()["items"]]

    assert await ids("tag=gold") == ["3"]
    assert await ids("source=elsewhere") == ["4"]
    assert await ids("meta.n=2") == ["4"]
    assert await ids("meta.category=arithmetic&meta.n=1") == ["3"]
    assert await ids("q=50%20%2B") == ["503"]
    assert await ids("quality=flagged") == ["503"]
    assert await ids("flag=arithmetic_error") == ["503"]
    assert sorted(await ids("quality=ok")) == ["3", "4"]
    assert await ids("created_after=2000-01-01T00:00:00Z&created_before=2000-01-02T00:00:00Z") == []


async def test_text_search_matches_wildcards_literally(client: httpx.AsyncClient) -> None:
    """``q`` is text, not a LIKE pattern: ``%`` and ``_`` match only themselves."""
    percent = make_trace(1, prompt="What is 10% of 30?", final_answer="3")
    underscore = make_trace(2, prompt="What is x_1 + 2?", final_answer="x_1 + 2")
    await client.post("/api/traces/batch", json=[percent, underscore, make_trace(3)])

    async def answers(q: str) -> list[str]:
        response = await client.get("/api/traces", params={"q": q})
        assert response.status_code == 200, response.text
        return sorted(item["final_answer"] for item in response.json()["items"])

    assert await answers("%") == ["3"]
    assert await answers("_") == ["x_1 + 2"]
    assert await answers("0%") == ["3"]
    assert await answers("x_1") == ["x_1 + 2"]
    assert await answers("x%1") == []
    assert await answers("\\") == []


@pytest.mark.parametrize(
    "query",
    [
        "colour=red",
        "limit=0",
        "limit=100000",
        "cursor=%%%",
        "cursor=bm90IGEgY3Vyc29y",
        "quality=maybe",
        "created_after=yesterday",
        "created_after=2026-01-01T00:00:00",
    ],
)
async def test_list_rejects_bad_queries(client: httpx.AsyncClient, query: str) -> None:
    problem_of(await client.get(f"/api/traces?{query}"), 422)


async def test_read_patch_delete(client: httpx.AsyncClient) -> None:
    created = (await client.post("/api/traces", json=make_trace(3, tags=["a"]))).json()
    trace_id = created["id"]
    read = (await client.get(f"/api/traces/{trace_id}")).json()
    assert read["steps"][0] == {"i": 0, "type": "calculation", "content": "3 + 2 = 5"}
    assert len(read["content_hash"]) == 64
    patched = await client.patch(f"/api/traces/{trace_id}", json={"add": ["b", "c"], "remove": ["a"]})
    assert patched.json()["tags"] == ["b", "c"]
    replaced = await client.patch(f"/api/traces/{trace_id}", json={"tags": ["z", "z", " y "]})
    assert replaced.json()["tags"] == ["z", "y"]
    problem_of(await client.patch(f"/api/traces/{trace_id}", json={"tags": [""]}), 422)
    problem_of(await client.patch(f"/api/traces/{trace_id}", json={"labels": ["x"]}), 422)
    assert (await client.delete(f"/api/traces/{trace_id}")).status_code == 204
    problem_of(await client.get(f"/api/traces/{trace_id}"), 404)
    problem_of(await client.delete(f"/api/traces/{trace_id}"), 404)
    problem_of(await client.get("/api/traces/not-a-uuid"), 422)


async def test_export_round_trips_with_ids(client: httpx.AsyncClient, app: Any) -> None:
    await client.post("/api/traces/batch", json=[make_trace(n, tags=["t"]) for n in range(30)])
    await client.post("/api/traces", json=make_trace(99, source="other"))
    export = await client.get("/api/traces/export?tag=t")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("application/x-ndjson")
    lines = export.content.splitlines()
    assert len(lines) == 30
    rows = [orjson.loads(line) for line in lines]
    assert rows[0]["created_at"].endswith("Z")
    ids = {row["id"] for row in rows}
    for row in rows:
        await client.delete(f"/api/traces/{row['id']}")
    back = await client.post(
        "/api/traces/import", content=export.content, headers={"content-type": "application/x-ndjson"}
    )
    assert back.json()["created"] == 30
    again = (await client.get("/api/traces/export?tag=t")).content
    assert {orjson.loads(line)["id"] for line in again.splitlines()} == ids
    assert again == export.content


async def test_an_id_that_belongs_to_other_content_is_a_conflict(client: httpx.AsyncClient) -> None:
    trace_id = (await client.post("/api/traces", json=make_trace(1))).json()["id"]
    body = problem_of(await client.post("/api/traces/batch", json=[make_trace(2, id=trace_id)]), 409)
    assert body["errors"][0]["type"] == "id_conflict"


async def test_compare_gives_a_step_diff(client: httpx.AsyncClient) -> None:
    a = (await client.post("/api/traces", json=make_trace(4))).json()["id"]
    steps = [
        {"i": 0, "type": "calculation", "content": "4 + 2 = 7"},
        {"i": 1, "type": "answer", "content": "The answer is 6"},
        {"i": 2, "type": "check", "content": "6 - 2 = 4"},
    ]
    b = (await client.post("/api/traces", json=make_trace(4, steps=steps))).json()["id"]
    body = (await client.get(f"/api/traces/compare?a={a}&b={b}")).json()
    assert [run["op"] for run in body["step_diff"]] == ["replace", "equal", "insert"]
    assert body["b"]["quality_flags"] == ["arithmetic_error"]
    problem_of(await client.get(f"/api/traces/compare?a={a}&b={uuid.uuid4()}"), 404)


async def test_synth_route_is_deterministic(client: httpx.AsyncClient) -> None:
    first = (await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 20, "seed": 7})).json()
    assert first["created"] == 20
    again = (await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 20, "seed": 7})).json()
    assert again["duplicates"] == 20
    assert [i["id"] for i in again["items"]] == [i["id"] for i in first["items"]]
    body = problem_of(await client.post("/api/traces/synth", json={"kind": "poetry", "count": 2}), 422)
    assert "arithmetic" in body["detail"]
    problem_of(await client.post("/api/traces/synth", json={"kind": "mixed", "count": 10**7}), 422)
    stats = (await client.get("/api/traces/stats?source=synth:arithmetic")).json()
    assert stats["total"] == 20
    assert stats["flagged"] == 0


async def test_synth_route_takes_column_arithmetic_options_for_that_kind_only(client: httpx.AsyncClient) -> None:
    options = {"min_digits": 3, "max_digits": 3, "operations": ["addition"]}
    body = {"kind": "column_arithmetic", "count": 30, "seed": 2, "column_arithmetic": options}
    made = (await client.post("/api/traces/synth", json=body)).json()
    assert made["created"] == 30
    listed = (await client.get("/api/traces?source=synth:column_arithmetic&limit=100")).json()["items"]
    assert len({row["meta"]["problem"] for row in listed}) == 30
    assert all(row["meta"]["digits"] == 3 and row["meta"]["operation"] == "addition" for row in listed)
    assert all(row["quality_ok"] for row in listed)
    wrong_kind = problem_of(await client.post("/api/traces/synth", json={**body, "kind": "arithmetic"}), 422)
    assert "apply only to kind column_arithmetic" in str(wrong_kind)
    one_digit = {"min_digits": 1, "max_digits": 1, "operations": ["addition"]}
    beyond = {**body, "count": 82, "column_arithmetic": one_digit}
    assert "only 81 distinct problems" in problem_of(await client.post("/api/traces/synth", json=beyond), 422)["detail"]
    crossed = problem_of(
        await client.post("/api/traces/synth", json={**body, "column_arithmetic": {"min_digits": 3, "max_digits": 2}}),
        422,
    )
    assert "min_digits is greater than max_digits" in str(crossed)


async def test_a_stalled_import_blocks_no_other_write_nor_token(app: FastAPI, client: httpx.AsyncClient) -> None:
    """A client that stops sending mid-upload used to hold SQLite's write lock: other writes,
    and requests with a database token (which recorded their use), failed after 30 s."""
    state = app.state.tunix
    async with db.transaction(state.sessions) as session:
        token = (await tokens.create(session, "importer", "write")).token
    state._auth_on_until = 0.0
    auth = {"Authorization": f"Bearer {token}"}
    stalled, resume = asyncio.Event(), asyncio.Event()

    async def upload() -> AsyncIterator[bytes]:
        yield b"".join(orjson.dumps(make_trace(n, source="stalled")) + b"\n" for n in range(1000))
        stalled.set()  # asked for more: the first 1,000 lines were read (and once, written)
        await resume.wait()
        yield orjson.dumps(make_trace(1000)) + b"\n"

    headers = {**auth, "content-type": "application/x-ndjson"}
    importing = asyncio.create_task(client.post("/api/traces/import", content=upload(), headers=headers))
    await asyncio.wait_for(stalled.wait(), HANG_SECONDS)
    other = await asyncio.wait_for(client.post("/api/traces", json=make_trace(5000), headers=auth), HANG_SECONDS)
    assert other.status_code == 201, other.text
    listed = await asyncio.wait_for(client.get("/api/traces", headers=auth), HANG_SECONDS)
    assert listed.status_code == 200, listed.text
    assert len(listed.json()["items"]) == 1  # nothing of the import is visible before it ends
    resume.set()
    done = await asyncio.wait_for(importing, HANG_SECONDS)
    assert done.status_code == 200, done.text
    assert (done.json()["lines"], done.json()["created"]) == (1001, 1001)
    async with state.sessions() as session:
        assert await store.count(session, store.TraceFilters()) == 1002


async def test_trace_routes_take_a_unique_prefix(client: httpx.AsyncClient) -> None:
    first, second = "218c1b04-0000-4000-8000-000000000001", "218c1b05-0000-4000-8000-000000000002"
    for n, trace_id in enumerate((first, second)):
        created = await client.post("/api/traces", json=make_trace(n, id=trace_id))
        assert created.status_code == 201, created.text
    read = await client.get("/api/traces/218C1B04")
    assert (read.status_code, read.json()["id"]) == (200, first)
    compared = (await client.get("/api/traces/compare", params={"a": "218c1b04", "b": "218c1b05-00"})).json()
    assert (compared["a"]["id"], compared["b"]["id"]) == (first, second)
    ambiguous = problem_of(await client.get("/api/traces/218c1b"), 409)
    assert ambiguous["candidates"] == [first, second]
    short = problem_of(await client.patch("/api/traces/218c1", json={"add": ["x"]}), 422)
    assert short["errors"][0]["loc"] == ["path", "trace_id"]
    assert problem_of(await client.get("/api/traces/compare", params={"a": "218c1b", "b": first}), 409)
    tagged = await client.patch("/api/traces/218c1b05", json={"add": ["x"]})
    assert tagged.json()["tags"] == ["x"]
    assert (await client.delete("/api/traces/218c1b05")).status_code == 204
    problem_of(await client.get("/api/traces/218c1b05"), 404)
    assert (await client.get("/api/traces/218c1b")).json()["id"] == first
