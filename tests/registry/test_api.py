"""``/api/models`` on SQLite and PostgreSQL: promotion is idempotent by content, aliases move,
deletes that would dangle are refused, bad input is answered, and downloads are streamed tars."""

from __future__ import annotations

import io
import tarfile
import uuid

import httpx
from fastapi import FastAPI

from tests.registry.conftest import add_run, blob_count, trained_run
from tunix_rt.runs import store as runs
from tunix_rt.settings import Settings


async def promote(client: httpx.AsyncClient, run_id: uuid.UUID, name: str = "arith", **body: str) -> httpx.Response:
    return await client.post(f"/api/models/{name}/versions", json={"run_id": str(run_id), **body})


async def test_models_are_created_listed_updated_and_deleted(client: httpx.AsyncClient) -> None:
    created = await client.post("/api/models", json={"name": "arith", "description": "sums", "tags": ["demo"]})
    assert created.status_code == 201, created.text
    assert created.json()["version_count"] == 0
    assert (await client.post("/api/models", json={"name": "arith"})).status_code == 409
    for name in ("b-model", "c.model"):
        assert (await client.post("/api/models", json={"name": name})).status_code == 201
    page = (await client.get("/api/models", params={"limit": 2})).json()
    assert [m["name"] for m in page["items"]] == ["arith", "b-model"]
    rest = (await client.get("/api/models", params={"cursor": page["next_cursor"]})).json()
    assert [m["name"] for m in rest["items"]] == ["c.model"]
    assert rest["next_cursor"] is None
    patched = await client.patch("/api/models/arith", json={"tags": ["x"]})
    assert patched.json()["tags"] == ["x"]
    assert patched.json()["description"] == "sums"
    assert (await client.delete("/api/models/c.model")).status_code == 204
    assert (await client.get("/api/models/c.model")).status_code == 404


async def test_invalid_names_are_422(client: httpx.AsyncClient) -> None:
    for name in ("Arith", "-x", "a" * 65, "a b"):
        response = await client.post("/api/models", json={"name": name})
        assert response.status_code == 422, name
        assert response.headers["content-type"] == "application/problem+json"
    assert (await client.get("/api/models/BAD")).status_code == 422
    bad_label = await client.post("/api/models/arith/versions", json={"run_id": str(uuid.uuid4()), "label": "V 1"})
    assert bad_label.status_code == 422
    assert bad_label.json()["errors"][0]["loc"] == ["body", "label"]


async def test_promotion_is_idempotent_by_content(client: httpx.AsyncClient, app: FastAPI, settings: Settings) -> None:
    run_id = await trained_run(app, settings)
    first = await promote(client, run_id, description="first")
    assert first.status_code == 201, first.text
    v1 = first.json()
    assert (v1["label"], v1["number"], v1["format"], v1["created"]) == ("v1", 1, "merged", True)
    assert v1["metrics"] == {"train_loss": 1.25, "epoch": 1.0}
    assert v1["provenance"]["dataset"]["key"] == "arith@v1"
    assert v1["provenance"]["tokenizer_sha256"] == "d" * 64
    assert v1["provenance"]["packages"]["torch"] == "2.5.0"
    assert v1["provenance"]["run"]["id"] == str(run_id)
    assert v1["config"]["max_steps"] == 3
    assert (v1["file_count"], v1["size"]) == (3, len(b"weights-1") + len('{"model_type": "llama"}') + len('{"a": 1}'))
    stored = blob_count(settings)
    assert stored == 3

    again = await promote(client, run_id)
    assert again.status_code == 200
    assert (again.json()["label"], again.json()["created"]) == ("v1", False)
    # another run with identical bytes is the same version too
    twin = await trained_run(app, settings)
    assert (await promote(client, twin)).json()["label"] == "v1"
    labelled = await promote(client, run_id, label="release-1")
    assert labelled.status_code == 201
    assert (await promote(client, run_id, label="release-1")).status_code == 200
    assert labelled.json()["content_hash"] == v1["content_hash"]
    assert labelled.json()["number"] == 2
    assert blob_count(settings) == stored

    changed = await trained_run(app, settings, b"weights-2")
    v3 = await promote(client, changed)
    assert (v3.status_code, v3.json()["label"]) == (201, "v3")
    assert v3.json()["content_hash"] != v1["content_hash"]
    assert blob_count(settings) == stored + 1
    clash = await promote(client, changed, label="release-1")
    assert clash.status_code == 409
    assert "other content" in clash.json()["detail"]

    listing = (await client.get("/api/models/arith/versions")).json()["items"]
    assert [v["label"] for v in listing] == ["v3", "release-1", "v1"]
    model = (await client.get("/api/models/arith")).json()
    assert (model["version_count"], model["latest"]) == (3, "v3")


async def test_version_numbers_are_dense_and_labels_name_versions(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings
) -> None:
    """A label attaches to the next version instead of taking its number: after v1 and a
    labelled promotion, ``v2`` is the labelled version and ``latest`` the highest number."""
    first = await trained_run(app, settings, b"one")
    assert (await promote(client, first)).json()["number"] == 1
    labelled = await promote(client, await trained_run(app, settings, b"two"), label="release-1")
    assert (labelled.status_code, labelled.json()["number"], labelled.json()["label"]) == (201, 2, "release-1")
    for ref in ("v2", "release-1"):
        version = (await client.get(f"/api/models/arith/versions/{ref}")).json()
        assert (version["number"], version["label"]) == (2, "release-1"), ref
    alias = await client.put("/api/models/arith/aliases/champion", json={"version": "v2"})
    assert (alias.status_code, alias.json()["version"]) == (200, "v2")
    assert (await client.get("/api/models/arith/versions/@champion")).json()["number"] == 2

    third = await promote(client, await trained_run(app, settings, b"three"))
    assert (third.json()["number"], third.json()["label"]) == (3, "v3")
    # the same content under a new label is the next version, sharing the blobs
    again = await promote(client, first, label="release-0")
    assert (again.status_code, again.json()["number"], again.json()["label"]) == (201, 4, "release-0")
    model = (await client.get("/api/models/arith")).json()
    assert (model["version_count"], model["latest"], model["aliases"]) == (4, "v4", {"champion": "v2"})
    assert (await client.get("/api/models/arith/versions/latest")).json()["number"] == 4
    listing = (await client.get("/api/models/arith/versions")).json()["items"]
    assert [(v["number"], v["label"]) for v in listing] == [(4, "release-0"), (3, "v3"), (2, "release-1"), (1, "v1")]

    for reserved in ("v7", "latest"):
        refused = await promote(client, first, label=reserved)
        assert refused.status_code == 422, reserved
        assert refused.json()["errors"][0]["loc"] == ["body", "label"]


async def test_runs_without_a_model_are_refused(client: httpx.AsyncClient, app: FastAPI, settings: Settings) -> None:
    unknown = await promote(client, uuid.uuid4())
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["loc"] == ["body", "run_id"]
    running = await add_run(app, runs.RunStatus.RUNNING)
    refused = await promote(client, running)
    assert refused.status_code == 409
    assert "running" in refused.json()["detail"]
    no_folder = await add_run(app)
    assert "no run_manifest.json" in (await promote(client, no_folder)).json()["detail"]
    no_model = await trained_run(app, settings, layout="none")
    response = await promote(client, no_model)
    assert response.status_code == 409
    assert "no model output" in response.json()["detail"]
    unfinished = await trained_run(app, settings, ended=False)
    assert "did not finish" in (await promote(client, unfinished)).json()["detail"]
    assert (await client.get("/api/models/arith")).status_code == 404


async def test_an_adapter_carries_the_runs_own_base_model(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings
) -> None:
    from tunix_rt.runs.artifacts import run_dir

    run_id = await trained_run(app, settings, layout="adapter", source="tiny")
    base = run_dir(settings.home, run_id) / "base-model"
    base.mkdir()
    (base / "model.safetensors").write_bytes(b"base")
    version = (await promote(client, run_id)).json()
    assert version["format"] == "adapter"
    files = (await client.get("/api/models/arith/versions/v1")).json()["files"]
    assert [f["path"] for f in files] == [
        "base-model/model.safetensors",
        "config.json",
        "model.safetensors",
        "tokenizer/vocab.json",
    ]
    full = await trained_run(app, settings, b"full", layout="adapter", full=True)
    assert (await promote(client, full)).json()["format"] == "full"


async def test_aliases_move_and_guard_deletes(client: httpx.AsyncClient, app: FastAPI, settings: Settings) -> None:
    await promote(client, await trained_run(app, settings, b"one"))
    await promote(client, await trained_run(app, settings, b"two"))
    set_ = await client.put("/api/models/arith/aliases/champion", json={"version": "v1"})
    assert set_.status_code == 200
    assert (set_.json()["version"], set_.json()["previous"]) == ("v1", None)
    await client.put("/api/models/arith/aliases/candidate", json={"version": "v2"})
    moved = await client.put("/api/models/arith/aliases/champion", json={"version": "v2"})
    assert (moved.json()["version"], moved.json()["previous"]) == ("v2", "v1")
    assert (await client.get("/api/models/arith")).json()["aliases"] == {"candidate": "v2", "champion": "v2"}
    via_alias = (await client.get("/api/models/arith/versions/@champion")).json()
    assert (via_alias["label"], via_alias["aliases"]) == ("v2", ["candidate", "champion"])
    aliases = (await client.get("/api/models/arith/aliases")).json()["items"]
    assert [(a["name"], a["version"]) for a in aliases] == [("candidate", "v2"), ("champion", "v2")]

    refused = await client.delete("/api/models/arith/versions/v2")
    assert refused.status_code == 409
    assert refused.json()["aliases"] == ["candidate", "champion"]
    assert (await client.delete("/api/models/arith")).status_code == 409
    assert (await client.delete("/api/models/arith/versions/v1")).status_code == 204
    assert (await client.delete("/api/models/arith/aliases/candidate")).status_code == 204
    assert (await client.delete("/api/models/arith/aliases/candidate")).status_code == 404
    await client.put("/api/models/arith/aliases/champion", json={"version": "v2"})
    assert (await client.delete("/api/models/arith/versions/v2")).status_code == 409

    assert (await client.get("/api/models/arith/versions/v9")).status_code == 404
    assert (await client.get("/api/models/arith/versions/@nobody")).status_code == 404
    assert (await client.put("/api/models/arith/aliases/x", json={"version": "v9"})).status_code == 404
    assert (await client.get("/api/models/nobody/versions")).status_code == 404


async def test_the_archive_is_a_streamed_tar_of_the_version(
    client: httpx.AsyncClient, app: FastAPI, settings: Settings
) -> None:
    version = (await promote(client, await trained_run(app, settings))).json()
    await client.put("/api/models/arith/aliases/champion", json={"version": "v1"})
    response = await client.get("/api/models/arith/versions/@champion/archive")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-tar"
    assert int(response.headers["content-length"]) == len(response.content)
    assert response.headers["etag"] == f'"{version["content_hash"]}"'
    with tarfile.open(fileobj=io.BytesIO(response.content)) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers()}  # type: ignore[union-attr]
    assert members == {
        "config.json": b'{"model_type": "llama"}',
        "model.safetensors": b"weights-1",
        "tokenizer/vocab.json": b'{"a": 1}',
    }
    again = await client.get(version["archive_url"])
    assert again.content == response.content


async def test_object_storage_by_url(app: FastAPI, settings: Settings) -> None:
    """A memory:// blob URL stands for object storage: nothing lands in the local blobs folder."""
    from tunix_rt.app import create_app

    remote = settings.model_copy(update={"blob_url": f"memory://registry-{uuid.uuid4().hex}"})
    run_id = await trained_run(app, settings)
    other = create_app(remote)
    async with other.router.lifespan_context(other):
        transport = httpx.ASGITransport(app=other)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as http:
            assert (await promote(http, run_id)).status_code == 201
            archive = await http.get("/api/models/arith/versions/v1/archive")
    assert not (settings.home / "blobs").exists()
    with tarfile.open(fileobj=io.BytesIO(archive.content)) as tar:
        assert sorted(tar.getnames()) == ["config.json", "model.safetensors", "tokenizer/vocab.json"]
