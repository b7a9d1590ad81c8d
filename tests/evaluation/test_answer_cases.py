"""``tunix-rt eval check-answers``: the answer checker run on a user's case file, through the real
CLI, and on the project's own table (which CI runs this way too)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.commands import tunix
from tunix_rt.evaluation.answer_cases import BUILTIN, AnswerCase, read_cases, run_cases


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """No database: checking answers must not need one."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNIX_RT_")}
    env.update(TUNIX_RT_HOME=str(tmp_path / "home"), TUNIX_RT_DATABASE_URL="sqlite:////nonexistent/x.db", COLUMNS="200")
    return env


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


def test_the_projects_own_table_passes(env: dict[str, str]) -> None:
    result = tunix(env, "eval", "check-answers", "--json")
    report = json.loads(result.stdout)
    assert report["cases"] == len(read_cases(BUILTIN)) >= 140
    assert report["checked"] == {"strict": report["cases"], "lenient": report["cases"]}
    assert (report["wrong_accepts"], report["wrong_rejects"], report["other_reasons"]) == (0, 0, 0)


def test_a_users_cases_report_wrong_accepts_and_rejects_by_line(env: dict[str, str], tmp_path: Path) -> None:
    cases = _write(
        tmp_path / "cases.jsonl",
        [
            {"expected": "42", "output": "<answer>42</answer>", "correct": True},
            {"expected": "1234567", "output": "<answer>1234568</answer>", "correct": False},
            # mislabelled on purpose: the checker is right, so the file's label shows up as a miss
            {"expected": "42", "output": "<answer>42</answer>", "correct": False, "name": "labelled-wrong"},
            {"expected": "7", "output": "<answer>8</answer>", "correct": True},
            {"expected": "7", "output": "the answer is 7", "correct": True},
        ],
    )
    result = tunix(env, "eval", "check-answers", str(cases), "--json", code=1)
    report = json.loads(result.stdout)
    assert (report["cases"], report["checked"]) == (5, {"strict": 5})
    assert (report["wrong_accepts"], report["wrong_rejects"], report["other_reasons"]) == (1, 2, 0)
    misses = [(m["line"], m["kind"], m["reason"]) for m in report["misses"]]
    assert misses == [
        (3, "wrong accept", "exact"),
        (4, "wrong reject", "number differs"),
        (5, "wrong reject", "exact"),  # right, but strict needs the answer tag
    ]
    assert report["misses"][0]["name"] == "labelled-wrong"

    # the same file judged leniently: only the untagged answer changes verdict
    lenient = json.loads(tunix(env, "eval", "check-answers", str(cases), "--mode", "lenient", "--json", code=1).stdout)
    assert [(m["line"], m["kind"]) for m in lenient["misses"]] == [(3, "wrong accept"), (4, "wrong reject")]

    text = tunix(env, "eval", "check-answers", str(cases), code=1).stdout
    assert "5 case(s), verdicts checked: 5 strict; 1 wrong accept(s), 2 wrong reject(s), 0 other reason(s)" in text
    assert text.index("labelled-wrong") < text.index("number differs")  # wrong accepts first


def test_a_pinned_reason_that_changes_is_a_miss() -> None:
    case = AnswerCase(expected="0.5", output="<answer>1/2</answer>", strict=False, lenient=True, reason="exact")
    report = run_cases([(1, case)])
    assert [(m.kind, m.verdict.reason) for m in report.misses] == [("other reason", "equal value")]
    assert run_cases([(1, case.model_copy(update={"reason": "equal value"}))]).misses == []


def test_bad_case_files_are_refused_with_every_line(env: dict[str, str], tmp_path: Path) -> None:
    cases = tmp_path / "bad.jsonl"
    cases.write_text(
        '{"expected": "1", "output": "1", "correct": true}\n'
        "\n"
        '{"expected": "1", "output": "1"\n'
        '{"expected": "1", "output": "1"}\n'
        '{"expected": "1", "output": "1", "correct": true, "strict": true}\n'
        '{"expected": "1", "output": "1", "correct": true, "colour": "red"}\n'
    )
    result = tunix(env, "eval", "check-answers", str(cases), code=2)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0] == f"error: {cases}: 4 line(s) are not answer cases"
    assert [line.split(":")[0].strip() for line in lines[1:]] == ["line 3", "line 4", "line 5", "line 6"]
    assert "colour: Extra inputs are not permitted" in lines[4]

    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    assert tunix(env, "eval", "check-answers", str(empty), code=2).stderr.strip() == f"error: {empty}: no cases"
    missing = tunix(env, "eval", "check-answers", str(tmp_path / "nope.jsonl"), code=2)
    assert "No such file or directory" in missing.stderr
