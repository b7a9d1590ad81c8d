"""The schema only changes through Alembic, and every migration goes down as well as up."""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from tunix_rt import db
from tunix_rt.migrations import HEAD

GIN_INDEXES = {"ix_traces_tags", "ix_traces_quality_flags"}  # PostgreSQL-only, made in the migration
ADDED_COLUMN_FKS = {("runs", "parent_id")}
"""Foreign keys added to an existing SQLite table by ``ALTER TABLE ADD COLUMN ... REFERENCES``:
SQLite enforces their ON DELETE (``PRAGMA foreign_key_list`` shows it) but SQLAlchemy reads
options only from table-level FOREIGN KEY clauses, so autogenerate sees them without it."""


def _unreflectable(change: object, dialect: str) -> bool:
    if not isinstance(change, tuple) or change[0] not in ("add_fk", "remove_fk") or dialect != "sqlite":
        return False
    fk = change[1]
    return (fk.parent.name, next(iter(fk.columns)).name) in ADDED_COLUMN_FKS


def _tables(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


async def test_upgrade_downgrade_upgrade(empty_database_url: str) -> None:
    engine = db.create_engine(empty_database_url)
    try:
        await db.upgrade(engine)
        async with engine.connect() as conn:
            assert await db.current_revision(conn) == db.head_revision()
            assert {"traces", "api_tokens", "alembic_version"} <= await conn.run_sync(_tables)
        await db.downgrade(engine, "base")
        async with engine.connect() as conn:
            assert await db.current_revision(conn) is None
            assert await conn.run_sync(_tables) <= {"alembic_version"}
        await db.upgrade(engine)
        async with engine.connect() as conn:
            assert await db.current_revision(conn) == db.head_revision()
    finally:
        await engine.dispose()


def test_head_constant_is_alembics_head() -> None:
    """``db.open_database`` skips Alembic for a database at ``migrations.HEAD``: a migration that
    forgot to move it would never run on existing databases."""
    assert db.head_revision() == HEAD


async def test_models_match_migrations(database_url: str) -> None:
    """Autogenerate finds nothing to add: the ORM tables and the migrations agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from tunix_rt.tables import import_all_tables

    import_all_tables()
    engine = db.create_engine(database_url)
    try:
        async with engine.connect() as conn:

            def diff(sync_conn: Connection) -> list[object]:
                context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
                return [
                    change
                    for change in compare_metadata(context, db.Base.metadata)
                    if not (isinstance(change, tuple) and change[0] == "remove_index" and change[1].name in GIN_INDEXES)
                    and not _unreflectable(change, sync_conn.dialect.name)
                ]

            assert await conn.run_sync(diff) == []
    finally:
        await engine.dispose()


async def test_0009_renames_labels_spelled_like_another_versions_number(empty_database_url: str) -> None:
    """Rows as the old promotion wrote them: an explicit label ``v3`` on version 2 pushed the next
    unlabelled version to ``v4``. After 0009, ``vN`` labels match their numbers; other labels and
    aliases stay."""
    import uuid

    from sqlalchemy import insert, select

    from tunix_rt.db import utcnow
    from tunix_rt.registry.tables import ModelAlias, ModelVersion, RegisteredModel

    engine = db.create_engine(empty_database_url)
    model_id = uuid.uuid4()
    ids = {number: uuid.uuid4() for number in (1, 2, 3, 4)}
    old = {1: "v1", 2: "v3", 3: "v4", 4: "release-1"}
    try:
        await db.upgrade(engine, "0008")
        async with engine.begin() as conn:
            now = utcnow()
            model = {"id": model_id, "name": "arith", "description": "", "tags": [], "created_at": now}
            await conn.execute(insert(RegisteredModel), [{**model, "updated_at": now}])
            versions: list[dict[str, object]] = [
                {
                    "id": ids[number],
                    "model_id": model_id,
                    "number": number,
                    "label": label,
                    "description": "",
                    "run_id": None,
                    "format": "merged",
                    "content_hash": str(number) * 64,
                    "size": 1,
                    "file_count": 1,
                    "metrics": {},
                    "config": {},
                    "provenance": {},
                    "created_at": now,
                }
                for number, label in old.items()
            ]
            await conn.execute(insert(ModelVersion), versions)
            alias = {"model_id": model_id, "name": "champion", "version_id": ids[2], "updated_at": now}
            await conn.execute(insert(ModelAlias), [alias])
        await db.upgrade(engine)
        async with engine.connect() as conn:
            rows = (await conn.execute(select(ModelVersion.number, ModelVersion.label))).all()
            assert sorted(rows) == [(1, "v1"), (2, "v2"), (3, "v3"), (4, "release-1")]
            assert (await conn.execute(select(ModelAlias.version_id))).scalar_one() == ids[2]
        await db.downgrade(engine, "0008")
        async with engine.connect() as conn:
            assert len((await conn.execute(select(ModelVersion.label))).all()) == 4
    finally:
        await engine.dispose()


_OLD_RUNS = sa.table(
    "runs",
    *(sa.column(name) for name in ("kind", "status", "priority", "attempts")),
    sa.column("config", db.JSONType),
    sa.column("tags", db.JSONType),
    sa.column("id", sa.Uuid()),
    sa.column("created_at", db.UTCDateTime()),
    sa.column("updated_at", db.UTCDateTime()),
)
"""The runs table's columns before 0010 (every later revision keeps them)."""


async def _insert_old_run(conn: AsyncConnection, run_id: uuid.UUID, status: str) -> None:
    now = db.utcnow()
    row = {"id": run_id, "kind": "train", "status": status, "config": {}, "tags": []}
    await conn.execute(
        sa.insert(_OLD_RUNS), [{**row, "priority": 0, "attempts": 0, "created_at": now, "updated_at": now}]
    )


async def test_0010_adds_name_and_notes_to_existing_runs(empty_database_url: str) -> None:
    """Runs stored before 0010 keep every field and read back with no name and no notes; the
    downgrade drops the two columns and keeps the rows."""
    run_id = uuid.uuid4()
    engine = db.create_engine(empty_database_url)
    try:
        await db.upgrade(engine, "0009")
        async with engine.begin() as conn:
            await _insert_old_run(conn, run_id, "queued")
        await db.upgrade(engine)
        runs = sa.table("runs", sa.column("id", sa.Uuid()), sa.column("kind"), sa.column("name"), sa.column("notes"))
        async with engine.begin() as conn:
            assert (await conn.execute(sa.select(runs.c.kind, runs.c.name, runs.c.notes))).one() == (
                "train",
                None,
                None,
            )
            await conn.execute(sa.update(runs).values(name="n" * 200, notes="long " * 1000))
        await db.downgrade(engine, "0009")
        async with engine.connect() as conn:
            assert {"name", "notes"}.isdisjoint(
                await conn.run_sync(lambda sync: {c["name"] for c in sa.inspect(sync).get_columns("runs")})
            )
            assert (await conn.execute(sa.select(_OLD_RUNS.c.id))).scalar_one() == run_id
    finally:
        await engine.dispose()


async def test_0015_fills_the_tiers_of_series_already_recorded(empty_database_url: str) -> None:
    """Points stored before 0015 get their tiers, equal to what recording them now would write;
    the downgrade drops the table and keeps the points."""
    from tunix_rt.runs import tiers
    from tunix_rt.runs.tables import RunMetricTier

    run_id = uuid.uuid4()
    metrics = sa.table(
        "run_metrics",
        sa.column("run_id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("step", sa.BigInteger()),
        sa.column("value", sa.Double()),
        sa.column("recorded_at", db.UTCDateTime()),
    )
    series = {
        "loss": [(step, 1.0 / (1 + step) + (step % 7) / 100) for step in range(3_000)],
        "eval": [(step, float(step % 3)) for step in range(0, 70_000, 500)],
    }
    engine = db.create_engine(empty_database_url)
    try:
        await db.upgrade(engine, "0014")
        async with engine.begin() as conn:
            await _insert_old_run(conn, run_id, "succeeded")
            now = db.utcnow()
            await conn.execute(
                sa.insert(metrics),
                [
                    {"run_id": run_id, "name": name, "step": step, "value": value, "recorded_at": now}
                    for name, points in series.items()
                    for step, value in points
                ],
            )
        await db.upgrade(engine)
        columns = [getattr(RunMetricTier, column) for column in tiers.COLUMNS]
        async with engine.connect() as conn:
            for name, points in series.items():
                stored = (
                    await conn.execute(
                        sa.select(RunMetricTier.level, RunMetricTier.bucket, *columns).where(
                            RunMetricTier.run_id == run_id, RunMetricTier.name == name
                        )
                    )
                ).all()
                assert {(level, bucket): tiers.stored(rest) for level, bucket, *rest in stored} == {
                    (level, bucket): corners for level, bucket, corners in tiers.every_level(points)
                }
            top = sa.select(sa.func.sum(RunMetricTier.points)).where(RunMetricTier.level == tiers.COARSEST)
            assert (await conn.execute(top)).scalar_one() == 3_000 + 140
        await db.downgrade(engine, "0014")
        async with engine.connect() as conn:
            assert "run_metric_tiers" not in await conn.run_sync(_tables)
            assert (await conn.execute(sa.select(sa.func.count()).select_from(metrics))).scalar_one() == 3_140
    finally:
        await engine.dispose()
