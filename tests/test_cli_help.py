"""Every command's ``--help`` in plain notation (issue 18, item 12): required arguments as
``CONFIG``, optional ones as ``[NAME]``, flags without a ``<bool>`` placeholder; checked over
the whole command tree, so a command added later cannot bring typer's notation back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from tunix_rt.cli import app

ROOT = typer.main.get_command(app)


def _paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command's path; typer 0.29 vendors its own click, so a group is what has commands."""
    yield path
    for name, sub in getattr(command, "commands", {}).items():
        yield from _paths(sub, (*path, name))


PATHS = list(_paths(ROOT))


def test_the_tree_is_walked() -> None:
    assert ("train",) in PATHS
    assert ("eval", "baselines", "create") in PATHS
    assert len(PATHS) > 50


@pytest.mark.parametrize("path", PATHS, ids=lambda path: " ".join(path) or "(root)")
def test_help_is_plain(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    assert not re.search(r"[{}]", usage), usage


def test_arguments_read_as_click_writes_them() -> None:
    train = CliRunner().invoke(app, ["train", "--help"], terminal_width=200).output
    assert "Usage: tunix-rt train [OPTIONS] CONFIG" in " ".join(train.split()).replace("Usage: root", "Usage: tunix-rt")
    agreement = CliRunner().invoke(app, ["eval", "agreement", "--help"], terminal_width=200).output
    assert "[EVAL_RUN_ID]" in agreement
    missing = CliRunner().invoke(app, ["train"], terminal_width=200)
    assert missing.exit_code == 2
    assert "Missing argument 'CONFIG'" in missing.output
