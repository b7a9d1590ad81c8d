"""Column arithmetic: the lines written for a problem, and the quality report reading them back as
the algorithm, flagging each kind of slip on the line where it happens."""

from __future__ import annotations

import pytest

from tunix_rt.traces.columns import PLACES, check_columns, column, lines
from tunix_rt.traces.quality import assess
from tunix_rt.traces.schema import Step, TraceIn

ADDITION = [
    "units: 7 + 5 + 0 = 12, write 2, carry 1",
    "tens: 4 + 8 + 1 = 13, write 3, carry 1",
    "hundreds: 3 + 2 + 1 = 6, write 6, carry 0",
]
SUBTRACTION = [
    "units: 13 - 8 - 0 = 5, write 5, borrow 1",
    "tens: 10 - 9 - 1 = 0, write 0, borrow 1",
    "hundreds: 5 - 4 - 1 = 0, write 0, borrow 0",
]


def column_trace(prompt: str, contents: list[str], answer_step: str, answer: str) -> TraceIn:
    texts = [*contents, answer_step]
    return TraceIn(
        prompt=prompt,
        final_answer=answer,
        steps=[Step(i=i, type="column" if i < len(contents) else "answer", content=t) for i, t in enumerate(texts)],
    )


def test_lines_work_each_column_units_first_with_the_carry_written_even_when_zero() -> None:
    assert lines(347, 285, "addition") == ADDITION
    assert lines(503, 498, "subtraction") == SUBTRACTION
    assert lines(99, 99, "addition") == [
        "units: 9 + 9 + 0 = 18, write 8, carry 1",
        "tens: 9 + 9 + 1 = 19, write 9, carry 1",
    ]
    assert lines(7, 7, "subtraction") == ["units: 7 - 7 - 0 = 0, write 0, borrow 0"]
    assert lines(1000, 1, "subtraction")[1:] == [
        "tens: 10 - 0 - 1 = 9, write 9, borrow 1",
        "hundreds: 10 - 0 - 1 = 9, write 9, borrow 1",
        "thousands: 1 - 0 - 1 = 0, write 0, borrow 0",
    ]
    assert column(3, 9, 9, 1, "addition") == ("thousands: 9 + 9 + 1 = 19, write 9, carry 1", 1)
    with pytest.raises(ValueError, match="at most 9 digits"):
        lines(10**9, 1, "addition")


def test_a_correct_column_trace_is_ok_with_one_check_per_column_and_one_for_the_answer() -> None:
    for prompt, contents, answer_step, answer in (
        ("What is 347 + 285?", ADDITION, "347 + 285 = 632", "632"),
        ("What is 503 - 498?", SUBTRACTION, "503 - 498 = 5", "5"),
    ):
        report = assess(column_trace(prompt, contents, answer_step, answer).plain())
        assert report["ok"], report
        assert report["stats"]["arithmetic_checked"] == 4
        assert [check["expected"] for check in report["arithmetic"][:3]] == contents
        first = report["arithmetic"][0]
        assert (first["expression"], first["start"], first["end"]) == (
            contents[0].partition(" =")[0],
            0,
            len(contents[0]),
        )


CORRUPTED = [
    # (what goes wrong, the lines written: only one line differs from ADDITION or SUBTRACTION)
    ("wrong sum", 1, "tens: 4 + 8 + 1 = 14, write 4, carry 1"),
    ("written digit not the sum's units", 0, "units: 7 + 5 + 0 = 12, write 1, carry 1"),
    ("carry out dropped", 0, "units: 7 + 5 + 0 = 12, write 2, carry 0"),
    ("carry in not the previous carry", 2, "hundreds: 3 + 2 + 0 = 5, write 5, carry 0"),
    ("operand digit misread", 1, "tens: 4 + 3 + 1 = 8, write 8, carry 0"),
    ("places out of order", 1, "hundreds: 4 + 8 + 1 = 13, write 3, carry 1"),
]


@pytest.mark.parametrize(("slip", "line", "content"), CORRUPTED, ids=[case[0] for case in CORRUPTED])
def test_each_slip_in_an_addition_column_is_flagged_on_its_line(slip: str, line: int, content: str) -> None:
    written = list(ADDITION)
    written[line] = content
    report = assess(column_trace("What is 347 + 285?", written, "347 + 285 = 632", "632").plain())
    assert "arithmetic_error" in report["flags"], slip
    wrong = [check for check in report["arithmetic"] if not check["correct"]]
    assert wrong[0]["step"] == line
    assert (wrong[0]["stated"], wrong[0]["expected"]) == (content, ADDITION[line])


@pytest.mark.parametrize(
    ("line", "content"),
    [
        (0, "units: 3 - 8 - 0 = -5, write 5, borrow 1"),  # no ten borrowed: the result is not a digit
        (0, "units: 13 - 8 - 0 = 5, write 5, borrow 0"),  # a ten taken but no borrow passed on
        (1, "tens: 0 - 9 - 1 = -10, write 0, borrow 1"),
        (2, "hundreds: 5 - 4 - 0 = 1, write 1, borrow 0"),  # the borrow from the tens forgotten
    ],
)
def test_each_slip_in_a_subtraction_column_is_flagged_on_its_line(line: int, content: str) -> None:
    written = list(SUBTRACTION)
    written[line] = content
    report = assess(column_trace("What is 503 - 498?", written, "503 - 498 = 5", "5").plain())
    wrong = [check for check in report["arithmetic"] if not check["correct"]]
    assert [check["step"] for check in wrong] == [line]
    assert wrong[0]["expected"] == SUBTRACTION[line]
    assert "arithmetic_error" in report["flags"]


def test_a_missing_column_is_flagged_even_when_every_written_line_is_right() -> None:
    report = assess(column_trace("What is 347 + 285?", ADDITION[:2], "347 + 285 = 632", "632").plain())
    assert "arithmetic_error" in report["flags"]
    missing = report["arithmetic"][-1]
    assert (missing["step"], missing["stated"], missing["expected"], missing["correct"]) == (
        1,
        "2 columns",
        "3 columns",
        False,
    )


def test_a_wrong_final_answer_is_caught_by_the_ordinary_check() -> None:
    report = assess(column_trace("What is 347 + 285?", ADDITION, "347 + 285 = 633", "633").plain())
    assert report["flags"] == ["arithmetic_error"]
    assert [check["correct"] for check in report["arithmetic"]] == [True, True, True, False]


def test_without_a_question_the_lines_are_checked_against_their_own_digits_and_carries() -> None:
    checks = check_columns(enumerate(ADDITION), "Add these up.")
    assert [check["correct"] for check in checks] == [True, True, True]
    dropped = [ADDITION[0], "tens: 4 + 8 + 0 = 12, write 2, carry 1", ADDITION[2]]
    checks = check_columns(enumerate(dropped), "Add these up.")
    assert [check["correct"] for check in checks] == [True, False, True]
    assert checks[1]["expected"] == ADDITION[1]


def test_a_models_reasoning_is_checked_line_by_line_and_prose_is_left_alone() -> None:
    reasoning = "Let me add by columns.\n" + "\n".join(ADDITION) + "\n347 + 285 = 632"
    checks = check_columns(enumerate(reasoning.splitlines()), "What is 347 + 285?")
    assert [(check["step"], check["correct"]) for check in checks] == [(1, True), (2, True), (3, True)]
    assert check_columns(enumerate(["units: 7 + 5 = 12"]), "What is 347 + 285?") == []


def test_place_names_cover_nine_digit_operands() -> None:
    assert PLACES[:4] == ("units", "tens", "hundreds", "thousands")
    assert len(PLACES) == 9
