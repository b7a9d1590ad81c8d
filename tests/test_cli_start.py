"""What ``tunix-rt --help`` and ``tunix-rt traces list`` import, checked without timing anything.

Every command used to start in about 3 s because each feature's CLI module imported its store,
the server and the schemas at the top; benchmarks/cli_start.py times the commands. These tests
keep the libraries that cost the time out of the imports: a module-level import that brings one
back fails here, naming it. They also check that a command builds only its own feature group
(typer's walk of every command's parameters cost ``traces list`` about 60 ms, ``cli_groups.py``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = ("sqlalchemy", "alembic", "fastapi", "pydantic", "torch", "jax", "transformers")
"""Not needed to print help: the database layer, the server, the schemas, the frameworks."""
LISTING_NEVER = (
    "alembic",
    "fastapi",
    "torch",
    "jax",
    "transformers",
    "tunix_rt.traces.quality",
    "sqlalchemy.dialects.postgresql",
)
"""Not needed to list traces of a migrated SQLite store: migrations, the server, the frameworks,
the quality checker (its patterns compile at import; only ingest needs them) and SQLAlchemy's
PostgreSQL dialect (``db.JSONType`` imports ``JSONB`` only for a PostgreSQL database)."""


def loaded_after(args: list[str], watched: tuple[str, ...], home: Path) -> list[str]:
    """Which of ``watched`` are imported once the command ``args`` has run in a fresh interpreter."""
    code = (
        "import sys\n"
        "from tunix_rt.cli import app\n"
        "try:\n"
        f"    app({args!r})\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"print('loaded:' + ','.join(m for m in {watched!r} if m in sys.modules), file=sys.stderr)\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_HOME=str(home))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stderr.splitlines() if line.startswith("loaded:"))
    return [name for name in line.removeprefix("loaded:").split(",") if name]


def test_help_imports_no_heavy_library(tmp_path: Path) -> None:
    assert loaded_after(["--help"], HEAVY, tmp_path) == []


def test_listing_traces_imports_only_what_listing_needs(tmp_path: Path) -> None:
    assert "alembic" in loaded_after(["traces", "list"], LISTING_NEVER, tmp_path), "the first command migrates"
    assert loaded_after(["traces", "list"], LISTING_NEVER, tmp_path) == []


def test_a_command_builds_only_its_own_group(tmp_path: Path) -> None:
    code = (
        "import typer.main\n"
        "from tunix_rt.cli import app\n"
        "root = typer.main.get_command(app)\n"
        "before = root.commands.built()\n"
        "root.main(['traces', 'list'], standalone_mode=False)\n"
        "print('built:' + ','.join(before) + '|' + ','.join(root.commands.built()))\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("built:"))
    before, after = line.removeprefix("built:").split("|")
    assert before == "worker,train,sample,join,demo,serve"
    assert after == "worker,train,sample,join,demo,serve,traces"
