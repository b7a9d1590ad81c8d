"""``tunix-rt sample``: draw k completions per prompt from a model or a teacher endpoint, keep
the verified ones as traces.

The options build (or, with CONFIG, override parts of) the same ``sample`` run config that
``tunix-rt runs submit sample --config FILE`` and ``POST /api/runs`` take, so one-off sampling
needs no YAML file: ``tunix-rt sample --evalset arith@v1 --model RUN -k 8 --local``. The run is
then queued or executed here like ``train`` (``runs/launch.py``); ``--local`` ends with what it
kept and the command that turns the kept traces into a dataset.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tunix_rt.console import console
from tunix_rt.runs.cli import NameOpt, NotesOpt
from tunix_rt.runs.launch import PriorityOpt, TagOpt, WaitOpt, launch
from tunix_rt.training.cli import read_config

if TYPE_CHECKING:
    from tunix_rt.runs.tables import Run
    from tunix_rt.settings import Settings


class Policy(StrEnum):
    """Which completions become traces (``SampleConfig.policy``)."""

    verified = "verified"
    all = "all"
    best_of_k = "best_of_k"


class Split(StrEnum):
    """A trace dataset's split."""

    train = "train"
    eval = "eval"


def sample_command(
    config: Annotated[
        Path | None,
        typer.Argument(help="Sample config, YAML or JSON (optional: the options below can say it all)."),
    ] = None,
    evalset: Annotated[str | None, typer.Option(help="Prompts: an eval set, name@vN.")] = None,
    dataset: Annotated[str | None, typer.Option(help="Prompts: a trace dataset, name@vN.")] = None,
    split: Annotated[Split, typer.Option(help="The dataset's split (with --dataset).")] = Split.train,
    prompts: Annotated[
        Path | None, typer.Option(help='Prompts: a JSONL file of {"id", "prompt", "expected_answer"}.')
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N prompts.")] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="A local model: tiny preset, run id, model folder or hub id (default: the settings' teacher_url)."
        ),
    ] = None,
    endpoint: Annotated[
        str | None, typer.Option(help="A teacher: an OpenAI-compatible base URL up to /v1 (needs --endpoint-model).")
    ] = None,
    endpoint_model: Annotated[str | None, typer.Option(help="The model name the endpoint serves.")] = None,
    api_key_env: Annotated[
        str | None, typer.Option(help="Name of the environment variable with the endpoint's key (never the key).")
    ] = None,
    k: Annotated[int | None, typer.Option("-k", "--k", help="Completions per prompt (default 4).")] = None,
    policy: Annotated[Policy | None, typer.Option(help="Which completions become traces (default verified).")] = None,
    temperature: Annotated[float | None, typer.Option(help="Sampling temperature (default 0.8); 0 is greedy.")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Most tokens per completion (default 256).")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed of sample 0; sample i uses seed + i.")] = None,
    local: Annotated[
        bool,
        typer.Option(
            help="Run it here in the foreground, without a server or worker: recorded like a queued run, "
            "its kept traces stored when it succeeds; Ctrl-C cancels it."
        ),
    ] = False,
    tag: TagOpt = None,
    priority: PriorityOpt = None,
    name: NameOpt = None,
    notes: NotesOpt = None,
    wait: WaitOpt = False,
) -> None:
    """Sample k completions per prompt and keep the verified ones as traces (queued, or here with --local)."""
    from tunix_rt.settings import Settings

    body = read_config(config) if config is not None else {}
    source = _source(evalset, dataset, split, prompts)
    if source:
        body["source"] = source
    if limit is not None:
        body["source"] = {**body.get("source", {}), "limit": limit}
    chosen = _model(model, endpoint, endpoint_model, api_key_env)
    if chosen:
        body["model"] = chosen
    if "source" not in body:
        raise typer.BadParameter("give CONFIG or one of --evalset, --dataset or --prompts", param_hint="'source'")
    params = {
        name: value
        for name, value in (("temperature", temperature), ("max_tokens", max_tokens), ("seed", seed))
        if value is not None
    }
    if params:
        body["params"] = {**body.get("params", {}), **params}
    for field, value in (("k", k), ("policy", None if policy is None else policy.value)):
        if value is not None:
            body[field] = value
    settings = Settings()
    finished = launch(
        settings, "sample", body, local=local, wait=wait, tags=tag or [], priority=priority, name=name, notes=notes
    )
    print_kept(finished, settings)


def _source(evalset: str | None, dataset: str | None, split: Split, prompts: Path | None) -> dict[str, Any]:
    """The prompt source the options name (empty when they name none), exactly one of three."""
    given = [
        option for option, value in (("--evalset", evalset), ("--dataset", dataset), ("--prompts", prompts)) if value
    ]
    if len(given) > 1:
        raise typer.BadParameter(f"give one prompt source, not {' and '.join(given)}", param_hint=f"'{given[1]}'")
    if evalset is not None:
        return {"evalset": evalset}
    if dataset is not None:
        return {"dataset": dataset, "split": split.value}
    if prompts is not None:
        return {"prompts_file": str(prompts.resolve())}
    return {}


def _model(
    model: str | None, endpoint: str | None, endpoint_model: str | None, api_key_env: str | None
) -> dict[str, Any]:
    """The model the options name (empty when they name none): local, or an endpoint with its model."""
    if model is not None and endpoint is not None:
        raise typer.BadParameter("give --model or --endpoint, not both", param_hint="'--endpoint'")
    if model is not None:
        return {"local": model}
    if endpoint is None:
        if endpoint_model is not None or api_key_env is not None:
            raise typer.BadParameter("only with --endpoint", param_hint="'--endpoint-model' / '--api-key-env'")
        return {}
    if endpoint_model is None:
        raise typer.BadParameter("an endpoint needs the model it serves", param_hint="'--endpoint-model'")
    chosen: dict[str, Any] = {"base_url": endpoint, "model": endpoint_model}
    if api_key_env is not None:
        chosen["api_key_env"] = api_key_env
    return {"endpoint": chosen}


def print_kept(runs: Sequence[Run], settings: Settings) -> None:
    """What each sample run finished here kept and how well the model did, from its summary, and
    the command that makes the kept traces a dataset."""
    from tunix_rt.runs.artifacts import run_dir
    from tunix_rt.sampling.sample import SUMMARY

    for finished in runs:
        summary = json.loads((run_dir(settings.home, finished.id) / SUMMARY).read_text())
        dropped = ", ".join(f"{count} {reason}" for reason, count in sorted(summary["dropped"].items())) or "none"
        lines = [
            f"kept {summary['kept']} of {summary['completions']} completions on {summary['prompts']} prompts "
            f"(dropped: {dropped})",
            f"pass@1 {summary['pass_at_1']:.3f}, pass@{summary['k']} {summary['pass_at_k']:.3f}; "
            f"{summary['prompt_tokens']} prompt + {summary['completion_tokens']} completion tokens"
            + (f", {summary['cost']:.4f} {summary['currency']}" if "cost" in summary else ""),
            f"make them a dataset: tunix-rt datasets build NAME --source sample:{finished.id}",
        ]
        for line in lines:
            console.print(line, highlight=False, markup=False, soft_wrap=True)
