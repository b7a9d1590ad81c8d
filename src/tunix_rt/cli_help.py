"""``--help`` in the notation command-line users read: ``CONFIG`` and ``[NAME]``, flags bare.

Typer 0.29 writes a required argument as ``{config}`` in the usage line and a type placeholder
after every option, ``<bool>`` included, so ``tunix-rt train --help`` read
``Usage: tunix-rt train [OPTIONS] {config}`` and ``--local --no-local <bool>``. Typer has no
setting for either, but it takes a command class per command and per group: ``PlainHelp``
overrides only the two help-text pieces (the usage line's arguments, and the type of flags and of
``--help``), and ``use_plain_help`` gives every command and group of an app those classes. Value
placeholders that say something (``<int>``, ``<path>``) stay.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.models import DefaultPlaceholder


def _argument_usage(argument: TyperArgument) -> str:
    name = argument.metavar or (argument.name or "").upper()
    name = name if argument.required else f"[{name}]"
    return f"{name}..." if argument.nargs != 1 else name


class PlainHelp:
    """Mixin for a typer command or group: plain argument names, flags without ``<bool>``."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if isinstance(param, TyperOption) and param.is_flag:
                param.metavar = ""  # typer shows the metavar in place of the type: nothing
            elif isinstance(param, TyperArgument) and param.metavar is None:
                param.metavar = (param.name or "").upper()
        return params

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = [self.options_metavar] if self.options_metavar else []  # type: ignore[attr-defined]
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                pieces.append(_argument_usage(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        if isinstance(self, TyperGroup):
            pieces.append(self.subcommand_metavar)
        return pieces


class PlainCommand(PlainHelp, TyperCommand):
    """A command whose help uses ``PlainHelp``'s notation."""


class PlainGroup(PlainHelp, TyperGroup):
    """A command group whose help uses ``PlainHelp``'s notation."""


def use_plain_help(app: typer.Typer, groups: Iterable[typer.Typer] = ()) -> None:
    """Give every command and group of ``app``, of the apps added to it and of ``groups`` (the
    root's groups built on demand, ``cli_groups.py``), the plain classes (those that set their
    own class keep it, as the root's ``Commands`` does)."""
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = PlainCommand
    added = (group.typer_instance for group in app.registered_groups)
    for sub in (*(sub for sub in added if sub is not None), *groups):
        if isinstance(sub.info.cls, DefaultPlaceholder) or sub.info.cls in (None, TyperGroup):
            sub.info.cls = PlainGroup
        use_plain_help(sub)
