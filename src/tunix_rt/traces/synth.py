"""Deterministic synthetic reasoning traces for the demo data, tests and benchmarks.

Every answer is computed, never typed in, so each trace is right by construction: its arithmetic is
written in the ``a op b = c`` form that ``quality.assess`` checks, and its last step states the final
answer. The generators therefore double as a standing test of the quality checks.

Determinism is by seed, never the global ``random``: a kind draws from ``random.Random(f"{kind}:{seed}")``
one trace at a time, so the same (kind, count, seed) always gives the same traces and a longer request
starts with the traces of a shorter one.

``column_arithmetic`` is the scratchpad kind: N-digit addition and subtraction worked one column per
step (``traces.columns``), with options (digit counts, operations). It never repeats a problem within
one call, and writes the problem into ``meta.problem`` (``"347 + 285"``), a key a dataset split can
hold out by, so an eval split asks only problems its train split never saw. It is left out of
``mixed``, whose traces (the demo's data) stay as they were.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Final

from tunix_rt.traces import columns

if TYPE_CHECKING:
    # Imported where traces are built: `tunix-rt --help` names KINDS without paying for the
    # trace schemas and the quality checker they validate with.
    from tunix_rt.traces.schema import ColumnArithmeticOptions, TraceIn

MIXED_KINDS: Final[tuple[str, ...]] = ("arithmetic", "word_problem", "string", "unit_conversion", "card_game")
"""The kinds ``generate_mixed`` cycles through, in this order."""
KINDS: Final[tuple[str, ...]] = (*MIXED_KINDS, "column_arithmetic")
"""Every kind ``generate`` makes."""
GENERATOR: Final = "tunix-rt-synth"

_DIFFICULTIES: Final = ("easy", "medium", "hard")
_NAMES: Final = ("Maya", "Leo", "Priya", "Sam", "Aiko", "Omar", "Lena", "Diego", "Nora", "Kofi")


@dataclass(frozen=True, slots=True)
class _Draft:
    """A trace before it gets its bookkeeping (index, seed, source)."""

    prompt: str
    steps: Sequence[tuple[str, str]]  # (step type, content)
    answer: str
    category: str
    difficulty: str
    extra: dict[str, Any] = field(default_factory=dict)


def generate(
    kind: str, count: int, seed: int, column_arithmetic: ColumnArithmeticOptions | None = None
) -> list[TraceIn]:
    """``count`` traces of one kind; ValueError on an unknown kind, a negative count, options given
    to another kind, or more column problems asked for than the options allow."""
    if kind == "column_arithmetic":
        from tunix_rt.traces.schema import ColumnArithmeticOptions

        _check_count(count)
        return _column_arithmetic(count, seed, column_arithmetic or ColumnArithmeticOptions())
    if column_arithmetic is not None:
        raise ValueError(f"column_arithmetic options apply only to kind column_arithmetic, not {kind}")
    maker = _maker(kind)
    _check_count(count)
    rng = random.Random(f"{kind}:{seed}")
    return [_build(kind, seed, index, maker(rng)) for index in range(count)]


def generate_mixed(count: int, seed: int) -> list[TraceIn]:
    """``count`` traces cycling through ``MIXED_KINDS`` in order, for the demo data.

    Each kind keeps its own stream, so the n-th trace of a kind here is exactly the n-th trace of
    ``generate(kind, ..., seed)``: mixing changes the order of traces, never their content.
    """
    _check_count(count)
    streams = {kind: random.Random(f"{kind}:{seed}") for kind in MIXED_KINDS}
    traces: list[TraceIn] = []
    for position in range(count):
        kind = MIXED_KINDS[position % len(MIXED_KINDS)]
        traces.append(_build(kind, seed, position // len(MIXED_KINDS), _MAKERS[kind](streams[kind])))
    return traces


def _maker(kind: str) -> Callable[[random.Random], _Draft]:
    try:
        return _MAKERS[kind]
    except KeyError:
        raise ValueError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}") from None


def _check_count(count: int) -> None:
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")


def _build(kind: str, seed: int, index: int, draft: _Draft) -> TraceIn:
    from tunix_rt.traces.schema import Step, TraceIn

    meta: dict[str, Any] = {
        "generator": GENERATOR,
        "kind": kind,
        "seed": seed,
        "index": index,
        "category": draft.category,
        "difficulty": draft.difficulty,
        **draft.extra,
    }
    return TraceIn(
        prompt=draft.prompt,
        final_answer=draft.answer,
        steps=[Step(i=i, type=kind_of_step, content=content) for i, (kind_of_step, content) in enumerate(draft.steps)],
        meta=meta,
        source=f"synth:{kind}",
    )


# --- number formatting ---------------------------------------------------------------------------


def _exact(value: Fraction | int) -> str:
    """A value with a terminating decimal expansion, written in full ("31.5", "-20", "0.075")."""
    scaled, places = Fraction(value), 0
    while scaled.denominator != 1:
        if places == 12:
            raise ValueError(f"{value} has no short decimal form; round it instead")
        scaled *= 10
        places += 1
    return _fixed(value, places)


def _fixed(value: Fraction | int, places: int) -> str:
    """``value`` rounded half up to exactly ``places`` decimals ("37.8", "100.0", "12")."""
    units = int(abs(Fraction(value)) * 10**places + Fraction(1, 2))
    digits = str(units).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}" if places else digits
    return f"-{text}" if value < 0 and units else text


def _is_exact_at(value: Fraction, places: int) -> bool:
    scale: int = 10**places
    return (value * scale).denominator == 1


def _usd(cents: int) -> str:
    """Money as people write it: "$7.50", "$1,234.00"."""
    return f"${cents // 100:,}.{cents % 100:02d}"


def _plural(value: Fraction | int, one: str, many: str) -> str:
    return one if value == 1 else many


# --- arithmetic ----------------------------------------------------------------------------------

_ASK: Final = ("What is {}?", "Calculate {}.", "Compute {} and show your work.", "Work out {} step by step.")


_Worked = tuple[str, Fraction, list[tuple[str, str]]]  # (expression, answer, steps)


def _arithmetic(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    if difficulty == "hard":
        return _arithmetic_multi_step(rng)
    operation = rng.choice(("addition", "subtraction", "multiplication", "division"))
    work = {"addition": _addition, "subtraction": _subtraction, "multiplication": _multiplication}.get(
        operation, _division
    )
    expression, answer, steps = work(rng, difficulty == "easy")
    return _Draft(rng.choice(_ASK).format(expression), steps, _exact(answer), operation, difficulty)


def _addition(rng: random.Random, easy: bool) -> _Worked:
    a, b = _operand(rng, easy), _operand(rng, easy)
    total = a + b
    steps = [
        ("setup", f"Add {_exact(a)} and {_exact(b)}."),
        ("calculation", f"{_exact(a)} + {_exact(b)} = {_exact(total)}"),
        ("check", f"Check: {_exact(total)} - {_exact(b)} = {_exact(a)}"),
        ("answer", f"The answer is {_exact(total)}."),
    ]
    return f"{_exact(a)} + {_exact(b)}", total, steps


def _subtraction(rng: random.Random, easy: bool) -> _Worked:
    a, b = _operand(rng, easy), _operand(rng, easy)
    if easy and b > a:
        a, b = b, a  # negative results only from medium on
    difference = a - b
    steps = [
        ("setup", f"Subtract {_exact(b)} from {_exact(a)}."),
        ("calculation", f"{_exact(a)} - {_exact(b)} = {_exact(difference)}"),
        ("check", f"Check: {_exact(difference)} + {_exact(b)} = {_exact(a)}"),
        ("answer", f"The answer is {_exact(difference)}."),
    ]
    return f"{_exact(a)} - {_exact(b)}", difference, steps


def _multiplication(rng: random.Random, easy: bool) -> _Worked:
    if easy:
        a, b = rng.randint(2, 12), rng.randint(2, 12)
        steps = [("calculation", f"{a} × {b} = {a * b}")]
    else:
        a, b = rng.randint(12, 99), rng.choice([n for n in range(11, 100) if n % 10])
        tens, ones = b - b % 10, b % 10
        steps = [
            ("setup", f"Split {b} into {tens} and {ones}."),
            ("calculation", f"{a} × {tens} = {a * tens}"),
            ("calculation", f"{a} × {ones} = {a * ones}"),
            ("calculation", f"{a * tens} + {a * ones} = {a * b}"),
        ]
    steps.append(("answer", f"So {a} × {b} = {a * b}."))
    return f"{a} × {b}", Fraction(a * b), steps


def _division(rng: random.Random, easy: bool) -> _Worked:
    divisor = rng.randint(2, 12) if easy else rng.choice((2, 4, 5, 6, 8, 12, 15, 16, 20, 25))
    quotient = Fraction(rng.randint(2, 20)) if easy else Fraction(rng.randint(20, 400), rng.choice((1, 2, 4)))
    dividend = quotient * divisor
    steps = [
        ("setup", f"Divide {_exact(dividend)} by {divisor}."),
        ("calculation", f"{_exact(dividend)} ÷ {divisor} = {_exact(quotient)}"),
        ("check", f"Check: {_exact(quotient)} × {divisor} = {_exact(dividend)}"),
        ("answer", f"The answer is {_exact(quotient)}."),
    ]
    return f"{_exact(dividend)} ÷ {divisor}", quotient, steps


def _operand(rng: random.Random, easy: bool) -> Fraction:
    """A two-digit whole number (easy), or a larger number with up to two decimals."""
    if easy:
        return Fraction(rng.randint(10, 99))
    return Fraction(rng.randint(100, 9999), rng.choice((1, 1, 10, 100)))


def _arithmetic_multi_step(rng: random.Random) -> _Draft:
    shape = rng.randrange(3)
    if shape == 0:
        a, b, c, d = rng.randint(2, 40), rng.randint(2, 40), rng.randint(2, 12), rng.randint(1, 99)
        total = a + b
        product = total * c
        result = product - d
        expression = f"({a} + {b}) × {c} - {d}"
        steps = [
            ("setup", "Work inside the parentheses first, then multiply, then subtract."),
            ("calculation", f"{a} + {b} = {total}"),
            ("calculation", f"{total} × {c} = {product}"),
            ("calculation", f"{product} - {d} = {result}"),
        ]
    elif shape == 1:
        a, b, c, d = rng.randint(2, 30), rng.randint(2, 30), rng.randint(2, 30), rng.randint(2, 30)
        result = a * b + c * d
        expression = f"{a} × {b} + {c} × {d}"
        steps = [
            ("setup", "Multiplication comes before addition, so work out both products first."),
            ("calculation", f"{a} × {b} = {a * b}"),
            ("calculation", f"{c} × {d} = {c * d}"),
            ("calculation", f"{a * b} + {c * d} = {result}"),
        ]
    else:
        c, quotient, b, d = rng.randint(2, 9), rng.randint(2, 30), rng.randint(1, 50), rng.randint(1, 50)
        a = b + c * quotient
        result = quotient + d
        expression = f"({a} - {b}) ÷ {c} + {d}"
        steps = [
            ("setup", "Work inside the parentheses first, then divide, then add."),
            ("calculation", f"{a} - {b} = {a - b}"),
            ("calculation", f"{a - b} ÷ {c} = {quotient}"),
            ("calculation", f"{quotient} + {d} = {result}"),
        ]
    steps.append(("answer", f"The answer is {result}."))
    return _Draft(rng.choice(_ASK).format(expression), steps, str(result), "multi_step", "hard")


# --- column arithmetic ---------------------------------------------------------------------------


def _column_arithmetic(count: int, seed: int, options: ColumnArithmeticOptions) -> list[TraceIn]:
    """Distinct problems drawn until ``count`` are found: a repeat is drawn again, never emitted."""
    available = _column_problems(options)
    if count > available:
        raise ValueError(
            f"only {available} distinct problems have {options.min_digits}-{options.max_digits} digit operands "
            f"and operations {', '.join(options.operations)}; ask for at most that many"
        )
    rng = random.Random(f"column_arithmetic:{seed}")
    seen: set[tuple[str, int, int]] = set()
    traces: list[TraceIn] = []
    while len(traces) < count:
        operation = rng.choice(options.operations)
        digits = rng.randint(options.min_digits, options.max_digits)
        a, b = rng.randint(10 ** (digits - 1), 10**digits - 1), rng.randint(10 ** (digits - 1), 10**digits - 1)
        if operation == "subtraction" and a < b:
            a, b = b, a
        if (operation, a, b) in seen:
            continue
        seen.add((operation, a, b))
        traces.append(_build("column_arithmetic", seed, len(traces), _column_draft(a, b, operation, digits)))
    return traces


def _column_problems(options: ColumnArithmeticOptions) -> int:
    """How many distinct problems the options allow: ordered pairs of N-digit numbers for an
    addition, pairs with the larger first (or equal) for a subtraction."""
    total = 0
    for digits in range(options.min_digits, options.max_digits + 1):
        numbers = 9 * 10 ** (digits - 1)
        for operation in options.operations:
            total += numbers * numbers if operation == "addition" else numbers * (numbers + 1) // 2
    return total


def _column_draft(a: int, b: int, operation: columns.Operation, digits: int) -> _Draft:
    result = a + b if operation == "addition" else a - b
    problem = f"{a} {columns.SIGNS[operation]} {b}"
    lines = columns.lines(a, b, operation)
    # A carry (or borrow) passed on is the hard part of a column, so it sets the difficulty.
    carries = sum(line[-1] == "1" for line in lines)
    steps = [*(("column", line) for line in lines), ("answer", f"{problem} = {result}")]
    difficulty = _DIFFICULTIES[min(carries, 2)]
    extra = {"problem": problem, "operation": operation, "operands": [a, b], "digits": digits, "carries": carries}
    return _Draft(f"What is {problem}?", steps, str(result), operation, difficulty, extra)


# --- word problems -------------------------------------------------------------------------------

_ITEMS: Final = (
    ("notebook", "notebooks"),
    ("pen", "pens"),
    ("apple", "apples"),
    ("ticket", "tickets"),
    ("sandwich", "sandwiches"),
    ("candle", "candles"),
    ("mug", "mugs"),
    ("plant", "plants"),
)


def _word_problem(rng: random.Random) -> _Draft:
    return rng.choice((_shopping_change, _travel, _unit_price, _percentage, _average))(rng)


def _shopping_change(rng: random.Random) -> _Draft:
    name = rng.choice(_NAMES)
    difficulty = rng.choice(_DIFFICULTIES)
    (_, many_a), (_, many_b) = rng.sample(_ITEMS, 2)
    qty_a, price_a = rng.randint(2, 6), rng.randrange(50, 1000, 5)
    qty_b, price_b = rng.randint(2, 6), rng.randrange(50, 1000, 5)
    setup = ("setup", "Add up the cost, then subtract it from the amount paid.")
    if difficulty == "easy":
        subtotal = qty_a * price_a
        bought = f"{qty_a} {many_a} at {_usd(price_a)} each"
        steps = [setup, ("calculation", f"Cost: {qty_a} × {_usd(price_a)} = {_usd(subtotal)}")]
    else:
        subtotal = qty_a * price_a + qty_b * price_b
        bought = f"{qty_a} {many_a} at {_usd(price_a)} each and {qty_b} {many_b} at {_usd(price_b)} each"
        steps = [setup]
    cost, coupon = subtotal, ""
    if difficulty == "medium":
        steps += [
            ("calculation", f"{many_a.capitalize()}: {qty_a} × {_usd(price_a)} = {_usd(qty_a * price_a)}"),
            ("calculation", f"{many_b.capitalize()}: {qty_b} × {_usd(price_b)} = {_usd(qty_b * price_b)}"),
            ("calculation", f"Total: {_usd(qty_a * price_a)} + {_usd(qty_b * price_b)} = {_usd(subtotal)}"),
        ]
    elif difficulty == "hard":
        percent = rng.choice([p for p in (10, 20, 25, 50) if subtotal * p % 100 == 0])
        discount = subtotal * percent // 100
        cost = subtotal - discount
        coupon = f" A coupon takes {percent}% off the total."
        steps += [
            (
                "calculation",
                f"Total: {qty_a} × {_usd(price_a)} + {qty_b} × {_usd(price_b)} = {_usd(subtotal)}",
            ),
            ("calculation", f"Discount: {percent}% of {_usd(subtotal)} = {_usd(discount)}"),
            ("calculation", f"After the coupon: {_usd(subtotal)} - {_usd(discount)} = {_usd(cost)}"),
        ]
    bill = next(note for note in (500, 1000, 2000, 5000, 10000, 20000, 50000) if note > cost)
    change = bill - cost
    steps.append(("calculation", f"Change: {_usd(bill)} - {_usd(cost)} = {_usd(change)}"))
    steps.append(("answer", f"{name} gets {_usd(change)} in change."))
    prompt = f"{name} buys {bought}.{coupon} {name} pays with a {_usd(bill)} bill. How much change does {name} get?"
    return _Draft(prompt, steps, _usd(change), "shopping_change", difficulty)


def _travel(rng: random.Random) -> _Draft:
    name = rng.choice(_NAMES)
    vehicle = rng.choice(("drives", "cycles", "travels by train", "rides a scooter"))
    difficulty = rng.choice(_DIFFICULTIES)
    speed = rng.randrange(10, 130, 5)
    hours = Fraction(rng.randint(2, 16), 4)
    distance = speed * hours
    if difficulty == "easy":
        prompt = f"{name} {vehicle} at {speed} km/h for {_exact(hours)} hours. How far does {name} travel?"
        steps = [
            ("setup", "Distance = speed × time."),
            ("calculation", f"Distance = {speed} × {_exact(hours)} = {_exact(distance)} km"),
            ("answer", f"{name} travels {_exact(distance)} km."),
        ]
        return _Draft(prompt, steps, f"{_exact(distance)} km", "speed_distance_time", difficulty)
    if difficulty == "medium":
        prompt = f"{name} {vehicle} {_exact(distance)} km in {_exact(hours)} hours. What is the average speed?"
        steps = [
            ("setup", "Average speed = distance ÷ time."),
            ("calculation", f"Speed = {_exact(distance)} ÷ {_exact(hours)} = {speed} km/h"),
            ("answer", f"The average speed is {speed} km/h."),
        ]
        return _Draft(prompt, steps, f"{speed} km/h", "speed_distance_time", difficulty)
    speed_2, hours_2 = rng.randrange(10, 130, 5), Fraction(rng.randint(2, 16), 4)
    distance_2 = speed_2 * hours_2
    total_distance, total_hours = distance + distance_2, hours + hours_2
    average = total_distance / total_hours
    sign = "=" if _is_exact_at(average, 1) else "≈"
    prompt = (
        f"{name} {vehicle} {_exact(distance)} km at {speed} km/h, then {_exact(distance_2)} km at {speed_2} km/h."
        " What is the average speed for the whole trip, rounded to one decimal place?"
    )
    steps = [
        ("setup", "Time = distance ÷ speed for each part; average speed = total distance ÷ total time."),
        (
            "calculation",
            f"First part: {_exact(distance)} ÷ {speed} = {_exact(hours)} hours; "
            f"second part: {_exact(distance_2)} ÷ {speed_2} = {_exact(hours_2)} hours.",
        ),
        (
            "calculation",
            f"Totals: {_exact(distance)} + {_exact(distance_2)} = {_exact(total_distance)} km and "
            f"{_exact(hours)} + {_exact(hours_2)} = {_exact(total_hours)} hours.",
        ),
        ("calculation", f"Average: {_exact(total_distance)} ÷ {_exact(total_hours)} {sign} {_fixed(average, 1)}"),
        ("answer", f"The average speed is {_fixed(average, 1)} km/h."),
    ]
    return _Draft(prompt, steps, f"{_fixed(average, 1)} km/h", "speed_distance_time", difficulty)


def _unit_price(rng: random.Random) -> _Draft:
    one, many = rng.choice(_ITEMS)
    quantity, price = rng.randint(2, 24), rng.randrange(25, 5000, 5)
    total = quantity * price
    division = ("calculation", f"{_usd(total)} ÷ {quantity} = {_usd(price)}")
    if rng.random() < 0.5:
        prompt = f"{quantity} {many} cost {_usd(total)} in total. What does one {one} cost?"
        steps = [
            ("setup", "Price per item = total cost ÷ number of items."),
            division,
            ("answer", f"One {one} costs {_usd(price)}."),
        ]
        return _Draft(prompt, steps, _usd(price), "unit_price", "easy")
    wanted = rng.choice([n for n in range(2, 30) if n != quantity])
    cost = wanted * price
    prompt = f"{quantity} {many} cost {_usd(total)} in total. How much do {wanted} {many} cost?"
    steps = [
        ("setup", "Find the price of one (total cost ÷ number of items), then multiply by the number wanted."),
        division,
        ("calculation", f"{_usd(price)} × {wanted} = {_usd(cost)}"),
        ("answer", f"{wanted} {many} cost {_usd(cost)}."),
    ]
    return _Draft(prompt, steps, _usd(cost), "unit_price", "medium")


def _percentage(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    if difficulty == "hard":
        start = rng.choice((200, 250, 400, 500, 800, 1000, 1250, 2000, 2500, 4000))
        percent = rng.choice([p for p in range(2, 61) if start * p % 100 == 0])
        end = start + start * percent // 100
        place = rng.choice(("town", "library", "club", "school"))
        what = {"town": "population", "library": "book collection", "club": "membership", "school": "enrolment"}[place]
        prompt = f"A {place}'s {what} grew from {start:,} to {end:,}. What was the percentage increase?"
        steps = [
            ("setup", "Percentage increase = increase ÷ starting value × 100."),
            ("calculation", f"Increase: {end:,} - {start:,} = {end - start:,}"),
            ("calculation", f"{end - start:,} ÷ {start:,} × 100 = {percent}%"),
            ("answer", f"The {what} grew by {percent}%."),
        ]
        return _Draft(prompt, steps, f"{percent}%", "percentage", difficulty)
    price = rng.randrange(1000, 30000, 100)
    percent = rng.choice((5, 10, 15, 20, 25, 30, 40, 50))
    part = price * percent // 100
    if difficulty == "easy":
        prompt = f"A meal costs {_usd(price)}. How much is a {percent}% tip?"
        steps = [
            ("setup", f"A {percent}% tip is {percent} hundredths of the bill."),
            ("calculation", f"{percent}% of {_usd(price)} = {_usd(part)}"),
            ("answer", f"The tip is {_usd(part)}."),
        ]
        return _Draft(prompt, steps, _usd(part), "percentage", difficulty)
    item = rng.choice(("jacket", "lamp", "bicycle", "backpack", "printer"))
    sale = price - part
    prompt = f"A {item} costs {_usd(price)} and is {percent}% off. What is the sale price?"
    steps = [
        ("setup", "Find the discount, then subtract it from the original price."),
        ("calculation", f"Discount: {percent}% of {_usd(price)} = {_usd(part)}"),
        ("calculation", f"Sale price: {_usd(price)} - {_usd(part)} = {_usd(sale)}"),
        ("answer", f"The sale price is {_usd(sale)}."),
    ]
    return _Draft(prompt, steps, _usd(sale), "percentage", difficulty)


def _average(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    name = rng.choice(_NAMES)
    if difficulty == "hard":
        while True:
            scores = [rng.randint(55, 100) for _ in range(3)]
            target = rng.randint(70, 95)
            needed = target * 4 - sum(scores)
            if 0 <= needed <= 100:
                break
        listed = ", ".join(map(str, scores[:-1])) + f" and {scores[-1]}"
        prompt = f"{name} scored {listed} on three tests. What score on the fourth test gives an average of {target}?"
        sum_line = " + ".join(map(str, scores))
        steps = [
            ("setup", "An average of four scores times 4 is their total."),
            ("calculation", f"Total needed: {target} × 4 = {target * 4}"),
            ("calculation", f"So far: {sum_line} = {sum(scores)}"),
            ("calculation", f"Fourth test: {target * 4} - {sum(scores)} = {needed}"),
            ("answer", f"{name} needs {needed} on the fourth test."),
        ]
        return _Draft(prompt, steps, str(needed), "average", difficulty)
    count = 3 if difficulty == "easy" else rng.choice((4, 5))
    scores = [rng.randint(50, 100) for _ in range(count)]
    if count == 3:
        scores[-1] -= sum(scores) % 3  # keep the mean whole for the easy problems
    mean = Fraction(sum(scores), count)
    listed = ", ".join(map(str, scores[:-1])) + f" and {scores[-1]}"
    prompt = f"{name}'s test scores are {listed}. What is the average score?"
    steps = [
        ("setup", "Average = sum of the scores ÷ number of scores."),
        ("calculation", f"Sum: {' + '.join(map(str, scores))} = {sum(scores)}"),
        ("calculation", f"Average: {sum(scores)} ÷ {count} = {_exact(mean)}"),
        ("answer", f"The average score is {_exact(mean)}."),
    ]
    return _Draft(prompt, steps, _exact(mean), "average", difficulty)


# --- strings -------------------------------------------------------------------------------------

_WORDS: Final = {
    "easy": ("cat", "lamp", "river", "stone", "cloud", "mango", "tiger", "bread", "plant", "ocean"),
    "medium": ("planet", "garden", "window", "silver", "rocket", "pencil", "marble", "castle", "orange"),
    "hard": ("education", "strawberry", "algorithm", "butterfly", "chocolate", "adventure", "telescope", "hurricane"),
}
_VOWELS: Final = frozenset("aeiou")


def _string(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    word = rng.choice(_WORDS[difficulty])
    task = rng.choice(("reverse", "sort_letters", "count_vowels", "count_letter", "uppercase", "word_count"))
    letters = ", ".join(word)
    if task == "reverse":
        answer = word[::-1]
        prompt = rng.choice(("Reverse the string '{}'.", "Write '{}' backwards.")).format(word)
        steps = [
            ("setup", f"'{word}' has {len(word)} characters: {letters}."),
            ("process", f"Reading them from last to first: {', '.join(answer)}."),
            ("answer", f"The reversed string is '{answer}'."),
        ]
    elif task == "sort_letters":
        answer = "".join(sorted(word))
        prompt = f"Sort the letters of '{word}' alphabetically."
        steps = [
            ("setup", f"The letters of '{word}' are {letters}."),
            ("process", f"In alphabetical order: {', '.join(answer)}."),
            ("answer", f"Joined together: {answer}."),
        ]
    elif task == "count_vowels":
        found = [letter for letter in word if letter in _VOWELS]
        answer = str(len(found))
        prompt = f"How many vowels are in '{word}'?"
        steps = [
            ("rule", "The vowels are a, e, i, o and u."),
            ("process", f"The vowels in '{word}', in order: {', '.join(found) or 'none'}."),
            ("answer", f"'{word}' has {answer} {_plural(len(found), 'vowel', 'vowels')}."),
        ]
    elif task == "count_letter":
        letter = rng.choice(word) if rng.random() < 0.8 else rng.choice([c for c in "bdfkmqvwxz" if c not in word])
        positions = [str(index + 1) for index, char in enumerate(word) if char == letter]
        answer = str(len(positions))
        prompt = f"How many times does the letter '{letter}' appear in '{word}'?"
        where = (
            f"at {_plural(len(positions), 'position', 'positions')} {', '.join(positions)} (counting from 1)"
            if positions
            else "nowhere"
        )
        steps = [
            ("process", f"Scanning '{word}' letter by letter, '{letter}' appears {where}."),
            ("answer", f"'{letter}' appears {answer} {_plural(len(positions), 'time', 'times')}."),
        ]
    elif task == "uppercase":
        phrase = " ".join(
            rng.sample(_WORDS["easy"] + _WORDS["medium"], {"easy": 1, "medium": 2, "hard": 3}[difficulty])
        )
        answer = phrase.upper()
        prompt = f"Convert '{phrase}' to uppercase."
        steps = [
            ("rule", "Every lowercase letter becomes its capital; spaces stay as they are."),
            ("answer", f"In uppercase: {answer}"),
        ]
    else:
        size = {"easy": rng.randint(3, 5), "medium": rng.randint(6, 9), "hard": rng.randint(10, 14)}[difficulty]
        pool = _WORDS["easy"] + _WORDS["medium"] + _WORDS["hard"]
        sentence = " ".join(rng.choice(pool) for _ in range(size))
        answer = str(size)
        prompt = f"How many words are in: '{sentence}'?"
        steps = [
            ("process", f"Splitting on spaces gives: {' | '.join(sentence.split())}."),
            ("answer", f"That is {answer} words."),
        ]
    return _Draft(prompt, steps, answer, task, difficulty)


# --- unit conversion -----------------------------------------------------------------------------

_METRIC: Final = (("length", "km", "m", "kilometers", "meters"), ("mass", "kg", "g", "kilograms", "grams"))


def _unit_conversion(rng: random.Random) -> _Draft:
    return rng.choice((_metric, _metric, _duration, _temperature, _miles))(rng)


def _metric(rng: random.Random) -> _Draft:
    category, big, small, big_name, small_name = rng.choice(_METRIC)
    difficulty = rng.choice(_DIFFICULTIES)
    places = {"easy": 0, "medium": 1, "hard": 3}[difficulty]
    amount = Fraction(rng.randint(1, 50 * 10**places), 10**places)
    rule = ("rule", f"1 {big} = 1000 {small}")
    if rng.random() < 0.5:
        result = amount * 1000
        prompt = f"Convert {_exact(amount)} {big} to {small_name}."
        calculation = ("calculation", f"{_exact(amount)} × 1000 = {_exact(result)}")
        answer = f"{_exact(result)} {small}"
        said = f"{_exact(amount)} {big} is {answer}."
    else:
        result, amount = amount, amount * 1000
        prompt = f"Convert {_exact(amount)} {small} to {big_name}."
        calculation = ("calculation", f"{_exact(amount)} ÷ 1000 = {_exact(result)}")
        answer = f"{_exact(result)} {big}"
        said = f"{_exact(amount)} {small} is {answer}."
    return _Draft(prompt, [rule, calculation, ("answer", said)], answer, category, difficulty)


def _duration(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    quarters = rng.randint(1, 12) * 4 if difficulty == "easy" else rng.randint(1, 48)
    hours = Fraction(quarters, 4)
    minutes = hours * 60
    rule = ("rule", "1 hour = 60 minutes")
    if rng.random() < 0.5:
        prompt = f"How many minutes are in {_exact(hours)} {_plural(hours, 'hour', 'hours')}?"
        calculation = ("calculation", f"{_exact(hours)} × 60 = {_exact(minutes)}")
        answer = f"{_exact(minutes)} minutes"
    else:
        prompt = f"Convert {_exact(minutes)} minutes to hours."
        calculation = ("calculation", f"{_exact(minutes)} ÷ 60 = {_exact(hours)}")
        answer = f"{_exact(hours)} {_plural(hours, 'hour', 'hours')}"
    return _Draft(prompt, [rule, calculation, ("answer", f"The answer is {answer}.")], answer, "time", difficulty)


def _temperature(rng: random.Random) -> _Draft:
    if rng.random() < 0.5:
        celsius = rng.randint(-40, 100)
        scaled = celsius * Fraction(9, 5)
        fahrenheit = scaled + 32
        prompt = f"Convert {celsius} °C to degrees Fahrenheit."
        steps = [
            ("rule", "°F = °C × 1.8 + 32"),
            ("calculation", f"{celsius} × 1.8 = {_exact(scaled)}"),
            ("calculation", f"{_exact(scaled)} + 32 = {_exact(fahrenheit)}"),
            ("answer", f"{celsius} °C is {_exact(fahrenheit)} °F."),
        ]
        return _Draft(prompt, steps, f"{_exact(fahrenheit)} °F", "temperature", "easy")
    fahrenheit_in = rng.randint(-40, 212)
    shifted = fahrenheit_in - 32
    celsius_out = Fraction(shifted * 5, 9)
    sign = "=" if _is_exact_at(celsius_out, 1) else "≈"
    prompt = f"Convert {fahrenheit_in} °F to degrees Celsius, rounded to one decimal place."
    steps = [
        ("rule", "°C = (°F - 32) × 5 ÷ 9"),
        ("calculation", f"{fahrenheit_in} - 32 = {shifted}"),
        ("calculation", f"{shifted} × 5 ÷ 9 {sign} {_fixed(celsius_out, 1)}"),
        ("answer", f"{fahrenheit_in} °F is about {_fixed(celsius_out, 1)} °C."),
    ]
    return _Draft(prompt, steps, f"{_fixed(celsius_out, 1)} °C", "temperature", "medium")


def _miles(rng: random.Random) -> _Draft:
    amount = Fraction(rng.randint(2, 400), 2)
    if rng.random() < 0.5:
        factor, source, target, unit = Fraction("1.609"), "miles", "kilometers", "km"
        given = "1 mile = 1.609 km"
    else:
        factor, source, target, unit = Fraction("0.621"), "km", "miles", "miles"
        given = "1 km = 0.621 miles"
    result = amount * factor
    prompt = f"Using {given}, convert {_exact(amount)} {source} to {target}."
    steps = [
        ("rule", f"Given: {given}, so multiply by {_exact(factor)}."),
        ("calculation", f"{_exact(amount)} × {_exact(factor)} = {_exact(result)}"),
        ("answer", f"{_exact(amount)} {source} is {_exact(result)} {unit}."),
    ]
    return _Draft(prompt, steps, f"{_exact(result)} {unit}", "distance", "hard")


# --- card game: High Card Duel -------------------------------------------------------------------

_RANKS: Final = ("2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A")
_SUITS: Final = ("♣", "♦", "♥", "♠")  # also the tie-break order between equal ranks
_DECK: Final = tuple((rank, suit) for rank in range(len(_RANKS)) for suit in range(len(_SUITS)))
_HAND_SIZE: Final = {"easy": 3, "medium": 4, "hard": 5}


def _card(card: tuple[int, int]) -> str:
    return _RANKS[card[0]] + _SUITS[card[1]]


def _card_game(rng: random.Random) -> _Draft:
    difficulty = rng.choice(_DIFFICULTIES)
    dealt = rng.sample(_DECK, _HAND_SIZE[difficulty] + 1)
    opponent = dealt[-1]
    hand = sorted(dealt[:-1])
    winners = [card for card in hand if card[0] > opponent[0]]
    play = winners[0] if winners else hand[0]
    outcome = "win" if winners else "lose"
    shown = [_card(card) for card in hand]
    tie_break = sum(1 for card in hand if card[0] == play[0]) > 1
    prompt = (
        "High Card Duel. Each player plays one card; the higher rank wins the trick and a tie loses. "
        f"Ranks from low to high: {', '.join(_RANKS)}. Your hand: {', '.join(shown)}. "
        f"Your opponent has played {_card(opponent)}. Play the lowest card that still wins; "
        "if no card can win, play your lowest card"
        + (" (between equal ranks, the first in suit order ♣, ♦, ♥, ♠)" if tie_break else "")
        + ". Which card do you play?"
    )
    verdicts = []
    for card in hand:
        mine, theirs = _RANKS[card[0]], _RANKS[opponent[0]]
        if card[0] > opponent[0]:
            verdicts.append(f"{_card(card)} wins ({mine} beats {theirs})")
        elif card[0] == opponent[0]:
            verdicts.append(f"{_card(card)} ties at {mine} and loses")
        else:
            verdicts.append(f"{_card(card)} loses ({mine} is below {theirs})")
    if len(winners) > 1:
        decision = f"{len(winners)} cards can win; the lowest of them, {_card(play)}, wins and saves the stronger ones."
    elif winners:
        decision = f"Only {_card(play)} can win, so I play it."
    else:
        decision = f"No card beats {_card(opponent)}, so I give up my lowest card, {_card(play)}, and save the rest."
    if tie_break:
        decision += " Between equal ranks I take the first in suit order ♣, ♦, ♥, ♠."
    steps = [
        ("rule", "A card wins the trick only with a strictly higher rank (2 is lowest, A highest); a tie loses."),
        ("setup", f"My hand: {', '.join(shown)}. The opponent played {_card(opponent)}."),
        ("moves", f"Legal moves: any card in my hand, so {', '.join(shown[:-1])} or {shown[-1]}."),
        ("evaluation", f"Against {_card(opponent)}: {'; '.join(verdicts)}."),
        ("decision", decision),
        ("answer", f"I play {_card(play)} and {outcome} the trick."),
    ]
    extra = {"hand": shown, "opponent_card": _card(opponent), "legal_moves": list(shown), "outcome": outcome}
    return _Draft(prompt, steps, _card(play), "high_card_duel", difficulty, extra)


_MAKERS: Final[dict[str, Callable[[random.Random], _Draft]]] = {
    "arithmetic": _arithmetic,
    "word_problem": _word_problem,
    "string": _string,
    "unit_conversion": _unit_conversion,
    "card_game": _card_game,
}
