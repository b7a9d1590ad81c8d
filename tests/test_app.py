"""Health, metrics, auth, CORS and error shapes of the app as a whole."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import update

from tests.conftest import make_trace
from tunix_rt import db
from tunix_rt.app import create_app
from tunix_rt.auth import store as tokens
from tunix_rt.auth.tables import ApiToken
from tunix_rt.settings import Settings

HANG_SECONDS = 120  # bounds a hang, never a speed


async def test_health_reports_database_revision_and_extras(client: httpx.AsyncClient, backend: str) -> None:
    response = await client.get("/api/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["database"]["dialect"] == {"sqlite": "sqlite", "postgres": "postgresql"}[backend]
    assert body["database"]["revision"] == db.head_revision()
    assert body["extras"]["postgres"] is True
    assert set(body["extras"]) == {"postgres", "torch", "jax", "ray"}


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.post("/api/traces/batch", json=[make_trace(n) for n in range(3)])
    await client.get("/api/traces/00000000-0000-0000-0000-000000000000")
    text = (await client.get("/metrics")).text
    assert 'tunix_rt_traces_ingested_total{via="batch"} 3.0' in text
    assert 'route="/api/traces/{trace_id}",status="404"' in text
    assert "tunix_rt_http_request_duration_seconds_bucket" in text


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    response = await client.put("/api/traces")
    assert response.status_code == 405


async def _client_for(settings: Settings) -> tuple[FastAPI, httpx.AsyncClient]:
    app = create_app(settings)
    return app, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost")


async def test_settings_tokens_enforce_scopes(settings: Settings) -> None:
    settings.api_tokens = ["reader:read", "writer:write"]
    app, http = await _client_for(settings)
    async with app.router.lifespan_context(app), http:
        assert (await http.get("/api/health")).status_code == 200
        denied = await http.get("/api/traces")
        assert denied.status_code == 401
        assert denied.headers["www-authenticate"] == "Bearer"
        assert (await http.get("/metrics")).status_code == 401
        read = {"Authorization": "Bearer reader"}
        write = {"Authorization": "Bearer writer"}
        assert (await http.get("/api/traces", headers=read)).status_code == 200
        assert (await http.post("/api/traces", json=make_trace(), headers=read)).status_code == 403
        assert (await http.post("/api/traces", json=make_trace(), headers=write)).status_code == 201
        assert (await http.get("/api/traces", headers={"Authorization": "Bearer wrong"})).status_code == 401
        assert (await http.get("/api/traces", headers={"Authorization": "Basic reader"})).status_code == 401


async def test_database_tokens_turn_auth_on_and_can_be_revoked(settings: Settings) -> None:
    app, http = await _client_for(settings)
    async with app.router.lifespan_context(app), http:
        assert (await http.get("/api/traces")).status_code == 200
        state: Any = app.state.tunix
        async with state.sessions() as session, session.begin():
            created = await tokens.create(session, "ci", "read")
        state._auth_on_until = 0.0
        assert (await http.get("/api/traces")).status_code == 401
        headers = {"Authorization": f"Bearer {created.token}"}
        assert (await http.get("/api/traces", headers=headers)).status_code == 200
        await state.token_use.drain()
        async with state.sessions() as session, session.begin():
            listed = await tokens.list_tokens(session)
            assert listed[0].last_used_at is not None
            assert listed[0].token_hash != created.token
            await tokens.revoke(session, created.id)
        assert (await http.get("/api/traces", headers=headers)).status_code == 401


async def test_without_tokens_only_this_machine_is_served_at_every_request(settings: Settings) -> None:
    """Serve beyond loopback with one token, revoke it: the server must not open to the network."""
    settings.host = "0.0.0.0"
    app = create_app(settings)
    remote = httpx.ASGITransport(app=app, client=("10.0.0.7", 50000))
    local = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=remote, base_url="http://localhost") as http,
        httpx.AsyncClient(transport=local, base_url="http://localhost") as loopback,
    ):
        state: Any = app.state.tunix
        async with state.sessions() as session, session.begin():
            created = await tokens.create(session, "only", "admin")
        headers = {"Authorization": f"Bearer {created.token}"}
        assert (await http.post("/api/traces", json=make_trace(1), headers=headers)).status_code == 201
        revoked = await http.delete(f"/api/tokens/{created.id}", headers=headers)
        assert revoked.status_code == 204
        refused = await http.post("/api/traces", json=make_trace(2))
        assert refused.status_code == 403
        assert "only its own machine" in refused.json()["detail"]
        assert (await http.get("/api/traces")).status_code == 403
        assert (await http.get("/api/health")).status_code == 200
        assert (await loopback.post("/api/traces", json=make_trace(2))).status_code == 201


async def test_dry_runs_need_only_a_read_token(settings: Settings) -> None:
    """Counting a build's query and validating an eval set file store nothing, so a read token
    may ask; the writes beside them still need write."""
    settings.api_tokens = ["reader:read"]
    app, http = await _client_for(settings)
    read = {"Authorization": "Bearer reader"}
    async with app.router.lifespan_context(app), http:
        counted = await http.post("/api/datasets/count", json={"tag": "none"}, headers=read)
        assert (counted.status_code, counted.json()) == (200, {"matched": 0})
        line = b'{"id": "a", "prompt": "1 + 1?", "expected_answer": "2"}\n'
        ndjson = {**read, "Content-Type": "application/x-ndjson"}
        validated = await http.post("/api/evalsets/validate", content=line, headers=ndjson)
        assert (validated.status_code, validated.json()["valid"]) == (200, 1), validated.text
        refused = await http.post("/api/evalsets", params={"name": "e"}, content=line, headers=ndjson)
        assert refused.status_code == 403
        assert (await http.post("/api/datasets", json={"name": "d"}, headers=read)).status_code == 403


async def test_a_token_is_served_while_its_row_is_locked_and_its_use_recorded_after(settings: Settings) -> None:
    """Recording ``last_used_at`` is best-effort: a writer holding SQLite's lock (or the token's
    row on PostgreSQL) neither delays nor fails the request; the use is written once it can be."""
    app, http = await _client_for(settings)
    async with app.router.lifespan_context(app), http:
        state: Any = app.state.tunix
        async with db.transaction(state.sessions) as session:
            created = await tokens.create(session, "ci", "read")
        headers = {"Authorization": f"Bearer {created.token}"}
        async with db.transaction(state.sessions) as holder:
            await holder.execute(update(ApiToken).values(name=ApiToken.name))
            answered = await asyncio.wait_for(http.get("/api/traces", headers=headers), HANG_SECONDS)
            assert answered.status_code == 200
        await state.token_use.drain()
        async with state.sessions() as session:
            assert (await tokens.list_tokens(session))[0].last_used_at is not None


def test_bad_settings_token_scope_is_refused() -> None:
    with pytest.raises(Exception, match="scope 'root'"):
        tokens.parse_settings_tokens(["abc:root"])


async def test_cors_is_off_unless_configured(settings: Settings) -> None:
    app, http = await _client_for(settings)
    async with app.router.lifespan_context(app), http:
        response = await http.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in response.headers
    settings.cors_origins = ["http://ui.example"]
    app, http = await _client_for(settings)
    async with app.router.lifespan_context(app), http:
        response = await http.get("/api/health", headers={"Origin": "http://ui.example"})
        assert response.headers["access-control-allow-origin"] == "http://ui.example"


def test_settings_parse_csv_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TUNIX_RT_API_TOKENS", "a:read, b")
    monkeypatch.setenv("TUNIX_RT_CORS_ORIGINS", "http://x")
    monkeypatch.setenv("TUNIX_RT_MAX_STEPS", "7")
    settings = Settings(_env_file=None)
    assert settings.api_tokens == ["a:read", "b"]
    assert settings.cors_origins == ["http://x"]
    assert settings.limits.max_steps == 7
    assert settings.is_sqlite
    assert settings.resolved_database_url.endswith("/.tunix-rt/tunix-rt.db")
