"""The run kind the queue benchmark submits: an empty run, or one that prints lines as fast as it
can. Kept in its own small module because every run's child process imports it."""

from __future__ import annotations

import sys
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
