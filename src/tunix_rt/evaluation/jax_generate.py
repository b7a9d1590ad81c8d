"""Batched generation with JAX: Tunix's ``Sampler`` on the Tunix Llama 3 the JAX backend trains.

The same contract as ``generate.py`` (the torch path), for what ``jax_backend`` saved or builds:

* a **run** folder: ``base-model/model.safetensors`` (the frozen base, every weight named by its
  module path) or the local checkpoint it was trained from (loaded by Tunix's loader), with
  ``adapter/adapter_model.safetensors`` and ``adapter_config.json`` (qwix LoRA
  applied again with the saved rank, alpha and module pattern), or ``adapter/model.safetensors``
  for a full fine-tune; the template is the one in its ``run_manifest.json``;
* a **model**: a tiny preset, initialised as ``jax_backend`` initialises it, with a tokenizer
  trained on the eval items' text (the "untrained" baseline of a tiny JAX run). Hub and local
  models are PyTorch checkpoints: evaluate those with ``backend: torch``.

Prompts are rendered by ``generate.render_prompts``. The sampler left-pads each batch; every
batch is padded to one prompt length (the longest prompt, rounded up to a power of two), so
a row's computation does not depend on the batch it is in and one compiled function serves
every batch of a size. Greedy by default; a temperature above 0 samples with top-p/top-k from
the seed. Rows stop at EOS; Tunix has no stop strings, so an output is cut after the token that
completes the template's closing answer tag, as transformers' stop strings cut it, and one that
reaches ``max_new_tokens`` without either is marked truncated. As on torch, an output never runs
past the positions the model was built for (``generate.room``): the run's manifest records them
(``model.max_positions``), and the sampler, which has no such limit, generates for the roomiest
prompt, the others being cut where their room ends. jax, flax, qwix and tunix are imported inside
the functions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import NotFound, TunixError
from tunix_rt.evaluation.config import SamplingSettings
from tunix_rt.evaluation.generate import UNTRAINED_POSITIONS, Evaluated, Generation, Progress, _no_progress, room
from tunix_rt.training import models


def resolve_device(requested: str) -> str:
    """``cpu`` or ``cuda`` as JAX sees them (``cpu`` pins JAX to the CPU)."""
    from tunix_rt.training import jax_backend

    return jax_backend.resolve_device(requested)


def dtype(loaded: Evaluated) -> str:
    """The dtype of the model's parameters (``float32``), one of the settings an evaluation records."""
    import jax
    from flax import nnx

    leaves = jax.tree_util.tree_leaves(nnx.state(loaded.model, nnx.Param))
    return str(leaves[0].dtype) if leaves else "unknown"


def _name(path: Sequence[Any]) -> str:
    """A parameter's module path as ``jax_backend.save_params`` names it."""
    return ".".join(str(getattr(part, "key", getattr(part, "name", part))) for part in path)


def _restore(model: Any, kind: Any, path: Path) -> None:
    """Set the ``kind`` parameters of ``model`` from a safetensors file written by ``save_params``."""
    import jax
    from flax import nnx
    from safetensors.numpy import load_file

    arrays = load_file(str(path))
    leaves, treedef = jax.tree_util.tree_flatten_with_path(nnx.state(model, kind))
    names = [_name(key_path) for key_path, _ in leaves]
    missing = sorted(set(names) - set(arrays))
    if missing:
        raise TunixError(f"{path} lacks {len(missing)} parameter(s) of the model, e.g. {missing[0]}")
    values = [jax.numpy.asarray(arrays[name], leaf.dtype) for name, (_, leaf) in zip(names, leaves, strict=True)]
    nnx.update(model, jax.tree_util.tree_unflatten(treedef, values))


def load_run(run_dir: Path, template: RenderTemplate | None, device: str) -> Evaluated:
    """The trained model of a JAX run folder and the template it was trained with (unless overridden)."""
    from flax import nnx
    from transformers import AutoTokenizer

    from tunix_rt.training import jax_backend
    from tunix_rt.training.torch_backend import ADAPTER, BASE_MODEL

    manifest_path = run_dir / "run_manifest.json"
    if not manifest_path.is_file():
        raise NotFound(f"no trained run at {run_dir} (run_manifest.json missing)")
    evidence = json.loads(manifest_path.read_text())
    if evidence.get("config", {}).get("backend") != "jax":
        raise TunixError(f"run {run_dir.name} was trained with backend torch: evaluate it with backend torch")
    adapter = run_dir / ADAPTER
    if not adapter.is_dir():
        raise NotFound(f"run {run_dir.name} has no adapter/ output to evaluate (did it finish?)")
    tokenizer = AutoTokenizer.from_pretrained(str(adapter))
    local = evidence["model"]["source"] == "local"
    if local:
        network = jax_backend.load_checkpoint(Path(evidence["model"]["base"]))
    else:
        network = jax_backend.tiny_model(models.TINY_PRESETS[evidence["model"]["name"]], len(tokenizer), 0)
    settings_path = adapter / "adapter_config.json"
    if settings_path.is_file():
        import qwix

        kind = "adapter"
        if not local:
            _restore(network, nnx.Param, run_dir / BASE_MODEL / "model.safetensors")
        settings = json.loads(settings_path.read_text())
        provider = qwix.LoraProvider(
            module_path=settings["module_path"], rank=settings["rank"], alpha=float(settings["alpha"])
        )
        network = qwix.apply_lora_to_model(network, provider, rngs=nnx.Rngs(0), **network.get_model_input())
        _restore(network, nnx.LoRAParam, adapter / "adapter_model.safetensors")
    else:
        kind = "full"
        _restore(network, nnx.Param, adapter / "model.safetensors")
    chosen = template or RenderTemplate.model_validate(evidence.get("template") or {})
    source = {"type": "run", "run": run_dir.name, "weights": kind, "base_model": evidence["model"]["name"]}
    return Evaluated(network, tokenizer, chosen, source, evidence["model"].get("max_positions"))


def load_model(
    name: str,
    texts: Sequence[str],
    template: RenderTemplate | None,
    device: str,
    seed: int,
    digits: models.DigitSplit = "individual",
) -> Evaluated:
    """A tiny preset as the JAX backend initialises it, with a tokenizer trained on ``texts`` that
    splits digits as ``digits`` says."""
    from tunix_rt.training import jax_backend

    kind = models.source_kind(name)
    if kind != "tiny":
        raise TunixError(f"backend jax evaluates the tiny presets and JAX runs; evaluate {name} with backend torch")
    preset = models.TINY_PRESETS[name]
    tokenizer = models.train_tokenizer(texts, preset.vocab_size, digits)
    network = jax_backend.tiny_model(preset, len(tokenizer), seed)
    source = {"type": "model", "model": name, "source": kind, "tokenizer": models.tokenizer_record(name, digits)}
    return Evaluated(network, tokenizer, template or RenderTemplate(), source, UNTRAINED_POSITIONS)


def _finish(raw: Sequence[int], tokenizer: Any, pad_id: int, stop: str, budget: int) -> Generation:
    """One row's output from the tokens before EOS, the first ``budget`` of them: cut after the
    token completing ``stop``, else ended by EOS (counted, as torch counts it) when shorter than
    ``budget``, else truncated. Padding is dropped, as the torch path drops it."""
    ids = [int(t) for t in raw[:budget] if t != pad_id]
    text = tokenizer.decode(ids, skip_special_tokens=True)
    if stop in text:
        end = next(k for k in range(1, len(ids) + 1) if stop in tokenizer.decode(ids[:k], skip_special_tokens=True))
        return Generation(tokenizer.decode(ids[:end], skip_special_tokens=True), end, False, budget)
    ended = len(raw) < budget
    return Generation(text, len(ids) + 1 if ended else len(ids), not ended, budget)


def generate(
    loaded: Evaluated,
    prompts: Sequence[str],
    *,
    batch_size: int,
    max_new_tokens: int,
    sampling: SamplingSettings,
    progress: Progress = _no_progress,
) -> list[Generation]:
    """Outputs for rendered ``prompts``, in their order, ``batch_size`` at a time, each within
    its ``room``. Every batch generates as many tokens as the roomiest prompt of all may use: one
    compiled sampler, and an output that does not depend on its batch."""
    from tunix.generate.sampler import CacheConfig, Sampler

    from tunix_rt.training.jax_backend import TunixTokenizer

    tokenizer = loaded.tokenizer
    adapter = TunixTokenizer(tokenizer)
    lengths = [len(adapter.encode(prompt)) for prompt in prompts]
    budgets = [room(length, loaded.max_positions, max_new_tokens) for length in lengths]
    steps = max(budgets, default=0)
    prompt_length = 1 << (max(lengths, default=1) - 1).bit_length()
    config = loaded.model.config
    sampler = Sampler(
        loaded.model,
        adapter,
        CacheConfig(
            cache_size=prompt_length + max(steps, 1),
            num_layers=config.num_layers,
            num_kv_heads=config.num_kv_heads,
            head_dim=config.head_dim,
        ),
    )
    options: dict[str, Any] = {"temperature": 0.0}
    if not sampling.greedy:
        options = {
            "temperature": sampling.temperature,
            "top_p": sampling.top_p,
            "top_k": sampling.top_k or None,
            "seed": sampling.seed,
        }
    order = sorted(range(len(prompts)), key=lambda i: len(prompts[i]))
    results: dict[int, Generation] = {}
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        tokens: Sequence[Sequence[int]] = [[] for _ in chunk]
        if steps:
            tokens = sampler(
                [prompts[i] for i in chunk],
                max_generation_steps=steps,
                max_prompt_length=prompt_length,
                eos_tokens=[tokenizer.eos_token_id],
                **options,
            ).tokens
        for row, index in enumerate(chunk):
            results[index] = _finish(
                tokens[row], tokenizer, adapter.pad_id(), loaded.template.answer_close, budgets[index]
            )
        progress(len(results), len(prompts))
    return [results[i] for i in range(len(prompts))]
