"""A sampling run, top to bottom: prompts -> k completions each -> traces -> kept or dropped.

``sample`` is what the ``sample`` run kind's child runs in its run folder. Every completion is
appended to ``samples.jsonl`` (the cache) the moment it arrives, keyed by the sha256 of
(model, prompt, parameters, sample index): a retried or resumed run reads the cache first and
asks the model only for what is missing, so a completion is never paid for twice, and a run
that fails on a bad endpoint loses none of the completions it already had.

Each completion is parsed into a trace: the template's reasoning span (else a ``<think>`` span,
else the text before the answer tag) cut into steps at numbered markers or lines, the answer
extracted and checked against the expected answer (``answers.check_output``), and each extra
judge's verdict recorded. The policy decides what is kept; ``traces.jsonl`` holds the kept
traces, each with its provenance under ``meta.provenance`` (see docs/traces.md), and the worker
stores them through the trace ingest path when the run succeeds. ``sample_summary.json`` holds
the counts kept and dropped per reason, pass@1 and pass@k (Chen et al. 2021) and the tokens.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from tunix_rt.datasets import snapshot
from tunix_rt.datasets.evalsets import EvalItem
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import Invalid, NotFound
from tunix_rt.evaluation import answers, judges
from tunix_rt.evaluation.sampling import pass_at_k
from tunix_rt.runs.events import EventSink
from tunix_rt.sampling.config import Price, SampleConfig
from tunix_rt.sampling.endpoint import Client, Completion, RateLimit
from tunix_rt.settings import Settings
from tunix_rt.traces.schema import TraceIn

CACHE = "samples.jsonl"
TRACES = "traces.jsonl"
SUMMARY = "sample_summary.json"
THINK = RenderTemplate(reasoning_open="<think>", reasoning_close="</think>")
_NUMBERED = re.compile(r"^\s*(?:step\s*)?\d+\s*[.):]\s*", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class Job:
    """One completion to draw: the item, its sample index and its cache key."""

    item: EvalItem
    index: int
    key: str


def cache_key(model: str, prompt: str, params: dict[str, Any], index: int) -> str:
    """sha256 of the canonical JSON of what decides a completion."""
    canonical = orjson.dumps(
        {"model": model, "prompt": prompt, "params": params, "index": index}, option=orjson.OPT_SORT_KEYS
    )
    return hashlib.sha256(canonical).hexdigest()


def read_items(config: SampleConfig, settings: Settings) -> list[EvalItem]:
    """The prompts with their expected answers, from the eval set or the prompts file."""
    from tunix_rt.evaluation.evaluate import read_items as evalset_items

    if config.source.evalset is not None:
        items, _sha = evalset_items(settings, config.source.evalset, config.source.limit)
        return items
    if config.source.dataset is not None:
        return dataset_items(settings, config.source.dataset, config.source.split, config.source.limit)
    assert config.source.prompts_file is not None
    path = Path(config.source.prompts_file)
    if not path.is_file():
        raise Invalid(f"prompts file {path} does not exist")
    items = [EvalItem.model_validate_json(line) for line in path.read_bytes().splitlines() if line.strip()]
    return items[: config.source.limit] if config.source.limit is not None else items


def dataset_items(settings: Settings, key: str, split: str, limit: int | None) -> list[EvalItem]:
    """A trace dataset's split as items: each trace's id, prompt and final answer (the expected one)."""
    path = snapshot.folder(settings, key) / f"{split}.jsonl"
    if not path.is_file():
        raise NotFound(f"dataset {key} has no {split} split under {settings.home / 'datasets'}")
    items = []
    for line in path.read_bytes().splitlines():
        if line.strip():
            record = orjson.loads(line)
            items.append(
                EvalItem(id=str(record["id"]), prompt=record["prompt"], expected_answer=record["final_answer"])
            )
            if limit is not None and len(items) == limit:
                break
    return items


def read_cache(path: Path) -> dict[str, dict[str, Any]]:
    """The cached completions by key; a last line cut by a crash is ignored (its sample is redrawn)."""
    cached: dict[str, dict[str, Any]] = {}
    if path.is_file():
        for line in path.read_bytes().splitlines():
            try:
                record = orjson.loads(line)
            except orjson.JSONDecodeError:
                continue
            cached[record["key"]] = record
    return cached


def split_steps(reasoning: str) -> list[str]:
    """Reasoning text cut into steps: at numbered markers (``1.``, ``Step 2:``) when there are
    two or more, else at lines; blank pieces dropped.

    >>> split_steps("1. add 3\\n2. carry the 1")
    ['add 3', 'carry the 1']
    >>> split_steps("first\\n\\nthen")
    ['first', 'then']
    """
    pieces = _NUMBERED.split(reasoning) if len(_NUMBERED.findall(reasoning)) >= 2 else reasoning.splitlines()
    return [piece.strip() for piece in pieces if piece.strip()]


def reasoning_of(text: str, template: RenderTemplate) -> str:
    """The completion's reasoning: the template's span, else a ``<think>`` span, else what
    precedes the answer tag (the whole text when there is none)."""
    for candidate in (template, THINK):
        split = candidate.split_reasoning(text)
        if split.reasoning:
            return split.reasoning
    return text.split(template.answer_open, 1)[0]


def parse(
    record: dict[str, Any], item: EvalItem, template: RenderTemplate, chosen: Sequence[judges.Judge]
) -> dict[str, Any]:
    """A completion judged and parsed: its verdict, reward, steps and answer (None when absent)."""
    text = record["text"]
    verdict = answers.check_output(text, item.expected_answer, template)
    if not verdict.strict and THINK.reasoning_open in text:
        verdict = answers.check_output(text, item.expected_answer, THINK)
    judged = {}
    for judge in chosen:
        found = judge.judge(item.prompt, text, item.expected_answer)
        judged[judge.name] = {"correct": found.correct, "version": judge.version}
    return {
        "index": record["index"],
        "steps": split_steps(reasoning_of(text, template)),
        "answer": verdict.extracted,
        "verdict": {
            "strict": verdict.strict,
            "lenient": verdict.lenient,
            "method": verdict.method,
            "reason": verdict.reason,
            "judges": judged,
        },
        "reward": 1.0 if verdict.strict else 0.0,
    }


def choose(parsed: Sequence[dict[str, Any]], policy: str) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """What the policy keeps of one item's parsed samples, and the drops counted by reason."""
    dropped: dict[str, int] = {}
    usable = []
    for sample in parsed:
        reason = "no_answer" if sample["answer"] is None else "no_steps" if not sample["steps"] else None
        if reason is None:
            usable.append(sample)
        else:
            dropped[reason] = dropped.get(reason, 0) + 1
    if policy == "verified":
        kept = [sample for sample in usable if sample["verdict"]["strict"]]
        dropped_reason, dropped_count = "not_verified", len(usable) - len(kept)
    elif policy == "best_of_k":
        ranked = sorted(usable, key=lambda s: (not s["verdict"]["strict"], not s["verdict"]["lenient"], s["index"]))
        kept = ranked[:1]
        dropped_reason, dropped_count = "not_best", len(usable) - len(kept)
    else:
        kept, dropped_reason, dropped_count = usable, "", 0
    if dropped_count:
        dropped[dropped_reason] = dropped.get(dropped_reason, 0) + dropped_count
    return kept, dropped


class Progress:
    """Done/total, rate, ETA, tokens and (with a price) cost of the completions drawn in this
    attempt, as status and (every tenth of the way) log lines. The remaining tokens and cost are
    extrapolated from the mean of the completions drawn so far."""

    def __init__(self, events: EventSink, total: int, cached: int, price: Price | None) -> None:
        self.events, self.total, self.done, self.fresh, self.price = events, total, cached, 0, price
        self.prompt_tokens = self.completion_tokens = 0
        self.started = time.monotonic()
        self.next_log = 0.0

    def add(self, count: int, prompt_tokens: int, completion_tokens: int) -> None:
        self.done += count
        self.fresh += count
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        elapsed = time.monotonic() - self.started
        rate = self.fresh / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else 0.0
        tokens = self.prompt_tokens + self.completion_tokens
        share_to_go = (self.total - self.done) / self.fresh
        message = (
            f"sampled {self.done}/{self.total} ({rate:.2f}/s, ETA {eta:.0f}s; {tokens} tokens this attempt, "
            f"about {tokens * share_to_go:.0f} to go"
        )
        if self.price is not None:
            spent = self.price.cost(self.prompt_tokens, self.completion_tokens)
            message += f"; {spent:.4f} {self.price.currency} spent, about {spent * share_to_go:.4f} to go"
        self.events.status(message + ")", progress=self.done / self.total)
        if self.done / self.total >= self.next_log:
            self.events.log(message + ")")
            self.next_log = self.done / self.total + 0.1


def draw_endpoint(config: SampleConfig, jobs: Sequence[Job], write: Callable[[Job, Completion, float], None]) -> None:
    """Draw ``jobs`` from the endpoint, ``concurrency`` at a time; each result is written as it
    arrives, and the first failure (after its retries) stops the rest and is raised once every
    request in flight has ended, so nothing that was answered is lost."""
    assert config.model.endpoint is not None
    client = Client(config.model.endpoint, max_retries=config.max_retries, rate=RateLimit(config.requests_per_second))
    failure: Exception | None = None
    stopped = threading.Event()
    try:
        with ThreadPoolExecutor(config.concurrency, thread_name_prefix="sample") as pool:

            def one(job: Job) -> tuple[Completion, float]:
                if stopped.is_set():  # a request failed for good: start no more
                    raise CancelledError
                clock = time.monotonic()
                try:
                    answer = client.complete(job.item.prompt, config.params, config.params.seed + job.index)
                except Exception:
                    stopped.set()
                    raise
                return answer, time.monotonic() - clock

            futures = {pool.submit(one, job): job for job in jobs}
            for future in as_completed(futures):
                try:
                    completion, seconds = future.result()
                except CancelledError:
                    continue
                except Exception as exc:
                    if failure is None:
                        failure = exc
                        for pending in futures:
                            pending.cancel()
                    continue
                write(futures[future], completion, seconds)
    finally:
        client.close()
    if failure is not None:
        raise failure


def draw_local(
    config: SampleConfig, jobs: Sequence[Job], settings: Settings, write: Callable[[Job, Completion, float], None]
) -> RenderTemplate:
    """Draw ``jobs`` with the project's own generation, one pass per sample index (sample i is
    seeded ``seed + i``); returns the template the model renders with."""
    from tunix_rt.evaluation import generate
    from tunix_rt.evaluation.config import SamplingSettings
    from tunix_rt.serving import source

    assert config.model.local is not None
    device = generate.resolve_device(config.device)
    loaded = source.load(config.model.local, settings, device=device, seed=config.params.seed)
    for index in sorted({job.index for job in jobs}):
        batch = [job for job in jobs if job.index == index]
        sampling = SamplingSettings(
            temperature=config.params.temperature, top_p=config.params.top_p, seed=config.params.seed + index
        )
        clock = time.monotonic()
        prompts = generate.render_prompts(loaded.tokenizer, [job.item.prompt for job in batch], loaded.template)
        outputs = generate.generate(
            loaded, prompts, batch_size=16, max_new_tokens=config.params.max_tokens, sampling=sampling
        )
        seconds = (time.monotonic() - clock) / len(batch)
        for job, prompt, output in zip(batch, prompts, outputs, strict=True):
            write(job, Completion(output.text, len(loaded.tokenizer.encode(prompt)), output.tokens), seconds)
    return loaded.template


def provenance(run_id: str, config: SampleConfig, item: EvalItem, sample: dict[str, Any]) -> dict[str, Any]:
    """The documented ``meta.provenance`` of a sampled trace."""
    return {
        "source": f"sample:{run_id}",
        "model": config.model.name,
        "params": config.params.model_dump(),
        "verdict": sample["verdict"],
        "reward": sample["reward"],
        "sample_index": sample["index"],
        "item_id": item.id,
        "prompts": config.source.name,
        "expected_answer": item.expected_answer,
    }


def sample(config: SampleConfig, run_dir: Path, events: EventSink, settings: Settings, run_id: str) -> dict[str, Any]:
    """Run the sampling in ``run_dir``; returns the summary it also writes."""
    events.status("reading prompts")
    items = read_items(config, settings)
    if not items:
        raise Invalid("the source holds no prompts")
    params = config.params.model_dump()
    jobs = [
        Job(item, index, cache_key(config.model.name, item.prompt, params, index))
        for item in items
        for index in range(config.k)
    ]
    cache_path = run_dir / CACHE
    cached = read_cache(cache_path)
    todo = [job for job in jobs if job.key not in cached]
    if cached:
        events.log(f"{len(jobs) - len(todo)} of {len(jobs)} completions come from the cache; drawing {len(todo)}")
    progress = Progress(events, len(jobs), len(jobs) - len(todo), config.price)
    template = config.template or RenderTemplate()
    with cache_path.open("ab") as handle:

        def write(job: Job, completion: Completion, seconds: float) -> None:
            record = {
                "key": job.key,
                "item_id": job.item.id,
                "index": job.index,
                "text": completion.text,
                "prompt_tokens": completion.prompt_tokens,
                "completion_tokens": completion.completion_tokens,
                "seconds": seconds,
            }
            handle.write(orjson.dumps(record) + b"\n")
            handle.flush()
            cached[job.key] = record
            progress.add(1, completion.prompt_tokens, completion.completion_tokens)

        events.status(f"sampling {len(todo)} completions", progress=progress.done / progress.total)
        if config.model.endpoint is not None:
            draw_endpoint(config, todo, write)
        elif todo or config.template is None:
            loaded_template = draw_local(config, todo, settings, write)
            template = config.template or loaded_template
    events.status("parsing and judging")
    return finish(config, run_dir, events, settings, run_id, items, jobs, cached, template)


def finish(
    config: SampleConfig,
    run_dir: Path,
    events: EventSink,
    settings: Settings,
    run_id: str,
    items: Sequence[EvalItem],
    jobs: Sequence[Job],
    cached: dict[str, dict[str, Any]],
    template: RenderTemplate,
) -> dict[str, Any]:
    """Parse, judge and keep per the policy; write the kept traces and the summary."""
    chosen = judges.build(config.judges, template, settings) if config.judges else []
    by_item: dict[str, list[dict[str, Any]]] = {}
    for job in jobs:
        by_item.setdefault(job.item.id, []).append(parse(cached[job.key], job.item, template, chosen))
    kept_total = 0
    dropped_total: dict[str, int] = {}
    passes: dict[int, list[float]] = {1: [], config.k: []}
    with (run_dir / TRACES).open("wb") as handle:
        for item in items:
            parsed = by_item[item.id]
            correct = sum(1 for sample in parsed if sample["verdict"]["strict"])
            for k in passes:
                passes[k].append(pass_at_k(len(parsed), correct, k))
            kept, dropped = choose(parsed, config.policy)
            kept_total += len(kept)
            for reason, count in dropped.items():
                dropped_total[reason] = dropped_total.get(reason, 0) + count
            for sample in kept:
                trace = TraceIn(
                    prompt=item.prompt,
                    final_answer=sample["answer"],
                    steps=[{"i": i, "type": "step", "content": step} for i, step in enumerate(sample["steps"])],
                    meta={"provenance": provenance(run_id, config, item, sample)},
                    tags=config.tags,
                    source=f"sample:{run_id}",
                )
                handle.write(trace.model_dump_json(exclude_none=True).encode() + b"\n")
    records = [cached[job.key] for job in jobs]
    summary = {
        "kind": "sample",
        "config": config.model_dump(mode="json"),
        "prompts": len(items),
        "completions": len(jobs),
        "kept": kept_total,
        "dropped": dropped_total,
        "pass_at_1": _mean(passes[1]),
        "pass_at_k": _mean(passes[config.k]),
        "k": config.k,
        "prompt_tokens": sum(record["prompt_tokens"] for record in records),
        "completion_tokens": sum(record["completion_tokens"] for record in records),
        "model_seconds": sum(record["seconds"] for record in records),
    }
    if config.price is not None:
        # Every completion in the cache was paid for once, in this attempt or an earlier one.
        summary["cost"] = config.price.cost(summary["prompt_tokens"], summary["completion_tokens"])
        summary["currency"] = config.price.currency
    (run_dir / SUMMARY).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    events.metric(
        0,
        {
            "pass_at_1": summary["pass_at_1"],
            "pass_at_k": summary["pass_at_k"],
            "kept": float(kept_total),
            "dropped": float(sum(dropped_total.values())),
            "completion_tokens": float(summary["completion_tokens"]),
            **({"cost": summary["cost"]} if config.price is not None else {}),
        },
    )
    events.artifact(TRACES)
    events.artifact(SUMMARY)
    reasons = ", ".join(f"{count} {reason}" for reason, count in sorted(dropped_total.items())) or "none"
    events.log(
        f"kept {kept_total} of {len(jobs)} completions (dropped: {reasons}); pass@1 {summary['pass_at_1']:.3f}, "
        f"pass@{config.k} {summary['pass_at_k']:.3f}; {summary['prompt_tokens']} prompt + "
        f"{summary['completion_tokens']} completion tokens"
        + (f", {summary['cost']:.4f} {summary['currency']}" if config.price is not None else "")
    )
    return summary


def _mean(values: Iterable[float]) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
