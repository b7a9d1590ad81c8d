"""``models serve``'s engine: concurrent greedy requests batched across requests, against the
same requests generated one at a time (what the engine did before it batched across requests),
in the same run.

    python -m benchmarks.serving [--requests 32] [--max-tokens 64] [--batch-size 16] [--repeats 3]

The model is the offline tiny preset (random weights: every answer runs to ``--max-tokens``, so
both arms generate exactly the same tokens, and the benchmark checks that their outputs are equal).
The arms alternate, ``--repeats`` times each; the table gives each arm's median and the ratio.

Prints a markdown table (figures recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

from benchmarks.harness import Results, print_table
from tunix_rt.evaluation import generate
from tunix_rt.serving import source
from tunix_rt.serving.engine import Ask, Engine
from tunix_rt.settings import Settings


async def one_at_a_time(engine: Engine, rows: list[str], ask: Ask) -> list[str]:
    return [(await engine.complete([row], ask))[0].text for row in rows]


async def all_at_once(engine: Engine, rows: list[str], ask: Ask) -> list[str]:
    answers = await asyncio.gather(*(engine.complete([row], ask) for row in rows))
    return [answer[0].text for answer in answers]


async def measure(requests: int, max_tokens: int, batch_size: int, repeats: int) -> Results:
    loaded = source.load("tiny-llama", Settings(_env_file=None), device="cpu", seed=0)
    engine = Engine(loaded, "tiny-llama", batch_size=batch_size)
    questions = [f"What is {n} + {2 * n + 1}?" for n in range(requests)]
    rows = generate.render_prompts(loaded.tokenizer, questions, loaded.template)
    ask = Ask(max_tokens, 0.0, 1.0, None, [])
    times: dict[str, list[float]] = {"one at a time": [], "concurrent": []}
    outputs: dict[str, list[str]] = {}
    try:
        await engine.complete(rows[:1], ask)  # the first generation pays one-off costs: in neither arm
        for _ in range(repeats):
            for name, arm in (("one at a time", one_at_a_time), ("concurrent", all_at_once)):
                start = time.perf_counter()
                outputs[name] = await arm(engine, rows, ask)
                times[name].append(time.perf_counter() - start)
    finally:
        engine.close()
    if outputs["one at a time"] != outputs["concurrent"]:
        raise SystemExit("the batched outputs differ from the ones generated alone")
    alone, batched = (statistics.median(times[name]) for name in ("one at a time", "concurrent"))
    return [
        ("requests x tokens each", f"{requests} x {max_tokens}"),
        ("one at a time (baseline), median s", f"{alone:.2f}"),
        ("concurrent, batched across requests, median s", f"{batched:.2f}"),
        ("speed-up (baseline / batched)", f"{alone / batched:.1f}x"),
        ("outputs", "identical"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=32)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    results = asyncio.run(measure(args.requests, args.max_tokens, args.batch_size, args.repeats))
    print_table("models serve: batching concurrent requests", results, database="no database")


if __name__ == "__main__":
    main()
