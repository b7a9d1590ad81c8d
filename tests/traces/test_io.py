"""Splitting an uploaded byte stream into numbered lines (``traces.io.iter_lines``)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tunix_rt.errors import Invalid
from tunix_rt.traces.io import iter_lines

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
