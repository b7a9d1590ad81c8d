"""Splitting an upload into lines (``traces.io.iter_lines``) when one line is very long, against
baselines taken in the same run.

    python -m benchmarks.lines [--mib 30] [--chunk-kib 64]

One line of ``--mib`` MiB between two short ones, arriving in ``--chunk-kib`` KiB chunks (what
Starlette hands the import route), split by ``iter_lines``, against the floor (one
``bytes.split`` of the whole body in memory) and against the approach it replaced (append each
chunk to one buffer and split the buffer again), which re-copied and re-scanned the unfinished
line for every chunk: quadratic in the line's length. Prints a markdown table (figures
recorded in docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import time
from collections.abc import AsyncIterator

from tunix_rt.traces.io import iter_lines


async def chunked(data: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def replaced_split(chunks: AsyncIterator[bytes]) -> list[bytes]:
    """The splitting ``iter_lines`` did before (the baseline it is measured against)."""
    lines: list[bytes] = []
    buffer = b""
    async for chunk in chunks:
        buffer += chunk
        *complete, buffer = buffer.split(b"\n")
        lines.extend(line for line in complete if line.strip())
    if buffer.strip():
        lines.append(buffer)
    return lines


async def linear_split(chunks: AsyncIterator[bytes], limit: int) -> list[bytes]:
    return [line async for _, line in iter_lines(chunks, limit)]


async def measure(data: bytes, size: int) -> tuple[float, float, float]:
    """CPU seconds of the floor, ``iter_lines`` and the replaced splitting, each checked to give
    the same lines (measured inside one loop: handing 30 MiB results out of ``asyncio.run`` costs
    more than splitting them)."""
    start = time.process_time()
    expected = [line for line in data.split(b"\n") if line.strip()]
    floor = time.process_time() - start
    start = time.process_time()
    got = await linear_split(chunked(data, size), len(data))
    linear = time.process_time() - start
    start = time.process_time()
    replaced = await replaced_split(chunked(data, size))
    old = time.process_time() - start
    assert got == expected == replaced
    return floor, linear, old


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mib", type=int, default=30, help="Length of the long line, in MiB.")
    parser.add_argument("--chunk-kib", type=int, default=64, help="Size of the chunks the body arrives in, in KiB.")
    args = parser.parse_args()
    data = b"first\n" + b"x" * (args.mib << 20) + b"\nlast\n"
    floor, linear, old = asyncio.run(measure(data, args.chunk_kib << 10))

    print(
        f"\n### Line splitting ({platform.node()}, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d')}): "
        f"a {args.mib} MiB line in {args.chunk_kib} KiB chunks\n"
    )
    print("| measure | CPU |\n|---|---|")
    print(f"| one `bytes.split` of the whole body (floor) | {floor * 1000:.0f} ms |")
    print(f"| `iter_lines` | {linear * 1000:.0f} ms ({linear / floor:.1f}x the floor) |")
    print(f"| append-and-resplit (replaced) | {old * 1000:.0f} ms ({old / linear:.0f}x `iter_lines`) |")


if __name__ == "__main__":
    main()
