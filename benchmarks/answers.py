"""The answer checker's speed, where the tests only bound its work: each measure against a baseline
taken in the same run.

    python -m benchmarks.answers [--items 30000]

* Ordinary answers (numbers, units, fractions, text; what an evaluation is made of) through
  ``check_batch``, against the baseline of normalising both sides and comparing the strings (the
  ``normalized`` judge's work).
* Huge and malformed outputs (the cases of tests/evaluation/test_answers.py), each one check,
  against one ordinary check.
* math-verify: the first symbolic comparison of the process (sympy and the LaTeX parser load),
  then the costliest pairs ``symbolic_guard`` still admits (found by fuzzing the guard), against
  ``2\\sqrt{2}`` vs ``\\sqrt{8}``. These are why no check has a time limit: the first call alone
  takes seconds on a busy machine, and a limit would turn that into a wrong verdict.

Prints a markdown table (figures recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections.abc import Callable
from functools import partial

from tunix_rt.evaluation import answers

ORDINARY = [
    ("<answer>42</answer>", "42"),
    ("So the answer is 0.5.", "1/2"),
    ("<answer>120 m</answer>", "120 km"),
    ("<answer>Paris</answer>", "paris"),
    ("we get 17", "17"),
    ("<answer>$12.00</answer>", "$12"),
]


def _tag(answer: str) -> str:
    return f"<reasoning>Working it out.</reasoning><answer>{answer}</answer>"


HUGE = {
    "two million digits": "1" * 2_000_000,
    "50,000 open tags": "<answer>" * 50_000,
    "500,000 braces": "{" * 500_000 + "}",
    "tagged 100,000-digit number": _tag("9" * 100_000),
    "tagged 10,000-item list": _tag("1, " * 10_000),
    "tag of 50,000 unbalanced \\boxed{": _tag(r"\boxed{" * 50_000),
    "\\text{ nested 20,000 deep": _tag(r"\text{" * 20_000 + "}" * 20_000),
    "\\text{ nested 140 deep (under the cap)": _tag(r"\text{" * 140 + "x+1" + "}" * 140),
}

ADMITTED_COSTLY = [
    ("(((((2)))))", "x+1"),
    ("\\{" + ",".join(str(n) for n in range(1, 61)) + "\\}", "\\{1,2\\}"),
    ("(x+1)^{90}", "(x+1)^{89}"),
    ("(99!)^{99}", "1"),
    ("y^{(x)(99)}", "123456"),
    (r"\ln(z+3)+\exp(99)-\tan(e)", "7"),
    (r"\cos(8x)", "2"),
    (r"10^{5}+\log(3)", "0.5"),
]


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def symbolic_seconds(answer: str, expected: str) -> float:
    """One real math-verify comparison (the cache is cleared first), checked to be admitted. Timed
    past ``compare``, which refuses an expression for a number before math-verify sees it: the
    guard still admits such pairs, and an expected answer in maths may hold the same expression."""
    assert answers.symbolic_guard(answer, expected) is None, (answer, expected)
    answers._math_verify_equal.cache_clear()
    return seconds(lambda: answers._symbolic(answer, expected))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=30_000, help="Ordinary answers checked per side.")
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []

    first = symbolic_seconds(r"2\sqrt{3}", r"\sqrt{12}")
    baseline = statistics.median(symbolic_seconds(r"2\sqrt{2}", r"\sqrt{8}") for _ in range(5))
    rows.append(("math-verify, first comparison of the process", f"{first:.2f} s ({first / baseline:.0f}x)"))
    rows.append(("math-verify, `2\\sqrt{2}` vs `\\sqrt{8}` (baseline)", f"{baseline * 1000:.0f} ms"))
    for answer, expected in ADMITTED_COSTLY:
        took = symbolic_seconds(answer, expected)
        shown = answer if len(answer) < 40 else answer[:37] + "..."
        rows.append((f"admitted: `{shown}` vs `{expected}`", f"{took:.2f} s ({took / baseline:.0f}x)"))

    outputs = [output for output, _ in ORDINARY] * (args.items // len(ORDINARY))
    expected = [answer for _, answer in ORDINARY] * (args.items // len(ORDINARY))
    extracted = [answers.extract(output).answer or "" for output in outputs]
    normal = len(outputs) / seconds(
        lambda: [answers.normalize(a) == answers.normalize(e) for a, e in zip(extracted, expected, strict=True)]
    )
    checked = len(outputs) / seconds(lambda: answers.check_batch(outputs, expected))
    rows.append(("ordinary answers, normalise and compare (baseline)", f"{normal:,.0f}/s"))
    rows.append(("ordinary answers, `check_batch`", f"{checked:,.0f}/s ({checked / normal:.2f}x)"))
    one = 1 / checked
    for name, output in HUGE.items():
        took = seconds(partial(answers.check, output, "x^2+1"))
        rows.append((f"huge output: {name}", f"{took * 1000:.1f} ms ({took / one:,.0f}x one ordinary check)"))

    print(f"\n### Answer checking ({platform.node()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')})\n")
    print("| measure | result |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
