"""``tunix-rt eval RUN_OR_MODEL --evalset KEY [--local]``, ``tunix-rt eval gate --baseline NAME RUN``
and ``tunix-rt eval check-answers [CASES.jsonl]``.

``eval`` queues an eval run through the same registry checks and store function as
``POST /api/runs`` (a worker runs it; ``--wait`` follows its log), or with ``--local`` evaluates
in the foreground with a progress bar, no server and no database record, and prints the scorecard. ``gate`` is for CI:
exit 0 when the run holds up against the baseline, 1 on a regression, 2 when the check cannot be
made (unknown baseline, no evaluation). ``check-answers`` runs the answer checker on a file of
cases (the project's own table by default) and lists its wrong accepts and wrong rejects.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from tunix_rt.console import console, run, store_sessions

if TYPE_CHECKING:
    from tunix_rt.settings import Settings

# Settings and the evaluation machinery are imported inside the commands: `tunix-rt --help`
# must not pay for pydantic and SQLAlchemy.


class _DefaultToRun(TyperGroup):
    """``tunix-rt eval X`` means ``tunix-rt eval run X`` unless X names a sub-command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(cls=_DefaultToRun, no_args_is_help=True, help="Evaluate a run or model; gate CI on regressions.")


def config_body(target: str, evalset: str, options: dict[str, Any]) -> dict[str, Any]:
    """An eval config for a run id or a model reference."""
    try:
        return {"evalset": evalset, "run": str(uuid.UUID(target)), **options}
    except ValueError:
        return {"evalset": evalset, "model": target, **options}


def print_scorecard(title: str, card: dict[str, Any]) -> None:
    table = Table(title=title, show_header=True)
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("95% interval", justify="right")
    for name in ("strict_accuracy", "lenient_accuracy", "format_compliance"):
        rate = card[name]
        table.add_row(
            name, f"{rate['value']:.3f} ({rate['hits']}/{rate['n']})", f"{rate['low']:.3f}-{rate['high']:.3f}"
        )
    table.add_row("truncation_rate", f"{card['truncation_rate']:.3f}", "")
    table.add_row("mean_output_tokens", f"{card['mean_output_tokens']:.1f}", "")
    failures = ", ".join(f"{label} {count}" for label, count in card["failures"].items() if count)
    table.add_row("failures", failures or "none", "")
    console.print(table)


def evaluate_local(body: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """Evaluate in this process under ``<home>/runs/local-<id>/``; returns the summary."""
    from tunix_rt.evaluation.config import EvalConfig
    from tunix_rt.evaluation.evaluate import evaluate
    from tunix_rt.evaluation.kind import require_backend
    from tunix_rt.runs.events import ProgressSink
    from tunix_rt.runs.kinds import KindRegistry

    config, _refs = KindRegistry().validate("eval", body)
    assert isinstance(config, EvalConfig)
    require_backend(config)
    run_dir = settings.home / "runs" / f"local-{uuid.uuid4().hex[:12]}"
    run_dir.mkdir(parents=True)
    columns = (TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("starting", total=1.0)
        summary = evaluate(config, run_dir, ProgressSink(progress, task), settings)
    console.print(f"evaluated: {run_dir}")
    return summary


@app.command("run")
def run_command(
    target: Annotated[str, typer.Argument(metavar="RUN_OR_MODEL", help="Training run id, HF id, folder or preset.")],
    evalset: Annotated[str, typer.Option(help="Eval set key, name@vN.")],
    local: Annotated[bool, typer.Option(help="Evaluate here in the foreground, without a server or worker.")] = False,
    batch_size: Annotated[int, typer.Option(help="Prompts generated together.")] = 16,
    max_new_tokens: Annotated[int, typer.Option(help="Most tokens generated per item.")] = 128,
    judge: Annotated[list[str] | None, typer.Option(help="Judge to run; repeatable (default math, format).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N items.")] = None,
    wait: Annotated[
        bool, typer.Option(help="Follow the queued run's log until it ends; exit 1 unless it succeeded.")
    ] = False,
) -> None:
    """Evaluate a training run or a model on an eval set (queued, or now with --local)."""
    from tunix_rt.settings import Settings

    settings = Settings()
    options: dict[str, Any] = {"batch_size": batch_size, "max_new_tokens": max_new_tokens, "limit": limit}
    if judge:
        options["judges"] = judge
    body = config_body(target, evalset, options)
    if local:
        summary = evaluate_local(body, settings)
        print_scorecard(f"{summary['model']['ref']} on {evalset}", summary["scorecard"])
        return

    from tunix_rt.db import transaction
    from tunix_rt.runs.cli import announce, follow_to_end
    from tunix_rt.runs.kinds import KindRegistry
    from tunix_rt.runs.submission import queue_run

    async def go() -> uuid.UUID:
        registry = KindRegistry(settings.run_kinds)
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            return (await queue_run(session, settings, registry, "eval", body)).id

    run_id = run(go())
    announce(run_id, settings)
    if wait:
        follow_to_end(run_id, settings)


@app.command("gate")
def gate(
    target: Annotated[str, typer.Argument(metavar="RUN", help="Eval run id, or a training run with an evaluation.")],
    baseline: Annotated[str, typer.Option(help="Name of the regression baseline.")],
) -> None:
    """Exit 0 if RUN holds up against the baseline, 1 on a regression, 2 if it cannot be checked."""
    from tunix_rt.db import transaction
    from tunix_rt.evaluation import store
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> dict[str, Any]:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            return await store.check(session, baseline, uuid.UUID(target))

    try:
        uuid.UUID(target)
    except ValueError:
        raise typer.BadParameter("RUN must be a run id") from None
    try:
        result = run(go())
    except typer.Exit:
        raise typer.Exit(2) from None
    word = "PASS" if result["passed"] else "REGRESSION"
    console.print(
        f"{word}: {result['metric']} {result['candidate_value']:.4f} vs baseline {result['baseline_value']:.4f} "
        f"(delta {result['delta']:+.4f}, allowed shortfall {result['allowed_shortfall']:.4f})",
        highlight=False,
    )
    if not result["passed"]:
        raise typer.Exit(1)


class CheckMode(StrEnum):
    """The score a case's ``correct`` refers to."""

    STRICT = "strict"
    LENIENT = "lenient"


@app.command("check-answers")
def check_answers(
    cases: Annotated[
        Path | None,
        typer.Argument(
            metavar="CASES.jsonl",
            help='One {"expected", "output", "correct"} object per line; default: the project\'s own table.',
            show_default=False,
        ),
    ] = None,
    mode: Annotated[CheckMode, typer.Option(help="The score 'correct' refers to.")] = CheckMode.STRICT,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Test the answer checker on your own cases before trusting a score: exit 0 when every verdict
    is the case's, 1 when the checker accepted a wrong answer or rejected a right one."""
    import json

    from tunix_rt.evaluation.answer_cases import BUILTIN, read_cases, run_cases

    path = cases or BUILTIN
    report = run_cases(read_cases(path), mode.value)
    if as_json:
        console.print_json(json.dumps(report.as_json()))
    else:
        if report.misses:
            table = Table("line", "case", "miss", "mode", "expected", "extracted", "checker said", title=str(path))
            for miss in sorted(report.misses, key=lambda m: (m.kind != "wrong accept", m.line)):
                table.add_row(
                    str(miss.line),
                    miss.case.name or "",
                    miss.kind,
                    miss.mode,
                    miss.case.expected,
                    miss.verdict.extracted or "",
                    miss.verdict.reason,
                )
            console.print(table)
        checked = ", ".join(f"{count} {checked_mode}" for checked_mode, count in report.checked.items())
        console.print(
            f"{report.cases} case(s), verdicts checked: {checked}; {report.count('wrong accept')} wrong accept(s), "
            f"{report.count('wrong reject')} wrong reject(s), {report.count('other reason')} other reason(s)",
            highlight=False,
        )
    if report.misses:
        raise typer.Exit(1)
