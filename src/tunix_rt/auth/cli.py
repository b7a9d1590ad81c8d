"""``tunix-rt tokens``: create, list and revoke API tokens on this machine (remotely: ``/api/tokens`` with an
admin token)."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from tunix_rt.console import console, run, store_sessions
from tunix_rt.short_ids import HELP as ID_HELP

if TYPE_CHECKING:
    from tunix_rt.auth import store

# The token store is imported inside the commands: `tunix-rt --help` must not pay for SQLAlchemy.

app = typer.Typer(no_args_is_help=True, help="API tokens: once one exists, the API requires a token.")


@app.command("create")
def create(
    scope: Annotated[str, typer.Option(help="read (GET only), write (also changes data) or admin.")] = "write",
    name: Annotated[str, typer.Option(help="A label to recognise the token by.")] = "cli",
) -> None:
    """Create a token and print it once; only its sha256 is stored."""
    from tunix_rt.auth import store

    if scope not in store.SCOPES:
        raise typer.BadParameter(f"must be one of {', '.join(store.SCOPES)}", param_hint="--scope")

    async def go() -> store.CreatedToken:
        async with store_sessions() as sessions, sessions() as session, session.begin():
            return await store.create(session, name, scope)

    created = run(go())
    console.print(f"created {created.scope} token '{created.name}' (id {created.id}); it is shown only now:")
    console.print(created.token, highlight=False, markup=False)


@app.command("list")
def list_tokens() -> None:
    """List tokens (never their values)."""
    from tunix_rt.auth import store

    async def go() -> list[list[str]]:
        async with store_sessions() as sessions, sessions() as session:
            return [
                [
                    str(t.id),
                    t.name,
                    t.scope,
                    t.created_at.isoformat(timespec="seconds"),
                    t.last_used_at.isoformat(timespec="seconds") if t.last_used_at else "-",
                    "revoked" if t.revoked_at else "active",
                ]
                for t in await store.list_tokens(session)
            ]

    table = Table("id", "name", "scope", "created", "last used", "state")
    for row in run(go()):
        table.add_row(*row)
    console.print(table)


@app.command("revoke")
def revoke(
    token_id: Annotated[str, typer.Argument(help=f"The token's id (from 'tokens list'). {ID_HELP}")],
) -> None:
    """Revoke a token at once; requests with it are refused from then on."""
    from tunix_rt.auth import store
    from tunix_rt.auth.tables import ApiToken
    from tunix_rt.short_ids import resolve

    async def go() -> uuid.UUID:
        async with store_sessions() as sessions, sessions() as session, session.begin():
            found = await resolve(session, ApiToken.id, token_id, "token")
            await store.revoke(session, found)
            return found

    console.print(f"revoked {run(go())}")
