"""The suite's untraced imports (``tests/untraced/sitecustomize.py``): a listed package's module
bodies run with no tracer, any other module's under the tracer as before, and the tracer is back
once the import is done."""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.untraced.sitecustomize import UntracedImports


@pytest.fixture
def packages(tmp_path: Path) -> Iterator[Path]:
    """Two packages whose module bodies call a function: ``listedpkg`` (untraced) and ``plainpkg``."""
    for name in ("listedpkg", "plainpkg"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "__init__.py").write_text("from . import body\n")
        (tmp_path / name / "body.py").write_text("def called():\n    return 1\n\nVALUE = called()\n")
    sys.path.insert(0, str(tmp_path))
    finder = UntracedImports(frozenset({"listedpkg"}))
    sys.meta_path.insert(0, finder)
    yield tmp_path
    sys.meta_path.remove(finder)
    sys.path.remove(str(tmp_path))
    for name in [name for name in sys.modules if name.partition(".")[0] in ("listedpkg", "plainpkg")]:
        del sys.modules[name]


def traced_calls(root: Path, package: str) -> list[str]:
    """The functions of ``root`` the tracer saw called while ``package`` was imported; asserts
    the tracer is in place again just after."""
    seen: list[str] = []

    def tracer(frame: types.FrameType, event: str, arg: Any) -> None:
        if event == "call" and frame.f_code.co_filename.startswith(str(root)):
            seen.append(f"{Path(frame.f_code.co_filename).parent.name}.{frame.f_code.co_name}")

    previous = sys.gettrace()
    sys.settrace(tracer)
    try:
        importlib.import_module(package)
        after = sys.gettrace()
    finally:
        sys.settrace(previous)
    assert after is tracer
    return seen


def test_a_listed_package_is_imported_untraced_and_the_tracer_comes_back(packages: Path) -> None:
    seen = traced_calls(packages, "listedpkg")
    assert seen == []
    assert sys.modules["listedpkg.body"].VALUE == 1


def test_any_other_package_is_traced(packages: Path) -> None:
    seen = traced_calls(packages, "plainpkg")
    assert "plainpkg.called" in seen
