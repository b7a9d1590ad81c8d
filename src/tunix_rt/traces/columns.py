"""Column arithmetic as a person writes it on paper: addition and subtraction of whole numbers worked
one column at a time, units first, each column on its own line::

    What is 347 + 285?                      What is 503 - 498?
    units: 7 + 5 + 0 = 12, write 2, carry 1      units: 13 - 8 - 0 = 5, write 5, borrow 1
    tens: 4 + 8 + 1 = 13, write 3, carry 1       tens: 10 - 9 - 1 = 0, write 0, borrow 1
    hundreds: 3 + 2 + 1 = 6, write 6, carry 0    hundreds: 5 - 4 - 1 = 0, write 0, borrow 0

A line always has the same shape, ``place: top op digit op carry = result, write digit, carry|borrow
n``, the carry in written even when it is 0, so a small model trained from scratch on these lines
meets one pattern and learns the digit facts, not the layout. A subtraction column that borrows
writes its top digit with the borrowed ten (``13 - 8``), so every line's computation is true as
written and the written digit is its result. The synthetic ``column_arithmetic`` kind writes these
lines (``lines``) and the quality report reads them back (``ColumnReader``): each column must be
the one the algorithm gives for the question's operands, with the carry the previous column passed
on, and no column may be missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from tunix_rt.traces.quality import ArithmeticCheck

Operation = Literal["addition", "subtraction"]

PLACES: Final[tuple[str, ...]] = (
    "units",
    "tens",
    "hundreds",
    "thousands",
    "ten-thousands",
    "hundred-thousands",
    "millions",
    "ten-millions",
    "hundred-millions",
)
"""Column names, units first: the most digits an operand can have is ``len(PLACES)``."""

SIGNS: Final[dict[Operation, str]] = {"addition": "+", "subtraction": "-"}
_OPERATIONS: Final[dict[str, Operation]] = {sign: operation for operation, sign in SIGNS.items()}

_LINE = re.compile(
    r"(?P<place>[a-z]+(?:-[a-z]+)?):[ \t]+(?P<top>\d{1,2})[ \t]*(?P<sign>[+-])[ \t]*(?P<bottom>\d)[ \t]*(?P=sign)"
    r"[ \t]*(?P<carry>\d)[ \t]*=[ \t]*(?P<result>-?\d{1,2}),[ \t]*write[ \t]+(?P<digit>\d{1,2}),[ \t]*"
    r"(?P<word>carry|borrow)[ \t]+(?P<out>\d{1,2})"
)
# The question the columns answer: the first "a + b" or "a - b" between whole numbers.
_QUESTION = re.compile(r"(?<![\d.,])(\d{1,9})[ \t]*([+-])[ \t]*(\d{1,9})(?![\d.,])")


def column(place: int, top: int, bottom: int, carry: int, operation: Operation) -> tuple[str, int]:
    """The line of column ``place`` (0 is units) for digits ``top`` and ``bottom`` with ``carry``
    coming in, and the carry (or borrow) it passes on."""
    name = PLACES[place]
    if operation == "addition":
        total = top + bottom + carry
        return f"{name}: {top} + {bottom} + {carry} = {total}, write {total % 10}, carry {total // 10}", total // 10
    borrow = 1 if top < bottom + carry else 0
    written = top + 10 * borrow - bottom - carry
    return f"{name}: {top + 10 * borrow} - {bottom} - {carry} = {written}, write {written}, borrow {borrow}", borrow


def lines(a: int, b: int, operation: Operation) -> list[str]:
    """One line per column of ``a`` and ``b`` (whole numbers, ``a >= b`` for a subtraction), units
    first, as many columns as the longer operand has digits."""
    width = max(len(str(a)), len(str(b)))
    if width > len(PLACES):
        raise ValueError(f"operands of at most {len(PLACES)} digits have named columns, not {width}")
    written, carry = [], 0
    for place in range(width):
        line, carry = column(place, a // 10**place % 10, b // 10**place % 10, carry, operation)
        written.append(line)
    return written


def looks_like_column(text: str) -> bool:
    """A cheap test that rules a text out before the pattern runs: every column line says write."""
    return ", write " in text


class ColumnReader:
    """Checks column lines one at a time, in the order written, against the question in ``prompt``.

    Each line gets one check whose ``expected`` is the line the algorithm writes in its place: the
    next place, the question's digits (the line's own when the prompt holds no question), the
    carry the correct previous column passes on, the true result, written digit and carry out.
    So a wrong sum, a dropped carry, a misread digit or a skipped place is flagged on its line,
    and a later line that only repeats an earlier mistake's carry is flagged too (it differs from
    the algorithm). ``finish`` adds a check when columns are missing at the end.
    """

    def __init__(self, prompt: str) -> None:
        found = _QUESTION.search(prompt)
        self.question = None if found is None else (int(found[1]), _OPERATIONS[found[2]], int(found[3]))
        self.read = 0
        self.carry = 0
        self.last: tuple[int, int] | None = None  # (step, content length) of the last column line

    def check(self, step: int, content: str) -> ArithmeticCheck | None:
        """The check of a column line, or None when ``content`` is not one (it is then ordinary text)."""
        match = _LINE.fullmatch(content.strip())
        if match is None or match["place"] not in PLACES:
            return None
        operation = _OPERATIONS[match["sign"]]
        top, bottom = int(match["top"]) % 10, int(match["bottom"])
        if self.question is not None:
            a, operation, b = self.question
            top, bottom = a // 10**self.read % 10, b // 10**self.read % 10
        if self.read < len(PLACES):
            expected, self.carry = column(self.read, top, bottom, self.carry, operation)
        else:
            expected = f"at most {len(PLACES)} columns"
        stated = match[0]
        self.read += 1
        self.last = (step, len(content))
        start = content.index(stated)
        return {
            "step": step,
            "expression": stated.partition(" =")[0],
            "stated": stated,
            "expected": expected,
            "correct": stated == expected,
            "start": start,
            "end": start + len(stated),
        }

    def finish(self) -> ArithmeticCheck | None:
        """A failed check when the question has more columns than were written; else None."""
        if self.question is None or self.last is None:
            return None
        a, operation, b = self.question
        width = max(len(str(a)), len(str(b)))
        if self.read >= width:
            return None
        step, size = self.last
        return {
            "step": step,
            "expression": f"columns of {a} {SIGNS[operation]} {b}",
            "stated": f"{self.read} columns",
            "expected": f"{width} columns",
            "correct": False,
            "start": 0,
            "end": size,
        }


def check_columns(steps: Iterable[tuple[int, str]], prompt: str) -> list[ArithmeticCheck]:
    """Check the column lines among ``(step, text)`` pairs against the question in ``prompt``; for
    a model's output, pass its reasoning's lines: ``check_columns(enumerate(text.splitlines()), prompt)``."""
    reader = ColumnReader(prompt)
    checks = [check for step, text in steps if (check := reader.check(step, text)) is not None]
    missing = reader.finish()
    return checks if missing is None else [*checks, missing]
