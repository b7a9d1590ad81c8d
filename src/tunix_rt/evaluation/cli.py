"""``tunix-rt eval ...``: evaluate a run or model, read the scores, compare, keep baselines, gate CI.

``eval RUN_OR_MODEL --evalset KEY`` (short for ``eval run``) queues an eval run through the same
registry checks and store function as ``POST /api/runs`` (a worker runs it; ``--wait`` follows its
log), or with ``--local`` records the same run and executes it in this process, in the foreground
with a progress bar and no server or worker (``runs/local.py``), and prints the scorecard.
``leaderboard``, ``show``, ``compare`` and ``baselines`` read and write what the evaluation routes
do, through the same store functions and schemas (``--json`` prints the API's answer). ``gate`` is
for CI: exit 0 when the run holds up against the baseline, 1 on a regression (a shortfall beyond
the minimum effect that the paired test finds significant), 2 when the check cannot be made
(unknown baseline, no evaluation, settings that differ without ``--force``). ``check-answers``
runs the answer checker on a file of cases (the project's own table by default) and lists its
wrong accepts and wrong rejects.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.table import Table
from rich.text import Text

from tunix_rt.cli_help import PlainGroup
from tunix_rt.console import console, err_console, run, store_sessions, write_json
from tunix_rt.runs.cli import NameOpt, NotesOpt
from tunix_rt.runs.launch import WaitOpt, launch
from tunix_rt.short_ids import HELP as ID_HELP

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.evaluation.tables import Evaluation, ItemLabel, RegressionBaseline
    from tunix_rt.runs.tables import Run
    from tunix_rt.settings import Settings

# Settings and the evaluation machinery are imported inside the commands: `tunix-rt --help`
# must not pay for pydantic and SQLAlchemy.


class _DefaultToRun(PlainGroup):
    """``tunix-rt eval X`` means ``tunix-rt eval run X`` unless X names a sub-command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DefaultToRun,
    no_args_is_help=True,
    help="Evaluate a run or model ('eval X' is 'eval run X'); scores, leaderboard, comparisons, baselines, CI gate.",
)
baselines_app = typer.Typer(no_args_is_help=True, help="Named regression baselines that 'eval gate' checks against.")
app.add_typer(baselines_app, name="baselines")

T = TypeVar("T")
EvalRunArg = Annotated[str, typer.Argument(metavar="EVAL_RUN_ID", help=f"Eval run id. {ID_HELP}")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the API's JSON answer instead of a table.")]


def _in_session(work: Callable[[AsyncSession], Awaitable[T]], *, writes: bool = False) -> T:
    """Run one store call on the configured database, in a transaction when it ``writes``; a
    domain error it raises becomes the console's message and exit code."""
    from tunix_rt.db import transaction

    async def go() -> T:
        async with store_sessions() as sessions:
            if writes:
                async with transaction(sessions) as session:
                    return await work(session)
            async with sessions() as session:
                return await work(session)

    return run(go())


async def _evaluation_id(session: AsyncSession, text: str) -> uuid.UUID:
    """The evaluation (eval run) ``text`` names: its full id or a unique prefix."""
    from tunix_rt.evaluation.tables import Evaluation
    from tunix_rt.short_ids import resolve

    return await resolve(session, Evaluation.run_id, text, "evaluation")


def run_target(target: str) -> uuid.UUID | None:
    """The training run ``target`` names (a full id, or a unique prefix of one), or None when it
    is a model reference: a prefix that matches no run, or an existing path, is taken as a model."""
    from tunix_rt.errors import Invalid, NotFound
    from tunix_rt.runs.cli import resolve_run
    from tunix_rt.short_ids import parse

    try:
        parsed = parse(target, "run")
    except Invalid:
        return None
    if isinstance(parsed, uuid.UUID):
        return parsed
    if Path(target).exists():
        return None

    async def go() -> uuid.UUID | None:
        async with store_sessions() as sessions, sessions() as session:
            try:
                return await resolve_run(session, target)
            except NotFound:
                return None

    return run(go())


def config_body(target: str, evalset: str, options: dict[str, Any]) -> dict[str, Any]:
    """An eval config for a run id (or a unique prefix of one) or a model reference."""
    run_id = run_target(target)
    if run_id is not None:
        return {"evalset": evalset, "run": str(run_id), **options}
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
    reasoning = card.get("reasoning")
    if reasoning and (reasoning["items"] or reasoning["incomplete_rate"]):
        table.add_row(
            "reasoning_tokens",
            f"mean {reasoning['mean_tokens']:.1f}, median {reasoning['median_tokens']:.1f}, "
            f"max {reasoning['max_tokens']}",
            f"{reasoning['items']} items",
        )
        table.add_row("incomplete_rate", f"{reasoning['incomplete_rate']:.3f}", "")
    drawn = card.get("sampling")
    if drawn:
        scored = [(f"pass@{k}", score) for k, score in drawn["pass_at"].items()]
        scored += [(f"maj@{drawn['samples']}", drawn["maj_at_k"]), ("mean_agreement", drawn["mean_agreement"])]
        for name, score in scored:
            table.add_row(name, f"{score['value']:.3f}", f"{score['low']:.3f}-{score['high']:.3f}")
    failures = ", ".join(f"{label} {count}" for label, count in card["failures"].items() if count)
    table.add_row("failures", failures or "none", "")
    console.print(table)


def print_scorecards(runs: Sequence[Run], settings: Settings) -> None:
    """The scorecard of each eval run among ``runs`` (finished here by ``--local``), from the
    summary it wrote in its folder."""
    import json

    from tunix_rt.evaluation.evaluate import SUMMARY
    from tunix_rt.runs.artifacts import run_dir

    for finished in runs:
        if finished.kind == "eval":
            summary = json.loads((run_dir(settings.home, finished.id) / SUMMARY).read_text())
            print_scorecard(f"{summary['model']['ref']} on {finished.evalset_key}", summary["scorecard"])


@app.command("run")
def run_command(
    target: Annotated[
        str,
        typer.Argument(
            metavar="RUN_OR_MODEL", help="Training run id (or a unique prefix, 6+ characters), HF id, folder or preset."
        ),
    ],
    evalset: Annotated[str, typer.Option(help="Eval set key, name@vN.")],
    local: Annotated[
        bool,
        typer.Option(
            help="Run it here in the foreground, without a server or worker: recorded in the store like a "
            "queued run (listed, on the leaderboard); Ctrl-C cancels it."
        ),
    ] = False,
    batch_size: Annotated[int, typer.Option(help="Prompts generated together.")] = 16,
    max_new_tokens: Annotated[int, typer.Option(help="Most tokens generated per item.")] = 128,
    judge: Annotated[list[str] | None, typer.Option(help="Judge to run; repeatable (default math, format).")] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N items.")] = None,
    samples: Annotated[
        int, typer.Option(help="Completions per item; above 1 scores pass@k and maj@k (needs --temperature).")
    ] = 1,
    temperature: Annotated[float, typer.Option(help="Sampling temperature; 0 is greedy.")] = 0.0,
    seed: Annotated[int, typer.Option(help="Seed of sampling.")] = 0,
    name: NameOpt = None,
    notes: NotesOpt = None,
    wait: WaitOpt = False,
) -> None:
    """Evaluate a training run or a model on an eval set (queued, or now, here, with --local)."""
    from tunix_rt.settings import Settings

    settings = Settings()
    options: dict[str, Any] = {
        "batch_size": batch_size,
        "max_new_tokens": max_new_tokens,
        "limit": limit,
        "samples": samples,
        "sampling": {"temperature": temperature, "seed": seed},
    }
    if judge:
        options["judges"] = judge
    body = config_body(target, evalset, options)
    print_scorecards(launch(settings, "eval", body, local=local, wait=wait, name=name, notes=notes), settings)


@app.command("gate")
def gate(
    target: Annotated[
        str, typer.Argument(metavar="RUN", help=f"Eval run id, or a training run with an evaluation. {ID_HELP}")
    ],
    baseline: Annotated[str, typer.Option(help="Name of the regression baseline.")],
    force: Annotated[
        bool, typer.Option("--force", help="Check even when the evaluations' determining settings differ.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Exit 0 if RUN holds up against the baseline, 1 on a regression, 2 if it cannot be checked.

    A regression is a shortfall beyond the baseline's minimum effect (its tolerances) that the
    paired test over items finds significant at the baseline's alpha. Evaluations made with
    different settings are refused (exit 2, naming what differs) unless --force.
    """
    from tunix_rt.db import transaction
    from tunix_rt.evaluation import store
    from tunix_rt.evaluation.schema import RegressionResult
    from tunix_rt.runs.cli import resolve_run
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> dict[str, Any]:
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            trust = store.JudgeTrust(settings.judge_kappa_floor, settings.judge_min_labels)
            return await store.check(session, baseline, await resolve_run(session, target), trust, force=force)

    try:
        result = run(go())
    except typer.Exit:
        raise typer.Exit(2) from None
    if as_json:
        write_json(RegressionResult.model_validate(result).model_dump(mode="json"))
    else:
        print_gate(result)
    if not result["passed"]:
        raise typer.Exit(1)


def print_gate(result: dict[str, Any]) -> None:
    """The gate's verdict, its reason, its test and the settings a forced check overlooked."""
    from tunix_rt.evaluation import determinants

    word = "PASS" if result["passed"] else "REGRESSION"
    console.print(
        f"{word}: {result['metric']} {result['candidate_value']:.4f} vs baseline {result['baseline_value']:.4f} "
        f"(delta {result['delta']:+.4f}, allowed shortfall {result['allowed_shortfall']:.4f})",
        highlight=False,
    )
    console.print(f"reason: {result['reason']}", highlight=False)
    if result["test"] is not None:
        console.print(
            f"test: {result['test']} p = {result['p_value']:.4g} (alpha {result['alpha']:g}) on "
            f"{result['paired_items']} paired items; effect {result['effect']:+.4f} "
            f"[95% CI {result['effect_low']:+.4f}, {result['effect_high']:+.4f}]",
            highlight=False,
        )
    if result["settings_differences"]:
        described = determinants.describe(result["settings_differences"], "baseline", "candidate")
        console.print(f"settings differ (forced): {described}", highlight=False)


def _since(value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not an ISO 8601 time: {value!r}", param_hint="--since") from None


@app.command("leaderboard")
def leaderboard(
    evalset: Annotated[str | None, typer.Option(help="Only this eval set.")] = None,
    dataset: Annotated[str | None, typer.Option(help="Only models trained on this dataset.")] = None,
    model: Annotated[str | None, typer.Option(help="Only this model reference (run:<id> or a name).")] = None,
    since: Annotated[
        str | None, typer.Option(help="Evaluated at or after (ISO 8601 with timezone, e.g. 2026-01-02T00:00Z).")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many rows.")] = 50,
    cursor: Annotated[str | None, typer.Option(help="Continue after a previous page (its next_cursor).")] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rank evaluations made with different settings together, and those whose primary metric is a "
            "judge not yet checked against human labels (refused or left out otherwise).",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """The latest evaluation of each model on each eval set, best primary score first. Refused when
    evaluations on one eval set were made with different settings (what differs is listed)."""
    from tunix_rt.evaluation import determinants, store
    from tunix_rt.evaluation.schema import EvaluationSummary, LeaderboardPage
    from tunix_rt.settings import Settings

    settings = Settings()
    filters = store.LeaderboardFilters(evalset=evalset, dataset=dataset, model=model, since=_since(since))
    trust = store.JudgeTrust(settings.judge_kappa_floor, settings.judge_min_labels)
    board = _in_session(lambda session: store.leaderboard(session, filters, limit, cursor, trust, force=force))
    page = LeaderboardPage.model_validate(
        {
            "items": [EvaluationSummary.model_validate(row) for row in board.rows],
            "next_cursor": board.next_cursor,
            "settings_differences": board.settings_differences,
            "left_out": board.left_out,
        }
    )
    if as_json:
        sys.stdout.write(page.model_dump_json(indent=2) + "\n")
        return
    # Ids and numbers are never cut (an id is pasted into 'eval show'); names fold on a narrow
    # terminal. The other accuracies are in --json and 'eval show'.
    table = Table()
    for name in ("#", "eval run", "score", "format", "n"):
        table.add_column(name, no_wrap=True, justify="left" if name == "eval run" else "right")
    for name in ("metric", "model", "eval set", "dataset"):
        table.add_column(name, overflow="fold")
    for rank, item in enumerate(page.items, start=1):
        table.add_row(
            str(rank),
            str(item.run_id),
            f"{item.primary_score:.3f}",
            f"{item.format_compliance:.3f}",
            str(item.n_items),
            item.primary_metric,
            item.model,
            item.evalset_key,
            item.dataset_key or "",
        )
    console.print(table)
    for mismatch in page.settings_differences:
        err_console.print(
            f"warning: ranked with different settings on {mismatch.evalset} (--force): "
            + determinants.describe([d.model_dump() for d in mismatch.differences], "a", "b"),
            highlight=False,
        )
    for entry in page.left_out:
        err_console.print(f"left out: evaluations ranked by {entry.metric}: {entry.reason}", highlight=False)
    if page.next_cursor is not None:
        err_console.print(f"more: --cursor {page.next_cursor}", highlight=False)


@app.command("show")
def show(eval_run: EvalRunArg, as_json: JsonOption = False) -> None:
    """The scorecard of one finished eval run."""
    from tunix_rt.evaluation import store
    from tunix_rt.evaluation.schema import EvaluationRead

    async def found(session: AsyncSession) -> Evaluation:
        return await store.get(session, await _evaluation_id(session, eval_run))

    read = EvaluationRead.model_validate(_in_session(found))
    if as_json:
        sys.stdout.write(read.model_dump_json(indent=2) + "\n")
        return
    console.print(f"eval run {read.run_id}, evaluated {read.created_at:%Y-%m-%d %H:%M:%S}", highlight=False)
    print_scorecard(f"{read.model} on {read.evalset_key}", read.scorecard)


@app.command("compare")
def compare(
    a: Annotated[str, typer.Argument(metavar="A", help=f"Eval run taken as the reference. {ID_HELP}")],
    b: Annotated[str, typer.Argument(metavar="B", help=f"Eval run compared with it. {ID_HELP}")],
    metric: Annotated[str, typer.Option(help="Verdict paired on: strict, lenient, format or judge:<name>.")] = "strict",
    force: Annotated[
        bool, typer.Option("--force", help="Compare even when the two were made with different settings.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Item by item on one verdict: fixed and broken counts, McNemar's p-value, the items that differ.
    Refused when the two evaluations were made with different settings (what differs is listed)."""
    from tunix_rt.evaluation import determinants, store

    async def compared(session: AsyncSession) -> dict[str, Any]:
        a_id, b_id = await _evaluation_id(session, a), await _evaluation_id(session, b)
        return await store.compare(session, a_id, b_id, metric, force=force)

    result = _in_session(compared)
    if as_json:
        write_json(result)
        return
    if result["settings_differences"]:
        err_console.print(
            "warning: compared with different settings (--force): "
            + determinants.describe(result["settings_differences"], "A", "B"),
            highlight=False,
        )
    counts = result["counts"]
    console.print(
        f"{result['paired']} items of {result['evalset']} in both, on {result['metric']}: "
        f"accuracy {result['a_accuracy']:.3f} (A) -> "
        f"{result['b_accuracy']:.3f} (B); fixed {counts['fixed']}, broken {counts['broken']}, "
        f"both right {counts['both_right']}, both wrong {counts['both_wrong']}; "
        f"McNemar exact p = {result['mcnemar_p']:.4g}",
        highlight=False,
    )
    categories = Table("category", "n", "A", "B", "delta", title="By category")
    for name, row in result["categories"].items():
        categories.add_row(name, str(row["n"]), f"{row['a']:.3f}", f"{row['b']:.3f}", f"{row['delta']:+.3f}")
    console.print(categories)
    differ = Table("item", "outcome", "expected", "A answered", "B answered", title="Items that differ")
    for item in result["items"]:
        if item["outcome"] in ("fixed", "broken"):
            differ.add_row(
                item["id"],
                item["outcome"],
                item["expected_answer"],
                item["a"]["extracted_answer"] or "",
                item["b"]["extracted_answer"] or "",
            )
    console.print(differ)


@app.command("history")
def item_history(
    item: Annotated[str, typer.Argument(metavar="ITEM_ID", help="The item's id in the eval set.")],
    evalset: Annotated[str, typer.Option(help="Eval set key, name@vN.")],
    diff: Annotated[
        tuple[uuid.UUID, uuid.UUID] | None,
        typer.Option(metavar="A B", help="Also show the word diff of the output in eval run A to the one in B."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """One item across every evaluation that scored it, in the order the models were trained."""
    from tunix_rt.evaluation import history
    from tunix_rt.evaluation.schema import ItemHistory
    from tunix_rt.settings import Settings

    settings = Settings()
    found = ItemHistory.model_validate(
        _in_session(lambda session: history.item_history(session, settings, evalset, item))
    )
    runs = _in_session(lambda session: history.diff(session, evalset, item, *diff)) if diff else None
    if as_json:
        write_json({**found.model_dump(mode="json"), **({"diff": runs} if runs is not None else {})})
        return
    console.print(f"item {item} of {evalset}: expected {found.expected_answer}", highlight=False, markup=False)
    if found.prompt is not None:
        console.print(found.prompt, highlight=False, markup=False)
    table = Table("eval run", "model", "trained", "strict", "lenient", "answered", "failure", "output")
    table.columns[0].no_wrap = True
    for entry in found.entries:
        table.add_row(
            str(entry.evaluation),
            entry.model,
            f"{entry.trained_at:%Y-%m-%d %H:%M}" if entry.trained_at else "base",
            "yes" if entry.strict else "no",
            "yes" if entry.lenient else "no",
            entry.extracted_answer or "",
            entry.failure or "",
            entry.output[:120],
        )
    console.print(table)
    if diff and runs is not None:
        # git's word-diff markers, so the change reads the same in a pipe without colour
        console.print(f"word diff of eval run {diff[0]} -> {diff[1]} ([-removed-] {{+added+}}):", highlight=False)
        marks = {"equal": ("", "", ""), "delete": ("[-", "-]", "red"), "insert": ("{+", "+}", "green")}
        line = Text()
        for part in runs:
            before, after, style = marks[part["op"]]
            line.append(f"{before}{part['text']}{after}", style=style)
        console.print(line)


class LabelChoice(StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    UNSURE = "unsure"


@app.command("label")
def label_item(
    eval_run: EvalRunArg,
    item: Annotated[str, typer.Argument(metavar="ITEM_ID", help="The item's id in the eval set.")],
    label: Annotated[LabelChoice, typer.Argument(help="Your verdict on the output.")],
    note: Annotated[str | None, typer.Option(help="Why, for whoever reads the label later.")] = None,
) -> None:
    """Label one item of an evaluation correct, incorrect or unsure: the ground truth judges are checked against."""
    import getpass

    from tunix_rt.evaluation import labels

    by = f"cli:{getpass.getuser()}"

    async def labelled(session: AsyncSession) -> ItemLabel:
        run_id = await _evaluation_id(session, eval_run)
        return await labels.set_label(session, run_id, item, label.value, note, by)

    row = _in_session(labelled, writes=True)
    console.print(f"labelled item {row.item_id} of {row.run_id} {row.label} (by {row.labeled_by})", highlight=False)


@app.command("agreement")
def agreement(
    eval_run: Annotated[
        str | None, typer.Argument(metavar="[EVAL_RUN_ID]", help="One evaluation (an id or prefix); omit with --judge.")
    ] = None,
    judge: Annotated[
        str | None, typer.Option(help="One judge over every labelled item of every evaluation (what a gate needs).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """How far each judge (and the checker's strict and lenient verdicts) agrees with human labels."""
    from tunix_rt.evaluation import labels

    if (eval_run is None) == (judge is None):
        raise typer.BadParameter("give an EVAL_RUN_ID or --judge NAME (one of them)")
    if eval_run is not None:
        chosen = eval_run

        async def measured(session: AsyncSession) -> dict[str, Any]:
            return await labels.evaluation_agreement(session, await _evaluation_id(session, chosen))

        report = _in_session(measured)
        judges = report["judges"]
    else:
        assert judge is not None
        judges = {judge: _in_session(lambda session: labels.judge_agreement(session, judge))}
        report = judges[judge]
    if as_json:
        write_json(report)
        return
    table = Table("judge", "labelled", "accuracy", "kappa", "tp", "fp", "fn", "tn", "disagree on")
    for name, found in judges.items():
        counts = found["confusion"]
        table.add_row(
            name,
            str(found["n"]),
            "-" if found["accuracy"] is None else f"{found['accuracy']:.3f}",
            "-" if found["kappa"] is None else f"{found['kappa']:.3f}",
            *(str(counts[key]) for key in ("tp", "fp", "fn", "tn")),
            ", ".join(d["item_id"] for d in found["disagreements"][:10]),
        )
    console.print(table)


@baselines_app.command("create")
def create_baseline(
    name: Annotated[str, typer.Argument(help="Unique name, the one 'eval gate --baseline' takes.")],
    evalset: Annotated[str, typer.Option(help="Eval set the baseline and candidates are scored on.")],
    evaluation: Annotated[
        str | None, typer.Option(metavar="EVAL_RUN_ID", help=f"The eval run whose score is the bar. {ID_HELP}")
    ] = None,
    run_id: Annotated[
        str | None,
        typer.Option(
            "--run", metavar="RUN_ID", help=f"A training run: its latest evaluation on EVALSET is the bar. {ID_HELP}"
        ),
    ] = None,
    metric: Annotated[str, typer.Option(help="Scorecard metric compared.")] = "strict_accuracy",
    direction: Annotated[str, typer.Option(help="Which way of the metric is better: higher or lower.")] = "higher",
    abs_tolerance: Annotated[
        float, typer.Option(help="Minimum effect that counts as a regression, in the metric's units.")
    ] = 0.0,
    rel_tolerance: Annotated[
        float, typer.Option(help="Minimum effect as a fraction of the baseline (the larger of the two applies).")
    ] = 0.0,
    alpha: Annotated[
        float,
        typer.Option(help="Significance level a shortfall's paired test must reach to fail; 1 fails on it alone."),
    ] = 0.05,
) -> None:
    """Name an eval run (or a training run's latest evaluation) as the bar 'eval gate' checks against."""
    from tunix_rt.evaluation import store
    from tunix_rt.evaluation.schema import BaselineCreate

    body = BaselineCreate.model_validate(
        {
            "name": name,
            "evalset": evalset,
            "evaluation": evaluation,
            "run": run_id,
            "metric": metric,
            "direction": direction,
            "abs_tolerance": abs_tolerance,
            "rel_tolerance": rel_tolerance,
            "alpha": alpha,
        }
    )

    async def create(session: AsyncSession) -> RegressionBaseline:
        return await store.create_baseline(session, await body.row(session))

    created = _in_session(create, writes=True)
    console.print(f"created baseline {created.name}: {_bar(created)}", highlight=False)


def _bar(baseline: RegressionBaseline) -> str:
    """What a baseline holds candidates to, in words."""
    against = (
        f"eval run {baseline.evaluation_id}"
        if baseline.evaluation_id is not None
        else f"the latest evaluation of run {baseline.run_id}"
    )
    tolerance = f"abs {baseline.abs_tolerance:g}, rel {baseline.rel_tolerance:g}, alpha {baseline.alpha:g}"
    return f"{baseline.metric} ({baseline.direction} is better, {tolerance}) of {against} on {baseline.evalset_key}"


@baselines_app.command("list")
def list_baselines(as_json: JsonOption = False) -> None:
    """The regression baselines, by name."""
    from tunix_rt.evaluation import store
    from tunix_rt.evaluation.schema import BaselineRead

    rows = _in_session(store.list_baselines)
    if as_json:
        write_json([BaselineRead.model_validate(row).model_dump(mode="json") for row in rows])
        return
    table = Table("name", "bar", "created")
    for row in rows:
        table.add_row(row.name, _bar(row), f"{row.created_at:%Y-%m-%d %H:%M:%S}")
    console.print(table)


@baselines_app.command("delete")
def delete_baseline(name: Annotated[str, typer.Argument(help="Baseline name.")]) -> None:
    """Delete a regression baseline (the eval runs it named stay)."""
    from tunix_rt.evaluation import store

    _in_session(lambda session: store.delete_baseline(session, name), writes=True)
    console.print(f"deleted baseline {name}", highlight=False)


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
    """Test the answer checker on your own cases: exit 0 if every verdict matches, 1 on a wrong accept or reject."""
    from tunix_rt.evaluation.answer_cases import BUILTIN, read_cases, run_cases

    path = cases or BUILTIN
    report = run_cases(read_cases(path), mode.value)
    if as_json:
        write_json(report.as_json())
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
