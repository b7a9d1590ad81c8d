"""One evaluation, top to bottom: items -> model -> generation -> judges -> predictions -> scorecard.

``evaluate`` is what the ``eval`` run kind's child (and ``tunix-rt eval --local``) runs in a run
folder. It reads the eval set from its snapshot under the data home and the model from a run
folder or a model reference, never the database, and leaves the evidence in the folder:
``predictions.jsonl`` (one line per item: the item, the output, the extracted answer, strict and
lenient verdicts, format verdict, each judge's verdict and details, the failure label) and
``eval_summary.json`` (config, eval set hash, model source, judges with versions, generation
parameters, throughput and the scorecard). The worker ingests both when the run succeeds.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import orjson

from tunix_rt.datasets.evalsets import ITEMS, EvalItem
from tunix_rt.datasets.snapshot import folder
from tunix_rt.errors import NotFound
from tunix_rt.evaluation import answers, determinants, generate, jax_generate, judges, sampling, scorecard
from tunix_rt.evaluation.config import EvalConfig
from tunix_rt.runs.events import EventSink
from tunix_rt.settings import Settings
from tunix_rt.training import manifest

PREDICTIONS = "predictions.jsonl"
SUMMARY = "eval_summary.json"


def read_items(settings: Settings, key: str, limit: int | None) -> tuple[list[EvalItem], str]:
    """The eval set's items (the first ``limit``) and the sha256 of its items file."""
    path = folder(settings, key) / ITEMS
    if not path.is_file():
        raise NotFound(f"eval set {key} has no {ITEMS} under {settings.home / 'datasets'}")
    raw = path.read_bytes()
    items = [EvalItem.model_validate_json(line) for line in raw.splitlines() if line.strip()]
    return items[:limit] if limit is not None else items, hashlib.sha256(raw).hexdigest()


def token_count(tokenizer: Any, text: str) -> int:
    """Tokens of ``text`` alone (no special tokens), as the model that wrote it counts them."""
    return len(tokenizer.encode(text, add_special_tokens=False))


def judge_outputs(
    items: Sequence[EvalItem],
    outputs: Sequence[generate.Generation],
    chosen: Sequence[judges.Judge],
    template: Any,
    count_tokens: Callable[[str], int],
) -> list[scorecard.Prediction]:
    """Predictions: each item with its output, answer verdicts, format verdict, judges, failure,
    and the length in tokens (``count_tokens``, the model's tokenizer) of its reasoning span."""
    format_judge = judges.FormatJudge(template)
    predictions = []
    for item, generation in zip(items, outputs, strict=True):
        verdict = answers.check_output(generation.text, item.expected_answer, template)
        reasoning = template.split_reasoning(generation.text).reasoning
        form = format_judge.judge(item.prompt, generation.text, item.expected_answer)
        verdicts = {}
        for judge in chosen:
            judged = form if judge.name == "format" else judge.judge(item.prompt, generation.text, item.expected_answer)
            verdicts[judge.name] = {"correct": judged.correct, "version": judge.version, "details": judged.details}
        prediction: scorecard.Prediction = {
            **item.model_dump(),
            "output": generation.text,
            "output_tokens": generation.tokens,
            "truncated": generation.truncated,
            "reasoning_tokens": None if reasoning is None else count_tokens(reasoning),
            "incomplete": verdict.incomplete,
            "extracted_answer": verdict.extracted,
            "method": verdict.method,
            "reason": verdict.reason,
            "strict": verdict.strict,
            "lenient": verdict.lenient,
            "correct": verdict.strict,
            "format_ok": bool(form.correct),
            "format_problems": form.details["problems"],
            "judges": verdicts,
        }
        prediction["failure"] = None if verdict.strict else scorecard.classify_failure(prediction)
        predictions.append(prediction)
    return predictions


def evaluate(config: EvalConfig, run_dir: Path, events: EventSink, settings: Settings) -> dict[str, Any]:
    """Run the evaluation in ``run_dir``; returns the summary it also writes."""
    started = manifest.now()
    events.status("reading eval set")
    items, items_sha256 = read_items(settings, config.evalset, config.limit)
    backend: generate.Backend = jax_generate if config.backend == "jax" else generate
    device = backend.resolve_device(config.device)
    events.status("loading model")
    if config.run is not None:
        loaded = backend.load_run(settings.home / "runs" / str(config.run), config.template, device)
    else:
        assert config.model is not None
        texts = [text for item in items for text in (item.prompt, item.expected_answer)]
        loaded = backend.load_model(
            config.model, texts, config.template, device, config.sampling.seed, config.tokenizer_settings.digits
        )
    chosen = judges.build(config.judges, loaded.template, settings)
    prompts = generate.render_prompts(loaded.tokenizer, [item.prompt for item in items], loaded.template)

    def progress(done: int, total: int) -> None:
        events.status(f"generated {done}/{total}", progress=done / total)

    k = config.samples
    events.status("generating", progress=0.0)
    clock = time.perf_counter()
    outputs = backend.generate(
        loaded,
        [prompt for prompt in prompts for _ in range(k)],
        batch_size=config.batch_size,
        max_new_tokens=config.max_new_tokens,
        sampling=config.sampling,
        progress=progress,
    )
    seconds = time.perf_counter() - clock
    limited = sum(1 for output in outputs[::k] if output.budget < config.max_new_tokens)
    if limited:
        events.log(
            f"{limited} of {len(items)} items had room for fewer than max_new_tokens ({config.max_new_tokens}) "
            f"new tokens: the model has {loaded.max_positions} positions for prompt and output together; "
            "outputs cut there are marked truncated",
            level="warning",
        )
    events.status("judging")
    count_tokens = partial(token_count, loaded.tokenizer)
    judged = judge_outputs([item for item in items for _ in range(k)], outputs, chosen, loaded.template, count_tokens)
    predictions = sampling.group(judged, k) if k > 1 else judged
    with (run_dir / PREDICTIONS).open("wb") as handle:
        for prediction, prompt in zip(predictions, prompts, strict=True):
            handle.write(orjson.dumps({**prediction, "rendered_prompt": prompt}, option=orjson.OPT_SORT_KEYS) + b"\n")
    card = scorecard.scorecard(predictions, config.primary_metric)
    if k > 1:
        card["sampling"] = sampling.scores(predictions, k)
    packages = manifest.package_versions(config.backend)
    card["settings"] = determinants.record(
        config,
        device=device,
        dtype=backend.dtype(loaded),
        template=loaded.template,
        judges={judge.name: judge.version for judge in chosen},
        checker_version=answers.CHECKER_VERSION,
        evalset_sha256=items_sha256,
        items=len(items),
        packages=packages,
    )
    card["settings_hash"] = determinants.fingerprint(card["settings"])
    summary = {
        "kind": "eval",
        "config": config.model_dump(mode="json"),
        "evalset": {"key": config.evalset, "sha256": items_sha256, "items": len(items)},
        "model": {**loaded.source, "ref": config.model_ref},
        "template": loaded.template.model_dump(mode="json"),
        "judges": [{"name": judge.name, "version": judge.version} for judge in chosen],
        "generation": {
            "backend": config.backend,
            "device": device,
            "batch_size": config.batch_size,
            "max_new_tokens": config.max_new_tokens,
            "max_positions": loaded.max_positions,
            "position_limited": limited,
            "sampling": config.sampling.model_dump(),
            "samples": k,
            "seconds": seconds,
            "items_per_second": len(items) / seconds if seconds > 0 else 0.0,
        },
        "packages": packages,
        "git_commit": manifest.git_commit(),
        "started_at": started,
        "ended_at": manifest.now(),
        "scorecard": card,
    }
    (run_dir / SUMMARY).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    events.metric(
        0,
        {
            "strict_accuracy": card["strict_accuracy"]["value"],
            "lenient_accuracy": card["lenient_accuracy"]["value"],
            "format_compliance": card["format_compliance"]["value"],
            "primary_score": card["primary_score"],
        },
    )
    events.artifact(PREDICTIONS)
    events.artifact(SUMMARY)
    events.log(scorecard.headline(card))
    return summary
