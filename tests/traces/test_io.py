"""Splitting an uploaded byte stream into numbered lines, and parsing traces from lines and batch bodies."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from tests.conftest import make_trace
from tunix_rt.errors import Invalid
from tunix_rt.settings import TraceLimits
from tunix_rt.traces.io import ItemError, iter_lines, parse_batch, parse_line
from tunix_rt.traces.schema import TraceDict, TraceIn, admits, content_hash

MiB = 1024 * 1024


async def chunked(data: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def lines_of(data: bytes, size: int, max_line_bytes: int) -> list[tuple[int, bytes]]:
    return [item async for item in iter_lines(chunked(data, size), max_line_bytes)]


@pytest.mark.parametrize("size", [1, 3, 7, 64, 10_000])
async def test_lines_are_numbered_across_any_chunking(size: int) -> None:
    data = b'{"a": 1}\n\n  \nsecond\nthird line\n\nlast without newline'
    assert await lines_of(data, size, 1000) == [
        (1, b'{"a": 1}'),
        (4, b"second"),
        (5, b"third line"),
        (7, b"last without newline"),
    ]


async def test_a_very_long_line_arriving_in_many_chunks_is_one_line() -> None:
    long = b"x" * (30 * MiB)
    data = b"first\n" + long + b"\nafter\n"
    lines = await lines_of(data, 64 * 1024, 32 * MiB)
    assert [(number, len(line)) for number, line in lines] == [(1, 5), (2, len(long)), (3, 5)]
    assert lines[1][1] == long


async def test_a_line_over_the_limit_is_refused_naming_it() -> None:
    data = b"ok\n" + b"y" * (2 * MiB) + b"\n"
    with pytest.raises(Invalid, match="line 2 is longer than 1048576 bytes"):
        await lines_of(data, 64 * 1024, MiB)


# --- the plain fast path (``TraceDict`` + ``admits``) against the ``TraceIn`` model ---------------

LIMITS = TraceLimits(
    max_prompt_chars=20, max_answer_chars=5, max_step_chars=20, max_step_type_chars=11, max_steps=3, max_tags=2
)
STEP = {"i": 0, "type": "calculation", "content": "1 + 2 = 3"}
ACCEPTED = [
    make_trace(1),
    {"prompt": "p", "final_answer": "3", "steps": [STEP]},  # defaults filled
    make_trace(1, prompt="😀" * 20, final_answer="é" * 5, steps=[{**STEP, "content": "ü" * 20}]),  # at the limits
    make_trace(1, tags=[" a ", "b", "a"]),  # normalised to ["a", "b"]
    make_trace(1, created_at="2026-01-02T03:04:05+02:00", id=str(uuid.UUID(int=7)), source="s" * 200),
    make_trace(1, meta={"deep": [{"x": 2**63 - 1, "y": -(2**63)}, 1.5, None, True]}),
    make_trace(1, steps=[{**STEP, "i": 2}, {**STEP, "i": 0}]),  # unordered is a quality flag, not an error
]
REFUSED = [
    make_trace(1, prompt=" \t"),
    make_trace(1, prompt="p" * 21),
    make_trace(1, final_answer="123456"),
    make_trace(1, steps=[]),
    make_trace(1, steps=[STEP] * 1 + [{**STEP, "i": n} for n in (1, 2, 3)]),
    make_trace(1, steps=[STEP, STEP]),
    make_trace(1, steps=[{**STEP, "type": "\u3000"}]),
    make_trace(1, steps=[{**STEP, "type": "t" * 12}]),
    make_trace(1, steps=[{**STEP, "content": "c" * 21}]),
    make_trace(1, steps=[{**STEP, "i": -1}]),
    make_trace(1, steps=[{**STEP, "i": 2**63}]),
    make_trace(1, steps=[{**STEP, "i": True}]),
    make_trace(1, steps=[{**STEP, "i": "0"}]),
    make_trace(1, steps=[{**STEP, "extra": 1}]),
    make_trace(1, prompt="a\x00b"),
    make_trace(1, steps=[{**STEP, "content": "\x00"}]),
    make_trace(1, source="\x00"),
    make_trace(1, source="s" * 201),
    make_trace(1, tags=["\x00"]),
    make_trace(1, tags=["a", "b", "c"]),
    make_trace(1, tags=["t" * 65]),
    make_trace(1, tags=[" "]),
    make_trace(1, created_at="2026-01-02T03:04:05"),
    make_trace(1, meta={"x\x00": 1}),
    make_trace(1, meta={"x": [2**63]}),
    make_trace(1, meta={"x": {"y": float("nan")}}),
    make_trace(1, trace_version="2.0"),
    make_trace(1, unknown=1),
]


def model_result(item: dict[str, Any], position: int, key: str) -> TraceDict | list[ItemError]:
    """What validating with ``TraceIn`` alone gives: the reference the fast path must match."""
    try:
        return TraceIn.model_validate_json(json_of(item), context={"limits": LIMITS}).plain()
    except ValidationError as exc:
        return [ItemError(position, tuple(e["loc"]), e["msg"], e["type"], key) for e in exc.errors(include_url=False)]


def json_of(item: Any) -> bytes:
    """Standard JSON (NaN written as such, non-ASCII and NUL escaped), which orjson cannot write."""
    return json.dumps(item).encode()


@pytest.mark.parametrize("item", ACCEPTED + REFUSED)
def test_a_line_parses_as_the_model_validates_it(item: dict[str, Any]) -> None:
    expected = model_result(item, 4, "line")
    assert isinstance(expected, list) == (item in REFUSED)
    assert parse_line(json_of(item), 4, LIMITS) == expected
    if item in ACCEPTED:  # and it took the fast path, not the model's
        assert admits(TypeAdapter(TraceDict).validate_json(json_of(item)), LIMITS)


@pytest.mark.parametrize("item", REFUSED)
def test_the_plain_schema_never_admits_what_the_model_refuses(item: dict[str, Any]) -> None:
    raw = json_of(item)
    try:
        plain = TypeAdapter(TraceDict).validate_json(raw)
    except ValidationError:
        return
    assert b"\\u0000" in raw or not admits(plain, LIMITS)


def test_a_batch_parses_as_the_model_validates_each_item() -> None:
    body = json_of(ACCEPTED)
    valid, errors = parse_batch(body, LIMITS, 100)
    assert errors == []
    assert valid == [(n, model_result(item, n, "index")) for n, item in enumerate(ACCEPTED)]
    assert valid[3][1]["tags"] == ["a", "b"]
    assert [content_hash(t["prompt"], t["steps"], t["final_answer"]) for _, t in valid] == [
        TraceIn.model_validate(item, context={"limits": LIMITS}).content_hash() for item in ACCEPTED
    ]

    mixed = ACCEPTED + REFUSED
    valid, errors = parse_batch(json_of(mixed), LIMITS, 100)
    results = [model_result(item, n, "index") for n, item in enumerate(mixed)]
    assert valid == [(n, r) for n, r in enumerate(results) if not isinstance(r, list)]
    assert errors == [error for r in results if isinstance(r, list) for error in r]
    assert {error.position for error in errors} == set(range(len(ACCEPTED), len(mixed)))
