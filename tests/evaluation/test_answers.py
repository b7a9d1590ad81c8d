"""Answer checking: extraction, normalisation, the strict and lenient scores, math-verify off the main thread."""

from __future__ import annotations

import asyncio
import doctest
import json
import random
import signal
import string
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

import pytest

from tunix_rt.evaluation import answers
from tunix_rt.evaluation.answer_cases import BUILTIN, read_cases
from tunix_rt.evaluation.answers import (
    MAX_ANSWER_CHARS,
    Extraction,
    Verdict,
    check,
    check_batch,
    compare,
    extract,
    normalize,
    symbolic_guard,
)

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "tunix-rt-v1"


def _tag(answer: str) -> str:
    return f"<reasoning>Working it out step by step.</reasoning><answer>{answer}</answer>"


# --- the table: the project's own case file (src/tunix_rt/evaluation/answer_cases.jsonl), which
# `tunix-rt eval check-answers` runs too; a case pins both scores and, where it matters, the reason.

CASES = [case for _, case in read_cases(BUILTIN)]


@pytest.mark.parametrize(
    ("output", "expected", "strict", "lenient", "reason"),
    [pytest.param(c.output, c.expected, c.strict, c.lenient, c.reason, id=c.name) for c in CASES],
)
def test_check_table(output: str, expected: str, strict: bool, lenient: bool, reason: str | None) -> None:
    verdict = check(output, expected)
    assert (verdict.strict, verdict.lenient) == (strict, lenient), verdict
    if reason is not None:
        assert verdict.reason == reason
    assert not verdict.strict or verdict.lenient  # strict implies lenient
    assert not verdict.strict or verdict.method == "tag"  # strict never passes untagged


def test_table_is_large_and_ids_unique() -> None:
    ids = [case.name for case in CASES]
    assert len(ids) >= 60
    assert None not in ids
    assert len(set(ids)) == len(ids)
    assert all(case.correct is None and None not in (case.strict, case.lenient) for case in CASES)


# --- extraction ------------------------------------------------------------------------------------

EXTRACTIONS: list[tuple[str, str, Extraction]] = [
    ("tag", "<reasoning>r</reasoning><answer> 12 </answer>", Extraction("12", "tag", False)),
    ("tag-over-answer-line", "Answer: 3\n<answer>4</answer>", Extraction("4", "tag", False)),
    ("unclosed-tag", "<answer>4", Extraction("4", "unclosed_tag", True)),
    ("closed-tag-then-empty-open", "<answer>4</answer><answer>", Extraction("4", "tag", False)),
    ("empty-tag-falls-back", "<answer> </answer> so 9", Extraction("9", "last_number", True)),
    ("earlier-tag-when-last-empty", "<answer>4</answer><answer></answer>", Extraction("4", "tag", False)),
    ("answer-line", "x\nAnswer: 7\nok", Extraction("7", "answer_line", True)),
    ("final-answer-sentence", "Final answer: 3.5. Because.", Extraction("3.5", "answer_line", True)),
    ("answer-is-next-line", "The answer is:\n  42\n", Extraction("42", "answer_line", True)),
    ("last-answer-line-wins", "Answer: 1\nAnswer: 2", Extraction("2", "answer_line", True)),
    ("boxed-nested", r"so $\boxed{\frac{1}{2}}$", Extraction(r"\frac{1}{2}", "boxed", True)),
    ("boxed-unbalanced", r"\boxed{\frac{1}{2}", Extraction("2", "last_number", True)),
    ("last-number-money", "pay $1,200.50 total", Extraction("$1,200.50", "last_number", True)),
    ("last-number-fraction", "p is 1/216", Extraction("1/216", "last_number", True)),
    ("last-number-percent", "about 50% likely", Extraction("50%", "last_number", True)),
    ("nothing", "no digits here", Extraction(None, "none", True)),
    ("empty", "", Extraction(None, "none", True)),
]


@pytest.mark.parametrize(("output", "extraction"), [pytest.param(*c[1:], id=c[0]) for c in EXTRACTIONS])
def test_extract(output: str, extraction: Extraction) -> None:
    assert extract(output) == extraction


def test_extract_takes_the_templates_tags() -> None:
    output = "<think>2+2</think><final>4</final> <answer>5</answer>"
    assert extract(output, "<final>", "</final>") == Extraction("4", "tag", False)
    assert check(output, "4", open_tag="<final>", close_tag="</final>").strict
    assert not check(output, "4").strict  # with the default tags the answer is 5


# --- normalisation ---------------------------------------------------------------------------------

NORMALIZED: list[tuple[str, str]] = [
    ("  **$1,200.50**. ", "1200.5"),
    (r"\boxed{\dfrac{1}{2}}", "1/2"),
    ("120 Kilometers", "120 km"),
    ("X = 2  or  x = -2", "x=2 or x=-2"),
    (r"\(\frac{\sqrt{3}}{2}\)", r"\frac{\sqrt{3}}{2}"),
    (r"\text{Paris}", "paris"),
    (r"\Delta x", r"\Delta x"),  # command names keep their case
    ("'Yes!'", "yes"),
    ("1.2.3", "1.2.3"),  # a version, not numbers
    (".50", "0.5"),
    ("50 per cent", "50%"),
    ("red , blue ; green", "red,blue;green"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "normal"), NORMALIZED)
def test_normalize(text: str, normal: str) -> None:
    assert normalize(text) == normal


def test_compare_without_extraction() -> None:
    assert compare("1,000 km", "1000 kilometers") == (True, True, "exact")
    assert compare("0.5", "1/2") == (False, True, "equal value")
    assert compare("", "1") == (False, False, "empty answer")


def test_rel_tol_widens_the_tolerance() -> None:
    assert not check(_tag("3.1416"), "3.14159").lenient
    verdict = check(_tag("3.1416"), "3.14159", rel_tol=1e-4)
    assert (verdict.strict, verdict.lenient, verdict.reason) == (False, True, "numeric within tolerance")


# --- math-verify: guard, threads, signals, absence ----------------------------------------------


@dataclass
class MathVerifySpy:
    """What the checker handed to math-verify, and with which time limits."""

    texts: list[str] = field(default_factory=list)
    time_limits: list[object] = field(default_factory=list)


@pytest.fixture
def math_verify_spy(monkeypatch: pytest.MonkeyPatch) -> Iterator[MathVerifySpy]:
    real = answers._math_verify()
    assert real is not None, "math-verify is a dev dependency"
    spy = MathVerifySpy()

    def parse(text: str, **options: object) -> list[object]:
        spy.texts.append(text)
        spy.time_limits.append(options.get("parsing_timeout", "math-verify's default"))
        return real.parse(text, **options)

    def verify(gold: list[object], prediction: list[object], **options: object) -> bool:
        spy.time_limits.append(options.get("timeout_seconds", "math-verify's default"))
        return real.verify(gold, prediction, **options)

    monkeypatch.setattr(answers, "_math_verify", lambda: answers._MathVerify(parse, verify))
    answers._math_verify_equal.cache_clear()  # every check really calls math-verify
    yield spy
    answers._math_verify_equal.cache_clear()  # no verdict computed through the spy outlives it


COSTLY: list[tuple[str, str, str, str]] = [
    ("power-tower", "2^{2^{2^{100}}}", "x+1", "input too costly to evaluate"),
    ("five-digit-exponent", "9^{99999}", "x+1", "input too costly to evaluate"),
    ("integral", r"\int_{0}^{1} x dx", "x+1", "input too costly to evaluate"),
    ("factorial-of-a-factorial", "(999!)!+1", "x+1", "input too costly to evaluate"),
    ("factorial-in-an-exponent", "2^{788!}", "x+1", "input too costly to evaluate"),
    ("factorial-under-a-root-in-an-exponent", r"2^{\sqrt{73!}}", "x+1", "input too costly to evaluate"),
    ("power-of-a-sum-in-an-exponent", "2^{(3+99)^{99}}", "x+1", "input too costly to evaluate"),
    ("millions-of-digits", "(971!)^{999}", "x+1", "input too costly to evaluate"),
    ("four-variables-tenth-power", "(x+y+z+w)^{10}", "x+1", "input too costly to evaluate"),
    (
        "twelve-binomials",
        "(a+b)(c+d)(e+f)(g+h)(i+j)(k+l)(m+n)(o+p)(q+r)(s+t)(u+v)(w+y)",
        "x+1",
        "input too costly to evaluate",
    ),
    ("trig-powers", r"\sin(x)^{99}", r"\cos(x)^{99}", "input too costly to evaluate"),
    ("trig-multiple-angle", r"\cos(128x)", "x+1", "input too costly to evaluate"),
    ("power-in-a-trig-argument", r"\cos(2^{\pi+7})", "x+1", "input too costly to evaluate"),
    ("pi-binomial", r"(99+\pi)^{999}", "x+1", "input too costly to evaluate"),
    ("exp-of-a-factorial", r"\exp(999!)", "x+1", "input too costly to evaluate"),
    ("log-beside-a-big-number", r"10^{10}+\log(3)", "x+1", "input too costly to evaluate"),
    ("nested-six-deep", "((((((2))))))", "x+1", "brackets nested too deeply"),
    ("long", "x+" * 150 + "1", "x+1", "input too long"),
]


@pytest.mark.parametrize(("answer", "expected", "reason"), [pytest.param(*c[1:], id=c[0]) for c in COSTLY])
def test_symbolic_guard_refuses_costly_inputs(
    answer: str, expected: str, reason: str, math_verify_spy: MathVerifySpy
) -> None:
    """Each of these kept sympy busy for seconds to minutes (or never returned) when measured."""
    assert symbolic_guard(answer, expected) == f"symbolic check skipped: {reason}"
    verdict = check(_tag(answer), expected)
    assert (verdict.lenient, verdict.reason) == (False, f"symbolic check skipped: {reason}")
    assert math_verify_spy.texts == []


ADMITTED: list[tuple[str, str, bool]] = [
    (r"2\sqrt{2}", r"\sqrt{8}", True),
    ("(x+1)^2", "x^2+2x+1", True),
    (r"\frac{\sqrt{3}}{2}", r"\sin(\pi/3)", True),
    ("10", r"\log_{2}(1024)", True),  # an expression is never an answer for a number: the other way round
    ("999", r"\frac{999!}{998!}", True),
    ("999^{999}", r"3^{999}\cdot 333^{999}", True),
    (r"\cos(2x)", r"1-2\sin^{2}(x)", True),
    ("(a+b)(c+d)", "a*c+a*d+b*c+b*d", True),
    (r"[0, \frac{\pi}{2})", r"[0, \frac{\pi}{3})", False),
    ("(((((2)))))", "x+1", False),
]


@pytest.mark.parametrize(("answer", "expected", "equal"), ADMITTED)
def test_symbolic_guard_admits_ordinary_maths(
    answer: str, expected: str, equal: bool, math_verify_spy: MathVerifySpy
) -> None:
    assert symbolic_guard(answer, expected) is None
    assert check(_tag(answer), expected).lenient is equal
    assert math_verify_spy.texts != []


def test_math_verify_runs_without_a_clock(math_verify_spy: MathVerifySpy) -> None:
    """No time limit reaches math-verify, so a busy CPU or a cold sympy import cannot change a verdict.

    With a limit, math-verify arms ``signal.alarm`` and reads a timeout as "not parseable" or "not
    equivalent": under load ``2\\sqrt{2}`` stopped equalling ``\\sqrt{8}``.
    """
    handler = signal.getsignal(signal.SIGALRM)
    host_alarm = signal.getitimer(signal.ITIMER_REAL)[0] > 0
    pairs = [(r"2\sqrt{2}", r"\sqrt{8}"), ("(x+1)^2", "x^2+2x+1"), (r"\pi/2", r"\frac{\pi}{2}")]
    assert [check(_tag(a), e).reason for a, e in pairs] == ["symbolic (math-verify)"] * 3
    assert len(math_verify_spy.time_limits) == 3 * 3  # two parses and one verify per pair
    assert set(math_verify_spy.time_limits) == {None}
    assert signal.getsignal(signal.SIGALRM) is handler
    assert (signal.getitimer(signal.ITIMER_REAL)[0] > 0) == host_alarm


def test_symbolic_off_uses_cheap_checks_only() -> None:
    verdict = check(_tag(r"2\sqrt{2}"), r"\sqrt{8}", symbolic=False)
    assert (verdict.lenient, verdict.reason) == (False, "not equal (symbolic check off)")
    assert check(_tag("1/2"), "0.5", symbolic=False).lenient  # fractions need no math-verify


def test_math_verify_from_worker_threads() -> None:
    answers._math_verify_equal.cache_clear()  # make every thread really call math-verify
    pairs = [(rf"{k}\sqrt{{2}}", rf"\sqrt{{{2 * k * k}}}") for k in range(2, 10)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        verdicts = list(pool.map(lambda pair: check(_tag(pair[0]), pair[1]), pairs))
    assert [(v.lenient, v.reason) for v in verdicts] == [(True, "symbolic (math-verify)")] * len(pairs)


async def test_math_verify_from_an_async_server() -> None:
    answers._math_verify_equal.cache_clear()
    verdict = await asyncio.to_thread(check, _tag(r"\frac{\sqrt{3}}{2}"), r"\sin(\pi/3)")
    assert (verdict.lenient, verdict.reason) == (True, "symbolic (math-verify)")


def test_main_thread_leaves_the_hosts_alarm_and_handler_alone() -> None:
    fired: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        fired.append(signum)

    previous = signal.signal(signal.SIGALRM, handler)
    signal.setitimer(signal.ITIMER_REAL, 100.0)
    try:
        answers._math_verify_equal.cache_clear()
        assert check(_tag("(x+1)^2"), "x^2+2x+1").lenient
        assert signal.getsignal(signal.SIGALRM) is handler
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_without_math_verify_symbolic_is_reported_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(answers, "_math_verify", lambda: None)
    answers._math_verify_equal.cache_clear()
    try:
        verdict = check(_tag(r"2\sqrt{2}"), r"\sqrt{8}")
        assert (verdict.lenient, verdict.reason) == (False, "symbolic check unavailable (math-verify not installed)")
        assert check(_tag("1/2"), "0.5").lenient
    finally:
        answers._math_verify_equal.cache_clear()


# --- never raises, and bounded work -------------------------------------------------------------


def test_never_raises_on_garbage() -> None:
    rng = random.Random(6)
    alphabet = string.printable + "{}\\$^°−–½²√π∞×÷"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        other = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        for output in (text, _tag(text), r"\boxed{" + text):
            for expected in (other, text):
                verdict = check(output, expected)
                assert isinstance(verdict, Verdict)
                assert not verdict.strict or verdict.lenient


def test_answers_over_the_cap_are_not_compared() -> None:
    at_cap = "1" * MAX_ANSWER_CHARS
    assert compare(at_cap, at_cap) == (True, True, "exact")
    assert compare(at_cap + "1", at_cap) == (False, False, "answer too long to check")
    assert compare("1", at_cap + "1") == (False, False, "expected answer too long to check")
    assert normalize(at_cap + "1") == ""


TOO_LONG = "answer too long to check"
NOTHING = "no answer found"


@pytest.mark.parametrize(
    ("output", "method", "reason"),
    [
        pytest.param("1" * 2_000_000, "last_number", TOO_LONG, id="two-million-digits"),
        pytest.param("<answer>" * 50_000, "none", NOTHING, id="open-tags-only"),
        pytest.param(r"\boxed{" * 50_000, "none", NOTHING, id="unbalanced-boxed"),
        pytest.param("{" * 500_000 + "}", "none", NOTHING, id="braces"),
        pytest.param("Answer: " + "9" * 100_000, "last_number", TOO_LONG, id="huge-answer-line"),
        pytest.param(_tag("9" * 100_000), "tag", TOO_LONG, id="huge-tagged-number"),
        pytest.param(_tag("(" * 5_000), "tag", TOO_LONG, id="unbalanced-parens"),
        pytest.param("a, " * 100_000, "none", NOTHING, id="huge-list"),
        pytest.param(_tag("1, " * 10_000), "tag", TOO_LONG, id="huge-tagged-list"),
        pytest.param(_tag(r"\boxed{" * 50_000), "tag", TOO_LONG, id="tag-full-of-unbalanced-boxed"),
        pytest.param(_tag(r"\text{" * 20_000 + "}" * 20_000), "tag", TOO_LONG, id="deeply-nested-text"),
        pytest.param(
            _tag(r"\text{" * 140 + "x+1" + "}" * 140),
            "tag",
            "symbolic check skipped: input too long",
            id="nested-text-under-the-cap",
        ),
        pytest.param(
            _tag("(" * 60 + "x+1" + ")" * 60),
            "tag",
            "symbolic check skipped: brackets nested too deeply",
            id="nested-parens-under-the-cap",
        ),
    ],
)
def test_huge_and_malformed_outputs_get_bounded_work(
    output: str, method: str, reason: str, math_verify_spy: MathVerifySpy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the output, normalisation reads at most MAX_ANSWER_CHARS and math-verify nothing."""
    cleaned: list[int] = []
    clean = answers._clean

    def measured_clean(text: str) -> str:
        cleaned.append(len(text))
        return clean(text)

    monkeypatch.setattr(answers, "_clean", measured_clean)
    verdict = check(output, "x^2+1")
    assert (verdict.strict, verdict.lenient, verdict.method, verdict.reason) == (False, False, method, reason)
    for expected in ("42", "a, b"):
        assert not check(output, expected).lenient
    assert max(cleaned, default=0) <= MAX_ANSWER_CHARS
    assert math_verify_spy.texts == []


def test_ordinary_answers_never_reach_math_verify(math_verify_spy: MathVerifySpy) -> None:
    """Numbers, units, fractions and text are settled by the cheap checks (benchmarks/answers.py times them)."""
    outputs = [_tag("42"), "So the answer is 0.5.", _tag("120 m"), _tag("Paris"), "we get 17", _tag("$12.00")]
    expected = ["42", "1/2", "120 km", "paris", "17", "$12"]
    verdicts = check_batch(outputs * 500, expected * 500)
    assert [v.lenient for v in verdicts] == [True, True, False, True, True, True] * 500
    assert math_verify_spy.texts == []


def test_docstring_examples_hold() -> None:
    failed, attempted = doctest.testmod(answers)
    assert (failed, attempted > 15) == (0, True)


# --- batch ------------------------------------------------------------------------------------------


def test_check_batch_matches_check() -> None:
    outputs = [case.output for case in CASES]
    expected = [case.expected for case in CASES]
    assert check_batch(outputs, expected) == [check(o, e) for o, e in zip(outputs, expected, strict=True)]


def test_check_batch_refuses_misaligned_batches() -> None:
    with pytest.raises(ValueError, match="2 outputs but 1 expected"):
        check_batch(["a", "b"], ["a"])


def test_verdicts_are_safe_from_any_thread_at_once() -> None:
    outputs = [case.output for case in CASES] * 4
    expected = [case.expected for case in CASES] * 4
    serial = check_batch(outputs, expected)
    answers._math_verify_equal.cache_clear()
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(check, outputs, expected))
    assert parallel == serial
    assert threading.current_thread() is threading.main_thread()


# --- the real eval sets ------------------------------------------------------------------------------


def _expected_answers() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in ("eval_v1.jsonl", "eval_v2.jsonl"):
        path = DATA / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    item = json.loads(line)
                    found.append((item["id"], item["expected_answer"]))
    return found


EVAL_ANSWERS = _expected_answers()
needs_data = pytest.mark.skipif(not EVAL_ANSWERS, reason=f"original eval data not found under {DATA}")


@needs_data
def test_every_eval_answer_is_strict_correct_against_itself() -> None:
    for item_id, expected in EVAL_ANSWERS:
        verdict = check(_tag(expected), expected)
        assert (verdict.strict, verdict.lenient, verdict.reason) == (True, True, "exact"), item_id


@needs_data
def test_every_eval_answer_untagged_is_lenient_only() -> None:
    for item_id, expected in EVAL_ANSWERS:
        verdict = check(f"Let me think.\nFinal answer: {expected}", expected)
        assert (verdict.strict, verdict.lenient, verdict.method) == (False, True, "answer_line"), item_id


@needs_data
def test_eval_answers_with_typical_model_variations() -> None:
    answers_by_id = dict(EVAL_ANSWERS)
    cases = {
        "eval-003": ("120", False, True),  # "120 km", unit dropped
        "eval-018": ("12.00", True, True),  # "$12"
        "eval-022": ("1/2", False, True),  # "0.5 or 50%"
        "eval-025": ("180°", True, True),  # "180 degrees"
        "eval-005": ("Blue, Red, Yellow", True, True),  # "red, blue, yellow"
        "eval-v2-077": ("0.00463", False, False),  # "1/216", too few digits to stand for it
        "eval-v2-088": ("15.0", True, True),  # "15"
        "eval-v2-093": ("1/2", False, True),  # "0.5"
        "eval-v2-073": ("Friday.", True, True),
    }
    for item_id, (answer, strict, lenient) in cases.items():
        if item_id not in answers_by_id:
            continue
        verdict = check(_tag(answer), answers_by_id[item_id])
        assert (verdict.strict, verdict.lenient) == (strict, lenient), (item_id, verdict)
