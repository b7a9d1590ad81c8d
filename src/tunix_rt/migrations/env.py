"""Alembic environment: migrations run on a connection handed over by ``tunix_rt.db``.

Running ``alembic`` by hand (for ``revision --autogenerate``) also works: it builds an async
engine from ``sqlalchemy.url`` or from Settings.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from tunix_rt.db import Base, create_engine
from tunix_rt.settings import Settings
from tunix_rt.tables import import_all_tables

import_all_tables()
target_metadata = Base.metadata


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _migrate_standalone() -> None:
    url = context.config.get_main_option("sqlalchemy.url") or Settings().resolved_database_url
    engine = create_engine(url)
    async with engine.begin() as conn:
        await conn.run_sync(_migrate)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is None:
    asyncio.run(_migrate_standalone())
else:
    _migrate(connection)
