"""The token routes: what the ``admin`` scope adds to ``write``. Every route here needs an admin
token once auth is on, so a shared server's tokens are managed without shell access to it."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from tunix_rt.auth import store
from tunix_rt.auth.tables import ApiToken
from tunix_rt.deps import SessionDep, StateDep, id_in_path, needs_scope

router = APIRouter(prefix="/api/tokens", tags=["tokens"])
_ADMIN = needs_scope("admin")


class TokenCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=100, description="A label to recognise the token by.")
    scope: store.Scope = Field(
        "write", description="read (GET and dry runs), write (also changes data) or admin (also manages tokens)."
    )


class TokenRead(BaseModel):
    """A token as listed: never its value, which only its creation returns."""

    id: uuid.UUID
    name: str
    scope: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool = Field(description="Whether the token was revoked (requests with it are refused).")


class TokenCreated(TokenRead):
    token: str = Field(description="The bearer token itself, shown only in this response; only its sha256 is kept.")


class TokenList(BaseModel):
    items: list[TokenRead] = Field(description="Stored tokens, oldest first (tokens from settings are not listed).")


def _read(row: ApiToken) -> TokenRead:
    return TokenRead(
        id=row.id,
        name=row.name,
        scope=row.scope,
        created_at=row.created_at,
        last_used_at=row.last_used_at,
        revoked=row.revoked_at is not None,
    )


@router.get("", response_model=TokenList, openapi_extra=_ADMIN)
async def list_tokens(session: SessionDep) -> TokenList:
    return TokenList(items=[_read(row) for row in await store.list_tokens(session)])


@router.post("", response_model=TokenCreated, status_code=201, openapi_extra=_ADMIN)
async def create_token(body: TokenCreate, session: SessionDep, state: StateDep) -> TokenCreated:
    """Create a token; its value is in this response and nowhere else. The first one turns auth on."""
    created = await store.create(session, body.name, body.scope)
    state.forget_auth()
    row = await session.get(ApiToken, created.id)
    assert row is not None
    return TokenCreated(**_read(row).model_dump(), token=created.token)


TokenIdDep = Annotated[uuid.UUID, Depends(id_in_path(ApiToken.id, "token", "token_id"))]
"""A token id in the path: the full id or a unique prefix of it."""


@router.delete("/{token_id}", status_code=204, openapi_extra=_ADMIN)
async def revoke_token(session: SessionDep, state: StateDep, token_id: TokenIdDep) -> None:
    """Revoke a token at once; 404 when it is unknown or already revoked."""
    await store.revoke(session, token_id)
    state.forget_auth()
