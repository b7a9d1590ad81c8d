"""How CLI commands run: one rich console, settings, and user errors printed as messages.

Feature CLIs (``traces/cli.py``...) share these so every command reports a bad file or an
unknown id the same way: a red ``error:`` line, one line per problem with its location written
as the keys of the file the user wrote, and an exit code, never a traceback. ``Commands`` is the
root command group: whatever a command raises that the user caused (a domain error, a spec that
fails validation, a YAML file that does not parse, a path that cannot be read or written) is
reported there, wherever the command raised it.

Exit codes: 0 done; 1 the work failed (a run failed, a regression, the server side or the disk
failed); 2 the input was refused (a usage error, an invalid file, an unknown or conflicting id:
the API's 4xx answers).

Every command imports this module, and ``tunix-rt --help`` imports every command module, so
it stays cheap: SQLAlchemy, pydantic, the database module and the settings are imported when a
command opens the store, not here.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import AsyncIterator, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from tunix_rt.cli_help import PlainGroup
from tunix_rt.errors import TunixError

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from tunix_rt.settings import Settings

console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")

FAILED = 1
"""Exit code when the work itself failed: the server side, the disk, a run, a regression."""
REFUSED = 2
"""Exit code when the input was refused (click's code for usage errors, and every 4xx answer)."""
EXIT_CODES = f"Exit codes: 0 done, {FAILED} failed (a run, a regression, the disk), {REFUSED} input refused."
MAX_PRINTED = 50
"""Problems listed per error; the count in the message says how many there were."""

_API_PREFIXES = (("body", "config"), ("body",))
"""Where the API nests what the CLI reads from a file or its arguments: a run's config file is
``body.config`` of ``POST /api/runs``, a name argument ``body.name``."""
_PATH_ERRNOS = frozenset(
    {errno.ENOENT, errno.EISDIR, errno.ENOTDIR, errno.EACCES, errno.EPERM, errno.EEXIST, errno.ENAMETOOLONG}
)
"""An ``OSError`` with one of these is a path the user named that cannot be used: a refusal."""


def write_json(value: Any) -> None:
    """``value`` as indented JSON on stdout, unstyled, so ``--json`` output pipes into ``jq``."""
    import orjson

    sys.stdout.write(orjson.dumps(value, option=orjson.OPT_INDENT_2).decode() + "\n")


def _file_loc(loc: Sequence[Any]) -> list[Any]:
    """A problem's location as the keys of the file (or the argument) the user gave."""
    for prefix in _API_PREFIXES:
        if tuple(loc[: len(prefix)]) == prefix:
            return list(loc[len(prefix) :])
    return list(loc)


def _dotted(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


def print_problems(errors: Sequence[dict[str, Any]]) -> None:
    """Print problems one line each (``line N: key.path: message``), locations as the keys of
    the file the user gave."""
    for error in errors[:MAX_PRINTED]:
        loc = _file_loc(error.get("loc", []))
        where = f"line {error['line']}: " if "line" in error else f"item {error['index']}: " if "index" in error else ""
        line = f"  {where}{_dotted(loc) + ': ' if loc else ''}{error.get('msg', '')}"
        err_console.print(line, highlight=False, markup=False)
    if len(errors) > MAX_PRINTED:
        err_console.print(f"  ... and {len(errors) - MAX_PRINTED} more", highlight=False)


def report(detail: str, errors: list[dict[str, Any]] | None) -> None:
    """Print an error and its problems; where the message names an API location (``first at
    body.config.lr``), it names the file's keys too."""
    for error in errors or []:
        api_loc = list(error.get("loc", []))
        loc = _file_loc(api_loc)
        if loc and loc != api_loc:
            detail = detail.replace(_dotted(api_loc), _dotted(loc))
    err_console.print(f"[bold red]error:[/] {escape(detail)}", highlight=False)
    print_problems(errors or [])


def as_tunix_error(exc: BaseException) -> TunixError | None:
    """The user error ``exc`` stands for, or None for a bug (which keeps its traceback).

    pydantic and PyYAML are looked up among the loaded modules: an exception of theirs means
    they are loaded, and the CLI's start-up must not load them to find out."""
    if isinstance(exc, TunixError):
        return exc
    pydantic_core = sys.modules.get("pydantic_core")
    if pydantic_core is not None and isinstance(exc, pydantic_core.ValidationError):
        problems = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors(include_url=False)]
        return TunixError(f"{len(problems)} problem(s) in {exc.title}", errors=problems)
    yaml = sys.modules.get("yaml")
    if yaml is not None and isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        where = f"line {exc.problem_mark.line + 1}, column {exc.problem_mark.column + 1}"
        return TunixError(f"not valid YAML at {where}: {exc.problem}")
    if yaml is not None and isinstance(exc, yaml.YAMLError):
        return TunixError(f"not valid YAML: {exc}")
    if isinstance(exc, OSError) and exc.errno in _PATH_ERRNOS:
        return TunixError(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc))
    return None


def exit_code(exc: TunixError) -> int:
    """``REFUSED`` for what the API answers with a 4xx, ``FAILED`` otherwise (a missing extra)."""
    return REFUSED if exc.status < 500 else FAILED


class Commands(PlainGroup):
    """The root command group: a user error raised anywhere in a command is printed with
    ``report`` and exits with its code; a failing disk (full, read-only) is printed and exits
    ``FAILED``. A broken pipe is left to click, which exits quietly."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        try:
            return super().invoke(ctx)
        except Exception as exc:
            error = as_tunix_error(exc)
            if error is not None:
                report(error.detail, error.errors)
                raise typer.Exit(exit_code(error)) from None
            if isinstance(exc, OSError) and exc.errno not in (None, errno.EPIPE):
                report(f"{exc.filename}: {exc.strerror}" if exc.filename else str(exc), None)
                raise typer.Exit(FAILED) from None
            raise


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a ``TunixError`` is reported and exits with its code
    (``REFUSED`` for a 4xx-class error, so ``eval gate`` can tell it from a regression)."""
    import asyncio

    try:
        return asyncio.run(coro)
    except TunixError as exc:
        report(exc.detail, exc.errors)
        raise typer.Exit(exit_code(exc)) from None


@asynccontextmanager
async def store_sessions(settings: Settings | None = None) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the configured database, migrated to head first (as the server does)."""
    from tunix_rt import db
    from tunix_rt.settings import Settings

    settings = settings or Settings()
    async with db.open_database(settings.resolved_database_url) as engine:
        yield db.session_factory(engine)
