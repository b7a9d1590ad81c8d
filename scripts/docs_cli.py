"""Write the CLI reference page of the docs site from the ``tunix-rt`` command tree itself.

``make docs`` / ``make docs-build`` run this before MkDocs, so the page is the code's: each
command's usage line, its help, and its arguments and options (names, type, default, help) as
``--help`` would show them, walked from the root Typer app through every sub-command group.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer
import typer.core

from tunix_rt.cli import app

INTRO = """# CLI reference

Generated from the `tunix-rt` command tree by `scripts/docs_cli.py` when the site is built: every
command with its usage, arguments and options, as `tunix-rt COMMAND --help` prints them. Exit
codes: 0 done, 1 the work failed (a run, a regression, the disk), 2 the input was refused.
"""

# Typer carries its own copy of Click: its commands and parameters are typed loosely here, read
# through the attributes ``--help`` itself reads (usage, params, opts, display_type, default).
Command = Any


def walk(command: Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Command]]:
    """Every command under ``command`` depth first, groups before their sub-commands, in the
    order the app registers them (the order ``--help`` lists them); hidden ones left out."""
    yield path, command
    if isinstance(command, typer.core.TyperGroup):
        context = typer.Context(command, info_name=" ".join(path))
        for name in command.list_commands(context):
            child = command.get_command(context, name)
            if child is not None and not child.hidden:
                yield from walk(child, (*path, name))


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _default(param: Any) -> str:
    default = param.default
    if param.required:
        return "required"
    if default is None or default == () or default is False:
        return ""
    return f"`{getattr(default, 'value', default)}`"


def _names(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{(param.metavar or param.name).upper()}`"
    return ", ".join(f"`{name}`" for name in [*param.opts, *param.secondary_opts])


def command_section(path: tuple[str, ...], command: Command) -> str:
    """One command's heading, help, usage block and table of arguments and options."""
    context = typer.Context(command, info_name=" ".join(path))
    usage = command.get_usage(context).removeprefix("Usage: ")
    lines = [f"{'#' * min(len(path) + 1, 4)} `{' '.join(path)}`", ""]
    if command.help:
        lines += [command.help.split("\f")[0].strip(), ""]
    lines += ["```text", usage, "```", ""]
    params = [param for param in command.params if not param.hidden and param.name != "help"]
    if params:
        lines += ["| argument / option | type | default | what |", "|---|---|---|---|"]
        for param in params:
            kind = _cell(param.display_type(context)).replace("<", "").replace(">", "")
            lines.append(f"| {_names(param)} | {kind} | {_default(param)} | {_cell(param.help or '')} |")
        lines.append("")
    if isinstance(command, typer.core.TyperGroup):
        names = [name for name, _ in ((n, command.get_command(context, n)) for n in command.list_commands(context))]
        lines += ["Commands: " + ", ".join(f"`{' '.join((*path, name))}`" for name in names) + ".", ""]
    return "\n".join(lines)


def cli_reference() -> str:
    root = typer.main.get_command(app)
    return INTRO + "\n" + "\n".join(command_section(path, command) for path, command in walk(root, ("tunix-rt",)))


def main(target: str) -> int:
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(cli_reference(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/reference/cli.md"))
