"""The ``tunix-rt`` command: the server, the schema, tokens, and each feature's sub-commands."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any

import typer

from tunix_rt.auth.cli import app as tokens_app
from tunix_rt.cli_groups import GroupsOnDemand
from tunix_rt.cli_help import use_plain_help
from tunix_rt.console import EXIT_CODES, Commands, console, err_console, run, store_sessions
from tunix_rt.datasets.cli import app as datasets_app
from tunix_rt.datasets.cli import evalsets_app
from tunix_rt.demo import demo_command
from tunix_rt.evaluation.cli import app as eval_app
from tunix_rt.experiments.cli import app as experiments_app
from tunix_rt.loops.cli import app as loops_app
from tunix_rt.registry.cli import add_commands as add_registry_commands
from tunix_rt.runs.cli import app as runs_app
from tunix_rt.runs.cli import worker_command
from tunix_rt.sampling.cli import sample_command
from tunix_rt.serving.cli import serve_command as serve_model_command
from tunix_rt.sweeps.cli import app as sweeps_app
from tunix_rt.traces.cli import app as traces_app
from tunix_rt.training.cli import join_command, models_app, train_command

db_app = typer.Typer(no_args_is_help=True, help="The database schema (migrated to head automatically on start).")
add_registry_commands(models_app)
models_app.command("serve")(serve_model_command)
GROUPS: dict[str, typer.Typer] = {
    "traces": traces_app,
    "datasets": datasets_app,
    "evalsets": evalsets_app,
    "tokens": tokens_app,
    "runs": runs_app,
    "models": models_app,
    "eval": eval_app,
    "sweeps": sweeps_app,
    "loop": loops_app,
    "experiment": experiments_app,
    "db": db_app,
}
"""The feature groups, in the order ``--help`` lists them (after the root's own commands)."""


class Root(Commands):
    """The ``tunix-rt`` group: a feature group is built when it is named (``cli_groups.py``),
    so ``tunix-rt traces list`` does not pay for building the other groups' commands."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.commands = GroupsOnDemand(self.commands, GROUPS)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


app = typer.Typer(
    cls=Root,
    no_args_is_help=True,
    help="tunix-rt: reasoning traces in, a trained, evaluated and registered model out.",
    epilog=EXIT_CODES,
    pretty_exceptions_enable=False,
)
app.command("worker")(worker_command)
app.command("train")(train_command)
app.command("sample")(sample_command)
app.command("join")(join_command)
app.command("demo")(demo_command)


def is_loopback(host: str) -> bool:
    """Whether a bind address is this machine only (a name or an address).

    >>> is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address (default 127.0.0.1, TUNIX_RT_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000, TUNIX_RT_PORT).")] = None,
    demo: Annotated[bool, typer.Option(help="Load synthetic demo traces if the store is empty.")] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    worker: Annotated[
        bool | None, typer.Option(help="Run queued runs in this process (default on, TUNIX_RT_EMBEDDED_WORKER).")
    ] = None,
) -> None:
    """Serve the API (and the web UI when built) until Ctrl-C; an embedded worker executes runs."""
    import uvicorn

    from tunix_rt import __version__
    from tunix_rt.app import create_app
    from tunix_rt.auth import store as tokens
    from tunix_rt.settings import Settings
    from tunix_rt.traces.ingest import load_demo

    overrides: dict[str, object] = {}
    if host is not None:
        overrides["host"] = host
    if port is not None:
        overrides["port"] = port
    if worker is not None:
        overrides["embedded_worker"] = worker
    settings = Settings(**overrides)  # type: ignore[arg-type]

    async def prepare() -> tuple[int, int]:
        async with store_sessions(settings) as sessions:
            async with sessions() as session:
                stored_tokens = await tokens.active_count(session)
            loaded = await load_demo(sessions, settings.demo_traces) if demo else 0
            return stored_tokens, loaded

    stored_tokens, loaded = run(prepare())
    if not is_loopback(settings.host) and not settings.api_tokens and stored_tokens == 0:
        err_console.print(
            f"[bold red]refusing to serve on {settings.host}:[/] a non-loopback address needs API tokens. "
            "Create one with 'tunix-rt tokens create --scope admin' or set TUNIX_RT_API_TOKENS."
        )
        raise typer.Exit(2)
    if loaded:
        console.print(f"loaded {loaded} demo traces")
    console.print(f"tunix-rt {__version__} on http://{settings.host}:{settings.port} ({settings.home.resolve()})")
    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level=log_level)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument(help="Target revision.")] = "head") -> None:
    """Migrate the schema forward."""
    from tunix_rt import db
    from tunix_rt.settings import Settings

    async def go() -> None:
        async with db.open_database(Settings().resolved_database_url, migrate=False) as engine:
            await db.upgrade(engine, revision)

    run(go())
    console.print(f"upgraded to {revision}")


@db_app.command("downgrade")
def db_downgrade(
    revision: Annotated[str, typer.Argument(help="Target revision ('base' drops everything).")],
) -> None:
    """Migrate the schema back (data in dropped tables is lost)."""
    from tunix_rt import db
    from tunix_rt.settings import Settings

    async def go() -> None:
        async with db.open_database(Settings().resolved_database_url, migrate=False) as engine:
            await db.downgrade(engine, revision)

    run(go())
    console.print(f"downgraded to {revision}")


@db_app.command("current")
def db_current() -> None:
    """Print the schema revision of the database and the newest one this package knows."""
    from tunix_rt import db
    from tunix_rt.settings import Settings

    async def go() -> str | None:
        async with (
            db.open_database(Settings().resolved_database_url, migrate=False) as engine,
            engine.connect() as conn,
        ):
            return await db.current_revision(conn)

    console.print(f"database: {run(go()) or 'empty'}; package head: {db.head_revision()}")


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        from tunix_rt import __version__

        console.print(__version__)
        raise typer.Exit()


use_plain_help(app, GROUPS.values())


def main() -> None:
    app()
