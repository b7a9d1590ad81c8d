"""What every benchmark shares: a migrated PostgreSQL to run on, a real server, memory sampling,
and the markdown table the results are printed as (copied into docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import os
import platform
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from tests.postgres_cluster import throwaway_cluster

from tunix_rt import db

Results = list[tuple[str, str]]
REPO = Path(__file__).resolve().parents[1]


def run_on_postgres(bench: Callable[[str], Results]) -> Results:
    """Run ``bench(url)`` on ``TUNIX_RT_BENCH_POSTGRES_URL`` or on a throwaway cluster, migrated to head."""
    given = os.environ.get("TUNIX_RT_BENCH_POSTGRES_URL")
    if given:
        asyncio.run(_migrate(given))
        return bench(given)
    with throwaway_cluster("bench") as url:
        asyncio.run(_migrate(url))
        return bench(url)


def print_table(title: str, results: Results, preface: str | None = None, database: str = "PostgreSQL") -> None:
    load = ", ".join(f"{n:.2f}" for n in os.getloadavg())
    print(
        f"\n### {title} ({platform.node()}, {os.cpu_count()} CPUs, {database}, {time.strftime('%Y-%m-%d')}, "
        f"load average {load})\n"
    )
    if preface:
        print(f"{preface}\n")
    print("| measure | result |\n|---|---|")
    for name, value in results:
        print(f"| {name} | {value} |")


async def _migrate(url: str) -> None:
    async with db.open_database(url):
        pass


@contextmanager
def server(
    url: str, home: Path, port: int, extra_env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        "TUNIX_RT_DATABASE_URL": url,
        "TUNIX_RT_HOME": str(home),
        "TUNIX_RT_PORT": str(port),
        **(extra_env or {}),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "tunix_rt", "serve", "--log-level", "warning"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield proc
    finally:
        proc.terminate()
        proc.wait(10)


class RssSampler:
    """Samples a process's resident memory every 10 ms; ``peak`` is the highest seen."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def rss(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.rss())
            time.sleep(0.01)

    def __enter__(self) -> RssSampler:
        self.peak = self.rss()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
