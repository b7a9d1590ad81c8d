"""Engine, sessions, the declarative Base, portable column types and migrate-to-head.

SQLite (embedded default) and PostgreSQL (production) are both first-class: anything that
differs between them (JSON operators, timestamps, upsert) is expressed once here and compiled
per dialect, so feature stores write one query.

Alembic is imported only to migrate: a database already at ``migrations.HEAD`` opens without
it, so a CLI command such as ``tunix-rt traces list`` does not pay a quarter of a second for it.
"""

from __future__ import annotations

import importlib.util
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import orjson
from sqlalchemy import JSON, DateTime, Dialect, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.sql.expression import FunctionElement
from sqlalchemy.types import Boolean, String, Text, TypeDecorator, TypeEngine

from tunix_rt.errors import MissingExtra

if TYPE_CHECKING:
    from alembic.config import Config


class JSONType(TypeDecorator[Any]):
    """JSON on SQLite, JSONB on PostgreSQL.

    Written as a decorator that picks ``JSONB`` when a PostgreSQL dialect asks, rather than
    ``JSON().with_variant(JSONB(), "postgresql")``: the variant needs the ``JSONB`` class when
    the tables are defined, and importing it loads SQLAlchemy's whole PostgreSQL dialect with
    all its drivers (about 25 ms), which every CLI command paid on SQLite too. The flags copy
    ``JSON``'s: ``None`` is stored as JSON ``null``, and values are not hashed by the ORM."""

    impl = JSON
    cache_ok = True
    hashable = False
    should_evaluate_none = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC timestamps on both databases (SQLite drops the zone on its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NUL = "\x00"
REPLACEMENT = "\ufffd"


def without_nul(value: Any) -> Any:
    """``value`` with every NUL in its strings replaced by U+FFFD, recursively.

    PostgreSQL's text and jsonb cannot hold U+0000, and a byte-level tokenizer can generate it:
    one such byte in a model's output or a child's log line must not fail the write of a whole
    evaluation or log batch. Both databases store the same replacement so their results agree."""
    if isinstance(value, str):
        return value.replace(NUL, REPLACEMENT)
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [without_nul(item) for item in value]
    return value


class OutputText(TypeDecorator[str]):
    """Text written by models and child processes (outputs, log lines, errors): NUL-free."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else value.replace(NUL, REPLACEMENT)


class Base(DeclarativeBase):
    type_annotation_map: dict[Any, Any] = {datetime: UTCDateTime}  # noqa: RUF012 - read by SQLAlchemy


def utcnow() -> datetime:
    return datetime.now(UTC)


# PostgreSQL error classes worth retrying: connection exception, insufficient resources,
# operator intervention (a restart: admin_shutdown, cannot_connect_now), transaction rollback
# (serialization failure, deadlock) and lock_not_available.
_TRANSIENT_SQLSTATES = ("08", "53", "57P", "40", "55P03")


def is_transient(exc: BaseException) -> bool:
    """Whether a database error may go away if the same work is tried again: SQLite busy or
    locked, a dropped or refused connection, a restarting or overloaded PostgreSQL. Constraint
    violations, bad SQL and programming errors are not: retrying them would fail the same way."""
    if isinstance(exc, OperationalError | InterfaceError | DisconnectionError | TimeoutError | OSError):
        return True
    if isinstance(exc, DBAPIError):
        sqlstate = getattr(exc.orig, "sqlstate", None) or ""
        return exc.connection_invalidated or sqlstate.startswith(_TRANSIENT_SQLSTATES)
    return False


async def hold_write_lock(session: AsyncSession) -> None:
    """On SQLite, take the database's write lock now, for the rest of the session's transaction.

    A transaction that reads before it writes cannot start writing, in WAL mode, once another
    connection has committed since its first read: its first write fails at once with "database
    is locked", whatever the busy timeout, and a server's worker commits a heartbeat every few
    seconds. Taken first, the lock makes the other writers wait instead (the busy timeout). An
    UPDATE that matches nothing takes it (and opens the transaction) without changing a row.
    PostgreSQL needs nothing: its row locks do not fail a writer for what others committed.
    """
    if session.get_bind().dialect.name == "sqlite":
        await session.execute(text("UPDATE alembic_version SET version_num = version_num WHERE 0"))


def describe_error(exc: BaseException) -> str:
    """One line naming a database (or any) error, without the SQL and parameters SQLAlchemy
    appends: fit for a log line, a run's error column or a health report."""
    detail = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = str(detail).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


class json_text(FunctionElement[str]):
    """``column ->> key`` as text on both databases, so ``meta.seed=42`` matches the number 42
    and ``meta.flag=true`` the boolean, the same way on SQLite and PostgreSQL."""

    type = String()
    inherit_cache = True
    name = "json_text"


@compiles(json_text, "postgresql")
def _json_text_pg(element: json_text, compiler: Any, **kw: Any) -> str:
    column, key = list(element.clauses)
    return f"({compiler.process(column, **kw)} ->> {compiler.process(key, **kw)})"


@compiles(json_text, "sqlite")
def _json_text_sqlite(element: json_text, compiler: Any, **kw: Any) -> str:
    """A quoted JSON path (``$."key"``) is fast but cannot spell a key holding a double quote (it
    would be a malformed path, an error); such keys are looked up among the object's entries."""
    column, key = list(element.clauses)
    col = compiler.process(column, **kw)
    name = compiler.process(key, **kw)
    path = f"'$.\"' || {name} || '\"'"
    as_text = "CASE {type} WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST({value} AS TEXT) END"
    by_path = as_text.format(type=f"json_type({col}, {path})", value=f"json_extract({col}, {path})")
    by_entry = as_text.format(type="entry.type", value="entry.value")
    return (
        f"(CASE WHEN instr({name}, '\"') = 0 THEN {by_path} "
        f"ELSE (SELECT {by_entry} FROM json_each({col}) AS entry WHERE entry.key = {name}) END)"
    )


class json_array_contains(FunctionElement[bool]):
    """True when a JSON array column holds the given string (tags, quality flags)."""

    type = Boolean()
    inherit_cache = True
    name = "json_array_contains"


@compiles(json_array_contains, "postgresql")
def _contains_pg(element: json_array_contains, compiler: Any, **kw: Any) -> str:
    column, value = list(element.clauses)
    return f"({compiler.process(column, **kw)} @> jsonb_build_array({compiler.process(value, **kw)}))"


@compiles(json_array_contains, "sqlite")
def _contains_sqlite(element: json_array_contains, compiler: Any, **kw: Any) -> str:
    column, value = list(element.clauses)
    return (
        f"EXISTS (SELECT 1 FROM json_each({compiler.process(column, **kw)}) "
        f"WHERE json_each.value = {compiler.process(value, **kw)})"
    )


def _json_dumps(value: Any) -> str:
    text = orjson.dumps(value).decode()
    # orjson writes NUL as the escape \u0000; only then is the value walked (see without_nul)
    return orjson.dumps(without_nul(value)).decode() if "\\u0000" in text else text


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def create_engine(url: str) -> AsyncEngine:
    """An async engine with orjson for JSON columns, and WAL + foreign keys for SQLite."""
    if url.startswith("postgresql") and importlib.util.find_spec("asyncpg") is None:
        raise MissingExtra("postgres", "a PostgreSQL database URL")
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[-1]
        if path and path != ":memory:":
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        url,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
        pool_pre_ping=not url.startswith("sqlite"),
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def transaction(factory: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One unit of work: commit on success, roll back on any exception."""
    async with factory() as session, session.begin():
        yield session


@asynccontextmanager
async def open_database(url: str, *, migrate: bool = True) -> AsyncIterator[AsyncEngine]:
    """An engine migrated to head (embedded stores upgrade themselves), disposed on exit."""
    engine = create_engine(url)
    try:
        if migrate and not await _at_head(engine):
            await upgrade(engine)
        yield engine
    finally:
        await engine.dispose()


async def _at_head(engine: AsyncEngine) -> bool:
    """Whether the schema is at this package's head already, read without Alembic (whose
    upgrade to head would find nothing to do)."""
    from tunix_rt.migrations import HEAD

    def _revisions(sync_conn: Connection) -> list[str]:
        if not sync_conn.dialect.has_table(sync_conn, "alembic_version"):
            return []
        return list(sync_conn.execute(text("SELECT version_num FROM alembic_version")).scalars())

    async with engine.connect() as conn:
        return await conn.run_sync(_revisions) == [HEAD]


def alembic_config(url: str | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "tunix_rt:migrations")
    if url:
        config.set_main_option("sqlalchemy.url", url)
    return config


def _run_alembic(connection: Connection, action: str, revision: str) -> None:
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    if action == "upgrade":
        command.upgrade(config, revision)
    else:
        command.downgrade(config, revision)


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    """Migrate the schema forward; the server and the CLI call this on start."""
    async with engine.begin() as conn:
        await conn.run_sync(_run_alembic, "upgrade", revision)


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    async with engine.begin() as conn:
        await conn.run_sync(_run_alembic, "downgrade", revision)


async def current_revision(conn: AsyncConnection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def _read(sync_conn: Connection) -> str | None:
        return MigrationContext.configure(sync_conn).get_current_revision()

    return await conn.run_sync(_read)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
