"""``tunix-rt datasets`` and ``tunix-rt evalsets`` driven as a user would, on both databases."""

from __future__ import annotations

import hashlib
from pathlib import Path

import orjson

from tests.commands import tunix
from tests.traces.test_cli import cli_env

__all__ = ["cli_env"]


def test_build_export_diff_and_evalsets(cli_env: dict[str, str], tmp_path: Path) -> None:
    tunix(cli_env, "traces", "synth", "--kind", "arithmetic", "--count", "30", "--seed", "1")
    spec = tmp_path / "spec.yaml"
    spec.write_text("selection:\n  strategy: random\n  seed: 4\nsplit:\n  eval_count: 5\n")
    built = tunix(cli_env, "datasets", "build", "arith", "--spec", str(spec), "--limit", "20")
    assert "built arith@v1: 15 train, 5 eval" in built.stdout
    tunix(cli_env, "datasets", "build", "arith", "--spec", str(spec), "--split-seed", "2")
    listed = tunix(cli_env, "datasets", "list")
    assert "arith@v2" in listed.stdout
    assert "arith@v1" in listed.stdout
    manifest = orjson.loads(tunix(cli_env, "datasets", "show", "arith@v1", "--json").stdout)
    assert manifest["counts"]["train"] == 15

    out = tmp_path / "train.jsonl"
    tunix(cli_env, "datasets", "export", "arith@v1", "--split", "train", "-o", str(out))
    assert hashlib.sha256(out.read_bytes()).hexdigest() == manifest["sha256"]["train"]
    messages = tunix(cli_env, "datasets", "export", "arith@v1", "--format", "messages", "--split", "eval")
    assert len(messages.stdout.splitlines()) == 5
    parquet = tmp_path / "train.parquet"
    tunix(cli_env, "datasets", "export", "arith@v1", "--parquet", "-o", str(parquet), "--format", "prompt_completion")
    assert parquet.read_bytes()[:4] == b"PAR1"
    bad = tunix(cli_env, "datasets", "export", "arith@v1", "--format", "csv", code=2)
    assert "must be one of" in bad.stderr

    diff = tunix(cli_env, "datasets", "diff", "arith@v1", "arith@v2")
    assert "+10 added, -0 removed" in diff.stdout
    added = [line.split(None, 2) for line in diff.stdout.splitlines() if line.startswith("  + ")]
    assert len(added) == 10
    assert all(len(parts) == 3 and parts[2].strip() for parts in added)  # each id with its prompt

    items = tmp_path / "items.jsonl"
    items.write_text(
        '{"id": "q1", "prompt": "1+1?", "expected_answer": "2"}\n{"id": "q1", "prompt": "x", "expected_answer": "y"}\n'
    )
    invalid = tunix(cli_env, "evalsets", "validate", str(items), code=1)
    assert "line 2" in invalid.stderr
    refused = tunix(cli_env, "evalsets", "import", str(items), "--name", "tiny", code=2)
    assert "line 2: id: duplicate id 'q1'" in refused.stderr
    derived = tunix(cli_env, "evalsets", "derive", "held", "--dataset", "arith@v1")
    assert "held@v1 from arith@v1: 5 items" in derived.stdout
    shown = tunix(cli_env, "evalsets", "show", "held@v1").stdout.splitlines()
    assert "  total: 5" in shown
    assert [line for line in shown if "{" in line] == []
    assert any(line.startswith("  by category: ") for line in shown), shown
    exported = tunix(cli_env, "evalsets", "export", "held@v1")
    assert len(exported.stdout.splitlines()) == 5
    tunix(cli_env, "evalsets", "delete", "held@v1", "--yes")
    tunix(cli_env, "datasets", "delete", "arith@v1", "--yes")
    gone = tunix(cli_env, "datasets", "show", "arith@v1", code=2)
    assert "does not exist" in gone.stderr


def test_the_cli_builds_a_held_out_split_and_its_answer_only_twin(cli_env: dict[str, str]) -> None:
    tunix(cli_env, "traces", "synth", "--kind", "column_arithmetic", "--count", "60", "--seed", "4")
    options = ("--source", "synth:column_arithmetic", "--eval-count", "12", "--group-by", "problem")
    built = tunix(cli_env, "datasets", "build", "cols", *options)
    assert "held out by problem: 48 train and 12 eval groups, 0 in both" in built.stdout
    manifest = orjson.loads(tunix(cli_env, "datasets", "show", "cols@v1", "--json").stdout)
    assert manifest["holdout"]["shared_groups"] == 0
    tunix(cli_env, "datasets", "build", "cols-answers", *options, "--answer-only")
    twin = orjson.loads(tunix(cli_env, "datasets", "show", "cols-answers@v1", "--json").stdout)
    assert twin["request"]["transforms"]["answer_only"] is True
    assert twin["sha256"]["eval"] != manifest["sha256"]["eval"]
    assert twin["holdout"] == manifest["holdout"]
