"""``tunix-rt demo`` as a user runs it: a subprocess on a fresh home with the default SQLite store,
which must print both scorecards with the trained model more format-compliant than the untrained
one, and leave traces, dataset, eval set, runs and leaderboard rows that the API (and so the UI)
serves afterwards."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tunix_rt.app import create_app
from tunix_rt.settings import Settings

FORMAT_ROW = re.compile(r"format compliance\s*│\s*([\d.]+) \(\d+/(\d+)\)\s*\[[\d.-]+\]\s*│\s*([\d.]+) \(\d+/\d+\)")


def demo(home: Path, *args: str, timeout: float = 170) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env["COLUMNS"] = "200"
    command = [sys.executable, "-m", "tunix_rt", "demo", "--home", str(home), *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.mark.slow
async def test_the_demo_trains_evaluates_and_leaves_everything_in_the_store(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = demo(home, "--steps", "120", "--traces", "120", "--eval-items", "8", "--max-new-tokens", "48")
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "Scorecard before and after training" in result.stdout
    row = FORMAT_ROW.search(result.stdout)
    assert row is not None, result.stdout
    untrained, items, trained = float(row[1]), int(row[2]), float(row[3])
    assert items == 8
    assert trained > untrained, result.stdout
    assert "Leaderboard on demo-arith-eval@v1" in result.stdout

    app = create_app(Settings(home=home, embedded_worker=False, _env_file=None))
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://demo") as client,
    ):
        traces = (await client.get("/api/traces", params={"tag": "demo", "limit": 1000})).json()["items"]
        assert len(traces) == 120
        dataset = (await client.get("/api/datasets/demo-arith@v1")).json()
        assert dataset["counts"]["eval"] == 8
        assert (await client.get("/api/evalsets/demo-arith-eval@v1")).status_code == 200
        runs = (await client.get("/api/runs")).json()["items"]
        assert sorted((run["kind"], run["status"]) for run in runs) == [
            ("eval", "succeeded"),
            ("eval", "succeeded"),
            ("train", "succeeded"),
        ]
        train = next(run for run in runs if run["kind"] == "train")
        board = (await client.get("/api/leaderboard", params={"evalset": "demo-arith-eval@v1"})).json()["items"]
        by_model = {row["model"]: row["format_compliance"] for row in board}
        printed = {f"run:{train['id']}": trained, "tiny-llama": untrained}
        assert by_model == pytest.approx(printed, abs=0.006)  # printed to two decimals


@pytest.mark.slow
@pytest.mark.jax
def test_the_jax_demo_trains_and_evaluates_through_tunix(tmp_path: Path) -> None:
    home = tmp_path / "home"
    args = ("--backend", "jax", "--steps", "150", "--traces", "80", "--eval-items", "8", "--max-new-tokens", "40")
    result = demo(home, *args, timeout=120)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "(jax, 150 steps)" in result.stdout
    row = FORMAT_ROW.search(result.stdout)
    assert row is not None, result.stdout
    untrained, items, trained = float(row[1]), int(row[2]), float(row[3])
    assert items == 8
    assert trained > untrained, result.stdout
    summaries = sorted(home.glob("runs/*/eval_summary.json"))
    assert len(summaries) == 2
    assert all('"backend": "jax"' in path.read_text() for path in summaries)
