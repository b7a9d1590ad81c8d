"""An experiment's report: each arm's scores with Wilson intervals, cost and tokens seen, the
item-level McNemar test between two arms, saved as JSON (for tools) and Markdown (for people)
under ``<home>/experiments/<name>-<time>/``.

Every number comes from the store (scorecards, item verdicts, run times, the ``num_tokens``
metric the trainer logs), never from the experiment's own bookkeeping, so the report says what a
user would find by opening the runs in the UI."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from rich.table import Table
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.console import console


@dataclass(frozen=True)
class Arm:
    """One arm: what it trained on, its training run and the evaluation of that run."""

    name: str
    dataset: str
    train_run: uuid.UUID
    eval_run: uuid.UUID


def _seconds(started: datetime | None, finished: datetime | None) -> float | None:
    return round((finished - started).total_seconds(), 1) if started and finished else None


async def arm_row(session: AsyncSession, home: Path, arm: Arm) -> dict[str, Any]:
    """Scores, output length, cost and tokens of one arm, read from the store (and the optimizer
    steps from the training run's manifest, which records the trainer's final step)."""
    from tunix_rt.evaluation import store as evaluations
    from tunix_rt.runs import artifacts
    from tunix_rt.runs import store as runs
    from tunix_rt.training.manifest import MANIFEST

    card = (await evaluations.get(session, arm.eval_run)).scorecard
    train = await runs.get(session, arm.train_run)
    evaluation = await runs.get(session, arm.eval_run)
    tokens = await runs.metric_points(session, arm.train_run, "num_tokens")
    losses = await runs.metric_points(session, arm.train_run, "loss")
    evidence = orjson.loads((artifacts.run_dir(home, arm.train_run) / MANIFEST).read_bytes())
    return {
        "name": arm.name,
        "dataset": arm.dataset,
        "train_run": str(arm.train_run),
        "eval_run": str(arm.eval_run),
        "strict_accuracy": card["strict_accuracy"],
        "lenient_accuracy": card["lenient_accuracy"],
        "format_compliance": card["format_compliance"],
        "mean_output_tokens": card["mean_output_tokens"],
        "optimizer_steps": evidence.get("steps"),
        "final_loss": losses[-1][1] if losses else None,
        "tokens_seen": int(tokens[-1][1]) if tokens else None,
        "train_seconds": _seconds(train.started_at, train.finished_at),
        "eval_seconds": _seconds(evaluation.started_at, evaluation.finished_at),
    }


async def comparison(session: AsyncSession, a: Arm, b: Arm) -> dict[str, Any]:
    """Item by item on the held-out problems: b's gains and losses over a, McNemar's exact p.

    Forced: the arms are meant to differ (an answer-only template, a shorter answer budget), and
    an experiment is the place that decided so. What differs is kept in the report, beside what
    was held equal, so a reader sees both."""
    from tunix_rt.evaluation import store as evaluations

    compared = await evaluations.compare(session, a.eval_run, b.eval_run, force=True)
    differences = compared["settings_differences"]
    link = f"/evaluations/compare?a={a.eval_run}&b={b.eval_run}" + ("&force=1" if differences else "")
    return {
        "a": a.name,
        "b": b.name,
        "paired_items": compared["paired"],
        "counts": compared["counts"],
        "mcnemar_p": compared["mcnemar_p"],
        "settings_differences": differences,
        "ui": link,
    }


def _rate(rate: dict[str, Any]) -> str:
    return f"{rate['value']:.3f} ({rate['hits']}/{rate['n']}) [{rate['low']:.3f}, {rate['high']:.3f}]"


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else orjson.dumps(value).decode()


def _cell(value: Any) -> str:
    return "—" if value is None else f"{value:,}" if isinstance(value, int) else str(value)


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: the question, what was held equal, the table, the test, how to rerun."""
    lines = [f"# {report['title']}", "", report["question"], ""]
    lines += ["Held equal: " + ", ".join(f"{key} {value}" for key, value in report["held_equal"].items()) + ".", ""]
    data = report["data"]
    lines += [
        f"Data: dataset `{data['dataset']}` ({data['train_items']} training traces), eval set `{data['evalset']}` "
        f"({data['heldout_items']} held-out problems, none seen in training).",
        "",
        "| arm | strict accuracy (95% CI) | format | mean output tokens | optimizer steps | tokens seen "
        "| final loss | train s | eval s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for arm in report["arms"]:
        loss = None if arm["final_loss"] is None else round(arm["final_loss"], 4)
        lines.append(
            f"| {arm['name']} | {_rate(arm['strict_accuracy'])} | {arm['format_compliance']['value']:.3f} "
            f"| {arm['mean_output_tokens']:.1f} | {_cell(arm['optimizer_steps'])} | {_cell(arm['tokens_seen'])} "
            f"| {_cell(loss)} | {_cell(arm['train_seconds'])} | {_cell(arm['eval_seconds'])} |"
        )
    test = report["comparison"]
    counts = test["counts"]
    lines += [
        "",
        f"Item by item ({test['paired_items']} problems): {counts['fixed']} right only in arm '{test['b']}', "
        f"{counts['broken']} right only in arm '{test['a']}', {counts['both_right']} right in both, "
        f"{counts['both_wrong']} wrong in both; McNemar's exact test p = {test['mcnemar_p']:.3g}.",
        "",
    ]
    if test["settings_differences"]:
        differ = ", ".join(
            f"{d['setting']} {_shown(d['a'])} ('{test['a']}') vs {_shown(d['b'])} ('{test['b']}')"
            for d in test["settings_differences"]
        )
        lines += [f"Evaluated with different settings, by the arms' design: {differ}.", ""]
    lines += [
        f"Whole experiment: {report['seconds']:.0f} s. Reproduce with:",
        "",
        "```bash",
        report["command"],
        "```",
        "",
        f"In the web UI: the item-by-item comparison at `{test['ui']}`, the training curves at "
        f"`/runs/compare?ids={','.join(arm['train_run'] for arm in report['arms'])}`.",
        "",
    ]
    return "\n".join(lines)


def save(home: Path, name: str, report: dict[str, Any]) -> Path:
    """Write ``report.json`` and ``report.md`` into a new folder under ``<home>/experiments``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = home / "experiments" / f"{name}-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    (folder / "report.json").write_bytes(orjson.dumps(report, option=orjson.OPT_INDENT_2))
    (folder / "report.md").write_text(markdown(report))
    return folder


def print_table(report: dict[str, Any]) -> None:
    table = Table(title=report["title"])
    for column in ("arm", "strict (95% CI)", "format", "output tokens", "steps", "tokens seen", "train s"):
        table.add_column(column, justify="left" if column == "arm" else "right")
    for arm in report["arms"]:
        table.add_row(
            arm["name"],
            _rate(arm["strict_accuracy"]),
            f"{arm['format_compliance']['value']:.3f}",
            f"{arm['mean_output_tokens']:.1f}",
            _cell(arm["optimizer_steps"]),
            _cell(arm["tokens_seen"]),
            _cell(arm["train_seconds"]),
        )
    console.print(table)
    test = report["comparison"]
    console.print(
        f"McNemar ({test['b']} vs {test['a']}, {test['paired_items']} problems): "
        f"{test['counts']['fixed']} gained, {test['counts']['broken']} lost, p = {test['mcnemar_p']:.3g}",
        highlight=False,
    )


async def build(
    session: AsyncSession, home: Path, head: dict[str, Any], arms: Sequence[Arm], seconds: float
) -> dict[str, Any]:
    """The full report: ``head`` (title, question, held_equal, data, command) plus the arms and
    the comparison of the last arm against the first."""
    rows = [await arm_row(session, home, arm) for arm in arms]
    return {**head, "arms": rows, "comparison": await comparison(session, arms[0], arms[-1]), "seconds": seconds}
