"""Registers every feature's tables on ``Base.metadata`` (for Alembic and test fixtures)."""

from __future__ import annotations


def import_all_tables() -> None:
    import tunix_rt.auth.tables
    import tunix_rt.datasets.tables
    import tunix_rt.evaluation.tables
    import tunix_rt.loops.tables
    import tunix_rt.registry.tables
    import tunix_rt.rollouts.tables
    import tunix_rt.runs.tables
    import tunix_rt.sweeps.tables
    import tunix_rt.traces.tables  # noqa: F401
