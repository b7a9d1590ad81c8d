"""Every ``examples/`` file the README and the guides use exists and passes the project's own validators.

The commands of the README and of ``docs/guides/`` run against the files under ``examples/``
(traces to import, an eval set, a dataset build spec, run configs), so a renamed field or a
missing file fails here, naming the file, rather than in a reader's terminal. Each file is
checked by what reads it: trace import's line parser, eval-set validation, the dataset build
request model, and the run kind's config model (the same checks the CLI and the API apply). A
YAML block in those pages headed ``# examples/NAME`` must hold the same config as the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from tunix_rt.datasets import evalsets
from tunix_rt.datasets.schema import DatasetCreate
from tunix_rt.errors import TunixError
from tunix_rt.runs.kinds import KindRegistry
from tunix_rt.settings import TraceLimits
from tunix_rt.traces.io import parse_line

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs" / "guides").glob("*.md"))]
README = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
_REFERENCE = re.compile(r"(?<![\w/.-])examples/[\w./-]*\w")
_SHOWN = re.compile(r"^```yaml\n# (examples/\S+)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
REFERENCED = sorted(set(_REFERENCE.findall(README)))


def check_traces(text: str) -> None:
    """``tunix-rt traces import``: every line a valid trace."""
    lines = [(number, line) for number, line in enumerate(text.encode().split(b"\n"), 1) if line.strip()]
    assert lines, "no traces"
    for number, line in lines:
        parsed = parse_line(line, number, TraceLimits())
        assert not isinstance(parsed, list), [error.as_dict() for error in parsed]


def check_evalset(text: str) -> None:
    """``tunix-rt evalsets import`` / ``validate``: raises ``Invalid`` listing bad lines."""
    evalsets.parse(text.encode())


def check_build_spec(text: str) -> None:
    """``tunix-rt datasets build NAME --spec``: the API's body, the name given by the command."""
    DatasetCreate.model_validate({**yaml.safe_load(text), "name": "example"})


def run_config(kind: str) -> Callable[[str], Any]:
    def check(text: str) -> Any:
        """The run kind's config model, as ``POST /api/runs`` and the CLI validate it."""
        return KindRegistry().validate(kind, yaml.safe_load(text))[0]

    return check


VALIDATORS: dict[str, Callable[[str], Any]] = {
    "examples/data.jsonl": check_traces,
    "examples/eval_v2.jsonl": check_evalset,
    "examples/build.yaml": check_build_spec,
    "examples/train.yaml": run_config("train"),
    "examples/train-2-devices.yaml": run_config("train"),
    "examples/grpo.yaml": run_config("train"),
    "examples/sweep.yaml": run_config("sweep"),
}
BROKEN = {
    "examples/data.jsonl": '{"prompt": "1 + 1?", "final_answer": "2", "steps": []}\n',
    "examples/eval_v2.jsonl": '{"id": "a", "prompt": "1 + 1?", "answer": "2"}\n',
    "examples/build.yaml": "selection: {strategy: stratified}\n",
    "examples/train.yaml": "dataset: {key: arith@v1}\nmax_steps: 0\n",
    "examples/train-2-devices.yaml": "dataset: {key: arith@v1}\nbatch_size: 7\nresources: {devices: 2}\n",
    "examples/grpo.yaml": "dataset: {key: arith@v1}\nmethod: grpo\ngrpo: {rollouts_every: 0}\n",
    "examples/sweep.yaml": "trials: 0\n",
}


def test_the_readme_references_examples() -> None:
    """Guards the pattern: if it stopped matching, the cases below would vanish in silence."""
    assert len(REFERENCED) >= 5, REFERENCED


@pytest.mark.parametrize("path", REFERENCED)
def test_a_referenced_example_exists_and_validates(path: str) -> None:
    file = ROOT / path
    assert file.is_file(), f"the README uses {path}, which the repository does not ship"
    assert path in VALIDATORS, f"{path} has no validator here: add the check of whatever reads it"
    VALIDATORS[path](file.read_text(encoding="utf-8"))


def test_every_example_is_used_by_the_readme() -> None:
    shipped = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").iterdir() if p.is_file())
    assert shipped == REFERENCED


@pytest.mark.parametrize("path", sorted(BROKEN))
def test_the_validators_refuse_a_broken_example(path: str) -> None:
    with pytest.raises((AssertionError, TunixError, ValidationError)):
        VALIDATORS[path](BROKEN[path])


@pytest.mark.parametrize(("path", "shown"), _SHOWN.findall(README), ids=lambda value: value[:40])
def test_a_config_shown_in_the_readme_is_the_file(path: str, shown: str) -> None:
    check = VALIDATORS[path]
    assert check(shown) == check((ROOT / path).read_text(encoding="utf-8"))
