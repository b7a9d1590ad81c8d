"""Short ids: a unique prefix of a UUID (at least ``MIN_PREFIX`` hex digits) stands for it.

Lists print ids cut to ``SHORT`` characters so a table fits a terminal, and every command and
route that takes an id of a UUID-keyed table (runs, traces, evaluations, sweeps, tokens)
accepts such a prefix back, as git does with commits. A full UUID is taken as it is, without a
query, so the caller's own lookup answers "not found" as before.

A prefix becomes the range of UUIDs it covers (``abcdef`` -> ``abcdef00-...`` to
``abcdefff-...``), compared with the key column: PostgreSQL orders ``uuid`` bytewise and
SQLAlchemy stores a UUID on SQLite as 32 lowercase hex characters, so the same ``BETWEEN``
selects the same rows on both, through the primary key's index, without per-dialect SQL.
"""

from __future__ import annotations

import string
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tunix_rt.errors import Conflict, Invalid, NotFound

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
    from sqlalchemy.orm import InstrumentedAttribute

# SQLAlchemy is imported where a prefix is looked up: CLI modules read HELP and SHORT at import,
# and `tunix-rt --help` must not pay for it.

MIN_PREFIX = 6
"""The fewest hex digits taken as a prefix: shorter ones would often match several rows."""
SHORT = 8
"""How many characters of an id lists print; the first group of a UUID's text."""
MAX_LISTED = 10
"""Candidates an ambiguous prefix names."""
_HEX = frozenset(string.hexdigits)
HELP = f"The full id, or a unique prefix of it ({MIN_PREFIX}+ hex characters)."
"""What an id argument or parameter says it takes."""


class Ambiguous(Conflict):
    """A prefix matches several rows; ``candidates`` (in the problem document too) lists them."""

    title = "Ambiguous id"


def short(row_id: uuid.UUID) -> str:
    """The id as lists print it: its first ``SHORT`` characters, which resolve back to it
    while no other id shares them."""
    return str(row_id)[:SHORT]


def _hex_prefix(text: str, noun: str, loc: Sequence[str | int]) -> str:
    """The hex digits of a prefix, lowercased; refused (422) unless ``text`` is the start of a
    UUID's text (hyphens only where a UUID has them) with at least ``MIN_PREFIX`` digits."""
    lowered = text.strip().lower()
    digits = lowered.replace("-", "")
    problem = None
    if not digits or not set(digits) <= _HEX or len(digits) > 32:
        problem = f"'{text[:40]}' is not a {noun} id: give the id or a prefix of it ({MIN_PREFIX}+ hex characters)"
    elif "-" in lowered and str(uuid.UUID(digits.ljust(32, "0")))[: len(lowered)] != lowered:
        problem = f"'{text[:40]}' is not a {noun} id: hyphens go where a UUID has them (8-4-4-4-12)"
    elif len(digits) < MIN_PREFIX:
        problem = f"the {noun} id prefix '{text}' is too short: give at least {MIN_PREFIX} hex characters"
    if problem is not None:
        raise Invalid(problem, errors=[{"loc": list(loc), "msg": problem, "type": "id_prefix"}])
    return digits


def parse(text: str, noun: str, loc: Sequence[str | int] = ()) -> uuid.UUID | str:
    """A full UUID as a ``UUID``, else the hex digits of a valid prefix (see ``_hex_prefix``)."""
    stripped = text.strip()
    if len(stripped.replace("-", "")) == 32:
        try:
            return uuid.UUID(stripped)
        except ValueError:
            pass
    return _hex_prefix(stripped, noun, loc)


async def resolve(
    session: AsyncSession,
    column: InstrumentedAttribute[uuid.UUID],
    text: str,
    noun: str,
    loc: Sequence[str | int] = (),
) -> uuid.UUID:
    """The id ``text`` stands for in ``column`` (a UUID key): a full UUID as it is, a prefix as
    the one id starting with it. No match is ``NotFound``; several are ``Ambiguous`` (409,
    naming them); a malformed or too short prefix is ``Invalid`` (422)."""
    from sqlalchemy import select

    parsed = parse(text, noun, loc)
    if isinstance(parsed, uuid.UUID):
        return parsed
    low, high = uuid.UUID(parsed.ljust(32, "0")), uuid.UUID(parsed.ljust(32, "f"))
    stmt = select(column).where(column.between(low, high)).order_by(column).limit(MAX_LISTED + 1)
    matches = list((await session.execute(stmt)).scalars())
    if not matches:
        raise NotFound(f"no {noun} id starts with '{text.strip()}'")
    if len(matches) > 1:
        listed = ", ".join(str(match) for match in matches[:MAX_LISTED])
        more = " and more" if len(matches) > MAX_LISTED else ""
        raise Ambiguous(
            f"the {noun} id prefix '{text.strip()}' matches several: {listed}{more}; give more characters",
            candidates=[str(match) for match in matches[:MAX_LISTED]],
        )
    return matches[0]


async def resolve_in(
    sessions: async_sessionmaker[AsyncSession],
    column: InstrumentedAttribute[uuid.UUID],
    text: str,
    noun: str,
    loc: Sequence[str | int] = (),
) -> uuid.UUID:
    """``resolve`` in a short session of its own, opened only for a prefix: what a route's
    dependency uses, so a full id costs no query and a long response holds no connection."""
    parsed = parse(text, noun, loc)
    if isinstance(parsed, uuid.UUID):
        return parsed
    async with sessions() as session:
        return await resolve(session, column, text, noun, loc)
