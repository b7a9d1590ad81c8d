"""The kinds registry and the run file the child reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.runs.scripted import KIND, KIND_PATH
from tunix_rt.errors import Invalid, TunixError
from tunix_rt.runs.kinds import (
    BUILTIN_KINDS,
    KindRegistry,
    RunFile,
    RunRefs,
    load_kind,
    read_run_file,
    resume_point,
    write_run_file,
)

NOT_A_KIND = 42


def test_load_by_import_path() -> None:
    assert load_kind(KIND_PATH) is KIND
    registry = KindRegistry([KIND_PATH])
    assert registry.names() == sorted({"scripted", *(load_kind(path).name for path in BUILTIN_KINDS)})
    assert registry.path_of("scripted") == KIND_PATH
    assert registry.get("scripted") is KIND


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no_colon", "module:ATTRIBUTE"),
        (":KIND", "module:ATTRIBUTE"),
        ("tests.runs.nothing_here:KIND", "cannot be loaded"),
        ("tests.runs.scripted:MISSING", "cannot be loaded"),
        ("tests.runs.test_kinds:NOT_A_KIND", "is a int, not a RunKind"),
    ],
)
def test_bad_kind_paths_say_why(path: str, message: str) -> None:
    with pytest.raises(TunixError, match=message):
        KindRegistry([path])


def test_validation_names_fields_and_returns_references() -> None:
    registry = KindRegistry([KIND_PATH])
    config, refs = registry.validate("scripted", {"dataset": "d@v1", "model": "tiny"})
    assert refs == RunRefs(dataset_key="d@v1", evalset_key=None, model="tiny")
    assert config.model_dump()["steps"] == []
    with pytest.raises(Invalid) as bad:
        registry.validate("scripted", {"steps": [{"op": "print", "count": -1}]})
    assert bad.value.errors is not None
    assert bad.value.errors[0]["loc"] == ["body", "config", "steps", 0, "count"]
    assert bad.value.detail == "1 problem(s) in the scripted config, first at body.config.steps.0.count"
    with pytest.raises(Invalid, match="unknown run kind 'scripted'"):
        KindRegistry().get("scripted")


def test_run_file_round_trip_and_resume_point(tmp_path: Path) -> None:
    folder = tmp_path / "runs" / "r1"
    spec = RunFile(id="r1", kind="scripted", kind_path=KIND_PATH, attempt=1, config={"steps": []})
    write_run_file(folder, spec)
    assert read_run_file(folder) == spec
    assert resume_point(folder) is None
    write_run_file(folder, spec.model_copy(update={"attempt": 2, "resume_from": "ckpt/step-9"}))
    assert resume_point(folder) == folder / "ckpt" / "step-9"
    assert sorted(p.name for p in folder.iterdir()) == ["run.json"]
