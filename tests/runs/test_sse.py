"""The live log stream over a real HTTP server (uvicorn), with a real worker writing it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.runs.conftest import fetch, serving, submit, wait_for
from tunix_rt.runs import artifacts
from tunix_rt.runs.store import RunStatus
from tunix_rt.settings import Settings


@pytest.fixture
async def base_url(settings: Settings) -> AsyncIterator[str]:
    async with serving(settings) as (url, _app):
        yield url


async def read_events(response: httpx.Response, until: int | None = None) -> AsyncIterator[dict[str, Any]]:
    """Parsed SSE events, stopping after the log event whose id is ``until`` or after ``status``."""
    event: dict[str, Any] = {}
    async for line in response.aiter_lines():
        if line:
            field, _, value = line.partition(":")
            event[field] = value.lstrip(" ")
            continue
        if "data" in event:
            event["data"] = orjson.loads(event["data"])
            yield event
            if event.get("event") == "status" or (until is not None and event.get("id") == str(until)):
                return
        event = {}


async def test_lines_arrive_live_and_a_reconnect_resumes_without_gaps(
    base_url: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(
        sessions,
        {"op": "lines", "text": "early", "count": 5},
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "lines", "text": "late", "count": 5},
    )
    stream = {"Accept": "text/event-stream"}
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        async with client.stream("GET", f"/api/runs/{run_id}/logs", headers=stream) as response:
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            first = [event async for event in read_events(response, until=4)]
        assert (await fetch(sessions, run_id)).status == RunStatus.RUNNING
        assert [event["id"] for event in first] == ["1", "2", "3", "4"]
        assert first[0]["data"]["stream"] == "worker"
        assert [event["data"]["line"] for event in first[1:]] == ["early 0", "early 1", "early 2"]
        (artifacts.run_dir(settings.home, run_id) / "go").touch()
        resumed = {**stream, "Last-Event-ID": "4"}
        async with client.stream("GET", f"/api/runs/{run_id}/logs", headers=resumed) as response:
            rest = [event async for event in read_events(response)]
    logs, final = rest[:-1], rest[-1]
    assert [int(event["id"]) for event in logs] == list(range(5, 5 + len(logs)))
    lines = [event["data"]["line"] for event in logs]
    assert lines == ["early 3", "early 4", *(f"late {n}" for n in range(5))]
    assert final["event"] == "status"
    assert "id" not in final
    assert final["data"]["status"] == "succeeded"
    assert final["data"]["id"] == str(run_id)


async def test_a_metrics_event_tells_the_follower_that_the_curves_grew(
    base_url: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """What the web UI redraws its curves on instead of polling them: the series' new size."""
    run_id = await submit(
        sessions,
        {"op": "wait_for", "path": "go", "seconds": 600},
        {"op": "metric", "step": 3, "values": {"loss": 0.5, "lr": 0.01}},
        {"op": "print", "text": "done"},
    )
    stream = {"Accept": "text/event-stream"}
    async with (
        httpx.AsyncClient(base_url=base_url, timeout=30) as client,
        client.stream("GET", f"/api/runs/{run_id}/logs", headers=stream) as response,
    ):
        events = read_events(response)
        first = await anext(events)
        (artifacts.run_dir(settings.home, run_id) / "go").touch()
        rest = [event async for event in events]
    assert (first["event"], first["data"]["stream"]) == ("log", "worker")
    metrics = [event for event in rest if event["event"] == "metrics"]
    assert [event["data"] for event in metrics] == [{"points": 2, "step": 3}]
    assert "id" not in metrics[0]  # a reconnect's Last-Event-ID stays the last line's
    assert rest[-1]["event"] == "status"


async def test_a_finished_run_streams_its_log_then_the_status(
    base_url: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run_id = await submit(sessions, {"op": "print", "text": "only"})
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as client:
        await wait_for(sessions, run_id, RunStatus.SUCCEEDED)
        async with client.stream(
            "GET", f"/api/runs/{run_id}/logs?after=1", headers={"Accept": "text/event-stream"}
        ) as r:
            events = [event async for event in read_events(r)]
        assert [(e.get("event"), e["data"].get("line")) for e in events] == [("log", "only"), ("status", None)]
        bad = await client.get(
            f"/api/runs/{run_id}/logs", headers={"Accept": "text/event-stream", "Last-Event-ID": "x"}
        )
        assert bad.status_code == 422
        missing = await client.get(f"/api/runs/{uuid.uuid4()}/logs", headers={"Accept": "text/event-stream"})
        assert missing.status_code == 404


async def test_open_streams_are_capped_per_token_and_in_all_and_share_one_reader(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    capped = settings.model_copy(
        update={"api_tokens": ["ta:read", "tb:read"], "max_log_streams": 3, "max_log_streams_per_token": 2}
    )
    run_id = await submit(sessions, {"op": "wait_for", "path": "go", "seconds": 600})
    path = f"/api/runs/{run_id}/logs"

    def headers(token: str) -> dict[str, str]:
        return {"Accept": "text/event-stream", "Authorization": f"Bearer {token}"}

    async with serving(capped) as (url, app), httpx.AsyncClient(base_url=url, timeout=30) as client:
        async with AsyncExitStack() as open_streams:
            for token in ("ta", "ta", "tb"):
                response = await open_streams.enter_async_context(client.stream("GET", path, headers=headers(token)))
                assert response.status_code == 200
            over_token = await client.get(path, headers=headers("ta"))
            assert over_token.status_code == 429
            assert over_token.headers["content-type"] == "application/problem+json"
            assert int(over_token.headers["retry-after"]) > 0
            assert "max_log_streams_per_token" in over_token.json()["detail"]
            over_server = await client.get(path, headers=headers("tb"))
            assert over_server.status_code == 429
            assert "max_log_streams)" in over_server.json()["detail"]
            assert app.state.log_hub.readers == 1
            page = await client.get(path, headers={"Authorization": "Bearer ta"})
            assert page.status_code == 200, "JSON pages are not streams and are not capped"
        for _ in range(500):
            if app.state.stream_slots.open == 0:
                break
            await asyncio.sleep(0.02)
        assert app.state.stream_slots.open == 0
        async with client.stream("GET", path, headers=headers("ta")) as response:
            assert response.status_code == 200
