"""``tunix-rt train CONFIG [--local]`` and ``tunix-rt models export RUN --merge``.

``train`` submits through the same registry checks and store function as ``POST /api/runs``
(a worker or ``serve`` runs it; ``--wait`` follows its log), or with ``--local`` records the
same run and executes it in this process, in the foreground with a progress bar, with no server
or worker (``runs/local.py``), then the evaluation its ``evaluate`` asks for.
"""

from __future__ import annotations

import json
import shutil
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tunix_rt.console import console
from tunix_rt.errors import Invalid, NotFound, TunixError
from tunix_rt.runs.cli import NameOpt, NotesOpt
from tunix_rt.runs.launch import PriorityOpt, TagOpt, WaitOpt, launch

if TYPE_CHECKING:
    from tunix_rt.settings import Settings

# Configs, settings and the run machinery are imported inside the commands: `tunix-rt --help`
# must not pay for pydantic and SQLAlchemy.

models_app = typer.Typer(
    no_args_is_help=True,
    help="Trained models: export, the registry (promote, alias, pull), and serving over an OpenAI-compatible API.",
)


def read_config(path: Path, param_hint: str = "CONFIG") -> dict[str, Any]:
    """A YAML or JSON config file (YAML reads both) as a mapping; ``param_hint`` names the
    argument in usage errors (a sweep's config file is its FILE)."""
    import yaml

    try:
        value = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as exc:
        raise typer.BadParameter(f"cannot read {path}: {exc}", param_hint=param_hint) from exc
    if not isinstance(value, dict):
        raise typer.BadParameter("the config must be a mapping", param_hint=param_hint)
    return value


def train_command(
    config: Annotated[Path, typer.Argument(help="Training config, YAML or JSON.")],
    local: Annotated[
        bool,
        typer.Option(
            help="Run it here in the foreground, without a server or worker: recorded in the store like a "
            "queued run (listed, promotable), then its 'evaluate:' too; Ctrl-C cancels it."
        ),
    ] = False,
    tag: TagOpt = None,
    priority: PriorityOpt = None,
    name: NameOpt = None,
    notes: NotesOpt = None,
    wait: WaitOpt = False,
) -> None:
    """Queue a training run on a frozen dataset (or run it now, here, with --local)."""
    from tunix_rt.evaluation.cli import print_scorecards
    from tunix_rt.settings import Settings

    settings = Settings()
    body = read_config(config)
    finished = launch(
        settings, "train", body, local=local, wait=wait, tags=tag or [], priority=priority, name=name, notes=notes
    )
    print_scorecards(finished, settings)


def join_command(
    run_id: Annotated[str, typer.Argument(help="The multi-node run (id or unique prefix), claimed by a worker.")],
    node_rank: Annotated[int, typer.Option(min=1, help="This machine's node number, 1 to resources.nodes - 1.")],
) -> None:
    """Train node NODE_RANK of a multi-node run on this machine (torchrun, meeting node 0 at the
    run's resources.rendezvous); the data home must be the one the worker uses (shared)."""
    from tunix_rt.runs.kinds import RUN_FILE
    from tunix_rt.settings import Settings
    from tunix_rt.training import distributed

    settings = Settings()
    runs = settings.home / "runs"
    folder = runs / run_id if (runs / run_id).is_dir() else _folder_by_prefix(run_id, runs)
    if folder is None or not (folder / RUN_FILE).is_file():
        raise NotFound(f"run {run_id} has not been claimed by a worker yet ({RUN_FILE} missing under {runs})")
    distributed.join(folder, node_rank, settings.home)


def run_folder(run: str, settings: Settings) -> Path:
    """A run id or a unique prefix of one (a folder under the data home), or a run folder path."""
    candidate = Path(run)
    folder = candidate if candidate.is_dir() else settings.home / "runs" / run
    if not folder.is_dir():
        folder = _folder_by_prefix(run, settings.home / "runs") or folder
    if not (folder / "run_manifest.json").is_file():
        raise NotFound(f"no trained run at {folder} (run_manifest.json missing)")
    return folder


def _folder_by_prefix(text: str, runs: Path) -> Path | None:
    """The one run folder whose id starts with ``text`` (``short_ids`` rules, matched on the
    folders, which are named by id, so no database is needed); None when ``text`` is no prefix
    or no folder matches, and ``Ambiguous`` when several do."""
    from tunix_rt.short_ids import Ambiguous, parse

    try:
        digits = parse(text, "run")
    except Invalid:
        return None
    if not isinstance(digits, str) or not runs.is_dir():
        return None
    matches = sorted(path for path in runs.iterdir() if path.is_dir() and path.name.replace("-", "").startswith(digits))
    if len(matches) > 1:
        listed = ", ".join(path.name for path in matches[:10])
        raise Ambiguous(f"the run id prefix '{text}' matches several: {listed}; give more characters")
    return matches[0] if matches else None


class WeightsFormat(StrEnum):
    """Weights formats ``export --merge`` writes: safetensors, the one transformers 5 saves."""

    SAFETENSORS = "safetensors"


@models_app.command("export")
def export(
    run_ref: Annotated[
        str,
        typer.Argument(
            metavar="RUN|NAME[:VERSION|@ALIAS]",
            help="Run id (or a unique prefix, 6+ characters) or run folder, or a registered version.",
        ),
    ],
    merge: Annotated[bool, typer.Option(help="Merge the adapter into the base model.")] = False,
    out: Annotated[Path | None, typer.Option(help="Output folder (default: RUN/merged or RUN/export).")] = None,
    weights: Annotated[
        WeightsFormat, typer.Option("--format", help="Weights file format of a merged model, for serving elsewhere.")
    ] = WeightsFormat.SAFETENSORS,
) -> None:
    """Write a run's (or a registered version's) trained model: as stored, or merged into its base."""
    from tunix_rt.settings import Settings
    from tunix_rt.short_ids import Ambiguous

    try:
        folder = run_folder(run_ref, Settings())
    except Ambiguous:
        raise
    except TunixError as exc:
        from tunix_rt.registry.cli import export_version

        export_version(run_ref, merge=merge, out=out, not_a_run=exc.detail)
        return
    evidence = json.loads((folder / "run_manifest.json").read_text())
    adapter = folder / "adapter"
    if not merge:
        target = out or folder / "export"
        shutil.copytree(adapter, target, dirs_exist_ok=True)
        console.print(f"exported {target}")
        return
    if evidence["config"]["lora"]["full"]:
        raise typer.BadParameter("a full fine-tune has no adapter to merge; its adapter folder is the model")
    from tunix_rt.training.torch_backend import merge as merge_adapter

    base = evidence["model"]["base"]
    where = str(folder / base) if evidence["model"]["source"] == "tiny" else base
    target = out or folder / "merged"
    merge_adapter(adapter, where, target)
    console.print(f"merged {target} ({weights})")
