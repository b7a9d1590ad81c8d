"""Fail when line or branch coverage is under its own threshold.

coverage.py's ``fail_under`` checks one combined number; the project holds lines and
branches to separate bars (85% / 75%), so this reads ``coverage json`` and checks each.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(report: str, min_lines: float, min_branches: float) -> int:
    totals = json.loads(Path(report).read_text())["totals"]
    lines = 100.0 * totals["covered_lines"] / max(totals["num_statements"], 1)
    branches = 100.0 * totals["covered_branches"] / max(totals["num_branches"], 1)
    print(f"coverage: lines {lines:.1f}% (min {min_lines}%), branches {branches:.1f}% (min {min_branches}%)")
    return 0 if lines >= min_lines and branches >= min_branches else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], float(sys.argv[2]), float(sys.argv[3])))
