"""The runs API through HTTP, on both databases: submit, list, read, cancel, retry, delete,
logs pages, metrics, artifacts and Prometheus gauges, including every bad-input answer."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import submit, wait_for, worker_running
from tests.test_short_ids import FIRST, SECOND, insert_runs
from tunix_rt import db
from tunix_rt.runs import artifacts, queue, store
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings

PROBLEM = "application/problem+json"


async def post_run(client: httpx.AsyncClient, **body: Any) -> httpx.Response:
    return await client.post("/api/runs", json={"kind": "scripted", **body})


async def test_submit_answers_202_with_the_run_and_its_url(client: httpx.AsyncClient) -> None:
    response = await post_run(client, config={"dataset": "gsm@v1", "steps": [{"op": "print"}]}, tags=["a"])
    assert response.status_code == 202
    run = response.json()
    assert response.headers["location"] == run["url"] == f"/api/runs/{run['id']}"
    assert run["status"] == "queued"
    assert run["attempts"] == 0
    assert run["dataset_key"] == "gsm@v1"
    assert run["tags"] == ["a"]
    assert run["priority"] == 0
    assert run["config"]["steps"][0] == {
        "op": "print",
        "text": "",
        "path": "",
        "step": 0,
        "values": {},
        "count": 0,
        "seconds": 0,
    }
    read = await client.get(run["url"])
    assert read.status_code == 200
    assert read.json() == run


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"kind": "nope"}, ["body", "kind"]),
        ({"kind": "scripted", "config": {"steps": [{"op": "explode"}]}}, ["body", "config", "steps", 0, "op"]),
        ({"kind": "scripted", "config": {"bogus": 1}}, ["body", "config", "bogus"]),
        ({"kind": "scripted", "colour": "red"}, ["body", "colour"]),
        ({"kind": "scripted", "priority": 5000}, ["body", "priority"]),
    ],
)
async def test_bad_submissions_are_422_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, Any], loc: list[Any]
) -> None:
    response = await client.post("/api/runs", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["loc"] == loc


async def test_unknown_kind_lists_the_known_ones(client: httpx.AsyncClient) -> None:
    response = await post_run(client, kind="nope")
    detail = response.json()["detail"]
    assert detail.startswith("unknown run kind 'nope' (known: ")
    assert "scripted" in detail


@pytest.mark.parametrize(
    ("method", "suffix"),
    [
        ("GET", ""),
        ("DELETE", ""),
        ("POST", "/cancel"),
        ("POST", "/retry"),
        ("POST", "/resume"),
        ("GET", "/logs"),
        ("GET", "/metrics"),
        ("GET", "/artifacts"),
        ("GET", "/artifacts/a.txt"),
    ],
)
async def test_unknown_and_malformed_ids(client: httpx.AsyncClient, method: str, suffix: str) -> None:
    missing = await client.request(method, f"/api/runs/{uuid.uuid4()}{suffix}")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM
    malformed = await client.request(method, f"/api/runs/not-a-uuid{suffix}")
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["path", "run_id"]


async def test_list_filters_and_pages(client: httpx.AsyncClient) -> None:
    first = (await post_run(client, config={"model": "tiny"}, tags=["gold"])).json()
    second = (await post_run(client, config={"evalset": "e@v1"})).json()
    third = (await post_run(client)).json()
    await client.post(f"/api/runs/{third['id']}/cancel")

    async def ids(query: str) -> list[str]:
        response = await client.get(f"/api/runs?{query}")
        assert response.status_code == 200, response.text
        return [run["id"] for run in response.json()["items"]]

    assert await ids("") == [third["id"], second["id"], first["id"]]
    assert await ids("tag=gold") == [first["id"]]
    assert await ids("model=tiny&kind=scripted") == [first["id"]]
    assert await ids("dataset=e@v1") == [second["id"]]
    assert await ids("status=cancelled") == [third["id"]]
    assert await ids("created_after=2000-01-01T00:00:00Z&created_before=2000-01-02T00:00:00Z") == []
    page = (await client.get("/api/runs?limit=2")).json()
    assert [run["id"] for run in page["items"]] == [third["id"], second["id"]]
    rest = (await client.get(f"/api/runs?limit=2&cursor={page['next_cursor']}")).json()
    assert ([run["id"] for run in rest["items"]], rest["next_cursor"]) == ([first["id"]], None)
    for query, loc in [
        ("status=sleeping", ["query", "status"]),
        ("limit=100000", ["query", "limit"]),
        ("cursor=zzz", ["query", "cursor"]),
    ]:
        response = await client.get(f"/api/runs?{query}")
        assert response.status_code == 422
        assert response.json()["errors"][0]["loc"] == loc
    naive = await client.get("/api/runs?created_after=2026-01-01T00:00:00")
    assert naive.status_code == 422
    assert "timezone" in naive.json()["detail"]


async def test_cancel_retry_and_delete(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    run = (await post_run(client)).json()
    cancelled = await client.post(f"/api/runs/{run['id']}/cancel")
    assert (cancelled.status_code, cancelled.json()["status"]) == (202, "cancelled")
    again = await client.post(f"/api/runs/{run['id']}/cancel")
    assert again.status_code == 409
    retried = await client.post(f"/api/runs/{run['id']}/retry")
    assert retried.status_code == 202
    assert retried.json()["retry_of"] == run["id"]
    assert retried.json()["config"] == run["config"]
    assert (await client.post(f"/api/runs/{retried.json()['id']}/retry")).status_code == 409
    async with db.transaction(sessions) as session:
        claimed = await queue.claim(session, "w1", 30)
    assert claimed is not None
    assert str(claimed.id) == retried.json()["id"]
    refused = await client.delete(f"/api/runs/{claimed.id}")
    assert refused.status_code == 409
    assert "cancel it before deleting" in refused.json()["detail"]
    folder = artifacts.run_dir(settings.home, uuid.UUID(run["id"]))
    folder.mkdir(parents=True)
    (folder / "left.txt").write_text("x")
    assert (await client.delete(f"/api/runs/{run['id']}")).status_code == 204
    assert not folder.exists()
    assert (await client.get(f"/api/runs/{run['id']}")).status_code == 404


async def test_logs_page_without_the_event_stream_header(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions)
    now = db.utcnow()
    async with db.transaction(sessions) as session:
        await store.add_logs(
            session,
            [
                {"run_id": run_id, "seq": n, "stream": "stdout", "line": f"line {n}", "created_at": now}
                for n in range(1, 6)
            ],
        )
    page = (await client.get(f"/api/runs/{run_id}/logs?limit=3")).json()
    assert [line["line"] for line in page["items"]] == ["line 1", "line 2", "line 3"]
    assert (page["next_after"], page["status"], page["done"]) == (3, "queued", False)
    page = (await client.get(f"/api/runs/{run_id}/logs?after=3")).json()
    assert [line["seq"] for line in page["items"]] == [4, 5]
    await client.post(f"/api/runs/{run_id}/cancel")
    page = (await client.get(f"/api/runs/{run_id}/logs?after=5")).json()
    assert (page["items"], page["next_after"], page["done"]) == ([], 5, True)


async def test_metrics_are_downsampled_on_the_server(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions)
    now = db.utcnow()
    rows = [
        {
            "run_id": run_id,
            "name": "loss",
            "step": step,
            "value": 1000.0 if step == 777 else step / 100,
            "recorded_at": now,
        }
        for step in range(20_000)
    ]
    rows += [{"run_id": run_id, "name": "acc", "step": s, "value": 0.5, "recorded_at": now} for s in range(10)]
    async with db.transaction(sessions) as session:
        for start in range(0, len(rows), 5000):
            await store.upsert_metrics(session, rows[start : start + 5000])
        await store.upsert_metrics(session, [{**rows[0], "value": 9.0}])
    body = (await client.get(f"/api/runs/{run_id}/metrics?names=loss&downsample=500")).json()
    assert body["names"] == ["acc", "loss"]
    (loss,) = body["series"]
    # reduced in the database first (over 8x the 500 asked): two points a bucket on this line
    assert (loss["name"], loss["count"], len(loss["values"])) == ("loss", 20_000, len(loss["steps"]))
    assert 490 <= len(loss["steps"]) <= 500
    assert (loss["steps"][0], loss["steps"][-1]) == (0, 19_999)
    assert loss["values"][0] == 9.0
    assert 777 in loss["steps"]
    everything = (await client.get(f"/api/runs/{run_id}/metrics?downsample=0")).json()
    assert [(s["name"], len(s["steps"])) for s in everything["series"]] == [("acc", 10), ("loss", 20_000)]
    unknown = (await client.get(f"/api/runs/{run_id}/metrics?names=nothing")).json()
    assert unknown["series"] == [{"name": "nothing", "count": 0, "steps": [], "values": [], "times": []}]
    bad = await client.get(f"/api/runs/{run_id}/metrics?downsample=2")
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["query", "downsample"]


@pytest.fixture
async def artifact_run(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings, tmp_path: Path
) -> tuple[uuid.UUID, Path]:
    run_id = await submit(sessions)
    folder = artifacts.run_dir(settings.home, run_id)
    (folder / "out").mkdir(parents=True)
    (folder / "out" / "a.txt").write_text("alpha")
    (folder / "ckpt").mkdir()
    (folder / "ckpt" / "w.bin").write_bytes(b"\0" * 10)
    (folder / "inside-link").symlink_to(folder / "out" / "a.txt")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key").write_text("do not serve")
    (folder / "escape").symlink_to(secret / "key")
    (folder / "escape-dir").symlink_to(secret)
    async with db.transaction(sessions) as session:
        await store.upsert_artifacts(
            session,
            [
                {
                    "run_id": run_id,
                    "path": "out/a.txt",
                    "kind": "artifact",
                    "size": 5,
                    "sha256": "x" * 64,
                    "step": 3,
                    "created_at": db.utcnow(),
                }
            ],
        )
    return run_id, folder


async def test_artifact_listing(client: httpx.AsyncClient, artifact_run: tuple[uuid.UUID, Path]) -> None:
    run_id, _folder = artifact_run
    body = (await client.get(f"/api/runs/{run_id}/artifacts")).json()
    assert body["truncated"] is False
    listed = {item["path"]: item for item in body["items"]}
    assert sorted(listed) == ["ckpt/w.bin", "inside-link", "out/a.txt"]
    alpha = listed["out/a.txt"]
    assert (alpha["size"], alpha["sha256"]) == (5, hashlib.sha256(b"alpha").hexdigest())
    assert (alpha["kind"], alpha["step"]) == ("artifact", 3)
    assert (listed["ckpt/w.bin"]["kind"], listed["ckpt/w.bin"]["size"]) == (None, 10)


async def test_artifact_download_stays_inside_the_run_folder(
    client: httpx.AsyncClient, artifact_run: tuple[uuid.UUID, Path]
) -> None:
    run_id, _folder = artifact_run
    base = f"/api/runs/{run_id}/artifacts"
    ok = await client.get(f"{base}/out/a.txt")
    assert (ok.status_code, ok.content) == (200, b"alpha")
    assert (await client.get(f"{base}/inside-link")).content == b"alpha"
    for bad in [
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "..%2f..%2f..%2fetc%2fpasswd",
        "out/%2e%2e/%2e%2e/x",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "escape",
        "escape-dir/key",
        "out%5c..%5c..%5cx",
    ]:
        response = await client.get(f"{base}/{bad}")
        assert response.status_code == 422, (bad, response.status_code)
        assert response.headers["content-type"] == PROBLEM
        assert b"do not serve" not in response.content
    for missing in ["nothing.txt", "out", "%252e%252e/x"]:
        assert (await client.get(f"{base}/{missing}")).status_code == 404, missing


async def test_prometheus_run_gauges(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    done = await submit(sessions, {"op": "print", "text": "x"})
    async with worker_running(settings, sessions) as worker:
        await wait_for(sessions, done, RunStatus.SUCCEEDED)
        await submit(sessions, {"op": "wait_for", "path": "never", "seconds": 600}, priority=-1)
        await submit(sessions, priority=-2)
        text = (await client.get("/metrics")).text
    assert 'tunix_rt_run_queue_depth{kind="scripted"}' in text
    assert 'tunix_rt_runs{status="succeeded"} 1.0' in text
    assert 'tunix_rt_run_duration_seconds_count{kind="scripted",status="succeeded"} 1.0' in text
    assert f'tunix_rt_worker_heartbeat_age_seconds{{worker="{worker.id}"}}' in text
    text = (await client.get("/metrics")).text
    assert 'tunix_rt_run_duration_seconds_count{kind="scripted",status="succeeded"} 1.0' in text
    assert "tunix_rt_worker_heartbeat_age_seconds{" not in text
    await client.get(f"/api/runs/{done}")
    assert 'route="/api/runs/{run_id}",status="200"' in (await client.get("/metrics")).text


async def test_name_and_notes_are_set_at_submission_and_edited_after(client: httpx.AsyncClient) -> None:
    submitted = await post_run(client, name="lr 3e-4 baseline", notes="first try", config={"steps": []})
    assert submitted.status_code == 202, submitted.text
    run = submitted.json()
    assert (run["name"], run["notes"]) == ("lr 3e-4 baseline", "first try")
    plain = (await post_run(client)).json()
    assert (plain["name"], plain["notes"]) == (None, None)
    renamed = await client.patch(f"/api/runs/{run['id']}", json={"name": "baseline"})
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["notes"]) == ("baseline", "first try")
    cleared = await client.patch(f"/api/runs/{run['id'][:8]}", json={"notes": None})
    assert (cleared.json()["name"], cleared.json()["notes"]) == ("baseline", None)
    listed = {item["id"]: item["name"] for item in (await client.get("/api/runs")).json()["items"]}
    assert listed == {run["id"]: "baseline", plain["id"]: None}
    for body, loc in (
        ({"name": ""}, ["body", "name"]),
        ({"name": "x" * 201}, ["body", "name"]),
        ({"status": "succeeded"}, ["body", "status"]),
    ):
        refused = await client.patch(f"/api/runs/{run['id']}", json=body)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["loc"] == loc
    assert (await post_run(client, name="")).status_code == 422
    missing = await client.patch(f"/api/runs/{uuid.uuid4()}", json={"name": "x"})
    assert missing.status_code == 404


async def test_retry_keeps_the_name_and_leaves_the_notes(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run = (await post_run(client, name="flaky", notes="why it failed", config={"steps": []})).json()
    assert (await client.post(f"/api/runs/{run['id']}/cancel")).status_code == 202
    retried = (await client.post(f"/api/runs/{run['id'][:8]}/retry")).json()
    assert (retried["name"], retried["notes"], retried["retry_of"]) == ("flaky", None, run["id"])


async def test_every_run_route_takes_a_unique_prefix(
    client: httpx.AsyncClient, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Prefixes resolve in the path, the parent filter and the overlay's id list; an ambiguous
    one is a 409 naming the candidates, a short one a 422 naming the minimum."""
    await insert_runs(sessions, FIRST, SECOND)
    read = await client.get("/api/runs/abcdef01")
    assert read.status_code == 200, read.text
    assert read.json()["id"] == str(FIRST)
    assert (await client.get("/api/runs/ABCDEF02-0000/logs")).json()["items"] == []
    overlay = await client.get("/api/runs/metrics", params={"ids": f"abcdef01,{SECOND},abcdef02"})
    assert overlay.status_code == 200, overlay.text
    assert (await client.get("/api/runs", params={"parent": "abcdef01"})).json()["items"] == []
    ambiguous = await client.get("/api/runs/abcdef")
    assert ambiguous.status_code == 409
    assert ambiguous.headers["content-type"] == PROBLEM
    assert ambiguous.json()["title"] == "Ambiguous id"
    assert ambiguous.json()["candidates"] == [str(FIRST), str(SECOND)]
    assert (await client.get("/api/runs/metrics", params={"ids": "abcdef"})).status_code == 409
    short = await client.post("/api/runs/abcde/cancel")
    assert short.status_code == 422
    assert short.json()["errors"][0]["loc"] == ["path", "run_id"]
    assert "at least 6 hex characters" in short.json()["detail"]
    missing = await client.delete("/api/runs/123456")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "no run id starts with '123456'"
    cancelled = await client.post("/api/runs/abcdef02/cancel")
    assert cancelled.status_code == 202
    assert cancelled.json()["id"] == str(SECOND)
