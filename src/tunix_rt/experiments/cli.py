"""``tunix-rt experiment ...``: each command composes ordinary runs, executes them with an
in-process worker and writes a report (JSON + Markdown) into the data home. Every option is a
field of the experiment's options, and the report records the command that reruns it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

import typer

from tunix_rt.console import run

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from tunix_rt.experiments.problems import ExperimentOptions
    from tunix_rt.settings import Settings

    Opts = TypeVar("Opts", bound=ExperimentOptions)
    Runner = Callable[[Settings, Opts], Coroutine[Any, Any, tuple[dict[str, Any], Path]]]

# Settings and the experiments are imported inside the commands: `tunix-rt --help` must not pay
# for pydantic and SQLAlchemy.

app = typer.Typer(no_args_is_help=True, help="Experiments: runs composed to answer one question, with a report.")

Home = Annotated[Path | None, typer.Option(help="Data home to write into (default: TUNIX_RT_HOME, ./.tunix-rt).")]
Backend = Annotated[str, typer.Option(help="torch or jax: the framework every arm trains and generates with.")]
Digits = Annotated[int, typer.Option(min=1, max=4, help="Digits of each operand (addition).")]
Traces = Annotated[int, typer.Option(min=10, help="Traces, training and held-out together.")]
EvalItems = Annotated[int, typer.Option(min=1, help="Held-out problems every arm is judged on.")]
Seed = Annotated[int, typer.Option(min=0, help="Seed of traces, split, initialisation and sampling.")]


def _backend(value: str) -> Literal["torch", "jax"]:
    if value not in ("torch", "jax"):
        raise typer.BadParameter("torch or jax", param_hint="--backend")
    return "torch" if value == "torch" else "jax"


def _run(home: Path | None, runner: Runner[Opts], options: Opts, *, arms: bool = True) -> None:
    """Check what the options cannot check alone, run the experiment and print its table of
    ``arms`` (an experiment without arms prints its own as it goes)."""
    from tunix_rt.experiments import report
    from tunix_rt.settings import Settings

    if options.eval_items >= options.traces:
        raise typer.BadParameter("the held-out problems must leave traces to train on", param_hint="--eval-items")
    settings = Settings(home=home) if home is not None else Settings()
    built, _folder = run(runner(settings, options))
    if arms:
        report.print_table(built)


@app.command("show-your-work")
def show_your_work(
    home: Home = None,
    backend: Backend = "torch",
    digits: Digits = 3,
    traces: Traces = 4000,
    eval_items: EvalItems = 200,
    seed: Seed = 0,
    steps: Annotated[int, typer.Option(min=1, help="Optimizer steps of each arm.")] = 600,
    batch_size: Annotated[int, typer.Option(min=1, help="Examples per optimizer step, both arms.")] = 32,
    lr: Annotated[float, typer.Option(min=0, help="Peak learning rate, both arms.")] = 3e-3,
    model: Annotated[str, typer.Option(help="Model both arms start from (a tiny preset: random init).")] = "tiny-llama",
) -> None:
    """Train the same model with and without intermediate steps; compare on held-out problems."""
    from tunix_rt.experiments.show_your_work import Options, run_experiment

    options = Options(_backend(backend), digits, traces, eval_items, seed, steps, batch_size, lr, model)
    _run(home, run_experiment, options)


@app.command("grpo")
def grpo(
    home: Home = None,
    backend: Backend = "torch",
    digits: Digits = 2,
    traces: Traces = 3000,
    eval_items: EvalItems = 200,
    seed: Seed = 0,
    sft_steps: Annotated[int, typer.Option(min=1, help="SFT steps (few, so GRPO has room to lift).")] = 250,
    grpo_steps: Annotated[int, typer.Option(min=1, help="GRPO optimizer steps.")] = 100,
    generations: Annotated[int, typer.Option(min=2, help="Answers sampled per prompt (the GRPO group).")] = 8,
    prompts_per_step: Annotated[int, typer.Option(min=1, help="Prompts per GRPO step.")] = 4,
    grpo_lr: Annotated[float, typer.Option(min=0, help="GRPO learning rate.")] = 1e-4,
    temperature: Annotated[float, typer.Option(min=0.01, help="Sampling temperature of the groups.")] = 1.0,
) -> None:
    """SFT a tiny model briefly, then GRPO from it; compare both on held-out problems."""
    from tunix_rt.experiments.grpo import Options, run_experiment

    options = Options(
        _backend(backend),
        digits,
        traces,
        eval_items,
        seed,
        sft_steps,
        grpo_steps,
        generations,
        prompts_per_step,
        grpo_lr,
        temperature,
    )
    _run(home, run_experiment, options)


@app.command("self-improve")
def self_improve(
    home: Home = None,
    backend: Backend = "torch",
    digits: Digits = 2,
    traces: Traces = 3000,
    eval_items: EvalItems = 200,
    seed: Seed = 0,
    sft_steps: Annotated[int, typer.Option(min=1, help="Steps of the starting SFT (few: a weak round 0).")] = 250,
    rounds: Annotated[int, typer.Option(min=1, help="Rounds after round 0.")] = 2,
    k: Annotated[int, typer.Option(min=1, help="Answers sampled per training prompt each round.")] = 4,
    prompts: Annotated[int, typer.Option(min=1, help="Training prompts sampled each round.")] = 2800,
    temperature: Annotated[float, typer.Option(min=0, help="Sampling temperature.")] = 0.8,
    round_steps: Annotated[int, typer.Option(min=1, help="SFT steps of each round.")] = 300,
    round_lr: Annotated[float, typer.Option(min=0, help="SFT learning rate of each round.")] = 3e-3,
    mix_previous: Annotated[bool, typer.Option(help="Train each round on all rounds' verified samples.")] = True,
) -> None:
    """A weak SFT model, then rounds of training on its own verified answers; held-out accuracy per round."""
    from tunix_rt.experiments.self_improve import Options, run_experiment

    options = Options(
        _backend(backend),
        digits,
        traces,
        eval_items,
        seed,
        sft_steps,
        rounds,
        k,
        prompts,
        temperature,
        round_steps,
        round_lr,
        mix_previous,
    )
    _run(home, run_experiment, options, arms=False)
