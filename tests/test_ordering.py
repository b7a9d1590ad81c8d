"""The slow-first layout of ``tests/ordering.py``: worksteal's chunks each start with their share
of the slow tests, modules sharing a fixture stay whole, the rest keeps its order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

import pytest

from tests import ordering


@dataclass
class FixtureDef:
    scope: str


@dataclass
class FixtureInfo:
    name2fixturedefs: dict[str, list[FixtureDef]]


@dataclass
class Item:
    nodeid: str
    slow: bool = False
    scopes: list[str] = field(default_factory=list)

    def get_closest_marker(self, name: str) -> object | None:
        return object() if name == "slow" and self.slow else None

    @property
    def _fixtureinfo(self) -> FixtureInfo:
        return FixtureInfo({f"f{i}": [FixtureDef(scope)] for i, scope in enumerate(self.scopes)})


def layout(items: list[Item], workers: int, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The node ids of each chunk worksteal would hand out."""
    seconds = {"tests/a.py::big": 100.0, "tests/b.py::one": 60.0, "tests/c.py::mid": 50.0}
    monkeypatch.setattr(ordering, "EXPECTED_SECONDS", seconds)
    ordered = ordering.slow_first(cast(list[pytest.Item], items), workers)
    chunks, start = [], 0
    for size in ordering.chunk_sizes(len(ordered), workers):
        chunks.append([item.nodeid for item in ordered[start : start + size]])
        start += size
    return chunks


def test_worksteal_splits_into_contiguous_chunks_of_these_sizes() -> None:
    assert ordering.chunk_sizes(7, 2) == [3, 4]
    assert ordering.chunk_sizes(10, 3) == [3, 3, 4]
    assert ordering.chunk_sizes(5, 1) == [5]


def test_each_chunk_starts_with_its_share_of_the_slow_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [
        Item("tests/a.py::fast1"),
        Item("tests/a.py::big"),
        Item("tests/b.py::one", scopes=["module"]),
        Item("tests/b.py::two", scopes=["function"]),
        Item("tests/c.py::mid"),
        Item("tests/c.py::marked", slow=True),
        Item("tests/d.py::fast2"),
        Item("tests/d.py::fast3", scopes=["session"]),
        Item("tests/d.py::fast4"),
        Item("tests/d.py::fast5"),
    ]
    chunks = layout(items, 2, monkeypatch)
    # 100 s to the first chunk; b.py (60 s, one module because one test shares a module
    # fixture) and c.py::mid (50 s) to the second, then the marked test (10 s) to the first.
    assert chunks == [
        ["tests/a.py::big", "tests/c.py::marked", "tests/a.py::fast1", "tests/d.py::fast2", "tests/d.py::fast3"],
        ["tests/b.py::one", "tests/b.py::two", "tests/c.py::mid", "tests/d.py::fast4", "tests/d.py::fast5"],
    ]


def test_without_workers_the_slow_tests_come_first_longest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    items = [Item("tests/d.py::fast"), Item("tests/c.py::mid"), Item("tests/a.py::big"), Item("tests/e.py::x")]
    assert layout(items, 1, monkeypatch) == [
        ["tests/a.py::big", "tests/c.py::mid", "tests/d.py::fast", "tests/e.py::x"],
    ]
