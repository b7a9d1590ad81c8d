"""The data of an arithmetic experiment: column-arithmetic traces, a dataset whose eval split
holds out whole problems, optionally its answer-only twin (the same traces in the same splits,
without the steps), and the eval set of the held-out problems that every arm is judged on.

The demo and the experiments build their data here, through the same store functions as the
API and the CLI, so what they measure is what a user's own builds would give."""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tunix_rt.console import console

if TYPE_CHECKING:
    # Annotations only: `tunix-rt --help` builds the demo's and experiments' options from
    # ExperimentOptions and must not pay for SQLAlchemy and the settings.
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

    from tunix_rt.settings import Settings

Operation = Literal["addition", "subtraction"]


@dataclass(frozen=True)
class ProblemSet:
    """Which problems, how many, and how many are held out."""

    name: str
    digits: int
    traces: int
    eval_items: int
    seed: int
    operations: tuple[Operation, ...] = ("addition",)

    @property
    def description(self) -> str:
        return f"{self.digits}-digit {' and '.join(self.operations)}, worked one column per step"


@dataclass(frozen=True)
class ExperimentOptions:
    """What every arithmetic experiment is asked: framework, problems, held-out count, seed.
    Each experiment adds its own fields; every field is a ``--option`` of its command."""

    backend: Literal["torch", "jax"] = "torch"
    digits: int = 2
    traces: int = 3000
    eval_items: int = 200
    seed: int = 0

    @property
    def max_new_tokens(self) -> int:
        """Room for a worked answer: about 22 tokens a column, the restated sum and the tags."""
        return 48 + 24 * self.digits

    @property
    def max_seq_length(self) -> int:
        """The longest training example: the chat-templated prompt plus the worked answer."""
        return 2 * self.max_new_tokens

    def problems(self, name: str) -> ProblemSet:
        return ProblemSet(name, self.digits, self.traces, self.eval_items, self.seed)

    def command(self, name: str) -> str:
        """The command line that reruns the experiment ``name`` with exactly these options."""
        options = [
            (f"--{field.name.replace('_', '-')}", str(getattr(self, field.name))) for field in dataclasses.fields(self)
        ]
        return shlex.join(["tunix-rt", "experiment", name, *(part for option in options for part in option)])


@dataclass(frozen=True)
class Prepared:
    """Keys of what was built: the dataset with steps, its answer-only twin (if asked for), and
    the eval set of held-out problems."""

    dataset: str
    twin: str | None
    evalset: str
    train_items: int
    heldout_items: int


async def prepare(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    problems: ProblemSet,
    tags: Sequence[str],
    *,
    answer_only_twin: bool = False,
) -> Prepared:
    """Generate the traces, build the dataset(s) and derive the eval set of held-out problems."""
    from tunix_rt.datasets import evalsets
    from tunix_rt.datasets import store as datasets
    from tunix_rt.datasets.evalsets import EvalSetDerive
    from tunix_rt.datasets.schema import DatasetCreate
    from tunix_rt.db import transaction
    from tunix_rt.traces.ingest import store_synthetic
    from tunix_rt.traces.schema import ColumnArithmeticOptions

    options = ColumnArithmeticOptions(
        min_digits=problems.digits, max_digits=problems.digits, operations=list(problems.operations)
    )
    async with transaction(sessions) as session:
        outcome = await store_synthetic(
            session, "column_arithmetic", problems.traces, problems.seed, list(tags), settings.limits, options
        )
    console.print(f"[green]✓[/] {problems.traces} traces: {problems.description} ({outcome.created} new)")
    request = {
        "name": problems.name,
        "description": f"{problems.description}; the eval split holds out whole problems",
        "query": {"ids": [str(item.id) for item in outcome.items]},
        "split": {"eval_count": problems.eval_items, "seed": problems.seed, "group_by": "problem"},
    }
    async with transaction(sessions) as session:
        built = await datasets.build(session, settings, DatasetCreate.model_validate(request))
        dataset, counts = built.key, dict(built.counts)
    console.print(f"[green]✓[/] dataset {dataset}: {counts['train']} train, {counts['eval']} held-out problems")
    twin = None
    if answer_only_twin:
        twin_request = {
            **request,
            "name": f"{problems.name}-answer-only",
            "description": f"the answer-only twin of {dataset}: the same traces and splits, no steps",
            "transforms": {"answer_only": True},
        }
        async with transaction(sessions) as session:
            twin = (await datasets.build(session, settings, DatasetCreate.model_validate(twin_request))).key
        console.print(f"[green]✓[/] answer-only twin {twin}")
    derive = EvalSetDerive(name=f"{problems.name}-eval", dataset=dataset, description=f"the eval split of {dataset}")
    async with transaction(sessions) as session:
        evalset = (await evalsets.derive(session, settings, derive)).key
    console.print(f"[green]✓[/] eval set {evalset}")
    return Prepared(dataset, twin, evalset, counts["train"], counts["eval"])
