"""The tiny preset: a tokenizer trained deterministically on the run's text, with a chat template
whose assistant turn ends with the EOS token, that gives every digit its own token unless told to
merge them, and decodes back to exactly the text it encoded either way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

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


NUMBERS = [f"{a} + {b} = {a + b}" for a in range(0, 5000, 37) for b in range(0, 900, 53)] + TEXTS


def tokens(tokenizer: Any, text: str) -> list[str]:
    return list(tokenizer.tokenize(text))


def test_every_digit_is_its_own_token_with_or_without_a_leading_space() -> None:
    tokenizer = models.train_tokenizer(NUMBERS, 512)
    assert tokens(tokenizer, "4984") == ["4", "9", "8", "4"]
    assert tokens(tokenizer, " 4985") == ["Ġ", "4", "9", "8", "5"]
    assert tokens(tokenizer, "1234 + 56 = 1290") == [
        "1",
        "2",
        "3",
        "4",
        "Ġ+",
        "Ġ",
        "5",
        "6",
        "Ġ=",
        "Ġ",
        "1",
        "2",
        "9",
        "0",
    ]
    assert tokens(tokenizer, "$31.50") == ["$", "3", "1", ".", "5", "0"]
    digit_runs = [piece for piece in tokenizer.get_vocab() if sum(char.isdigit() for char in piece) > 1]
    assert digit_runs == []


def test_merged_digits_are_the_old_behaviour_and_join_digit_runs() -> None:
    tokenizer = models.train_tokenizer(NUMBERS, 512, digits="merged")
    pieces = tokens(tokenizer, "1234 + 56 = 1290")
    assert len(pieces) < 14
    assert any(sum(char.isdigit() for char in piece) > 1 for piece in pieces)


@pytest.mark.parametrize("digits", ["individual", "merged"])
def test_both_ways_decode_to_exactly_the_text_encoded(digits: models.DigitSplit) -> None:
    tokenizer = models.train_tokenizer(NUMBERS, 512, digits=digits)
    samples = [
        "4984",
        " 4985 ",
        "units: 7 + 9 + 0 = 16, write 6, carry 1\ntens: 13 - 8 - 1 = 4, write 4, borrow 1",
        "<reasoning>1234 + 56 = 1290</reasoning><answer>1290</answer>",
        "$31.50 at 12:05, 3.5% of -0.75 ≈ 1e-3 — naïve ½",
        "  two  spaces\tand a tab\n",
    ]
    for text in samples:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert tokenizer.decode(ids) == text


def test_the_manifest_records_a_trained_tokenizer_and_how_it_splits_digits() -> None:
    assert models.tokenizer_record("tiny-llama", "individual") == {"source": "trained", "digits": "individual"}
    assert models.tokenizer_record("tiny-llama-s", "merged") == {"source": "trained", "digits": "merged"}
    assert models.tokenizer_record("Qwen/Qwen2.5-0.5B", "individual") == {"source": "model", "digits": None}


def test_load_builds_the_tiny_tokenizer_as_asked(tmp_path: Path) -> None:
    split = models.load("tiny-llama", NUMBERS, tmp_path / "a", max_positions=64, seed=0)
    merged = models.load("tiny-llama", NUMBERS, tmp_path / "b", max_positions=64, seed=0, digits="merged")
    assert tokens(split.tokenizer, "4984") == ["4", "9", "8", "4"]
    assert split.tokenizer_sha256 != merged.tokenizer_sha256
