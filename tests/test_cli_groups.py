"""The root's feature groups built on demand: the same commands typer would have built, in the
same order, and only the group a command names gets built."""

from __future__ import annotations

from typing import Any

import pytest
import typer
import typer.main

from tunix_rt.cli import GROUPS, app
from tunix_rt.cli_groups import GroupsOnDemand


def _shape(command: Any) -> list[tuple[str, ...]]:
    """Every command path under ``command`` with its parameters' names and its help."""
    rows: list[tuple[str, ...]] = []
    for name, sub in getattr(command, "commands", {}).items():
        rows.append((name, sub.help or "", *(param.name for param in sub.params)))
        rows.extend((name, *row) for row in _shape(sub))
    return rows


def _root() -> Any:
    """The root group as ``tunix-rt`` builds it (typed loosely: typer's vendored click)."""
    return typer.main.get_command(app)


def test_names_come_in_typers_order_without_building() -> None:
    root = _root()
    assert list(root.commands) == ["worker", "train", "sample", "join", "demo", "serve", *GROUPS]
    assert root.commands.built() == ["worker", "train", "sample", "join", "demo", "serve"]
    assert "traces" in root.commands
    assert "trace" not in root.commands


@pytest.mark.parametrize("name", list(GROUPS))
def test_a_group_is_built_as_typer_builds_it_inside_a_parent(name: str) -> None:
    root = _root()
    on_demand = root.commands[name]
    assert root.commands.built() == ["worker", "train", "sample", "join", "demo", "serve", name]
    parent = typer.Typer()
    parent.command("placeholder")(lambda: None)
    parent.add_typer(GROUPS[name], name=name)
    eager = typer.main.get_group(parent).commands[name]
    assert on_demand.name == eager.name == name
    assert type(on_demand) is type(eager)
    assert on_demand.help == eager.help
    assert _shape(on_demand) == _shape(eager)


def test_the_mapping_takes_and_drops_commands_like_a_dict() -> None:
    built = {"serve": object()}
    groups = GroupsOnDemand(built, {"db": typer.Typer(), "runs": typer.Typer()})
    extra = object()
    groups["extra"] = extra
    del groups["runs"]
    assert list(groups) == ["serve", "db", "extra"]
    assert len(groups) == 3
    assert groups["extra"] is extra
    assert groups.built() == ["serve", "extra"]
    with pytest.raises(KeyError):
        groups["runs"]
    with pytest.raises(KeyError):
        del groups["runs"]
