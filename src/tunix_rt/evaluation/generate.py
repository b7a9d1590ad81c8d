"""Batched generation with PyTorch: load what is evaluated, render prompts, generate, decode.

What is evaluated is a training run's output or a model reference:

* a **run** folder: ``merged/`` when the run merged its adapter, else ``adapter/`` (a LoRA adapter
  on the run's base model, or, for a full fine-tune, the whole model); the render template is
  the one in its ``run_manifest.json``, so prompts look like the ones it was trained on;
* a **model**: a local folder or Hugging Face id, or a tiny preset (random weights, with a
  tokenizer trained on the eval items' text: the "untrained" baseline of a tiny run).

Prompts go through the tokenizer's chat template (system turn when the template has a system
prompt, the user's question, the generation prompt), exactly as training rendered them. Batches
are left-padded so every row's next token sits in the last column, and sorted by length so rows
of a batch pad little; the KV cache is on. Each row stops at EOS or at the template's closing
answer tag (transformers' stop strings), or at ``max_new_tokens``, where it is marked truncated.
Greedy by default; sampling is seeded. torch is imported inside the functions.

A model has the positions it was built for (``Evaluated.max_positions``: a trained tiny run's
``max_seq_length``, plus the GRPO completion). A row never runs past them: its output gets the
positions its prompt leaves (``room``) when that is less than ``max_new_tokens``, is cut there and
marked truncated if it had not stopped, and records that budget, so evaluation can say how many
items had less room. Past them, a Llama's rotary positions extrapolate to angles it never trained
on (transformers only warns), and the output would depend on a limit nobody set.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import NotFound, TunixError
from tunix_rt.evaluation.config import SamplingSettings
from tunix_rt.training import models

Progress = Callable[[int, int], None]


UNTRAINED_POSITIONS = 2048


@dataclass(frozen=True)
class Generation:
    """One output: its text, how many tokens it took, whether its budget cut it off, and the
    budget: ``max_new_tokens``, or less when the model's positions ran out first."""

    text: str
    tokens: int
    truncated: bool
    budget: int


@dataclass
class Evaluated:
    """A loaded model and tokenizer with where they came from, for the summary's evidence."""

    model: Any
    tokenizer: Any
    template: RenderTemplate
    source: dict[str, Any]
    max_positions: int | None


def room(prompt_tokens: int, max_positions: int | None, max_new_tokens: int) -> int:
    """New tokens a prompt of ``prompt_tokens`` may be followed by: ``max_new_tokens``, or what
    the model's positions leave (none when the prompt fills them).

    >>> room(20, 128, 200), room(20, None, 200), room(130, 128, 200)
    (108, 200, 0)
    """
    if max_positions is None:
        return max_new_tokens
    return max(0, min(max_new_tokens, max_positions - prompt_tokens))


def model_positions(config: Any) -> int | None:
    """The positions a transformers model was built for (None when its config has no limit)."""
    positions = getattr(config, "max_position_embeddings", None)
    return int(positions) if positions is not None else None


def _no_progress(_done: int, _total: int) -> None:
    """Progress callback that reports nothing."""


class Backend(Protocol):
    """What evaluation asks of a generation backend: this module (torch) and ``jax_generate``."""

    def resolve_device(self, requested: str) -> str: ...

    def load_run(self, run_dir: Path, template: RenderTemplate | None, device: str) -> Evaluated: ...

    def dtype(self, loaded: Evaluated) -> str: ...

    def load_model(
        self,
        name: str,
        texts: Sequence[str],
        template: RenderTemplate | None,
        device: str,
        seed: int,
        digits: models.DigitSplit = "individual",
    ) -> Evaluated: ...

    def generate(
        self,
        loaded: Evaluated,
        prompts: Sequence[str],
        *,
        batch_size: int,
        max_new_tokens: int,
        sampling: SamplingSettings,
        progress: Progress = ...,
    ) -> list[Generation]: ...


def load_run(run_dir: Path, template: RenderTemplate | None, device: str) -> Evaluated:
    """The trained model of a run folder and the template it was trained with (unless overridden)."""
    from transformers import AutoTokenizer

    manifest_path = run_dir / "run_manifest.json"
    if not manifest_path.is_file():
        raise NotFound(f"no trained run at {run_dir} (run_manifest.json missing)")
    evidence = json.loads(manifest_path.read_text())
    merged, adapter = run_dir / "merged", run_dir / "adapter"
    base_path: str | None = None
    if merged.is_dir():
        where, kind = merged, "merged"
    elif (adapter / "adapter_config.json").is_file():
        base = evidence["model"]["base"]
        base_path = str(run_dir / base) if evidence["model"]["source"] == "tiny" else base
        where, kind = adapter, "adapter"
    elif adapter.is_dir():
        where, kind = adapter, "full"
    else:
        raise NotFound(f"run {run_dir.name} has no adapter/ or merged/ output to evaluate (did it finish?)")
    network = load_weights(where, base_path)
    tokenizer = AutoTokenizer.from_pretrained(str(where))
    chosen = template or RenderTemplate.model_validate(evidence.get("template") or {})
    source = {"type": "run", "run": run_dir.name, "weights": kind, "base_model": evidence["model"]["name"]}
    return Evaluated(network.to(device).eval(), tokenizer, chosen, source, model_positions(network.config))


def load_weights(where: Path, base: str | None = None) -> Any:
    """The model saved in ``where``: a whole model, or, given the ``base`` it was trained on (a
    folder or hub id), a LoRA adapter on that base."""
    from transformers import AutoModelForCausalLM

    if base is None:
        return AutoModelForCausalLM.from_pretrained(str(where))
    from peft import PeftModel

    return PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(base), str(where))


def load_model(
    name: str,
    texts: Sequence[str],
    template: RenderTemplate | None,
    device: str,
    seed: int,
    digits: models.DigitSplit = "individual",
) -> Evaluated:
    """A model reference: local folder, hub id, or tiny preset built with a tokenizer on ``texts``
    that splits digits as ``digits`` says."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kind = models.source_kind(name)
    network: Any
    if kind == "tiny":
        preset = models.TINY_PRESETS[name]
        tokenizer = models.train_tokenizer(texts, preset.vocab_size, digits)
        network = models.tiny_model(preset, tokenizer, max_positions=UNTRAINED_POSITIONS, seed=seed)
    else:
        where = str(Path(name).expanduser()) if kind == "local" else name
        tokenizer = AutoTokenizer.from_pretrained(where)
        network = AutoModelForCausalLM.from_pretrained(where)
    source = {"type": "model", "model": name, "source": kind, "tokenizer": models.tokenizer_record(name, digits)}
    positions = model_positions(network.config)
    return Evaluated(network.to(device).eval(), tokenizer, template or RenderTemplate(), source, positions)


def render_prompts(tokenizer: Any, prompts: Sequence[str], template: RenderTemplate) -> list[str]:
    """Each question as the chat template writes it, ending with the assistant's turn opening."""
    return [render_messages(tokenizer, [{"role": "user", "content": prompt}], template) for prompt in prompts]


def render_messages(tokenizer: Any, messages: Sequence[Mapping[str, str]], template: RenderTemplate) -> str:
    """A conversation as the model was trained to read it, ending with the assistant's turn
    opening: the tokenizer's chat template, else the turns' text joined by blank lines and the
    template's ``prompt_separator`` (how ``prompt_completion`` data writes a prompt). The
    template's system prompt comes first unless the conversation brings its own system turn."""
    turns = [dict(message) for message in messages]
    if template.system_prompt and not any(turn["role"] == "system" for turn in turns):
        turns.insert(0, {"role": "system", "content": template.system_prompt})
    if tokenizer.chat_template:
        return str(tokenizer.apply_chat_template(turns, tokenize=False, add_generation_prompt=True))
    return "\n\n".join(turn["content"] for turn in turns) + template.prompt_separator


def cut_at_stop(text: str, stop: Sequence[str]) -> tuple[str, bool]:
    """``text`` up to the first of the ``stop`` sequences (which is left out, as OpenAI's API
    does), and whether one was found.

    >>> cut_at_stop("4 + 4 = 8\nnext", ["\n"]), cut_at_stop("8", ["\n"])
    (('4 + 4 = 8', True), ('8', False))
    """
    found = [at for sequence in stop if (at := text.find(sequence)) >= 0]
    return (text[: min(found)], True) if found else (text, False)


def dtype(loaded: Evaluated) -> str:
    """The dtype of the model's weights (``float32``), one of the settings an evaluation records."""
    return str(next(loaded.model.parameters()).dtype).removeprefix("torch.")


def resolve_device(requested: str) -> str:
    import torch

    if requested == "cuda" and not torch.cuda.is_available():
        raise TunixError("device cuda was requested but no CUDA GPU is visible to this worker")
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return requested


def _options(loaded: Evaluated, sampling: SamplingSettings, stop: Sequence[str]) -> dict[str, Any]:
    """``model.generate`` arguments shared by ``generate`` and ``stream``: the template's closing
    answer tag and ``stop`` as stop strings, padding, the KV cache, greedy or seeded sampling."""
    import torch

    tokenizer = loaded.tokenizer
    tokenizer.padding_side = "left"
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    options: dict[str, Any] = {
        "stop_strings": [loaded.template.answer_close, *stop],
        "tokenizer": tokenizer,
        "pad_token_id": tokenizer.pad_token_id,
        "use_cache": True,
    }
    if sampling.greedy:
        options.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    else:
        options.update(do_sample=True, temperature=sampling.temperature, top_p=sampling.top_p, top_k=sampling.top_k)
        torch.manual_seed(sampling.seed)
    return options


def _generation(loaded: Evaluated, new: Sequence[int], budget: int, stop: Sequence[str]) -> Generation:
    """One output from its new token ids: padding dropped, decoded, cut at a ``stop`` sequence;
    stopped when it ended with EOS, the closing answer tag or a stop sequence, else truncated
    when it used its whole budget."""
    tokenizer = loaded.tokenizer
    eos = loaded.model.generation_config.eos_token_id
    eos_ids = set(eos if isinstance(eos, list) else [eos]) | {tokenizer.eos_token_id}
    ids = [t for t in new if t != tokenizer.pad_token_id]
    ended = bool(ids) and ids[-1] in eos_ids
    text, cut = cut_at_stop(tokenizer.decode(ids, skip_special_tokens=True), stop)
    stopped = ended or cut or text.rstrip().endswith(loaded.template.answer_close)
    return Generation(text, len(ids), not stopped and len(ids) >= budget, budget)


def generate(
    loaded: Evaluated,
    prompts: Sequence[str],
    *,
    batch_size: int,
    max_new_tokens: int,
    sampling: SamplingSettings,
    progress: Progress = _no_progress,
    stop: Sequence[str] = (),
) -> list[Generation]:
    """Outputs for rendered ``prompts``, in their order, ``batch_size`` at a time, each within
    its ``room`` and cut at the first of the ``stop`` sequences. A batch generates for its
    roomiest row and cuts the others where theirs ends, so an output does not depend on the
    batch it is in."""
    import torch

    tokenizer, model = loaded.tokenizer, loaded.model
    options = _options(loaded, sampling, stop)
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    results: dict[int, Generation] = {}
    device = next(model.parameters()).device
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            batch = tokenizer(
                [prompts[i] for i in chunk], return_tensors="pt", padding=True, add_special_tokens=False
            ).to(device)
            budgets = [
                room(int(length), loaded.max_positions, max_new_tokens) for length in batch["attention_mask"].sum(1)
            ]
            new = torch.empty((len(chunk), 0), dtype=torch.long)
            if max(budgets):
                out = model.generate(**batch, **options, max_new_tokens=max(budgets))
                new = out[:, batch["input_ids"].shape[1] :]
            for row, index in enumerate(chunk):
                results[index] = _generation(loaded, new[row, : budgets[row]].tolist(), budgets[row], stop)
            progress(len(results), len(prompts))
    return [results[i] for i in range(len(prompts))]


class _Sender:
    """A transformers streamer (``put``/``end``) that hands ``on_text`` each new piece of the
    output as tokens arrive: the whole output decoded again at every token (so a piece never
    splits a character a later token completes), up to a ``stop`` sequence, holding back the
    tail that could still begin one."""

    def __init__(self, tokenizer: Any, stop: Sequence[str], on_text: Callable[[str], None]) -> None:
        self.tokenizer, self.stop, self.on_text = tokenizer, stop, on_text
        self.hold = max((len(sequence) for sequence in stop), default=1) - 1
        self.ids: list[int] = []
        self.sent = 0
        self.prompt = True
        self.done = False

    def put(self, value: Any) -> None:
        if self.prompt:  # generate's first call hands over the prompt
            self.prompt = False
            return
        self.ids.extend(value.reshape(-1).tolist())
        text = self.tokenizer.decode(self.ids, skip_special_tokens=True)
        if not text.endswith("\ufffd"):
            cut, found = cut_at_stop(text, self.stop)
            self.send(cut, len(cut) if found else len(cut) - self.hold)
            self.done = found

    def end(self) -> None:
        """Nothing: ``stream`` sends the rest from the finished output."""

    def send(self, text: str, upto: int) -> None:
        if not self.done and upto > self.sent:
            self.on_text(text[self.sent : upto])
            self.sent = upto


class _Cancelled:
    """A stopping criterion that ends generation once ``cancelled()`` says so."""

    def __init__(self, cancelled: Callable[[], bool]) -> None:
        self.cancelled = cancelled

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full((input_ids.shape[0],), self.cancelled(), dtype=torch.bool, device=input_ids.device)


def stream(
    loaded: Evaluated,
    prompt: str,
    *,
    max_new_tokens: int,
    sampling: SamplingSettings,
    on_text: Callable[[str], None],
    stop: Sequence[str] = (),
    cancelled: Callable[[], bool] = lambda: False,
) -> Generation:
    """``generate`` for one rendered prompt, handing ``on_text`` the output piece by piece as
    it is generated; the pieces join to the returned output's text, which is what ``generate``
    returns for the same prompt and settings. Generation ends early once ``cancelled()`` is
    true (a client that went away)."""
    import torch
    from transformers import StoppingCriteriaList

    tokenizer, model = loaded.tokenizer, loaded.model
    options = _options(loaded, sampling, stop)
    batch = tokenizer([prompt], return_tensors="pt", add_special_tokens=False).to(next(model.parameters()).device)
    length = batch["input_ids"].shape[1]
    budget = room(length, loaded.max_positions, max_new_tokens)
    sender = _Sender(tokenizer, stop, on_text)
    new: list[int] = []
    if budget:
        with torch.inference_mode():
            out = model.generate(
                **batch,
                **options,
                max_new_tokens=budget,
                streamer=sender,
                stopping_criteria=StoppingCriteriaList([_Cancelled(cancelled)]),
            )
        new = out[0, length:].tolist()
    generation = _generation(loaded, new, budget, stop)
    sender.send(generation.text, len(generation.text))
    return generation
