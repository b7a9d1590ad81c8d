"""The root command's feature groups, each built into a click group only when it is looked up.

Typer turns an app into click commands on every start, walking every parameter of every command
(``inspect.signature`` and ``typing.get_type_hints`` twice each, a copy of every option): for
the whole ``tunix-rt`` tree that is about 60 ms, which ``tunix-rt traces list`` paid for the 60
commands it does not run. Typer has no lazy sub-groups, so the root keeps its feature apps out of
typer's walk and holds them in ``GroupsOnDemand``: a group's name is known at once (``--help``,
"did you mean"), and ``typer.main.get_group`` builds it the first time click asks for it, the way
typer would have built it inside the root.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
import typer.main

Command = Any
"""A click command of typer's vendored click (typed loosely, as typer's own ``commands`` is)."""


class GroupsOnDemand(MutableMapping[str, Command]):
    """A group's ``commands``: those already built, then feature apps built when first read.

    Iterating gives the names in the order typer would have given them (its own commands, then
    the groups as registered) without building anything; reading a name builds that group."""

    def __init__(self, built: MutableMapping[str, Command], groups: dict[str, typer.Typer]) -> None:
        self._built: dict[str, Command] = dict(built)
        self._pending = dict(groups)
        self._order = [*built, *(name for name in groups if name not in built)]

    def __getitem__(self, name: str) -> Command:
        if name not in self._built and name in self._pending:
            group = typer.main.get_group(self._pending.pop(name))
            group.name = name
            self._built[name] = group
        return self._built[name]

    def __setitem__(self, name: str, command: Command) -> None:
        if name not in self._order:
            self._order.append(name)
        self._pending.pop(name, None)
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        if name not in self._order:
            raise KeyError(name)
        self._order.remove(name)
        self._built.pop(name, None)
        self._pending.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._order

    def built(self) -> list[str]:
        """The names built so far (what a command's start paid for)."""
        return [name for name in self._order if name in self._built]
