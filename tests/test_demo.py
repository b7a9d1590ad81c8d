"""``tunix-rt demo`` as a user runs it: a subprocess on a fresh home with the default SQLite store.
The torch demo runs at its full, default size, the README's own command (the README's block is
run here rather than twice, so it says ``not runnable`` and points at this test): it must teach
the tiny model 2-digit addition, not only the template, as the README promises. Both demos must
print both scorecards, write the ``--json-out`` summary whose ``model`` ``tunix-rt eval`` takes to
evaluate the trained model on another eval set, and leave traces, dataset, eval set, runs and
leaderboard rows that the API (and so the UI) serves afterwards. The demo's time is measured in
docs/show-your-work.md, not asserted here: CI machines are shared."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import httpx
import orjson
import pytest

from tests.test_readme_commands import ROOT, bash_blocks
from tunix_rt.app import create_app
from tunix_rt.settings import Settings

HANG_SECONDS = 900  # only a hang guard: a shrunken demo takes a minute or two alone, more on busy cores
SUMMARY_KEYS = {
    "seconds",
    "backend",
    "heldout_items",
    "untrained",
    "trained",
    "train_run",
    "trained_eval_run",
    "untrained_eval_run",
    "dataset",
    "evalset",
    "model",
}
OTHER_EVALSET = [
    {"id": "a", "prompt": "What is 31 + 45?", "expected_answer": "76"},
    {"id": "b", "prompt": "What is 58 + 27?", "expected_answer": "85"},
    {"id": "c", "prompt": "What is 64 + 19?", "expected_answer": "83"},
]


def tunix_rt(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(COLUMNS="200", TUNIX_RT_HOME=str(home))
    command = [sys.executable, "-m", "tunix_rt", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=HANG_SECONDS, check=False)


def summary_of(home: Path, *args: str) -> dict[str, object]:
    out = home.parent / "summary.json"
    result = tunix_rt(home, "demo", "--json-out", str(out), *args)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "Scorecard before and after training" in result.stdout
    summary: dict[str, object] = orjson.loads(out.read_bytes())
    assert set(summary) == SUMMARY_KEYS
    return summary


def test_the_readme_demo_is_the_command_run_here() -> None:
    """The README's block is not run by the page test, because the test below runs its command."""
    demo = next(block for block in bash_blocks(ROOT / "README.md") if "tunix-rt demo" in block.code)
    assert demo.marker == "not runnable: tests/test_demo.py runs this command and checks what it leaves"
    assert demo.code.split("#", 1)[0].split() == ["tunix-rt", "demo"]


@pytest.mark.slow
async def test_the_demo_trains_evaluates_and_leaves_everything_in_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    summary = summary_of(home)  # the README's `tunix-rt demo`: 3,000 traces, 200 held out, 400 steps
    untrained, trained = summary["untrained"], summary["trained"]
    assert isinstance(untrained, dict)
    assert isinstance(trained, dict)
    assert (summary["backend"], summary["heldout_items"]) == ("torch", 200)
    assert (summary["dataset"], summary["evalset"]) == ("demo-arith@v1", "demo-arith-eval@v1")
    assert (untrained["strict"], untrained["format"]) == (0.0, 0.0)
    # docs/show-your-work.md: strict 0.60 or more and format 0.95 or more on every seed measured
    assert trained["format"] >= 0.95, trained
    assert trained["strict"] >= 0.5, f"the demo teaches the arithmetic, not only the template: {trained}"
    assert summary["model"] == summary["train_run"]

    app = create_app(Settings(home=home, embedded_worker=False, _env_file=None))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://localhost") as client,
    ):
        stats = (await client.get("/api/traces/stats", params={"tag": "demo"})).json()
        assert stats["total"] == 3000
        dataset = (await client.get("/api/datasets/demo-arith@v1")).json()
        assert (dataset["counts"]["eval"], dataset["manifest"]["holdout"]["shared_groups"]) == (200, 0)
        runs = {run["id"]: run for run in (await client.get("/api/runs")).json()["items"]}
        assert {(run["kind"], run["status"]) for run in runs.values()} == {
            ("eval", "succeeded"),
            ("train", "succeeded"),
        }
        assert runs[str(summary["train_run"])]["kind"] == "train"
        board = (await client.get("/api/leaderboard", params={"evalset": "demo-arith-eval@v1"})).json()["items"]
        by_model = {row["model"]: (row["strict_accuracy"], row["format_compliance"]) for row in board}
        assert by_model == {
            f"run:{summary['train_run']}": (trained["strict"], trained["format"]),
            "tiny-llama": (untrained["strict"], untrained["format"]),
        }

    items = tmp_path / "other.jsonl"
    items.write_bytes(b"".join(orjson.dumps(item) + b"\n" for item in OTHER_EVALSET))
    imported = tunix_rt(home, "evalsets", "import", str(items), "--name", "other")
    assert imported.returncode == 0, imported.stderr
    again = tunix_rt(home, "eval", str(summary["model"]), "--evalset", "other@v1", "--local", "--max-new-tokens", "96")
    assert again.returncode == 0, f"{again.stdout}\n{again.stderr}"
    assert f"run:{uuid.UUID(str(summary['model']))} on other@v1" in again.stdout


@pytest.mark.slow
@pytest.mark.jax
def test_the_jax_demo_trains_and_evaluates_through_tunix(tmp_path: Path) -> None:
    home = tmp_path / "home"
    summary = summary_of(home, "--backend", "jax", "--steps", "150", "--traces", "300", "--eval-items", "20")
    untrained, trained = summary["untrained"], summary["trained"]
    assert isinstance(untrained, dict)
    assert isinstance(trained, dict)
    assert (summary["backend"], summary["heldout_items"]) == ("jax", 20)
    assert trained["format"] > untrained["format"]
    summaries = sorted(home.glob("runs/*/eval_summary.json"))
    assert len(summaries) == 2
    assert all('"backend": "jax"' in path.read_text() for path in summaries)
