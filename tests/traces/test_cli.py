"""The CLI driven as a user would, command by command (in the test's process: ``tests/commands.py``),
on both databases."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from tests.commands import tunix
from tests.conftest import make_trace
from tunix_rt import db


@pytest.fixture
def cli_env(database_url: str, tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_DATABASE_URL=database_url, TUNIX_RT_HOME=str(tmp_path / "home"), COLUMNS="200")
    return env


def test_import_with_a_malformed_line_then_partial(cli_env: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "traces.jsonl"
    lines = [orjson.dumps(make_trace(n)).decode() for n in range(5)]
    lines[3] = '{"prompt": "broken'
    path.write_text("\n".join(lines) + "\n")
    failed = tunix(cli_env, "traces", "import", str(path), code=2)
    assert failed.stderr.strip().splitlines() == [
        "error: 1 invalid lines; nothing was stored (use --partial to store the valid ones)",
        "  line 4: Invalid JSON: EOF while parsing a string at line 1 column 18",
    ]
    listed = tunix(cli_env, "traces", "list", "--json")
    assert listed.stdout == ""
    stored = tunix(cli_env, "traces", "import", str(path), "--partial")
    assert "stored: 5 lines, 4 imported, 0 duplicates, 1 invalid" in stored.stdout
    assert "warning: 1 invalid line(s) skipped; the valid ones are stored" in stored.stderr
    rows = [orjson.loads(line) for line in tunix(cli_env, "traces", "list", "--json").stdout.splitlines()]
    assert len(rows) == 4
    assert {row["source"] for row in rows} == {"import:traces.jsonl"}
    again = tunix(cli_env, "traces", "import", str(path), "--partial")
    assert "0 imported, 4 duplicates" in again.stdout
    path.write_text('{"prompt": "broken\n')
    nothing = tunix(cli_env, "traces", "import", str(path), "--partial", code=2)
    assert "error: no line could be stored" in nothing.stderr


def test_show_names_the_expected_value_of_a_wrong_step(cli_env: dict[str, str], tmp_path: Path) -> None:
    steps = [{"i": 0, "type": "calculation", "content": "27 × 19 = 500"}, {"i": 1, "type": "answer", "content": "500"}]
    path = tmp_path / "wrong.jsonl"
    path.write_text(orjson.dumps(make_trace(0, steps=steps, final_answer="500")).decode() + "\n")
    tunix(cli_env, "traces", "import", str(path))
    trace_id = orjson.loads(tunix(cli_env, "traces", "list", "--json").stdout)["id"]
    shown = tunix(cli_env, "traces", "show", trace_id).stdout.splitlines()
    at = shown.index("  0 calculation: 27 × 19 = 500")
    assert shown[at + 1 : at + 3] == ["     ✗ arithmetic: 27 × 19 = 500, expected 513", "  1 answer: 500"]


def test_synth_show_stats_export_delete(cli_env: dict[str, str], tmp_path: Path) -> None:
    made = tunix(cli_env, "traces", "synth", "--kind", "card_game", "--count", "12", "--seed", "3")
    assert "12 new" in made.stdout
    rows = [
        orjson.loads(line) for line in tunix(cli_env, "traces", "list", "--json", "--limit", "5").stdout.splitlines()
    ]
    assert len(rows) == 5
    shown = tunix(cli_env, "traces", "show", rows[0]["id"])
    assert rows[0]["final_answer"] in shown.stdout
    assert "quality: ok" in shown.stdout
    stats = tunix(cli_env, "traces", "stats")
    assert "12" in stats.stdout
    assert "synth:card_game" in stats.stdout
    out = tmp_path / "out.jsonl"
    exported = tunix(cli_env, "traces", "export", "--out", str(out), "--source", "synth:card_game")
    assert "exported 12" in exported.stderr
    assert len(out.read_text().splitlines()) == 12
    tunix(cli_env, "traces", "delete", rows[0]["id"], "--yes")
    missing = tunix(cli_env, "traces", "show", rows[0]["id"], code=2)
    assert "does not exist" in missing.stderr
    tunix(cli_env, "traces", "synth", "--kind", "poems", code=2)
    columns = tunix(
        cli_env,
        "traces",
        "synth",
        "--kind",
        "column_arithmetic",
        "--count",
        "5",
        "--min-digits",
        "4",
        "--max-digits",
        "4",
        "--operation",
        "subtraction",
    )
    assert "5 new" in columns.stdout
    rows = [
        orjson.loads(line)
        for line in tunix(
            cli_env, "traces", "list", "--json", "--source", "synth:column_arithmetic"
        ).stdout.splitlines()
    ]
    assert [(row["meta"]["digits"], row["meta"]["operation"]) for row in rows] == [(4, "subtraction")] * 5
    crossed = tunix(cli_env, "traces", "synth", "--kind", "column_arithmetic", "--min-digits", "5", code=2)
    assert "min_digits is greater than max_digits" in crossed.stderr
    misplaced = tunix(cli_env, "traces", "synth", "--kind", "string", "--max-digits", "4", code=2)
    assert "apply only to kind column_arithmetic" in misplaced.stderr
    tunix(cli_env, "traces", "list", "--meta", "nokey", code=2)


def test_show_and_delete_take_a_unique_prefix(cli_env: dict[str, str], tmp_path: Path) -> None:
    """``traces list`` prints 8 characters of each id; show and delete take them (or any unique
    prefix of 6+) back, and name the candidates when a prefix matches several."""
    first, second = "218c1b04-0000-4000-8000-000000000001", "218c1b05-0000-4000-8000-000000000002"
    path = tmp_path / "traces.jsonl"
    path.write_text("".join(orjson.dumps(make_trace(n, id=i)).decode() + "\n" for n, i in enumerate((first, second))))
    tunix(cli_env, "traces", "import", str(path))
    listed = tunix({**cli_env, "COLUMNS": "80"}, "traces", "list").stdout
    assert "218c1b04" in listed
    assert first not in listed
    assert "What is 0 + 2?" in tunix(cli_env, "traces", "show", "218c1b04").stdout
    ambiguous = tunix(cli_env, "traces", "show", "218C1B", code=2)
    assert f"error: the trace id prefix '218C1B' matches several: {first}, {second}; give more" in ambiguous.stderr
    assert "at least 6 hex characters" in tunix(cli_env, "traces", "delete", "218c1", "--yes", code=2).stderr
    assert tunix(cli_env, "traces", "delete", "218c1b05", "--yes").stdout.strip() == f"deleted {second}"
    assert "What is 0 + 2?" in tunix(cli_env, "traces", "show", "218c1b").stdout


def test_tokens_and_the_non_loopback_guard(cli_env: dict[str, str]) -> None:
    refused = tunix(cli_env, "serve", "--host", "0.0.0.0", "--port", "1", code=2)
    assert "needs API tokens" in refused.stderr
    created = tunix(cli_env, "tokens", "create", "--scope", "read", "--name", "ci")
    token = created.stdout.strip().splitlines()[-1]
    assert token.startswith("trt_")
    listed = tunix(cli_env, "tokens", "list")
    assert "ci" in listed.stdout
    assert token not in listed.stdout
    token_id = created.stdout.split("(id ")[1].split(")")[0]
    assert tunix(cli_env, "tokens", "revoke", token_id[:8]).stdout.strip() == f"revoked {token_id}"
    tunix(cli_env, "tokens", "revoke", token_id, code=2)
    tunix(cli_env, "tokens", "create", "--scope", "root", code=2)


def test_db_commands(cli_env: dict[str, str]) -> None:
    head = db.head_revision()
    assert f"database: {head}" in tunix(cli_env, "db", "current").stdout
    tunix(cli_env, "db", "downgrade", "base")
    assert "database: empty" in tunix(cli_env, "db", "current").stdout
    tunix(cli_env, "db", "upgrade")
    assert f"database: {head}" in tunix(cli_env, "db", "current").stdout
