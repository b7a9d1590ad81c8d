"""Token management over the API: what the ``admin`` scope adds to ``write``."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from tunix_rt.app import create_app
from tunix_rt.settings import Settings

ADMIN = {"Authorization": "Bearer root"}
WRITER = {"Authorization": "Bearer writer"}


@pytest.fixture
async def http(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    settings.api_tokens = ["root:admin", "writer:write"]
    app: FastAPI = create_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client,
    ):
        yield client


async def test_only_admin_tokens_manage_tokens(http: httpx.AsyncClient) -> None:
    assert (await http.get("/api/tokens", headers=WRITER)).status_code == 403
    refused = await http.post("/api/tokens", json={"name": "ci", "scope": "read"}, headers=WRITER)
    assert refused.status_code == 403
    assert refused.json()["detail"] == "a 'write' token cannot POST; it needs 'admin' scope"
    assert (await http.get("/api/tokens")).status_code == 401
    # the id in the path is looked up only once the caller may: no probing ids without a token
    assert (await http.delete("/api/tokens/abcdef", headers=WRITER)).status_code == 403
    assert (await http.delete("/api/runs/abcdef")).status_code == 401


async def test_admin_creates_lists_and_revokes_a_token(http: httpx.AsyncClient) -> None:
    created = await http.post("/api/tokens", json={"name": "ci", "scope": "read"}, headers=ADMIN)
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["name"], body["scope"], body["token"][:4]) == ("ci", "read", "trt_")
    issued = {"Authorization": f"Bearer {body['token']}"}
    assert (await http.get("/api/traces", headers=issued)).status_code == 200
    assert (await http.post("/api/traces/synth", json={"count": 1}, headers=issued)).status_code == 403

    listed = (await http.get("/api/tokens", headers=ADMIN)).json()
    assert [(t["id"], t["name"], t["scope"], t["revoked"]) for t in listed["items"]] == [
        (body["id"], "ci", "read", False)
    ]
    assert listed["items"][0]["last_used_at"] is not None
    assert "token" not in listed["items"][0]
    assert "token_hash" not in listed["items"][0]

    assert (await http.delete(f"/api/tokens/{body['id'][:8]}", headers=ADMIN)).status_code == 204
    assert (await http.get("/api/traces", headers=issued)).status_code == 401
    assert (await http.get("/api/tokens", headers=ADMIN)).json()["items"][0]["revoked"] is True
    assert (await http.delete(f"/api/tokens/{body['id']}", headers=ADMIN)).status_code == 404


async def test_a_token_request_is_checked(http: httpx.AsyncClient) -> None:
    bad = await http.post("/api/tokens", json={"name": "", "scope": "root"}, headers=ADMIN)
    assert bad.status_code == 422
    assert sorted(tuple(error["loc"]) for error in bad.json()["errors"]) == [("body", "name"), ("body", "scope")]
