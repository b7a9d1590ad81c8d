"""``tunix-rt models serve REF``: one model behind an OpenAI-compatible API (``openai_api.py``),
served by uvicorn until Ctrl-C.

REF is a tiny preset, a training run (id, prefix or folder), a local model folder, a hub id or
a registry version (``source.py`` says in which order). The model is loaded before the server
binds its port, so a REF that names nothing fails at once with the reason. Tokens are the main
server's, read from the same database: as ``tunix-rt serve`` does, a non-loopback address is
refused while no token exists, and ``--token-required`` refuses to start without one anywhere.
"""

from __future__ import annotations

from typing import Annotated

import typer

from tunix_rt.console import console, err_console, run, store_sessions

# Settings, the model and the app are imported inside the command: `tunix-rt --help` must not
# pay for pydantic, FastAPI and transformers.

DEFAULT_PORT = 8001
"""Beside the main server's 8000, so both run on one machine with their defaults."""


def serve_command(
    ref: Annotated[
        str,
        typer.Argument(
            metavar="REF",
            help="Registry version (NAME[:VERSION|@ALIAS]), training run id/prefix or folder, local model "
            "folder, hub id, or tiny preset.",
        ),
    ],
    host: Annotated[str, typer.Option(help="Bind address.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = DEFAULT_PORT,
    name: Annotated[
        str | None, typer.Option(help="The model id clients send and /v1/models lists (default: REF).")
    ] = None,
    device: Annotated[str, typer.Option(help="auto (a GPU when one is visible), cpu or cuda.")] = "auto",
    max_tokens: Annotated[
        int, typer.Option(min=1, help="Most tokens one choice may generate; a chat's default.")
    ] = 512,
    max_choices: Annotated[int, typer.Option(min=1, help="Most choices (prompts x n) one request may ask for.")] = 16,
    batch_size: Annotated[int, typer.Option(min=1, help="Choices of one request generated together.")] = 16,
    seed: Annotated[int, typer.Option(help="Seed of a tiny preset's random weights and tokenizer text.")] = 0,
    token_required: Annotated[
        bool, typer.Option("--token-required", help="Refuse to start unless an API token exists (no open mode).")
    ] = False,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve a model over an OpenAI-compatible API (/v1/chat/completions, /v1/completions, /v1/models)."""
    import uvicorn

    from tunix_rt.auth import store as tokens
    from tunix_rt.cli import is_loopback
    from tunix_rt.evaluation import generate
    from tunix_rt.evaluation.kind import require_generation
    from tunix_rt.serving import source
    from tunix_rt.serving.engine import Engine
    from tunix_rt.serving.openai_api import create_app
    from tunix_rt.settings import Settings

    require_generation("torch")
    settings = Settings(host=host, port=port)

    async def count_tokens() -> int:
        async with store_sessions(settings) as sessions, sessions() as session:
            return await tokens.active_count(session)

    has_tokens = bool(settings.api_tokens) or run(count_tokens()) > 0
    if not has_tokens and (token_required or not is_loopback(host)):
        why = "--token-required was given" if token_required else f"{host} is not a loopback address"
        err_console.print(
            f"[bold red]refusing to serve:[/] {why} and no API token exists. Create one with "
            "'tunix-rt tokens create --scope write' or set TUNIX_RT_API_TOKENS."
        )
        raise typer.Exit(2)
    loaded = source.load(ref, settings, device=generate.resolve_device(device), seed=seed)
    engine = Engine(loaded, name or ref, batch_size=batch_size)
    app = create_app(engine, settings, max_tokens=max_tokens, max_choices=max_choices)
    console.print(f"serving {engine.name} ({loaded.source}) on http://{host}:{port}/v1", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
