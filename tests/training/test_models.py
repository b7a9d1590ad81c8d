"""The tiny preset: a tokenizer trained deterministically on the run's text, with a chat template
whose assistant turn ends with the EOS token."""

from __future__ import annotations

from pathlib import Path

from tunix_rt.training import models

TEXTS = [f"What is {a} + {b}?" for a in range(10) for b in range(10)] + [
    "<reasoning>1 + 1 = 2</reasoning><answer>2</answer>"
]


def test_the_same_text_trains_the_same_tokenizer_and_model(tmp_path: Path) -> None:
    first = models.load("tiny-llama", TEXTS, tmp_path / "a", max_positions=64, seed=3)
    second = models.load("tiny-llama", TEXTS, tmp_path / "b", max_positions=64, seed=3)
    assert first.tokenizer_sha256 == second.tokenizer_sha256
    assert first.model_sha256 == second.model_sha256
    other = models.load("tiny-llama", TEXTS, tmp_path / "c", max_positions=64, seed=4)
    assert other.model_sha256 != first.model_sha256
    assert first.source == "tiny"
    assert models.source_kind(str(tmp_path / "a")) == "local"
    assert models.source_kind("Qwen/Qwen2.5-0.5B") == "hub"


def test_the_chat_template_ends_the_assistant_turn_with_eos(tmp_path: Path) -> None:
    tokenizer = models.train_tokenizer(TEXTS, 300)
    chat = [{"role": "user", "content": "What is 1 + 1?"}, {"role": "assistant", "content": "<answer>2</answer>"}]
    text = tokenizer.apply_chat_template(chat, tokenize=False)
    user = "<start_of_turn>user\nWhat is 1 + 1?<end_of_turn>\n"
    assert text == f"<bos>{user}<start_of_turn>model\n<answer>2</answer><end_of_turn>\n"
    assert tokenizer.eos_token == "<end_of_turn>"
    prompt = tokenizer.apply_chat_template(chat[:1], tokenize=False, add_generation_prompt=True)
    assert text.startswith(prompt)
