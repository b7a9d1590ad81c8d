"""``tunix-rt models list|show|promote|alias|pull|rm`` on the configured database and blobs."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import run_isolated
from tests.registry.conftest import write_output
from tunix_rt import db
from tunix_rt.cli import app
from tunix_rt.registry.manifest import content_hash
from tunix_rt.registry.store import model_output
from tunix_rt.runs import store as runs
from tunix_rt.runs.artifacts import run_dir
from tunix_rt.runs.kinds import RunRefs
from tunix_rt.settings import Settings


async def _succeeded_run(url: str) -> uuid.UUID:
    async with db.open_database(url) as engine, db.transaction(db.session_factory(engine)) as session:
        run = await runs.submit(session, "train", {}, RunRefs())
        await runs.transition(session, run.id, runs.RunStatus.RUNNING)
        await runs.transition(session, run.id, runs.RunStatus.SUCCEEDED)
        return run.id


@pytest.fixture
def cli(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("TUNIX_RT_HOME", str(settings.home))
    monkeypatch.setenv("TUNIX_RT_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_promote_alias_pull_and_remove(cli: CliRunner, settings: Settings, tmp_path: Path) -> None:
    first = run_isolated(_succeeded_run(settings.resolved_database_url))
    write_output(run_dir(settings.home, first))
    promoted = cli.invoke(app, ["models", "promote", "arith", str(first)])
    assert promoted.exit_code == 0, promoted.output
    assert "promoted arith:v1" in promoted.output
    assert "already registered as arith:v1" in cli.invoke(app, ["models", "promote", "arith", str(first)]).output

    second = run_isolated(_succeeded_run(settings.resolved_database_url))
    write_output(run_dir(settings.home, second), b"weights-2")
    cli.invoke(app, ["models", "promote", "arith", str(second), "--label", "release"])
    assert "arith@champion -> v1" in cli.invoke(app, ["models", "alias", "arith", "champion", "v1"]).output
    moved = cli.invoke(app, ["models", "alias", "arith", "champion", "release"])
    assert "arith@champion -> v2 (was v1)" in moved.output
    assert "arith@champion -> v2 (was v2)" in cli.invoke(app, ["models", "alias", "arith", "champion", "v2"]).output

    listing = json.loads(cli.invoke(app, ["models", "list", "--json"]).stdout)
    assert (listing[0]["aliases"], listing[0]["latest"]) == ({"champion": "v2"}, "v2")
    assert listing[0]["version_count"] == 2
    assert "release" in cli.invoke(app, ["models", "show", "arith"]).output
    shown = json.loads(cli.invoke(app, ["models", "show", "arith@champion", "--json"]).stdout)
    assert (shown["label"], len(shown["files"])) == ("release", 3)

    target = tmp_path / "pulled"
    pulled = cli.invoke(app, ["models", "pull", "arith@champion", str(target)])
    assert pulled.exit_code == 0, pulled.output
    assert (target / "model.safetensors").read_bytes() == b"weights-2"
    assert (target / "tokenizer" / "vocab.json").is_file()
    exported = cli.invoke(app, ["models", "export", "arith:v2", "--out", str(tmp_path / "exported")])
    assert "exported arith:v2" in exported.output, exported.output
    assert (tmp_path / "exported" / "model.safetensors").read_bytes() == b"weights-2"
    # the pulled folder hashes to the version's content hash
    write_output(tmp_path / "again", b"unused", layout="none")
    (target).rename(tmp_path / "again" / "merged")
    again = model_output(tmp_path / "again", second)
    assert content_hash(f.entry for f in again.files) == shown["content_hash"]

    refused = cli.invoke(app, ["models", "rm", "arith:release"])
    assert refused.exit_code == 2
    assert "aliased as champion" in refused.output
    assert cli.invoke(app, ["models", "rm", "arith:v1"]).exit_code == 0
    assert cli.invoke(app, ["models", "alias", "arith", "champion", "--delete"]).exit_code == 0
    assert cli.invoke(app, ["models", "rm", "arith:release"]).exit_code == 0
    assert cli.invoke(app, ["models", "rm", "arith"]).exit_code == 0
    assert json.loads(cli.invoke(app, ["models", "list", "--json"]).stdout) == []


def test_bad_references_are_usage_errors(cli: CliRunner, settings: Settings) -> None:
    assert cli.invoke(app, ["models", "show", "Bad:Name"]).exit_code == 2
    missing = cli.invoke(app, ["models", "show", "nobody:v1"])
    assert missing.exit_code == 2
    assert "does not exist" in missing.output
    assert cli.invoke(app, ["models", "rm", "arith@champion"]).exit_code == 2
    assert cli.invoke(app, ["models", "alias", "arith", "champion"]).exit_code == 2
