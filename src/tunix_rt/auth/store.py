"""Bearer tokens: from settings (``TUNIX_RT_API_TOKENS``) and from the database (hashed).

Auth is on as soon as any token exists; a read token may GET, a write token may also change
data, an admin token may do everything.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.auth.tables import ApiToken
from tunix_rt.db import utcnow
from tunix_rt.errors import Invalid, NotFound

Scope = Literal["read", "write", "admin"]
SCOPES: tuple[Scope, ...] = get_args(Scope)
_RANK: dict[str, int] = {scope: rank for rank, scope in enumerate(SCOPES)}


def scope_allows(held: str, needed: Scope) -> bool:
    return _RANK.get(held, -1) >= _RANK[needed]


def hash_token(token: str) -> str:
    """Tokens are 256 random bits, so an unsalted sha256 is enough to make the stored value useless."""
    return hashlib.sha256(token.encode()).hexdigest()


def parse_settings_tokens(entries: list[str]) -> dict[str, str]:
    """``TOKEN`` or ``TOKEN:scope`` entries into {sha256: scope}."""
    parsed: dict[str, str] = {}
    for entry in entries:
        token, _, scope = entry.partition(":")
        scope = scope or "admin"
        if scope not in SCOPES:
            raise Invalid(f"TUNIX_RT_API_TOKENS: scope '{scope}' is not one of {', '.join(SCOPES)}")
        parsed[hash_token(token)] = scope
    return parsed


@dataclass(frozen=True)
class CreatedToken:
    id: uuid.UUID
    name: str
    scope: str
    token: str


async def create(session: AsyncSession, name: str, scope: str) -> CreatedToken:
    if scope not in SCOPES:
        raise Invalid(f"scope must be one of {', '.join(SCOPES)}")
    token = "trt_" + secrets.token_urlsafe(32)
    row = ApiToken(name=name, scope=scope, token_hash=hash_token(token))
    session.add(row)
    await session.flush()
    return CreatedToken(row.id, name, scope, token)


async def list_tokens(session: AsyncSession) -> list[ApiToken]:
    return list((await session.execute(select(ApiToken).order_by(ApiToken.created_at))).scalars())


async def revoke(session: AsyncSession, token_id: uuid.UUID) -> None:
    result = await session.execute(
        update(ApiToken)
        .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
        .returning(ApiToken.id)
    )
    if result.first() is None:
        raise NotFound(f"no active token with id {token_id}")


async def active_count(session: AsyncSession) -> int:
    stmt = select(func.count()).select_from(ApiToken).where(ApiToken.revoked_at.is_(None))
    return int((await session.execute(stmt)).scalar_one())


async def scope_of(session: AsyncSession, token: str) -> str | None:
    """The scope of an active stored token; None when unknown or revoked. A read only, so it
    never waits on a writer: the use is recorded apart (see ``auth.usage``)."""
    stmt = select(ApiToken.scope).where(ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None))
    scope = (await session.execute(stmt)).scalar_one_or_none()
    return None if scope is None else str(scope)


async def touch(session: AsyncSession, token_hash: str, at: datetime) -> None:
    """Record that the token was used at ``at`` (never moving ``last_used_at`` back)."""
    await session.execute(
        update(ApiToken)
        .where(ApiToken.token_hash == token_hash)
        .where((ApiToken.last_used_at.is_(None)) | (ApiToken.last_used_at < at))
        .values(last_used_at=at)
    )
