"""The run kinds the benchmarks submit: an empty run, one that prints lines as fast as it can
(queue), and one that prints lines at a steady rate for a while (load). Kept in their own small
module because every run's child process imports it."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.runs.events import EventSink
from tunix_rt.runs.kinds import RunKind


class PrinterConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lines: int = Field(0, ge=0, description="Lines to print; 0 makes an empty run.")


def _print_lines(config: PrinterConfig, _run_dir: Path, _events: EventSink) -> None:
    chunk = 10_000
    for start in range(0, config.lines, chunk):
        end = min(start + chunk, config.lines)
        sys.stdout.write("".join(f"line {n} from the fast printer\n" for n in range(start, end)))
    sys.stdout.flush()


PRINTER = RunKind(name="printer", config_model=PrinterConfig, execute=_print_lines)
PRINTER_PATH = "benchmarks.runkinds:PRINTER"


class TickerConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    lines_per_second: float = Field(10.0, gt=0, le=10_000, description="Steady rate of log lines.")
    seconds: float = Field(60.0, gt=0, description="How long to keep printing.")


def _tick(config: TickerConfig, _run_dir: Path, _events: EventSink) -> None:
    interval = 1 / config.lines_per_second
    start = time.monotonic()
    n = 0
    while (now := time.monotonic()) - start < config.seconds:
        print(f"tick {n} of a steadily logging run", flush=True)
        n += 1
        time.sleep(max(0.0, start + n * interval - now))


TICKER = RunKind(name="ticker", config_model=TickerConfig, execute=_tick)
TICKER_PATH = "benchmarks.runkinds:TICKER"
