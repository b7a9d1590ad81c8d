"""Evaluation generation throughput: batched vs one prompt at a time, measured in the same run.

    python -m benchmarks.eval [--model tiny-llama] [--items 64] [--batch 32] [--max-new-tokens 32] [--device cpu]

Both sides call ``evaluation.generate.generate`` on the same model (a tiny preset built from the
same seed, so the same weights), the same rendered prompts and greedy decoding; only
``batch_size`` differs. Untrained weights rarely emit EOS, so every item generates about
``max_new_tokens`` tokens on both sides: the comparison is of equal work. Goal: batched items/s
>= 5x sequential on a CPU with the tiny preset. One warm-up batch first; prints a markdown table.
"""

from __future__ import annotations

import argparse
import platform
import random
import time

from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.evaluation import generate
from tunix_rt.evaluation.config import SamplingSettings


def questions(count: int) -> list[str]:
    rng = random.Random(0)
    return [f"What is {rng.randrange(100)} + {rng.randrange(100)}?" for _ in range(count)]


def items_per_second(loaded: generate.Evaluated, prompts: list[str], batch: int, max_new_tokens: int) -> float:
    start = time.perf_counter()
    generate.generate(loaded, prompts, batch_size=batch, max_new_tokens=max_new_tokens, sampling=SamplingSettings())
    return len(prompts) / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="tiny-llama", help="Tiny preset, local folder or HF id.")
    parser.add_argument("--items", type=int, default=64, help="Prompts generated per side.")
    parser.add_argument("--batch", type=int, default=32, help="Batch size of the batched side.")
    parser.add_argument("--max-new-tokens", type=int, default=32, help="Tokens generated per item.")
    parser.add_argument("--device", default="cpu", help="cpu or cuda.")
    args = parser.parse_args()

    prompts_text = questions(args.items)
    loaded = generate.load_model(args.model, prompts_text, RenderTemplate(), args.device, seed=0)
    prompts = generate.render_prompts(loaded.tokenizer, prompts_text, loaded.template)
    items_per_second(loaded, prompts[: args.batch], args.batch, args.max_new_tokens)
    batched = items_per_second(loaded, prompts, args.batch, args.max_new_tokens)
    sequential = items_per_second(loaded, prompts, 1, args.max_new_tokens)
    print(f"model {args.model}, {args.items} items, {args.max_new_tokens} new tokens, {platform.machine()}")
    print("| generation | items/s |")
    print("|---|---|")
    print(f"| batched ({args.batch}) | {batched:.1f} |")
    print(f"| one at a time | {sequential:.1f} |")
    print(f"| speed-up | {batched / sequential:.1f}x (goal >= 5x) |")


if __name__ == "__main__":
    main()
