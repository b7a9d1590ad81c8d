"""Every export format against the library that consumes it, offline: Hugging Face ``datasets``
loads each (JSONL and Parquet), TRL's ``SFTTrainer`` trains on ``messages`` and
``prompt_completion`` as exported, and ``tunix_sft`` text is what a Gemma chat template writes.

The exports do not depend on the database, so these run on SQLite only.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.tiny_model import tiny_llama, tiny_tokenizer
from tunix_rt.datasets.formats import FORMATS

pytestmark = pytest.mark.parametrize("backend", ["sqlite"])
SYSTEM = "Answer with your reasoning in tags."


@pytest.fixture
async def exported(client: httpx.AsyncClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """A 48-trace dataset with a system prompt, exported in every format as JSONL and Parquet."""
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    synth = await client.post("/api/traces/synth", json={"kind": "mixed", "count": 48, "seed": 5})
    assert synth.status_code == 200
    template = {"system_prompt": SYSTEM}
    body = {"name": "consumers", "split": {"eval_count": 8}, "transforms": {"template": template}}
    assert (await client.post("/api/datasets", json=body)).status_code == 201
    files: dict[str, Path] = {}
    for fmt in FORMATS:
        for output in ("jsonl", "parquet"):
            response = await client.get(
                "/api/datasets/consumers@v1/export", params={"format": fmt, "split": "train", "output": output}
            )
            assert response.status_code == 200, response.text
            path = tmp_path / f"{fmt}.{output}"
            path.write_bytes(response.content)
            files[f"{fmt}.{output}"] = path
    return files


def _load(kind: str, path: Path, cache: Path) -> Any:
    from datasets import load_dataset

    return load_dataset(kind, data_files=str(path), split="train", cache_dir=str(cache))


async def test_datasets_loads_every_format_as_jsonl_and_parquet(exported: dict[str, Path], tmp_path: Path) -> None:
    columns = {
        "trace": {"id", "trace_version", "prompt", "final_answer", "steps", "meta", "tags", "source", "created_at"},
        "messages": {"messages"},
        "prompt_completion": {"prompt", "completion"},
        "tunix_sft": {"id", "prompt", "text"},
        "training_example": {"id", "prompt", "response", "metadata"},
    }
    for fmt in FORMATS:
        from_json = _load("json", exported[f"{fmt}.jsonl"], tmp_path / "cache")
        from_parquet = _load("parquet", exported[f"{fmt}.parquet"], tmp_path / "cache")
        assert from_json.num_rows == from_parquet.num_rows == 40, fmt
        assert set(from_json.column_names) == set(from_parquet.column_names) == columns[fmt]
        lines = [orjson.loads(line) for line in exported[f"{fmt}.jsonl"].read_bytes().splitlines()]
        first = from_parquet[0]
        for key, value in lines[0].items():
            if key in ("meta", "metadata"):
                assert orjson.loads(first[key]) == value
            elif key != "created_at":
                assert first[key] == value, (fmt, key)


async def test_tunix_sft_is_what_a_gemma_chat_template_writes(exported: dict[str, Path]) -> None:
    messages = [orjson.loads(line)["messages"] for line in exported["messages.jsonl"].read_bytes().splitlines()]
    sft = [orjson.loads(line) for line in exported["tunix_sft.jsonl"].read_bytes().splitlines()]
    tokenizer = tiny_tokenizer(row["text"] for row in sft)
    for chat, row in zip(messages, sft, strict=True):
        assert chat[0] == {"role": "system", "content": SYSTEM}
        written = tokenizer.apply_chat_template(chat, tokenize=False)
        assert written == tokenizer.bos_token + row["text"]
        prompt = tokenizer.apply_chat_template(chat[:-1], tokenize=False, add_generation_prompt=True)
        assert prompt == tokenizer.bos_token + row["prompt"]
        user, model = row["text"].split("<end_of_turn>\n")[:2]
        assert user.removeprefix("<start_of_turn>user\n") == f"{SYSTEM}\n\n{chat[1]['content'].strip()}"
        assert model.removeprefix("<start_of_turn>model\n") == chat[2]["content"].strip()


def _trainer(dataset: Any, tokenizer: Any, output: Path, **config: Any) -> Any:
    from trl.trainer.sft_config import SFTConfig
    from trl.trainer.sft_trainer import SFTTrainer

    args = SFTConfig(
        output_dir=str(output),
        max_steps=2,
        per_device_train_batch_size=4,
        learning_rate=1e-3,
        max_length=128,
        use_cpu=True,
        report_to=[],
        logging_steps=1,
        save_strategy="no",
        dataloader_num_workers=0,
        **config,
    )
    return SFTTrainer(model=tiny_llama(tokenizer), args=args, train_dataset=dataset, processing_class=tokenizer)


async def test_trl_trains_on_messages_and_prompt_completion(exported: dict[str, Path], tmp_path: Path) -> None:
    texts = [line.decode() for line in exported["tunix_sft.jsonl"].read_bytes().splitlines()]
    tokenizer = tiny_tokenizer(texts)

    chat = _load("json", exported["messages.jsonl"], tmp_path / "cache")
    trainer = _trainer(chat, tokenizer, tmp_path / "messages")
    assert math.isfinite(trainer.train().training_loss)

    pairs = _load("json", exported["prompt_completion.jsonl"], tmp_path / "cache")
    trainer = _trainer(pairs, tokenizer, tmp_path / "pairs", completion_only_loss=True)
    # The shortest pair, picked in the trainer's own dataset (TRL may leave rows out, so an index
    # into `pairs` can name another row there): a long one is cut at max_length, and which trace
    # the export lists first follows the traces' random ids.
    processed = trainer.train_dataset
    shortest = min(range(len(processed)), key=lambda i: len(processed[i]["input_ids"]))
    prompt_tokens = len(tokenizer(processed[shortest]["prompt"])["input_ids"])
    labels = trainer.data_collator([processed[shortest]])["labels"][0].tolist()
    assert len(labels) < 128, "the shortest pair fits in max_length"
    assert labels[:prompt_tokens] == [-100] * prompt_tokens
    assert -100 not in labels[prompt_tokens:]
    assert len(labels) > prompt_tokens
    assert math.isfinite(trainer.train().training_loss)
