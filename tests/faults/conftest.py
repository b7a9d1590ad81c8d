"""The fault stage (``-m fault``, part of ``make test``): the database, the server and the disk
fail under load, and each test ends with the worker alive, no partial rows, no lost run and a
clear error where something had to fail. The runs' fixtures (fast leases, the scripted kind
in server and child) are the ones the runs tests use."""

from __future__ import annotations

import pytest

from tests.runs.conftest import child_can_import_tests, settings

__all__ = ["child_can_import_tests", "settings"]

HANG_SECONDS = 120  # bounds a hang, never a speed


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/faults/" in item.nodeid:
            item.add_marker(pytest.mark.fault)
