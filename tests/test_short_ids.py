"""Short ids: prefixes resolve to the one id they start, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.test_api import evalset, train_row
from tunix_rt import db
from tunix_rt.db import utcnow
from tunix_rt.errors import Invalid, NotFound
from tunix_rt.runs.tables import Run
from tunix_rt.short_ids import Ambiguous, parse, resolve, resolve_in, short

FIRST = uuid.UUID("abcdef01-0000-4000-8000-000000000001")
SECOND = uuid.UUID("abcdef02-0000-4000-8000-000000000002")
BELOW = uuid.UUID("abcdeeff-ffff-4fff-bfff-ffffffffffff")
"""Just below every id starting ``abcdef``: a range that is off by one would take it."""
ABOVE = uuid.UUID("abcdf000-0000-4000-8000-000000000000")
"""Just above them."""
LAST = uuid.UUID("abcdef02-ffff-ffff-ffff-ffffffffffff")
"""The highest id starting ``abcdef02``: the range's upper end must include it."""
CHOSEN = (FIRST, SECOND, BELOW, ABOVE, LAST)
__all__ = ["evalset"]


async def insert_runs(sessions: async_sessionmaker[AsyncSession], *ids: uuid.UUID) -> None:
    """Runs with the given ids (the store draws random ones), so prefixes collide on purpose."""
    async with db.transaction(sessions) as session:
        now = utcnow()
        for run_id in ids:
            session.add(
                Run(
                    id=run_id,
                    kind="scripted",
                    status="queued",
                    config={},
                    tags=[],
                    priority=0,
                    attempts=0,
                    created_at=now,
                    updated_at=now,
                )
            )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (str(FIRST), FIRST),
        (str(FIRST).upper(), FIRST),
        (FIRST.hex, FIRST),
        ("abcdef", "abcdef"),
        ("ABCDEF01", "abcdef01"),
        ("abcdef01-00", "abcdef0100"),
        ("  abcdef01 ", "abcdef01"),
    ],
)
def test_parse_takes_full_ids_and_prefixes(text: str, expected: uuid.UUID | str) -> None:
    assert parse(text, "run") == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abcde", "the run id prefix 'abcde' is too short: give at least 6 hex characters"),
        ("abc-def", "hyphens go where a UUID has them"),
        ("abcdefgh", "'abcdefgh' is not a run id"),
        ("", "'' is not a run id"),
        ("a" * 33, "is not a run id"),
    ],
)
def test_parse_refuses_short_and_malformed_text(text: str, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse(text, "run", ("path", "run_id"))
    assert message in caught.value.detail
    assert caught.value.errors is not None
    assert caught.value.errors[0]["loc"] == ["path", "run_id"]


def test_short_is_the_first_group_and_a_valid_prefix() -> None:
    assert short(FIRST) == "abcdef01"
    assert parse(short(FIRST), "run") == "abcdef01"


async def test_prefixes_resolve_on_both_databases(sessions: async_sessionmaker[AsyncSession]) -> None:
    await insert_runs(sessions, *CHOSEN)
    async with sessions() as session:
        assert await resolve(session, Run.id, "abcdef01", "run") == FIRST
        assert await resolve(session, Run.id, "ABCDEF01-0000", "run") == FIRST
        assert await resolve(session, Run.id, "abcdeeff", "run") == BELOW
        assert await resolve(session, Run.id, "abcdf0", "run") == ABOVE
        assert await resolve(session, Run.id, "abcdef02-ffff", "run") == LAST
        assert await resolve(session, Run.id, str(SECOND), "run") == SECOND
        with pytest.raises(Ambiguous) as ambiguous:
            await resolve(session, Run.id, "abcdef", "run")
        assert ambiguous.value.status == 409
        assert ambiguous.value.extra["candidates"] == [str(FIRST), str(SECOND), str(LAST)]
        assert f"matches several: {FIRST}, {SECOND}, {LAST}; give more characters" in ambiguous.value.detail
        with pytest.raises(NotFound, match="no run id starts with '123456'"):
            await resolve(session, Run.id, "123456", "run")
    assert await resolve_in(sessions, Run.id, "abcdef02-0000", "run") == SECOND


async def test_a_full_id_is_returned_without_looking(sessions: async_sessionmaker[AsyncSession]) -> None:
    """The caller's own lookup answers for a full id, with the message it always gave."""
    missing = uuid.uuid4()
    async with sessions() as session:
        assert await resolve(session, Run.id, str(missing), "run") == missing


async def test_an_eval_configs_run_takes_a_prefix_in_the_api(
    client: httpx.AsyncClient, evalset: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """``POST /api/runs`` of an eval takes a prefix of the training run as ``eval run`` does on
    the command line, and stores the full id; a prefix of no run, or of several, is refused."""
    trained = await train_row(sessions, "arith@v1")
    answer = await client.post(
        "/api/runs", json={"kind": "eval", "config": {"evalset": evalset, "run": short(trained)}}
    )
    assert answer.status_code == 202, answer.text
    assert answer.json()["config"]["run"] == str(trained)

    await insert_runs(sessions, FIRST, SECOND)
    ambiguous = await client.post("/api/runs", json={"kind": "eval", "config": {"evalset": evalset, "run": "abcdef0"}})
    assert ambiguous.status_code == 409
    assert ambiguous.json()["candidates"] == [str(FIRST), str(SECOND)]
    unknown = await client.post("/api/runs", json={"kind": "eval", "config": {"evalset": evalset, "run": "0123456789"}})
    assert unknown.status_code == 422
    assert unknown.json()["errors"] == [
        {"loc": ["body", "config", "run"], "msg": "no run id starts with '0123456789'", "type": "not_found"}
    ]
