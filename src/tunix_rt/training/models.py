"""Where a run's model and tokenizer come from: a Hugging Face id, a local folder, or an offline
tiny preset, and the hashes the run manifest records for each.

A tiny preset is a small Llama-style config plus a byte-level BPE tokenizer trained with the
``tokenizers`` library on the run's own training text, so tests, CI and the demo really train
with nothing downloaded. It is built on the fly (weights initialised from the run's seed) and
saved into the run folder like any model, so export and evaluation load it from there. Its chat
template ends the assistant turn with ``<end_of_turn>``, which is also its EOS token: a model
trained on it learns to stop. Both backends build the same preset from the same text.

By default the tokenizer gives every digit its own token (``TokenizerSettings``): a BPE left to
merge digits learns ``4984`` as ``4|9|84`` but ``4985`` as ``4|9|8|5``, and no arithmetic
generalises over pieces that change with the neighbouring digits.

Nothing here imports torch at module level; ``load`` imports transformers when called.
"""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SPECIAL_TOKENS = ("<pad>", "<bos>", "<end_of_turn>", "<start_of_turn>")
TINY_CHAT_TEMPLATE = (
    "{{ bos_token }}"
    "{% for message in messages %}"
    "{% if message['role'] == 'assistant' %}{% set role = 'model' %}"
    "{% else %}{% set role = message['role'] %}{% endif %}"
    "{{ '<start_of_turn>' + role + '\n' + message['content'] + '<end_of_turn>\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<start_of_turn>model\n' }}{% endif %}"
)


@dataclass(frozen=True)
class TinyPreset:
    """Sizes of one offline preset."""

    vocab_size: int
    hidden_size: int
    intermediate_size: int
    layers: int
    heads: int


TINY_PRESETS: dict[str, TinyPreset] = {
    "tiny-llama": TinyPreset(vocab_size=512, hidden_size=64, intermediate_size=128, layers=2, heads=4),
    "tiny-llama-s": TinyPreset(vocab_size=1024, hidden_size=128, intermediate_size=256, layers=4, heads=4),
    "tiny-llama-m": TinyPreset(vocab_size=2048, hidden_size=256, intermediate_size=688, layers=6, heads=8),
}

SourceKind = Literal["tiny", "local", "hub"]
DigitSplit = Literal["individual", "merged"]


class TokenizerSettings(BaseModel):
    """How a tiny preset's tokenizer is trained; hub and local models keep the tokenizer they ship."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digits: DigitSplit = Field(
        "individual",
        description="individual: every digit is its own token, with or without a leading space ('4984' is "
        "4 9 8 4, ' 56' is Ġ 5 6), so numbers are read digit by digit as Llama 3 and Qwen tokenizers do; "
        "merged: BPE merges digit runs as it learns them ('4984' may be 4 9 84 but '4985' 4 9 8 5), the "
        "behaviour of tiny presets before this option.",
    )


HUB_ID = re.compile(r"[A-Za-z0-9][\w.-]*(/[A-Za-z0-9][\w.-]*)?")
"""A Hugging Face model id, ``name`` or ``org/name``; never a path (no leading / or ~, no ..)."""


def source_kind(model: str) -> SourceKind:
    """Tiny preset, local folder (an absolute path, since a run's process works in its own run
    folder, where a relative one would name something else), or hub id."""
    if model in TINY_PRESETS:
        return "tiny"
    path = Path(model).expanduser()
    if path.is_absolute() and path.is_dir():
        return "local"
    return "hub"


def model_problem(model: str, roots: Sequence[Path]) -> str | None:
    """Why a run config may not name ``model``, or None. A client chooses the model, and a path
    is read on the server (``"/etc"`` once loaded /etc as a tokenizer): only tiny presets, hub
    ids, and folders under the server's model roots (``Settings.resolved_model_roots``) pass.

    >>> model_problem("tiny-llama", []), model_problem("Qwen/Qwen2.5-0.5B", [])
    (None, None)
    >>> model_problem("../../etc", [])
    'not a tiny preset, a Hugging Face id (org/name) or an absolute folder under a model root'
    """
    if model in TINY_PRESETS:
        return None
    path = Path(model).expanduser()
    if path.is_absolute():
        resolved = path.resolve()
        if not any(resolved.is_relative_to(root) for root in roots):
            return "a local model must be a folder under the server's model roots (TUNIX_RT_MODEL_ROOTS)"
        if not resolved.is_dir():
            return f"no model folder at {model}"
        return None
    if HUB_ID.fullmatch(model) and ".." not in model:
        return None
    return "not a tiny preset, a Hugging Face id (org/name) or an absolute folder under a model root"


def train_tokenizer(texts: Iterable[str], vocab_size: int, digits: DigitSplit = "individual") -> Any:
    """A byte-level BPE tokenizer trained on ``texts`` (same texts in the same order, same
    vocabulary), wrapped as a transformers fast tokenizer with the tiny chat template.

    With ``digits="individual"`` the text is cut before every digit ahead of the byte-level step,
    so no merge can join two digits, and a space before a number stays a token of its own
    (``" 56"`` is ``Ġ 5 6``): the digits of a number are the same tokens wherever it appears.
    Both ways decode back to exactly the text encoded."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    backend = Tokenizer(models.BPE())
    byte_level = pre_tokenizers.ByteLevel(add_prefix_space=False)
    if digits == "individual":
        backend.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True), byte_level])
    else:
        backend.pre_tokenizer = byte_level
    backend.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=list(SPECIAL_TOKENS),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    backend.train_from_iterator(list(texts), trainer)
    tokenizer = PreTrainedTokenizerFast(  # type: ignore[no-untyped-call]
        tokenizer_object=backend,
        pad_token="<pad>",
        bos_token="<bos>",
        eos_token="<end_of_turn>",
        additional_special_tokens=["<start_of_turn>"],
    )
    tokenizer.chat_template = TINY_CHAT_TEMPLATE
    return tokenizer


def tiny_model(preset: TinyPreset, tokenizer: Any, max_positions: int, seed: int) -> Any:
    """A randomly initialised Llama of the preset's size, the same weights for the same seed."""
    import torch
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=preset.hidden_size,
        intermediate_size=preset.intermediate_size,
        num_hidden_layers=preset.layers,
        num_attention_heads=preset.heads,
        num_key_value_heads=preset.heads,
        max_position_embeddings=max_positions,
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        tie_word_embeddings=False,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)  # type: ignore[no-untyped-call]
    model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    return model


@dataclass
class LoadedModel:
    """A model and tokenizer ready to train, where they came from, and their hashes."""

    model: Any
    tokenizer: Any
    source: SourceKind
    path: Path | None
    model_sha256: str | None
    tokenizer_sha256: str


def folder_sha256(folder: Path) -> str:
    """One digest of every file under a folder (relative names and bytes, in name order)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                digest.update(block)
    return digest.hexdigest()


def tokenizer_record(model: str, digits: DigitSplit) -> dict[str, Any]:
    """What a manifest records of where the tokenizer came from: trained for a tiny preset, with
    how it splits digits, else the model's own (``digits`` null: it splits them as it ships)."""
    if model in TINY_PRESETS:
        return {"source": "trained", "digits": digits}
    return {"source": "model", "digits": None}


def tokenizer_sha256(tokenizer: Any) -> str:
    """Digest of the tokenizer as saved (vocabulary, merges, specials, chat template)."""
    with tempfile.TemporaryDirectory() as scratch:
        tokenizer.save_pretrained(scratch)
        return folder_sha256(Path(scratch))


def load(
    model: str,
    texts: Iterable[str],
    base_dir: Path,
    *,
    max_positions: int,
    seed: int,
    dtype: Any = None,
    digits: DigitSplit = "individual",
) -> LoadedModel:
    """Build or load the model and tokenizer. A tiny preset is written to ``base_dir`` (the run's
    ``base-model`` folder) so it can be reloaded, merged and hashed like a local folder; its
    tokenizer splits digits as ``digits`` says."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    kind = source_kind(model)
    if kind == "tiny":
        preset = TINY_PRESETS[model]
        tokenizer = train_tokenizer(texts, preset.vocab_size, digits)
        network = tiny_model(preset, tokenizer, max_positions, seed)
        network.save_pretrained(base_dir)
        tokenizer.save_pretrained(base_dir)
        if dtype is not None:
            network = network.to(dtype)
        path: Path | None = base_dir
        digest: str | None = folder_sha256(base_dir)
    else:
        where = str(Path(model).expanduser()) if kind == "local" else model
        tokenizer = AutoTokenizer.from_pretrained(where)
        network = AutoModelForCausalLM.from_pretrained(where, dtype=dtype)
        path = Path(where) if kind == "local" else None
        digest = folder_sha256(Path(where)) if kind == "local" else None
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return LoadedModel(
        model=network,
        tokenizer=tokenizer,
        source=kind,
        path=path,
        model_sha256=digest,
        tokenizer_sha256=tokenizer_sha256(tokenizer),
    )
