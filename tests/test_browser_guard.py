"""What a hostile web page can send through the user's browser: refused before anything is stored."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import make_trace
from tunix_rt.app import create_app
from tunix_rt.browser_guard import allowed_hosts, host_name
from tunix_rt.settings import Settings

LINE = b'{"id": "a", "prompt": "1 + 1?", "expected_answer": "2"}\n'


async def _count(client: httpx.AsyncClient) -> int:
    return len((await client.get("/api/traces")).json()["items"])


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000", "localhost.attacker.example", ""])
async def test_a_foreign_host_is_misdirected(client: httpx.AsyncClient, host: str) -> None:
    """DNS rebinding: the page's own name resolves to 127.0.0.1, so its requests carry that name."""
    for response in (
        await client.get("/api/traces", headers={"Host": host}),
        await client.get("/api/health", headers={"Host": host}),
        await client.post("/api/traces", json=make_trace(), headers={"Host": host}),
    ):
        assert response.status_code == 421, response.text
        assert response.headers["content-type"] == "application/problem+json"
    assert await _count(client) == 0


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
async def test_loopback_names_are_answered(client: httpx.AsyncClient, host: str) -> None:
    assert (await client.get("/api/traces", headers={"Host": host})).status_code == 200


def test_the_allowlist_adds_the_bind_address_and_settings() -> None:
    assert allowed_hosts("0.0.0.0", ["tunix.lan", "10.0.0.2:8000"]) == frozenset(
        {"0.0.0.0", "localhost", "127.0.0.1", "[::1]", "tunix.lan", "10.0.0.2"}
    )
    assert allowed_hosts("::", []) == frozenset({"[::]", "localhost", "127.0.0.1", "[::1]"})
    assert allowed_hosts("127.0.0.1", ["*"]) is None
    assert host_name("[fe80::1]:80") == "[fe80::1]"


async def test_configured_hosts_are_answered(settings: Settings) -> None:
    settings.allowed_hosts = ["tunix.lan"]
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://x") as http:
        assert (await http.get("/api/traces", headers={"Host": "tunix.lan:8000"})).status_code == 200
        assert (await http.get("/api/traces", headers={"Host": "other.lan"})).status_code == 421
    settings.allowed_hosts = ["*"]
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url="http://x") as http:
        assert (await http.get("/api/traces", headers={"Host": "other.lan"})).status_code == 200


@pytest.mark.parametrize("origin", ["https://attacker.example", "null", "http://localhost:9999"])
async def test_a_write_from_a_foreign_origin_is_refused(client: httpx.AsyncClient, origin: str) -> None:
    headers = {"Origin": origin}
    refused = [
        await client.post("/api/traces", json=make_trace(), headers=headers),
        await client.post("/api/traces/import", content=b"{}", headers={**headers, "Content-Type": "text/plain"}),
        await client.delete("/api/traces/00000000-0000-0000-0000-000000000000", headers=headers),
    ]
    assert [r.status_code for r in refused] == [403, 403, 403]
    assert "origin" in refused[0].json()["detail"]
    assert await _count(client) == 0
    assert (await client.get("/api/traces", headers=headers)).status_code == 200


async def test_same_origin_and_cors_origins_may_write(settings: Settings) -> None:
    settings.cors_origins = ["http://ui.example:5173"]
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://localhost:8000") as http,
    ):
        own = await http.post("/api/traces", json=make_trace(1), headers={"Origin": "http://localhost:8000"})
        assert own.status_code == 201, own.text
        trusted = await http.post("/api/traces", json=make_trace(2), headers={"Origin": "http://ui.example:5173"})
        assert trusted.status_code == 201, trusted.text


@pytest.mark.parametrize(
    "content_type", ["text/plain", "multipart/form-data; boundary=x", "application/x-ndjson", None]
)
async def test_json_routes_take_only_json(client: httpx.AsyncClient, content_type: str | None) -> None:
    """A cross-site form or a no-cors fetch sends text/plain, multipart or no type at all."""
    headers = {"Content-Type": content_type} if content_type else {}
    body = httpx.Response(200, json=make_trace()).content
    for path in ("/api/traces", "/api/traces/synth", "/api/datasets"):
        response = await client.post(path, content=body, headers=headers)
        assert response.status_code == 415, (path, response.text)
        assert "application/json" in response.json()["detail"]
    batch = await client.post("/api/traces/batch", content=b"[" + body + b"]", headers=headers)
    assert batch.status_code == 415
    assert await _count(client) == 0
    typed = await client.post("/api/traces", content=body, headers={"Content-Type": "application/json; charset=utf-8"})
    assert typed.status_code == 201


async def test_a_body_less_write_needs_no_content_type(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/runs/00000000-0000-0000-0000-000000000000/cancel")
    assert response.status_code == 404


async def test_file_routes_take_ndjson_or_multipart_with_proof(client: httpx.AsyncClient) -> None:
    trace = httpx.Response(200, json=make_trace()).content + b"\n"
    plain = await client.post("/api/traces/import", content=trace, headers={"Content-Type": "text/plain"})
    assert plain.status_code == 415
    assert "application/x-ndjson or multipart/form-data" in plain.json()["detail"]
    untyped = await client.post("/api/evalsets/validate", content=LINE)
    assert untyped.status_code == 415

    form = {"file": ("t.jsonl", trace, "application/octet-stream")}
    bare = await client.post("/api/traces/import", files=form)
    assert bare.status_code == 403, bare.text
    assert "X-Requested-With" in bare.json()["detail"]
    assert await _count(client) == 0

    proven = await client.post("/api/traces/import", files=form, headers={"X-Requested-With": "test"})
    assert (proven.status_code, proven.json()["created"]) == (200, 1)
    same_origin = await client.post(
        "/api/evalsets/validate", files={"file": ("e.jsonl", LINE)}, headers={"Origin": "http://localhost"}
    )
    assert same_origin.status_code == 200, same_origin.text
    ndjson = await client.post("/api/evalsets/validate", content=LINE, headers={"Content-Type": "application/x-ndjson"})
    assert (ndjson.status_code, ndjson.json()["valid"]) == (200, 1)
