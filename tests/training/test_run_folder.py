"""``models export RUN`` finds a run's folder by its id, a unique prefix of it, or a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tunix_rt.errors import NotFound
from tunix_rt.settings import Settings
from tunix_rt.short_ids import Ambiguous
from tunix_rt.training.cli import run_folder

FIRST = "abcdef01-0000-4000-8000-000000000001"
SECOND = "abcdef02-0000-4000-8000-000000000002"


def test_a_prefix_names_the_one_run_folder_it_starts(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", _env_file=None)
    for name in (FIRST, SECOND, "local-abcdef0123ab"):
        (settings.home / "runs" / name).mkdir(parents=True)
        (settings.home / "runs" / name / "run_manifest.json").write_text("{}")
    runs = settings.home / "runs"
    assert run_folder(FIRST, settings) == runs / FIRST
    assert run_folder("ABCDEF02", settings) == runs / SECOND
    assert run_folder("abcdef01-00", settings) == runs / FIRST
    assert run_folder("local-abcdef0123ab", settings) == runs / "local-abcdef0123ab"
    assert run_folder(str(runs / SECOND), settings) == runs / SECOND
    with pytest.raises(Ambiguous, match=f"matches several: {FIRST}, {SECOND}; give more characters"):
        run_folder("abcdef", settings)
    with pytest.raises(NotFound, match="no trained run at"):
        run_folder("123456", settings)
    with pytest.raises(NotFound):
        run_folder("abc", settings)
