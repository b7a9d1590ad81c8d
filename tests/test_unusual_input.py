"""Valid or merely unusual input is answered with a 4xx problem naming the field, never a 500,
and what cannot be stored exactly is refused rather than changed (issue 13, defects 6 and 7).

Every case runs on SQLite and PostgreSQL: the two failed in different places (SQLite on integers
past 64 bits and JSON paths, PostgreSQL on NUL characters).
"""

from __future__ import annotations

from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import make_trace
from tunix_rt import db
from tunix_rt.runs import store
from tunix_rt.runs.kinds import RunRefs

PROBLEM = "application/problem+json"
TOO_BIG = 99_999_999_999_999_999_999


def refused(response: httpx.Response, *loc: str | int, status: int = 422) -> dict[str, Any]:
    """The response is a problem document whose first error points at ``loc``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    locs = [error["loc"] for error in body.get("errors") or []]
    assert list(loc) in locs, locs
    return body


def raw_json(text: str) -> dict[str, Any]:
    return {"content": text.encode(), "headers": {"content-type": "application/json"}}


TRACE_TEXT = '{"prompt": "p %s", "final_answer": "a", "steps": [{"i": %s, "type": "t", "content": "c"}], "meta": %s}'


async def test_a_null_source_is_stored_as_no_source(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/traces", json={**make_trace(1), "source": None})
    assert created.status_code == 201, created.text
    assert created.json()["source"] == "api"
    batch = await client.post("/api/traces/batch", json=[{**make_trace(2), "source": None}])
    assert batch.status_code == 200, batch.text
    assert batch.json()["created"] == 1
    line = orjson.dumps({**make_trace(3), "source": None})
    imported = await client.post("/api/traces/import", content=line, headers={"content-type": "application/x-ndjson"})
    assert imported.status_code == 200, imported.text
    assert imported.json()["created"] == 1


@pytest.mark.parametrize(
    ("meta", "loc"),
    [
        (f'{{"x": {TOO_BIG}}}', ["meta", "x"]),
        (f'{{"x": {{"y": [1, {2**63}]}}}}', ["meta", "x", "y", 1]),
        (f'{{"x": {-(2**63) - 1}}}', ["meta", "x"]),
        ('{"x": NaN}', ["meta", "x"]),
        ('{"x": 1e400}', ["meta", "x"]),
        ('{"x": -Infinity}', ["meta", "x"]),
        ('{"x\\u0000y": 1}', ["meta", "x\x00y"]),
        ('{"x": "a\\u0000"}', ["meta", "x"]),
    ],
)
async def test_meta_that_cannot_be_stored_exactly_is_refused(
    client: httpx.AsyncClient, meta: str, loc: list[str | int]
) -> None:
    response = await client.post("/api/traces", **raw_json(TRACE_TEXT % ("meta", 0, meta)))
    refused(response, *loc)
    listed = await client.get("/api/traces")
    assert listed.json()["items"] == []


async def test_the_largest_storable_values_are_kept_exactly(client: httpx.AsyncClient) -> None:
    meta = f'{{"big": {2**63 - 1}, "small": {-(2**63)}, "float": 1.7976931348623157e308, "ü": "é"}}'
    response = await client.post("/api/traces", **raw_json(TRACE_TEXT % ("edge", 2**63 - 1, meta)))
    assert response.status_code == 201, response.text
    stored = (await client.get(f"/api/traces/{response.json()['id']}")).json()
    assert stored["meta"] == {"big": 2**63 - 1, "small": -(2**63), "float": 1.7976931348623157e308, "ü": "é"}
    assert stored["steps"][0]["i"] == 2**63 - 1


async def test_a_step_index_past_64_bits_is_refused(client: httpx.AsyncClient) -> None:
    refused(await client.post("/api/traces", **raw_json(TRACE_TEXT % ("i", TOO_BIG, "{}"))), "steps", 0, "i")


async def test_a_nul_in_a_tag_is_refused(client: httpx.AsyncClient) -> None:
    refused(await client.post("/api/traces", json={**make_trace(1), "tags": ["a\x00b"]}), "tags")


async def test_a_batch_names_the_item_that_cannot_be_stored(client: httpx.AsyncClient) -> None:
    body = "[" + ",".join([orjson.dumps(make_trace(1)).decode(), TRACE_TEXT % ("b", 0, f'{{"x": {TOO_BIG}}}')]) + "]"
    response = await client.post("/api/traces/batch?mode=partial", **raw_json(body))
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["created"], result["invalid"]) == (1, 1)
    assert result["errors"][0]["index"] == 1
    assert result["errors"][0]["loc"] == ["meta", "x"]


async def test_a_partial_import_reports_a_line_past_64_bits_after_a_committed_chunk(
    client: httpx.AsyncClient,
) -> None:
    lines = [orjson.dumps(make_trace(n)).decode() for n in range(1000)]
    lines.append(TRACE_TEXT % ("late", 0, f'{{"x": {TOO_BIG}}}'))
    response = await client.post(
        "/api/traces/import?mode=partial",
        content="\n".join(lines).encode(),
        headers={"content-type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert (result["created"], result["invalid"]) == (1000, 1)
    assert result["errors"] == [
        {"line": 1001, "loc": ["meta", "x"], "msg": result["errors"][0]["msg"], "type": "unstorable"}
    ]


@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"meta.x\x00y": "1"}, ["query", "meta.x\x00y"]),
        ({"q": "a\x00b"}, ["query", "q"]),
        ({"source": "\x00"}, ["query", "source"]),
        ({"tag": "\x00"}, ["query", "tag"]),
        ({"flag": "\x00"}, ["query", "flag"]),
        ({"meta.k": "\x00"}, ["query", "meta.k"]),
    ],
)
async def test_a_nul_in_a_trace_filter_is_refused(
    client: httpx.AsyncClient, params: dict[str, str], loc: list[str]
) -> None:
    refused(await client.get("/api/traces", params=params), *loc)


async def test_a_meta_filter_key_with_a_quote_matches(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/traces", json=make_trace(1, meta={'a"b': 7, "c.d": True}))
    assert created.status_code == 201
    for params in ({'meta.a"b': "7"}, {"meta.c.d": "true"}):
        listed = await client.get("/api/traces", params=params)
        assert listed.status_code == 200, listed.text
        assert [item["id"] for item in listed.json()["items"]] == [created.json()["id"]]


@pytest.mark.parametrize("key", ["kind", "tag", "model", "dataset"])
async def test_a_nul_in_a_run_filter_is_refused(client: httpx.AsyncClient, key: str) -> None:
    refused(await client.get("/api/runs", params={key: "a\x00"}), "query", key)


async def test_a_nul_in_the_leaderboard_filter_is_refused(client: httpx.AsyncClient) -> None:
    refused(await client.get("/api/leaderboard", params={"evalset": "e\x00"}), "query", "evalset")


async def test_a_nul_or_a_non_finite_number_in_a_json_body_is_refused(client: httpx.AsyncClient) -> None:
    refused(await client.post("/api/models", json={"name": "m", "description": "a\x00"}), "body", "description")
    refused(await client.post("/api/datasets/count", json={"meta": {"k\x00": "v"}}), "body", "meta", "k\x00")
    refused(await client.post("/api/datasets/count", json={"q": "\x00"}), "body", "q")
    stage = (
        '{"name": "d", "selection": {"strategy": "curriculum", "difficulty_key": "k", '
        '"stages": [{"name": "s", "min": NaN}]}}'
    )
    refused(await client.post("/api/datasets", **raw_json(stage)), "body", "selection", "stages", 0, "min")
    assert (await client.get("/api/models")).json()["items"] == []


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": "d", "version": TOO_BIG}, ["body", "version"]),
        ({"name": "d", "version": 1_000_000_000}, ["body", "version"]),
        ({"name": "d", "limit": TOO_BIG}, ["body", "limit"]),
        ({"name": "d", "split": {"eval_count": TOO_BIG}}, ["body", "split", "eval_count"]),
        ({"name": "d", "split": {"seed": TOO_BIG}}, ["body", "split", "seed"]),
        ({"name": "d", "selection": {"strategy": "random", "seed": TOO_BIG}}, ["body", "selection", "seed"]),
        ({"name": "d", "query": {"min_steps": TOO_BIG}}, ["body", "query", "min_steps"]),
        ({"name": "d", "query": {"max_steps": TOO_BIG}}, ["body", "query", "max_steps"]),
        (
            {"name": "d", "transforms": {"self_correction": {"seed": TOO_BIG, "error_fraction": 0.5}}},
            ["body", "transforms", "self_correction", "seed"],
        ),
    ],
)
async def test_a_dataset_build_with_an_integer_past_its_bound_is_refused(
    client: httpx.AsyncClient, body: dict[str, Any], loc: list[str]
) -> None:
    synth = await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 5, "seed": 1})
    assert synth.status_code == 200
    refused(await client.post("/api/datasets", json=body), *loc)


@pytest.mark.parametrize("field", ["min_steps", "max_steps"])
async def test_a_count_with_an_integer_past_its_bound_is_refused(client: httpx.AsyncClient, field: str) -> None:
    refused(await client.post("/api/datasets/count", json={field: TOO_BIG}), "body", field)


async def test_an_eval_set_item_that_cannot_be_stored_exactly_is_refused(client: httpx.AsyncClient) -> None:
    lines = b'{"id": "1", "prompt": "p\\u0000", "expected_answer": "1", "meta": {"x": NaN}}'
    response = await client.post(
        "/api/evalsets?name=e", content=lines, headers={"content-type": "application/x-ndjson"}
    )
    assert response.status_code == 422, response.text
    errors = [(error["line"], error["loc"]) for error in response.json()["errors"]]
    assert errors == [(1, ["prompt"]), (1, ["meta", "x"])]


async def test_an_eval_set_version_past_its_bound_is_refused(client: httpx.AsyncClient) -> None:
    line = b'{"id": "1", "prompt": "p", "expected_answer": "1"}'
    for version in (str(TOO_BIG), "1000000000", "1e20"):
        response = await client.post(
            f"/api/evalsets?name=e&version={version}", content=line, headers={"content-type": "application/x-ndjson"}
        )
        refused(response, "query", "version")


async def test_a_synth_seed_past_64_bits_is_refused(client: httpx.AsyncClient) -> None:
    refused(
        await client.post("/api/traces/synth", json={"kind": "arithmetic", "count": 2, "seed": TOO_BIG}), "body", "seed"
    )


async def test_log_positions_past_64_bits_are_refused(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with db.transaction(sessions) as session:
        run = (await store.submit(session, "train", {}, RunRefs())).id
    refused(await client.get(f"/api/runs/{run}/logs", params={"after": str(TOO_BIG)}), "query", "after")
    for last in (str(TOO_BIG).encode(), str(2**32).encode(), "²".encode(), b"-1", b"1 "):
        headers = {b"accept": b"text/event-stream", b"last-event-id": last}
        refused(
            await client.get(f"/api/runs/{run}/logs", headers=headers),
            "header",
            "last-event-id",
        )
