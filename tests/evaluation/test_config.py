"""The evaluation config: tokenizer settings only where a tiny preset's tokenizer is trained."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tunix_rt.evaluation.config import EvalConfig


def test_tokenizer_settings_apply_only_to_a_tiny_preset_model() -> None:
    assert EvalConfig.model_validate({"evalset": "e@v1", "model": "tiny-llama"}).tokenizer_settings.digits == (
        "individual"
    )
    merged = EvalConfig.model_validate({"evalset": "e@v1", "model": "tiny-llama", "tokenizer": {"digits": "merged"}})
    assert merged.tokenizer_settings.digits == "merged"
    for other in ({"model": "Qwen/Qwen2.5-0.5B"}, {"run": "00000000-0000-0000-0000-000000000001"}):
        with pytest.raises(ValidationError, match="tokenizer settings apply only when model is a tiny preset"):
            EvalConfig.model_validate({"evalset": "e@v1", **other, "tokenizer": {"digits": "merged"}})
