"""The built web UI as the server serves it: files, client-side routes on reload, API 404s."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tunix_rt import app as app_module
from tunix_rt.app import create_app
from tunix_rt.settings import Settings


@pytest.fixture
def web_client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> httpx.AsyncClient:
    web = tmp_path / "web"
    (web / "assets").mkdir(parents=True)
    (web / "index.html").write_text("<!doctype html><div id=root></div>")
    (web / "assets" / "app.js").write_text("console.log(1)")
    monkeypatch.setattr(app_module, "WEB_DIR", web)
    application = create_app(Settings(home=tmp_path / "home", _env_file=None), migrate=False)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=application), base_url="http://localhost")


async def test_files_and_client_routes_are_served(web_client: httpx.AsyncClient) -> None:
    async with web_client as http:
        for path in ("/", "/traces", "/traces/0b6f/compare?a=1", "/traces/add"):
            response = await http.get(path)
            assert response.status_code == 200, path
            assert "id=root" in response.text
        asset = await http.get("/assets/app.js")
        assert asset.status_code == 200
        assert asset.text == "console.log(1)"


async def test_missing_files_and_api_paths_stay_404_problems(web_client: httpx.AsyncClient) -> None:
    async with web_client as http:
        for path in ("/api/nothing-here", "/api", "/assets/missing.js"):
            response = await http.get(path)
            assert response.status_code == 404, path
            assert response.headers["content-type"].startswith("application/problem+json"), path
