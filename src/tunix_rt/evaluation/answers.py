r"""Answer checking: find the answer in a model's output and decide whether it equals the expected one.

Every evaluation reports two scores, because they answer different questions:

* **strict** — did the model follow the format *and* write the expected answer? The answer must come
  from the template's answer tag, opened *and closed* (``<answer>...</answer>`` by default, the rule
  the format judge and the format reward apply), and equal the expected answer after
  :func:`normalize`. An untagged output never passes strict, however right it is.
* **lenient** — is what the model concluded right? The answer may come from any extraction method
  (tag, an unclosed tag, an ``Answer:`` line, ``\boxed{}``, the last number) and is compared by
  value: fractions and decimals, percentages, missing units, symbolic equivalence; a tolerance only
  where the expected value is approximate.

A strict pass is always a lenient pass. The gap between the two scores is what formatting costs.

Extraction (:func:`extract`), first method that finds a non-empty answer wins:

1. ``tag`` — the last non-empty ``open_tag ... close_tag`` pair; ``unclosed_tag`` when that last
   non-empty open tag is never closed: its answer runs to the end of the output (or the next open
   tag), lenient only, and the verdict's reason says "(answer tag not closed)". Generation stops *at*
   the close tag and keeps it in the output (transformers' stop strings; the JAX path cuts after the
   token that completes it), so a model that finished its answer is read as ``tag``.
2. ``answer_line`` — the last "Answer: ...", "Final answer: ...", "The answer is ..." (rest of the line,
   up to the end of its sentence).
3. ``boxed`` — the last balanced ``\boxed{...}``.
4. ``last_number`` — the last number in the output (sign, currency, thousands, decimals, ``a/b``, ``%``).

Only ``tag`` can count toward strict; the others, ``unclosed_tag`` included, are ``lenient_only``.

Normalisation (:func:`normalize`), what strict equality ignores, because it carries no information:
surrounding whitespace and internal runs of it, case (LaTeX command names keep theirs), markdown
emphasis and backticks, ``$``/``\(\)``/``\[\]`` math delimiters, ``\boxed{}``/``\text{}``-style
wrappers, ``\dfrac``→``\frac``, trailing ``.!?;:,`` (so ``5!`` reads as ``5``), surrounding quotes,
parentheses around a lone value (``(5)``), spaces next to symbols (``x = 2`` is ``x=2``), thousands
separators (``1,200``), leading and trailing zeros (``007``, ``15.0``, ``.5``), a ``+`` sign, numeric
``\frac{1}{2}`` written ``1/2``, "percent" written ``%``, currency symbols and names (a question fixes
its currency, so ``$12``, ``12 dollars`` and ``12`` are the same), and unit spellings
(``120 kilometers`` is ``120 km``, ``180^\circ`` is ``180 degrees``). So strict ``1/2`` vs ``0.5``
fails (a different form), ``120`` vs ``120 km`` fails (the unit is missing) and ``50`` vs ``50%``
fails; lenient accepts all three.

An expected answer may be marked approximate: it begins with ``~``, ``≈``, ``\approx``, or "about",
"approximately", "approx." or "roughly" before a number (``~3.14``, ``about 300,000``). The mark is
not part of the answer (``3.14`` is strict-correct for ``~3.14``); it only widens the lenient
comparison, below. An answer's own mark (``≈ 3.14``) is dropped by the lenient comparison only.

Comparison, for the lenient score, of one answer with one expected answer:

* **text** expected (no digits and no maths: ``Paris``, ``true``, ``Friday``, ``B``; or words with a
  number that is not a quantity: ``Apollo 11``): equal ignoring case, punctuation, a leading
  "the/a/an" and an "answer is" prefix. Never compared as a number and never
  sent to math-verify, so a text answer cannot pass by a numeric fallback.
* **quantity** expected (a number with optional sign, ``%`` and unit): equal values, as exact
  rationals (``1/2`` == ``0.5`` == ``\frac12``; the mixed number ``3\frac{1}{2}`` is 7/2; ``1e3``
  and ``1 \times 10^{3}`` are 1000). Integers and stated decimals compare exactly, however large:
  ``1234568`` is not ``1234567``, ``$1,000,000.50`` is not ``$1,000,000.00``. A tolerance is used
  only in three cases, and the reason says which ("numeric within tolerance ..."): the expected
  answer is marked approximate (half a unit in its last written digit: ``~3.14`` takes 3.135 to
  3.145, ``about 300,000`` takes 250,000 to 350,000); the expected value has no finite decimal
  (``1/3``) and the answer is it rounded or truncated to at least 6 significant digits
  (``0.333333``, not ``0.33``); or the caller passed ``rel_tol``. When the expected answer is a
  quantity, the answer must be one too (or an equation or prose ending in one): an expression to
  evaluate restates the question, so ``89 × 56`` for 4984, ``(61 - 21) ÷ 2 + 1`` for 21 or ``2+2``
  for 4 fail ("answer is an expression, not a number"). A unit on only one side is accepted (``120``
  for ``120 km``); two different units are a mismatch (``120 m`` for ``120 km``; no conversion).
  Percentages: a ``%`` answer equals its value over 100 (``50%`` for ``0.5``); when the *expected*
  has the ``%``, a bare answer equal to its number also passes (``50`` for ``50%``), but not the
  reverse (``50%`` for ``50``). An answer that is an equation uses its last right-hand side
  (``x = 2``, ``15 + 27 = 42``); an answer in prose uses its last number ("about 42 km").
* **maths** expected (anything else: ``2\sqrt{2}``, ``x^2+1``, intervals, tuples): Hugging Face
  math-verify decides symbolic equivalence, only after the cheap checks above could not.

Multiple answers. The expected answer is a *list* when it splits at top level (not inside brackets)
on ``,``, ``;``, ``&``, " and " or " or ". A list is compared as a multiset, order-insensitive, item by
item (strict: every item strict-equal; lenient: every item lenient-equal): ``red, blue, yellow`` is
``yellow, red and blue``. An " or " list whose items are all text, or all the same value
(``0.5 or 50%``), lists *accepted forms* instead: one of them is enough. When the expected answer is a
single item, an answer listing several ("2 or -2") fails, hedging is not rewarded, unless every form
it lists is right (``0.5 or 1/2`` for ``0.5``; lenient only). ``1,234`` is one number (thousands);
``1,2`` is a list; a decimal comma (``3,5``) is not supported.

Bounded work, the same verdict on any machine. No check is given a time limit, because a time limit
turns a slow moment (a busy CPU, sympy's first import) into a different verdict; the work is bounded
by what the checker agrees to read instead:

* extraction scans the whole output only with ``str.rfind`` for the tags; its regular expressions see
  the last 20,000 characters;
* an extracted answer or an expected answer over :data:`MAX_ANSWER_CHARS` characters is not compared
  ("answer too long to check"), and :func:`normalize` reads it as empty;
* math-verify (sympy) only sees a pair that passes :func:`symbolic_guard`: each side at most 200
  characters with brackets nested at most 5 deep; no power towers and no power or factorial inside
  an exponent, a trigonometric argument or a factorial; no exponent or factorial of four digits or
  more; no number over 30 digits written or over 100,000 digits made (``(971!)^{999}``), and none
  over 5 digits beside a logarithm; no sums, products, integrals or limits; and at most 100
  monomials in an estimate of the expanded difference, ``comb(d + v, v)`` for ``v`` variables and
  calls of total degree ``d``. Everything else is reported as "symbolic check skipped". Each rule
  stops inputs measured to keep sympy busy for seconds to forever; ``benchmarks/answers.py`` times
  the first call of a process and the costliest inputs the guard still admits (seconds, when busy).

math-verify is then called with ``parsing_timeout=None`` and ``timeout_seconds=None``: it arms no
``signal.alarm`` (which would only work in the main thread and would cancel the host's own alarm), so
it runs the same in every thread. It is imported lazily, on the first comparison that needs it; when
it is not installed that comparison is simply "symbolic check unavailable".

Nothing here raises on any text (garbage, huge strings, unbalanced braces); only a caller error (batches
of different lengths) does. Ordinary answers take tens of microseconds; results of math-verify are
cached.

>>> v = check("<reasoning>6 x 7</reasoning><answer>42</answer>", "42")
>>> (v.strict, v.lenient, v.method, v.reason)
(True, True, 'tag', 'exact')
>>> v = check("So the answer is 0.5.", "1/2")
>>> (v.strict, v.lenient, v.method, v.reason)
(False, True, 'answer_line', 'equal value')
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from types import MappingProxyType
from typing import Any, Final, Literal

from tunix_rt.datasets.template import RenderTemplate

CHECKER_VERSION: Final = "2"
"""Bumped whenever a verdict of ``check_output`` can change; recorded with every evaluation, so
scores from two checker versions are never ranked together unnoticed. Version 2 compares numbers
exactly unless the expected one is approximate, refuses an expression for a number and passes
strict only on a closed answer tag (version 1 did none of these)."""

ExtractionMethod = Literal["tag", "unclosed_tag", "answer_line", "boxed", "last_number", "none"]
"""How an answer was found; only ``"tag"`` (a closed answer tag) can count toward the strict score."""

DEFAULT_OPEN_TAG: Final = "<answer>"
DEFAULT_CLOSE_TAG: Final = "</answer>"
MAX_ANSWER_CHARS: Final = 1_000
"""Longest answer (extracted or expected) that is compared; real answers are a few words or one formula."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """The answer found in an output, and how it was found."""

    answer: str | None
    """The answer text, stripped; ``None`` when nothing was found (``method == "none"``)."""
    method: ExtractionMethod
    lenient_only: bool
    """True unless the answer came from a closed answer tag: it can count toward the lenient score only."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """Both scores for one output, and why."""

    strict: bool
    """The answer in a closed answer tag equals the expected answer after :func:`normalize`."""
    lenient: bool
    """The answer found by any method is equivalent to the expected answer."""
    extracted: str | None
    method: ExtractionMethod
    reason: str
    """Why it matched or not: ``"exact"``, ``"equal value"``, ``"unit mismatch"``, ``"no answer found"``...;
    it says when a tolerance was used or the answer tag was not closed."""
    incomplete: bool = False
    """The output's reasoning span was never closed (:func:`check_output`): no answer was given."""


# --- extraction ---------------------------------------------------------------------------------

# Only the tail of an output is scanned by the regex methods: the answer is at the end, and this
# keeps a runaway multi-megabyte generation as cheap as a normal one. Tags are found with rfind.
_SCAN_CHARS: Final = 20_000
_MAX_TAG_TRIES: Final = 8

_ANSWER_LINE = re.compile(
    r"\b(?:final[ \t]+answer|answer)\b[ \t*_]*(?::|：|is\b[ \t*_]*[:：]?)[ \t*_]*(?P<answer>[^\n]*)",
    re.IGNORECASE,
)
# The end of the sentence that holds the answer: a full stop followed by a space, not a decimal point.
_SENTENCE_END = re.compile(r"(?<!\d)\.\s|\.\s+(?=[A-Z])")
_BOXED = re.compile(r"\\(?:boxed|fbox)\s*\{")
_LAST_NUMBER = re.compile(
    r"(?<![\w.])[-−]?[$€£¥]?-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:/\d+(?:\.\d+)?)?%?(?!\w)"
)


def extract(output: str, open_tag: str = DEFAULT_OPEN_TAG, close_tag: str = DEFAULT_CLOSE_TAG) -> Extraction:
    r"""Find the answer in a model's output: tag, then answer line, then ``\boxed{}``, then last number.

    >>> extract("<reasoning>...</reasoning><answer> 12 </answer>")
    Extraction(answer='12', method='tag', lenient_only=False)
    >>> extract("3 + 4 = 7, so Final answer: 7. Done.")
    Extraction(answer='7', method='answer_line', lenient_only=True)
    >>> extract("it is 120 km").method
    'last_number'
    """
    text = output if isinstance(output, str) else ""
    tagged = _tagged(text, open_tag, close_tag)
    if tagged is not None:
        answer, closed = tagged
        return Extraction(answer, "tag", False) if closed else Extraction(answer, "unclosed_tag", True)
    tail = text[-_SCAN_CHARS:]
    line = _answer_line(tail)
    if line is not None:
        return Extraction(line, "answer_line", True)
    boxed = _last_boxed(tail)
    if boxed is not None:
        return Extraction(boxed, "boxed", True)
    numbers = _LAST_NUMBER.findall(tail)
    if numbers:
        return Extraction(numbers[-1], "last_number", True)
    return Extraction(None, "none", True)


def _tagged(text: str, open_tag: str, close_tag: str) -> tuple[str, bool] | None:
    """The last non-empty tagged answer and whether its tag was closed; an unclosed open tag runs to
    the next open tag or the end."""
    if not open_tag:
        return None
    stop = len(text)
    for _ in range(_MAX_TAG_TRIES):
        start = text.rfind(open_tag, 0, stop)
        if start < 0:
            return None
        body_start = start + len(open_tag)
        end = text.find(close_tag, body_start, stop) if close_tag else -1
        body = text[body_start : end if end >= 0 else stop].strip()
        if body:
            return body, end >= 0
        stop = start
    return None


def _answer_line(text: str) -> str | None:
    found: str | None = None
    for match in _ANSWER_LINE.finditer(text):
        rest = match.group("answer").strip()
        if not rest:  # "The answer is:\n42": the answer is on the next non-empty line
            following = text[match.end() :].lstrip()
            rest = following.split("\n", 1)[0].strip() if following else ""
        end = _SENTENCE_END.search(rest)
        rest = (rest[: end.start()] if end else rest).strip().strip("*_ ").strip()
        if rest:
            found = rest
    return found


def _matching_bracket(text: str, open_index: int) -> int:
    """Index of the bracket closing the ``{`` or ``(`` at ``open_index``, or -1 when unbalanced."""
    opener = text[open_index]
    closer = "}" if opener == "{" else ")"
    depth = 0
    for index in range(open_index, len(text)):
        char = text[index]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index
    return -1


def _brace_pairs(text: str) -> dict[int, int]:
    """The index of each ``{`` that is closed, mapped to its ``}``."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for index, char in enumerate(text):
        if char == "{":
            stack.append(index)
        elif char == "}" and stack:
            pairs[stack.pop()] = index
    return pairs


def _last_boxed(text: str) -> str | None:
    starts = [match.end() - 1 for match in _BOXED.finditer(text)]
    for brace in reversed(starts[-_MAX_TAG_TRIES:]):
        close = _matching_bracket(text, brace)
        if close > brace:
            body = text[brace + 1 : close].strip()
            if body:
                return body
    return None


# --- normalisation ------------------------------------------------------------------------------

_CHARACTERS: Final = str.maketrans(
    {
        "\u2212": "-",  # minus sign
        "\u2013": "-",  # en dash, often a minus
        "\u2012": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2007": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": " ",
        "\n": " ",
        "\uff1a": ":",
        "\u2019": "'",
        "\u2018": "'",
        "\u201c": '"',
        "\u201d": '"',
        "$": None,  # math delimiters and the dollar sign alike: currency is dropped anyway
    }
)
_WRAPPER = re.compile(r"\\(?:boxed|fbox|text|textbf|textit|textrm|texttt|mathrm|mathbf|mathit|mbox|operatorname)\s*\{")
_SPACING = re.compile(r"\\(?:[,;:! ]|quad\b|qquad\b)|~")
_LEFT_RIGHT = re.compile(r"\\(?:left|right|displaystyle)(?![a-zA-Z])")
_DEGREE = re.compile(r"\^\s*\{?\s*\\circ\s*\}?|\\circ|\\degree")
_FRAC_COMMAND = re.compile(r"\\[dt]frac(?![a-zA-Z])")
_MATH_DELIMITED = re.compile(r"^\\\((.*)\\\)$|^\\\[(.*)\\\]$", re.DOTALL)
_EMPHASIS_EDGES = re.compile(r"^[*_`\"']+|[*_`\"']+$")
_TRAILING_PUNCTUATION = re.compile(r"[.!?;:,。]+$")
_SPACES = re.compile(r" {2,}")
_LATEX_COMMAND_OR_TEXT = re.compile(r"\\[a-zA-Z]+|[^\\]+|\\")
_THOUSANDS = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?!\d|,\d|\.\d*,)")
_SYMBOL_SPACES = re.compile(r" ?([^\w\s\\]) ?")
_NUMBER_TOKEN = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?|\.\d+)(?!\.?\d)")
_NUMERIC_FRAC = re.compile(r"\\frac(?:\{(-?\d+(?:\.\d+)?)\}\{(\d+(?:\.\d+)?)\}|(\d)(\d)(?!\d))")  # \frac12 too
# "3\frac{1}{2}": a whole number written against a fraction. Without this the digits ran together
# ("31/2"), which accepted a wrong answer as exact.
_MIXED_FRAC = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?) ?\\frac(?:\{(\d+)\}\{(\d+)\}|(\d)(\d)(?!\d))")
_SCIENTIFIC = re.compile(r"^([-+]?\d+(?:\.\d+)?) ?(?:\\times|\\cdot|×|·|\*) ?10\^\{?([-+]?\d{1,3})\}?$")
# "~3.14", "≈ 3.14", "about 300,000": the mark of an approximate value, read in normalised text.
_APPROXIMATE = re.compile(
    r"^(?:~|≈|\\approx(?![a-zA-Z])|(?:about|approximately|approx\.?|roughly) (?=[-+$€£¥.\d]))\s*", re.IGNORECASE
)
_PERCENT_WORD = re.compile(r"(?<=\d) ?(?:percent|per cent|pct)\b")
_LONE_GROUP = re.compile(r"^[(\[]([^(),\[\]]*)[)\]]$")


def normalize(text: str) -> str:
    r"""The canonical form strict equality compares (see the module docstring for what it ignores).

    >>> normalize("  **$1,200.50**. ")
    '1200.5'
    >>> normalize(r"\boxed{\dfrac{1}{2}}")
    '1/2'
    >>> normalize("120 Kilometers")
    '120 km'
    >>> normalize("X = 2  or  x = -2")
    'x=2 or x=-2'
    >>> normalize("1" * (MAX_ANSWER_CHARS + 1))  # not an answer, and not worth reading
    ''
    """
    if not isinstance(text, str) or len(text) > MAX_ANSWER_CHARS:
        return ""
    return _canon(_clean(text))


def _unwrap(text: str) -> str:
    r"""Replace ``\boxed{x}``, ``\text{x}``... by ``x``, nested ones too; unbalanced ones lose the command."""
    for _ in range(4):
        match = _WRAPPER.search(text)
        if match is None:
            return text
        closes = _brace_pairs(text)  # one linear pass: a tag full of "\boxed{" must not cost n²
        parts: list[str] = []
        position = 0
        while match is not None:
            brace = match.end() - 1
            close = closes.get(brace, -1)
            parts.append(text[position : match.start()])
            if close < 0:
                position = brace + 1
                match = _WRAPPER.search(text, position)
                continue
            parts.append(text[brace + 1 : close])
            position = close + 1
            match = _WRAPPER.search(text, position)
        parts.append(text[position:])
        text = "".join(parts)
    return text


def _clean(text: str) -> str:
    """Markup and decoration off, case kept."""
    text = text.replace("\\$", "$").translate(_CHARACTERS)
    if "\\" in text:
        text = _unwrap(text)
        text = _LEFT_RIGHT.sub("", text)
        text = _SPACING.sub(" ", text)
        text = _DEGREE.sub("°", text)
        text = _FRAC_COMMAND.sub(r"\\frac", text)
        text = text.replace("\\%", "%")
    for _ in range(4):  # peel layers: "**(5).**", "\(\frac12\)."
        before = text
        text = text.strip()
        text = _EMPHASIS_EDGES.sub("", text).strip()
        text = _TRAILING_PUNCTUATION.sub("", text).strip()
        delimited = _MATH_DELIMITED.match(text)
        if delimited:
            text = (delimited.group(1) if delimited.group(1) is not None else delimited.group(2)).strip()
        lone = _LONE_GROUP.match(text)
        if lone:
            text = lone.group(1).strip()
        if text == before:
            break
    return text


def _lower(text: str) -> str:
    """Lowercase, but keep LaTeX command names (``\\Delta`` is not ``\\delta``)."""
    if "\\" not in text:
        return text.lower()
    return "".join(part if part.startswith("\\") else part.lower() for part in _LATEX_COMMAND_OR_TEXT.findall(text))


def _canon_number(match: re.Match[str]) -> str:
    whole, _, fraction = match.group(1).partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def _canon(text: str) -> str:
    text = _SPACES.sub(" ", _lower(text)).strip()
    if not text:
        return ""
    if "," in text:
        text = _THOUSANDS.sub(lambda m: m.group().replace(",", ""), text)
    # Split first: the spaces of " or " and " and " are part of the separator, not of the items.
    items, separators = _split(text)
    if len(items) == 1:
        return _canon_item(items[0])
    return "".join(_canon_item(item) + separator for item, separator in zip(items, [*separators, ""], strict=True))


# --- lists --------------------------------------------------------------------------------------

_OPENERS: Final = frozenset("([{")
_CLOSERS: Final = frozenset(")]}")
_WORD_SEPARATORS: Final = (" and ", " or ")
_MAX_ITEMS: Final = 50


def _split(text: str) -> tuple[list[str], list[str]]:
    """Split at top level on ``,`` ``;`` ``&`` " and " " or "; returns the items and the separators."""
    if not any(mark in text for mark in (",", ";", "&", " and ", " or ")):
        return [text], []
    items: list[str] = []
    separators: list[str] = []
    depth = 0
    start = index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif depth == 0:
            width = 0
            if char in ",;&":
                width = 1
            elif char == " ":
                for word in _WORD_SEPARATORS:
                    if text.startswith(word, index):
                        width = len(word)
                        break
            if width:
                items.append(text[start:index].strip())
                separators.append(text[index : index + width])
                index += width
                start = index
                continue
        index += 1
    items.append(text[start:].strip())
    # ", and" / ", or": the Oxford comma leaves an empty item; "a, b" from "a,b": drop empties
    kept = [(item, separator) for item, separator in zip(items, [*separators, ""], strict=True) if item]
    if not kept:
        return [text], []
    return [item for item, _ in kept], [separator for _, separator in kept[:-1]]


# --- quantities ---------------------------------------------------------------------------------

_UNITS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "km": ("kilometer", "kilometers", "kilometre", "kilometres", "kms"),
        "m": ("meter", "meters", "metre", "metres"),
        "cm": ("centimeter", "centimeters", "centimetre", "centimetres", "cms"),
        "mm": ("millimeter", "millimeters", "millimetre", "millimetres"),
        "mi": ("mile", "miles"),
        "ft": ("foot", "feet", "ft."),
        "in": ("inch", "inches", "in."),
        "yd": ("yard", "yards", "yds"),
        "kg": ("kilogram", "kilograms", "kilo", "kilos", "kgs"),
        "g": ("gram", "grams", "gm", "gms"),
        "mg": ("milligram", "milligrams"),
        "lb": ("pound", "pounds", "lbs"),
        "oz": ("ounce", "ounces"),
        "t": ("ton", "tons", "tonne", "tonnes"),
        "s": ("sec", "secs", "second", "seconds"),
        "min": ("mins", "minute", "minutes"),
        "h": ("hr", "hrs", "hour", "hours"),
        "ms": ("millisecond", "milliseconds"),
        "day": ("days",),
        "week": ("weeks",),
        "month": ("months",),
        "year": ("years", "yr", "yrs"),
        "l": ("liter", "liters", "litre", "litres"),
        "ml": ("milliliter", "milliliters", "millilitre", "millilitres"),
        "km/h": ("kph", "kmh", "km/hr", "kmph", "kilometers per hour", "kilometres per hour", "km per hour"),
        "mph": ("mi/h", "miles per hour", "mile per hour"),
        "m/s": ("meters per second", "metres per second", "mps"),
        "degrees": ("°", "degree", "deg", "degs"),
        "°c": ("degrees celsius", "degree celsius", "celsius", "degrees c", "deg c"),
        "°f": ("degrees fahrenheit", "degree fahrenheit", "fahrenheit", "degrees f", "deg f"),
        "m²": ("m^2", "m2", "sq m", "square meter", "square meters", "square metre", "square metres"),
        "cm²": ("cm^2", "cm2", "sq cm", "square centimeter", "square centimeters"),
        "km²": ("km^2", "km2", "sq km", "square kilometer", "square kilometers"),
        "ft²": ("ft^2", "sq ft", "square foot", "square feet"),
        "in²": ("in^2", "sq in", "square inch", "square inches"),
        "m³": ("m^3", "m3", "cubic meter", "cubic meters", "cubic metre", "cubic metres"),
        "cm³": ("cm^3", "cm3", "cc", "cubic centimeter", "cubic centimeters"),
        "cent": ("cents", "¢"),
        # currency: dropped (empty canonical form)
        "": ("dollar", "dollars", "usd", "euro", "euros", "eur", "gbp", "yen", "jpy", "bucks"),
    }
)
_UNIT_ALIASES: Final[Mapping[str, str]] = MappingProxyType(
    {alias: canonical for canonical, aliases in _UNITS.items() for alias in (canonical, *aliases) if alias}
)
# Words that follow a number in maths, not units: "3 pi" is not three of something.
_NOT_UNITS: Final = frozenset({"pi", "e", "i", "x", "y", "z", "n", "k", "sqrt", "or", "and", "times", "plus", "minus"})
_QUANTITY = re.compile(
    r"(?P<sign>[-+]?)[€£¥]?(?P<sign2>[-+]?)(?P<number>\d+/\d+(?:\.\d+)?|\d+(?:\.\d+)?(?:e[-+]?\d{1,3})?)(?P<percent>%?)"
    r"(?P<space> ?)(?P<unit>°[a-z]?|[a-z°µ¢][a-z°µ²³/.^23' ]{0,39})?"
)


@dataclass(frozen=True, slots=True)
class _Quantity:
    value: Fraction
    percent: bool
    unit: str | None
    text: str
    """Canonical text: sign, number as written (canonical zeros), %, a space and the canonical unit."""
    places: int | None
    """Decimal places written (``3.14``: 2; ``300000``: -5, its last non-zero digit); None for ``a/b``."""
    digits: int
    """Significant digits written (``0.0450``: 2 after canonical zeros; ``a/b``: 0)."""


def _canon_unit(unit: str) -> str | None:
    """The canonical unit; unknown units lose a plural "s" per word so "apples" is "apple"."""
    unit = unit.strip().rstrip(".")
    known = _UNIT_ALIASES.get(unit)
    if known is not None:
        return known or None
    words = [
        word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word for word in unit.split()
    ]
    return " ".join(words) or None


_MAX_QUANTITY_CHARS: Final = 80


def _quantity(item: str) -> _Quantity | None:
    """Read a canonical item as a number with optional %, unit and currency, or None."""
    # Longer than any real quantity: not parsed, and kept out of the cache.
    return _parse_quantity(item) if len(item) <= _MAX_QUANTITY_CHARS else None


@lru_cache(maxsize=8192)
def _parse_quantity(item: str) -> _Quantity | None:
    match = _QUANTITY.fullmatch(item)
    if match is None:
        return None
    number = match.group("number")
    numerator, _, denominator = number.partition("/")
    try:
        value = Fraction(numerator) / Fraction(denominator) if denominator else Fraction(numerator)
    except (ValueError, ZeroDivisionError):
        return None
    raw_unit = match.group("unit")
    unit: str | None = None
    if raw_unit:
        raw_unit = raw_unit.strip()
        known = raw_unit.rstrip(".") in _UNIT_ALIASES
        # Unknown words are a unit only after a space, as words of two letters or more: "2x" is algebra.
        if not known and (not match.group("space") or len(raw_unit) < 2 or raw_unit.split()[0] in _NOT_UNITS):
            return None
        if not known and any(char.isdigit() or char == "^" for char in raw_unit):
            return None
        unit = _canon_unit(raw_unit)
    negative = "-" in (match.group("sign"), match.group("sign2")) and value != 0
    if negative:
        value = -value
    percent = bool(match.group("percent"))
    text = f"{'-' if negative else ''}{number}{'%' if percent else ''}{' ' + unit if unit else ''}"
    places, digits = _precision(number)
    return _Quantity(value, percent, unit, text, places, digits)


def _precision(number: str) -> tuple[int | None, int]:
    """Decimal places and significant digits of a canonical number: ``3.14`` (2, 3), ``300000``
    (-5, 1), ``1.5e3`` (-2, 2); a fraction ``a/b`` has no decimal places: (None, 0)."""
    if "/" in number:
        return None, 0
    mantissa, _, exponent = number.partition("e")
    whole, _, fraction = mantissa.partition(".")
    significant = (whole + fraction).lstrip("0")
    if not fraction:
        significant = significant.rstrip("0")
    places = len(fraction) if fraction else -(len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 0
    return places - int(exponent or 0), len(significant)


def _numeric_frac(match: re.Match[str]) -> str:
    return f"{match.group(1) or match.group(3)}/{match.group(2) or match.group(4)}"


def _mixed_frac(match: re.Match[str]) -> str:
    """A proper fraction after a whole number is a mixed number (``3\\frac{1}{2}`` is 7/2), as
    textbooks write it. Anything else (``3\\frac{5}{2}``) could as well be a product, so it stays two
    terms, which the checker then refuses as an expression rather than guessing."""
    whole = match.group(1)
    numerator = int(match.group(2) or match.group(4))
    denominator = int(match.group(3) or match.group(5))
    if whole.isdigit() and 0 < numerator < denominator:
        return f"{int(whole) * denominator + numerator}/{denominator}"
    return f"{whole} {numerator}/{denominator}"


def _canon_item(item: str) -> str:
    item = _SYMBOL_SPACES.sub(r"\1", item)
    if "\\frac" in item:
        item = _MIXED_FRAC.sub(_mixed_frac, item)
        item = _NUMERIC_FRAC.sub(_numeric_frac, item)
    item = _NUMBER_TOKEN.sub(_canon_number, item)
    if "10^" in item:
        item = _SCIENTIFIC.sub(r"\1e\2", item)
    if "per" in item:
        item = _PERCENT_WORD.sub("%", item)
    quantity = _quantity(item)
    return quantity.text if quantity is not None else item


def _unmark(normal: str) -> tuple[str, bool]:
    """A normalised expected answer without its approximation mark, and whether it had one."""
    unmarked = _APPROXIMATE.sub("", normal, count=1)
    return (normalize(unmarked), True) if unmarked != normal else (normal, False)


@dataclass(frozen=True, slots=True)
class _Tolerance:
    """What may separate two numbers that still count as equal: nothing, unless the caller gave a
    ``rel_tol`` or the expected answer is marked approximate."""

    rel_tol: float | None = None
    approximate: bool = False


_EXACT: Final = _Tolerance()
_ROUNDED_MIN_DIGITS: Final = 6
"""Significant digits a decimal needs to stand for a value no decimal writes (1/3 as 0.333333); 0.33 is a guess."""


def _terminates(value: Fraction) -> bool:
    """Whether a finite decimal writes the value: its denominator has no prime factor but 2 and 5."""
    denominator = value.denominator
    for factor in (2, 5):
        while denominator % factor == 0:
            denominator //= factor
    return denominator == 1


def _decimal_forms(value: Fraction, places: int) -> tuple[Fraction, Fraction]:
    """The value rounded (half away from zero) and truncated to ``places`` decimals."""
    scale = Fraction(10) ** places
    magnitude = abs(value) * scale
    sign = -1 if value < 0 else 1
    return sign * math.floor(magnitude + Fraction(1, 2)) / scale, sign * math.floor(magnitude) / scale


def _agreement(answer: _Quantity, expected: _Quantity, tolerance: _Tolerance) -> str | None:
    """How two values agree: ``""`` when equal, a note naming the tolerance that let them, or None.

    Integers and stated decimals are compared exactly: a relative tolerance would make ``1234568``
    equal ``1234567``. Tolerance comes only from the caller's ``rel_tol``, from an expected answer
    marked approximate (half a unit in its last written digit), or from a value no decimal writes
    (``1/3``), which a decimal answer can only give rounded or truncated.
    """
    a, e = answer.value, expected.value
    if a == e:
        return ""
    # From the decimal text, so rel_tol=1e-6 means exactly one millionth, not its nearest float.
    relative = tolerance.rel_tol is not None and abs(a - e) <= Fraction(repr(tolerance.rel_tol)) * max(abs(a), abs(e))
    if relative:
        return " within tolerance"
    precision = None if expected.places is None else Fraction(10) ** -expected.places
    if tolerance.approximate and precision is not None and 2 * abs(a - e) <= precision:
        return " within tolerance (expected answer is approximate)"
    places = answer.places if answer.digits >= _ROUNDED_MIN_DIGITS and not _terminates(e) else None
    if places is not None and a in _decimal_forms(e, places):
        return " within tolerance (expected value rounded)"
    return None


def _compare_quantities(answer: _Quantity, expected: _Quantity, tolerance: _Tolerance) -> tuple[bool, str]:
    if answer.unit and expected.unit and answer.unit != expected.unit:
        return False, "unit mismatch"
    unit_note = ", unit absent" if (answer.unit is None) != (expected.unit is None) else ""
    if answer.percent == expected.percent:
        note = _agreement(answer, expected, tolerance)
        if note is None:
            return False, "number differs"
        return True, ("numeric" + note if note else "equal value") + unit_note
    if expected.percent:
        note = _agreement(answer, expected, tolerance)  # values only: "50" for "50%"
        if note is not None:
            return True, "percent sign missing" + note + unit_note
        note = _agreement(answer, _per_cent(expected), tolerance)
        if note is not None:
            return True, "fraction equals percentage" + note + unit_note
        return False, "number differs"
    note = _agreement(_per_cent(answer), expected, tolerance)
    if note is not None:
        return True, "percentage equals fraction" + note + unit_note
    return False, "number differs"


def _per_cent(quantity: _Quantity) -> _Quantity:
    """A percentage read as a fraction: ``50%`` is ``0.5``, written to two more decimal places."""
    places = None if quantity.places is None else quantity.places + 2
    return replace(quantity, value=quantity.value / 100, percent=False, places=places)


# --- kinds of answer ----------------------------------------------------------------------------

_MATH_CHARS = re.compile(r"[\d\\+*/^=<>()\[\]{}|_]")
_WORD = re.compile(r"(?<![\\a-z])[a-z]{2,}(?![a-z])")
_MATH_WORDS: Final = frozenset(
    {"pi", "sqrt", "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "lim", "inf", "oo", "mod", "gcd"}
)
_ANSWER_PREFIX = re.compile(r"^(?:the )?(?:final )?answer(?: is)?(?::|=| )?\s*|^(?:it is|it's|so) ")
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_NON_WORD = re.compile(r"[\W_]+")
_NUMBER_IN_TEXT = re.compile(
    r"(?<![\w.])[-+]?[€£¥]?(?:\d+/\d+|\d+(?:\.\d+)?)(?:%|(?P<space> ?)(?P<unit>[a-z°µ²³]+(?:/[a-z]+)?))?"
)
_EQUALS = re.compile(r"(?<![<>!=])=(?!=)")
_SIMPLE_EQUATION = re.compile(r"(?P<name>[a-z][a-z0-9_]*)=(?P<value>[^=]+)")


def _is_text(item: str) -> bool:
    """Words, not maths: no digits, no operators or LaTeX, and not a single maths letter."""
    return not _MATH_CHARS.search(item) and any(char.isalpha() for char in item)


def _is_prose(item: str) -> bool:
    return any(
        word not in _MATH_WORDS and word not in _UNIT_ALIASES for word in _WORD.findall(item.replace("\\", " \\"))
    )


def _text_key(item: str) -> str:
    item = _ANSWER_PREFIX.sub("", item, count=1)
    item = _ARTICLE.sub("", item, count=1)
    return _NON_WORD.sub(" ", item).strip()


def _number_in_text(item: str) -> _Quantity | None:
    matches = list(_NUMBER_IN_TEXT.finditer(item))
    for match in reversed(matches):
        unit = match.group("unit")
        text = match.group()
        if unit and unit not in _UNIT_ALIASES:
            text = text[: match.start("unit") - match.start()].rstrip()
        quantity = _quantity(text.replace(" ", "") if not unit or unit not in _UNIT_ALIASES else text)
        if quantity is not None:
            return quantity
    return None


# --- math-verify ---------------------------------------------------------------------------------

_SYMBOLIC_MAX_CHARS: Final = 200
_SYMBOLIC_MAX_DEPTH: Final = 5
_SYMBOLIC_MAX_TERMS: Final = 100
_SYMBOLIC_MAX_DIGITS: Final = 100_000
_SYMBOLIC_MAX_DIGITS_WITH_LOG: Final = 5
_TOO_COMPLEX = re.compile(
    r"(?:\^|\*\*)[\s{(]*-?\d{4,}"  # a four-digit exponent (towers: _power_tower)
    r"|\d{4,}\s*!"  # a four-digit factorial
    r"|(?:^|[^\d\s])\s*!"  # a factorial of anything but a number: (999!)!, 5!!
    r"|\d{31,}"  # a huge literal
    r"|\\(?:sum|prod|int|iint|oint|lim|binom)(?![a-zA-Z])|factorial|gamma\("
)
_POWER = re.compile(r"\^|\*\*")
_BARE_OPERAND = re.compile(r"-?[\w.\\]+")
_COMMAND = re.compile(r"\\([a-zA-Z]+)")
_UNKNOWNS: Final = frozenset(  # to the simplifier each call, root or pi is one more unknown
    {"pi", "sqrt", "sin", "cos", "tan", "cot", "sec", "csc", "sinh", "cosh", "tanh", "log", "ln", "lg", "exp"}
    | {f"arc{name}" for name in ("sin", "cos", "tan", "cot", "sec", "csc")}
)
_LETTERS = re.compile(r"[a-zA-Z]+")
_LOGARITHM = re.compile(r"(?<![a-zA-Z])(?:log|ln|lg)(?![a-zA-Z])")
_INTEGER = re.compile(r"\d+")
_INTEGER_POWER = re.compile(r"(\d+)\s*(?:\^|\*\*)\s*\{?\s*(\d+)")
_FACTORIAL = re.compile(r"(\d+)\s*!")
_GROUP_POWER = re.compile(r"[)}]\s*(?:\^|\*\*)\s*\{?\s*(\d+)")
_DEGREE_NUMBER = re.compile(r"(?:\^|\*\*)\s*\{?\s*(\d+)|(\d+)\s*!")
_TRIG_CALL = re.compile(
    r"(?<![a-zA-Z])(?:arc)?(?:sin|cos|tan|cot|sec|csc)h?(?![a-zA-Z])"
    r"\s*(?:\^\s*(?:\{[^{}]*\}|\w))?\s*"  # a power of the function: \sin^{2}(x)
)


@dataclass(frozen=True, slots=True)
class _MathVerify:
    parse: Callable[..., list[Any]]
    verify: Callable[..., bool]


class _DeliberateNoTimeout(logging.Filter):
    """math-verify warns that running without its alarm needs another guard; ours is symbolic_guard."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Timeout is disabled")


@lru_cache(maxsize=1)
def _math_verify() -> _MathVerify | None:
    """Import math-verify on first use (sympy and ANTLR take a few hundred milliseconds)."""
    try:
        from math_verify import parse, verify  # type: ignore[import-untyped]
    except Exception:  # not installed or broken: symbolic checks are reported unavailable
        return None
    for name in ("math_verify.parser", "math_verify.grader"):
        logging.getLogger(name).addFilter(_DeliberateNoTimeout())
    return _MathVerify(parse, verify)


def _power_tower(text: str) -> bool:
    """Whether an exponent holds or meets another power, or holds a factorial: ``2^{(3+99)^{99}}``,
    ``x**y**z``, ``2^{\\sqrt{73!}}``.

    Such a number can have more digits than memory holds, and sympy computes it in C, where nothing
    interrupts it.
    """
    for power in _POWER.finditer(text):
        start = power.end()
        while start < len(text) and text[start] == " ":
            start += 1
        end = _operand_end(text, start)
        if _POWER.search(text, start, end) or "!" in text[start:end] or _POWER.match(text[end:].lstrip(" ")):
            return True
    return False


def _operand_end(text: str, start: int) -> int:
    """Where the operand at ``start`` ends: a bracketed group (unclosed: the text's end) or a bare token."""
    if start < len(text) and text[start] in "{(":
        close = _matching_bracket(text, start)
        return close + 1 if close > 0 else len(text)
    bare = _BARE_OPERAND.match(text, start)
    return bare.end() if bare else start


def _trig_arguments(text: str) -> list[str]:
    """What each trigonometric function is applied to: ``\\cos(128x)`` and ``\\sin 2x`` give ``(128x)``, ``2x``."""
    return [text[call.end() : _operand_end(text, call.end())] for call in _TRIG_CALL.finditer(text)]


def _depth(text: str) -> int:
    """How deeply brackets nest; a stray closer (a half-open interval ``[0, 1)``) only ends a level."""
    depth = deepest = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
            deepest = max(deepest, depth)
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
    return deepest


def _degree(text: str) -> int:
    """A bound on the total degree: over the top-level terms, the most exponents, factorials and groups.

    The integers inside a trigonometric function's argument count too: sympy may rewrite
    ``\\cos(32x)`` as a polynomial of degree 32 in ``\\cos(x)``.
    """
    terms: list[str] = []
    depth = start = 0
    for index, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(depth - 1, 0)
        elif char in "+-" and depth == 0:
            terms.append(text[start:index])
            start = index + 1
    terms.append(text[start:])
    return max(
        sum(int(power or factorial) for power, factorial in _DEGREE_NUMBER.findall(term))
        + sum(term.count(opener) for opener in _OPENERS)
        + sum(int(number) for argument in _trig_arguments(term) for number in _INTEGER.findall(argument))
        for term in terms
    )


def _expansion_terms(answer: str, expected: str) -> int:
    r"""How many monomials sympy may meet simplifying ``answer - expected``: at most ``comb(d + v, v)``.

    ``v`` counts the distinct variable letters and every function call or root on both sides
    (``\sin(x)`` and ``\sin(2x)`` are two more unknowns to the simplifier); ``d`` is the larger
    side's :func:`_degree` (each bracketed group may be a factor). Simplifying ``(x+y+z+w)^{10}``
    (1,820 here) takes seconds, ``(a+b)(c+d)...`` with twelve factors or ``\exp(999!)`` minutes; up
    to 100 stays around a second.
    """
    calls = 0
    variables: set[str] = set()
    for text in (answer, expected):
        calls += sum(name in _UNKNOWNS for name in _COMMAND.findall(text))
        for word in _LETTERS.findall(_COMMAND.sub(" ", text)):  # "sin" written without its backslash too
            if word in _UNKNOWNS:
                calls += 1
            elif word not in _MATH_WORDS:
                variables.update(word)  # "xy" is x times y
    unknowns = len(variables) + calls
    return math.comb(max(_degree(answer), _degree(expected)) + unknowns, unknowns)


def _digits(text: str) -> float:
    """About how many digits the largest integer the text makes has: a literal, a factorial, a power
    of either, or a power of a bracketed group (``(971!)^{999}`` has 2.4 million)."""
    largest: float = max((len(number.lstrip("0")) for number in _INTEGER.findall(text)), default=0)
    for base, exponent in _INTEGER_POWER.findall(text):
        largest = max(largest, int(exponent) * math.log10(max(int(base), 1)))
    for number in _FACTORIAL.findall(text):
        largest = max(largest, math.lgamma(int(number) + 1) / math.log(10))
    for power in _GROUP_POWER.finditer(text):
        opener = _matching_opener(text, power.start())
        if opener >= 0:
            largest = max(largest, int(power.group(1)) * _digits(text[opener + 1 : power.start()]))
    return largest


def _matching_opener(text: str, close_index: int) -> int:
    """Index of the ``(`` or ``{`` opening the bracket closed at ``close_index``, or -1 when unbalanced."""
    closer = text[close_index]
    opener = "{" if closer == "}" else "("
    depth = 0
    for index in range(close_index, -1, -1):
        if text[index] == closer:
            depth += 1
        elif text[index] == opener:
            depth -= 1
            if depth == 0:
                return index
    return -1


def symbolic_guard(answer: str, expected: str) -> str | None:
    """Why math-verify must not see this pair (too long or too costly to evaluate), or None when it may.

    The verdict depends on the text alone, never on how fast this machine is today.

    >>> symbolic_guard("2^{2^{2^{100}}}", "1") is not None
    True
    >>> symbolic_guard("(x+y+z+w)^{10}", "1")
    'symbolic check skipped: input too costly to evaluate'
    >>> symbolic_guard(r"2\\sqrt{2}", r"\\sqrt{8}") is None
    True
    """
    for text in (answer, expected):
        if len(text) > _SYMBOLIC_MAX_CHARS:
            return "symbolic check skipped: input too long"
        if _depth(text) > _SYMBOLIC_MAX_DEPTH:
            return "symbolic check skipped: brackets nested too deeply"
        if _TOO_COMPLEX.search(text) or _power_tower(text) or any(map(_POWER.search, _trig_arguments(text))):
            return "symbolic check skipped: input too costly to evaluate"
    if _expansion_terms(answer, expected) > _SYMBOLIC_MAX_TERMS:
        return "symbolic check skipped: input too costly to evaluate"
    # Beside a logarithm, sympy's logcombine raises the log's base to the number: 10^{10}+\log(3) never ends.
    logarithm = _LOGARITHM.search(answer) or _LOGARITHM.search(expected)
    if max(_digits(answer), _digits(expected)) > (_SYMBOLIC_MAX_DIGITS_WITH_LOG if logarithm else _SYMBOLIC_MAX_DIGITS):
        return "symbolic check skipped: input too costly to evaluate"
    return None


def _symbolic(answer: str, expected: str) -> tuple[bool, str]:
    skipped = symbolic_guard(answer, expected)  # first, so huge inputs never become cache keys
    if skipped is not None:
        return False, skipped
    return _math_verify_equal(answer, expected)


_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")


@lru_cache(maxsize=4096)
def _math_verify_equal(answer: str, expected: str) -> tuple[bool, str]:
    math_verify = _math_verify()
    if math_verify is None:
        return False, "symbolic check unavailable (math-verify not installed)"
    # A bare "%" would start a LaTeX comment and swallow the closing "$".
    expected, answer = _UNESCAPED_PERCENT.sub(r"\\%", expected), _UNESCAPED_PERCENT.sub(r"\\%", answer)
    try:
        # No timeouts: they would arm signal.alarm, and a verdict must not depend on the clock.
        gold = math_verify.parse(f"${expected}$", parsing_timeout=None)
        prediction = math_verify.parse(f"${answer}$", parsing_timeout=None)
        if not gold or not prediction:
            return False, "not parseable as maths"
        equal = bool(math_verify.verify(gold, prediction, timeout_seconds=None))
    except Exception:  # never let a checker take an evaluation down
        return False, "symbolic check failed"
    return (True, "symbolic (math-verify)") if equal else (False, "not equivalent (math-verify)")


# --- comparison ---------------------------------------------------------------------------------


def _align_equations(answer: str, expected: str) -> tuple[str, str]:
    """``x=2`` vs ``2``: compare values. An answer chain ``15+27=42`` gives its last right-hand side."""
    answer_has = _EQUALS.search(answer) is not None
    expected_has = _EQUALS.search(expected) is not None
    if answer_has and not expected_has:
        return _EQUALS.split(answer)[-1].strip(), expected
    if expected_has and not answer_has:
        simple = _SIMPLE_EQUATION.fullmatch(expected)
        return answer, simple.group("value") if simple else expected
    if answer_has and expected_has:
        a = _SIMPLE_EQUATION.fullmatch(answer)
        e = _SIMPLE_EQUATION.fullmatch(expected)
        if a and e and a.group("name") == e.group("name"):
            return a.group("value"), e.group("value")
    return answer, expected


def _equivalent(answer: str, expected: str, tolerance: _Tolerance, symbolic: bool) -> tuple[bool, str]:
    """Lenient equality of two canonical single items."""
    if answer == expected:
        return True, "exact"
    if _is_text(expected) or (_is_prose(expected) and _quantity(expected) is None):
        # Words ("Paris", "Apollo 11"): compared as text, never as numbers or by math-verify.
        key = _text_key(expected)
        if key and _text_key(answer) == key:
            return True, "same text ignoring punctuation"
        return False, "text differs"
    answer = _APPROXIMATE.sub("", _ANSWER_PREFIX.sub("", answer, count=1), count=1)  # "≈ 3.14" gives 3.14
    answer, expected = _align_equations(answer, expected)
    if answer == expected:
        return True, "exact after dropping a prefix or equation side"
    expected_quantity = _quantity(expected)
    answer_quantity = _quantity(answer)
    if expected_quantity is not None:
        if answer_quantity is not None:
            return _compare_quantities(answer_quantity, expected_quantity, tolerance)
        if _is_prose(answer):
            found = _number_in_text(answer)
            if found is None:
                return False, "no number in answer"
            equal, reason = _compare_quantities(found, expected_quantity, tolerance)
            return equal, reason + " (number found in text)"
        # "89 × 56" for 4984 restates the question; math-verify would evaluate it and call it right.
        return False, "answer is an expression, not a number"
    if not symbolic:
        return False, "not equal (symbolic check off)"
    return _symbolic(answer, expected)


def _alternatives(items: list[str], separators: list[str]) -> bool:
    """An " or " list of text items, or of one value in several forms (``0.5 or 50%``)."""
    if not separators or any(separator != " or " for separator in separators):
        return False
    if all(_is_text(item) for item in items):
        return True
    quantities = [_quantity(item) for item in items]
    first = quantities[0]
    if first is None:
        return False
    return all(
        other is not None
        and (_compare_quantities(other, first, _EXACT)[0] or _compare_quantities(first, other, _EXACT)[0])
        for other in quantities[1:]
    )


def _match_lists(answers: list[str], expected: list[str], tolerance: _Tolerance, symbolic: bool) -> bool:
    unused = list(answers)
    for item in expected:
        for index, candidate in enumerate(unused):
            if _equivalent(candidate, item, tolerance, symbolic)[0]:
                del unused[index]
                break
        else:
            return False
    return not unused


def compare(
    answer: str, expected: str, *, rel_tol: float | None = None, symbolic: bool = True
) -> tuple[bool, bool, str]:
    """Compare an already extracted answer with the expected one: ``(exact, equivalent, reason)``.

    ``exact`` is equality after :func:`normalize` (lists in any order); ``equivalent`` is the lenient
    rule set; ``exact`` implies ``equivalent``. Used by :func:`check`, and by rewards that extract
    themselves. ``rel_tol`` is a relative tolerance for every numeric comparison, for a caller whose
    expected answers are all approximate; by default numbers are exact unless the expected answer is
    marked approximate (see the module docstring).

    >>> compare("1,000 km", "1000 kilometers")
    (True, True, 'exact')
    >>> compare("120 m", "120 km")
    (False, False, 'unit mismatch')
    >>> compare("89 × 56", "4984")
    (False, False, 'answer is an expression, not a number')
    >>> compare("3.1416", "~3.14")
    (False, True, 'numeric within tolerance (expected answer is approximate)')
    >>> compare("yellow, red and blue", "red, blue, yellow")
    (True, True, 'exact, any order')
    """
    if len(expected) > MAX_ANSWER_CHARS:
        return False, False, "expected answer too long to check"
    normal_expected, approximate = _unmark(normalize(expected))
    if not normal_expected:
        return False, False, "expected answer is empty"
    if len(answer) > MAX_ANSWER_CHARS:
        return False, False, "answer too long to check"
    normal_answer = normalize(answer)
    if not normal_answer:
        return False, False, "empty answer"
    if normal_answer == normal_expected:
        return True, True, "exact"
    tolerance = _Tolerance(rel_tol, approximate)
    expected_items, separators = _split(normal_expected)
    answer_items, _ = _split(normal_answer)
    if len(expected_items) > 1:
        if len(expected_items) > _MAX_ITEMS or len(answer_items) > _MAX_ITEMS:
            return False, False, "too many items to compare"
        if _alternatives(expected_items, separators):
            if normal_answer in expected_items:
                return True, True, "exact (one of the accepted forms)"
            for item in expected_items:
                equal, reason = _equivalent(normal_answer, item, tolerance, symbolic)
                if equal:
                    return False, True, reason + " (one of the accepted forms)"
        if len(answer_items) != len(expected_items):
            return False, False, f"expected {len(expected_items)} items, got {len(answer_items)}"
        if Counter(answer_items) == Counter(expected_items):
            return True, True, "exact, any order"
        if _match_lists(answer_items, expected_items, tolerance, symbolic):
            return False, True, "same items, any order"
        return False, False, "items differ"
    if len(answer_items) > 1:  # hedging fails, unless every form given is right ("0.5 or 1/2")
        if len(answer_items) <= _MAX_ITEMS and all(
            _equivalent(item, normal_expected, tolerance, symbolic)[0] for item in answer_items
        ):
            return False, True, "every form given is equivalent"
        return False, False, "multiple answers given"
    equal, reason = _equivalent(normal_answer, normal_expected, tolerance, symbolic)
    return False, equal, reason


def check(
    output: str,
    expected: str,
    *,
    open_tag: str = DEFAULT_OPEN_TAG,
    close_tag: str = DEFAULT_CLOSE_TAG,
    rel_tol: float | None = None,
    symbolic: bool = True,
) -> Verdict:
    """Extract the answer from a model's output and score it strict and lenient.

    ``symbolic=False`` skips math-verify (cheap checks only), for hot loops such as RL rewards.

    >>> check("<answer>$14.10</answer>", "14.1").strict
    True
    >>> v = check("Answer: 120", "120 km")
    >>> (v.strict, v.lenient, v.reason)
    (False, True, 'equal value, unit absent')
    >>> v = check("<reasoning>6 x 7</reasoning><answer>42", "42")  # the close tag is missing
    >>> (v.strict, v.lenient, v.method, v.reason)
    (False, True, 'unclosed_tag', 'exact (answer tag not closed)')
    """
    extraction = extract(output, open_tag, close_tag)
    if extraction.answer is None:
        return Verdict(False, False, None, "none", "no answer found")
    exact, equivalent, reason = compare(extraction.answer, expected, rel_tol=rel_tol, symbolic=symbolic)
    if extraction.method == "unclosed_tag":
        reason += " (answer tag not closed)"
    return Verdict(exact and extraction.method == "tag", equivalent, extraction.answer, extraction.method, reason)


def check_batch(
    outputs: Sequence[str],
    expected: Sequence[str],
    *,
    open_tag: str = DEFAULT_OPEN_TAG,
    close_tag: str = DEFAULT_CLOSE_TAG,
    rel_tol: float | None = None,
    symbolic: bool = True,
) -> list[Verdict]:
    """:func:`check` over aligned batches; raises ``ValueError`` when their lengths differ.

    >>> [v.strict for v in check_batch(["<answer>4</answer>", "4"], ["4", "4"])]
    [True, False]
    """
    if len(outputs) != len(expected):
        raise ValueError(f"{len(outputs)} outputs but {len(expected)} expected answers")
    return [
        check(output, answer, open_tag=open_tag, close_tag=close_tag, rel_tol=rel_tol, symbolic=symbolic)
        for output, answer in zip(outputs, expected, strict=True)
    ]


def check_output(
    output: str, expected: str, template: RenderTemplate, *, rel_tol: float | None = None, symbolic: bool = True
) -> Verdict:
    """:func:`check` of what an output says after its reasoning span, as ``template`` declares the
    span (``RenderTemplate.split_reasoning``): evaluation, the answer judges and the correctness
    reward all read outputs through here, so a thinking model is scored the same way everywhere.
    An answer written inside the reasoning is not the answer; a reasoning span never closed is
    ``incomplete`` and wrong on both scores, whatever number it contains.

    >>> think = RenderTemplate(reasoning_open="<think>", reasoning_close="</think>")
    >>> check_output("<think>is it 5? no: 4</think><answer>4</answer>", "4", think).strict
    True
    >>> v = check_output("<think>2 + 2 = 4, so the answer is 4", "4", think)
    >>> (v.strict, v.lenient, v.incomplete, v.reason)
    (False, False, True, 'reasoning not closed (incomplete)')
    """
    split = template.split_reasoning(output)
    if not split.closed:
        return Verdict(False, False, None, "none", "reasoning not closed (incomplete)", incomplete=True)
    return check(
        split.answer_part,
        expected,
        open_tag=template.answer_open,
        close_tag=template.answer_close,
        rel_tol=rel_tol,
        symbolic=symbolic,
    )
