"""How CLI commands run: one rich console, settings, and domain errors printed as messages.

Feature CLIs (``traces/cli.py``...) share these so every command reports a bad file or an
unknown id the same way: a red message, the item errors, exit code 1, no traceback.

Every command imports this module, and ``tunix-rt --help`` imports every command module, so
it stays cheap: SQLAlchemy, the database module and the settings are imported when a command
opens the store, not here.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Coroutine
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any, TypeVar

import typer
from rich.console import Console

from tunix_rt.errors import TunixError

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from tunix_rt.settings import Settings

console = Console()
err_console = Console(stderr=True)
T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run a command's coroutine; a ``TunixError`` becomes a message and exit code 1."""
    import asyncio

    try:
        return asyncio.run(coro)
    except TunixError as exc:
        err_console.print(f"[bold red]error:[/] {exc.detail}", highlight=False)
        for error in (exc.errors or [])[:50]:
            where = (
                f"line {error['line']}: " if "line" in error else f"item {error['index']}: " if "index" in error else ""
            )
            loc = ".".join(str(part) for part in error.get("loc", []))
            err_console.print(f"  {where}{loc}: {error.get('msg', '')}", highlight=False, markup=False)
        raise typer.Exit(1) from None


@asynccontextmanager
async def store_sessions(settings: Settings | None = None) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions on the configured database, migrated to head first (as the server does)."""
    from tunix_rt import db
    from tunix_rt.settings import Settings

    settings = settings or Settings()
    async with db.open_database(settings.resolved_database_url) as engine:
        yield db.session_factory(engine)
