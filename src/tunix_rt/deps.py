"""Request dependencies defined once: the app state, a session per request, and authorisation."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from starlette.exceptions import HTTPException

from tunix_rt.auth import store as tokens
from tunix_rt.errors import Invalid
from tunix_rt.metrics import Metrics
from tunix_rt.settings import Settings
from tunix_rt.storable import NUL, unstorable

_AUTH_CACHE_SECONDS = 5.0


@dataclass
class AppState:
    """Everything a request may need, built once in the app's lifespan."""

    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    metrics: Metrics
    settings_tokens: dict[str, str]
    _auth_on_until: float = field(default=0.0)
    _auth_on: bool = field(default=False)

    async def auth_required(self) -> bool:
        """Whether any token exists; cached briefly because the CLI may create one at any time."""
        if self.settings_tokens:
            return True
        now = time.monotonic()
        if now >= self._auth_on_until:
            async with self.sessions() as session:
                self._auth_on = await tokens.active_count(session) > 0
            self._auth_on_until = now + _AUTH_CACHE_SECONDS
        return self._auth_on


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.tunix
    return state


StateDep = Annotated[AppState, Depends(get_state)]


async def get_session(state: StateDep) -> AsyncIterator[AsyncSession]:
    """A session whose transaction commits when the route returns and rolls back if it raises."""
    async with state.sessions() as session, session.begin():
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]


def get_settings(state: StateDep) -> Settings:
    return state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}


async def authorize(request: Request, state: StateDep) -> None:
    """Reads need a read token, anything else a write token, once auth is on."""
    needed: tokens.Scope = "read" if request.method in _READ_METHODS else "write"
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not token or scheme.lower() != "bearer":
        if await state.auth_required():
            raise HTTPException(
                401,
                "this server requires a bearer token (Authorization: Bearer ...)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return
    scope = state.settings_tokens.get(tokens.hash_token(token))
    if scope is None:
        async with state.sessions() as session, session.begin():
            scope = await tokens.scope_of(session, token)
    if scope is None:
        raise HTTPException(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
    if not tokens.scope_allows(scope, needed):
        raise HTTPException(403, f"a '{scope}' token cannot {request.method}; it needs '{needed}' scope")


async def refuse_unstorable_input(request: Request) -> None:
    """Refuses (422, naming each place) query and path parameters holding a NUL and JSON bodies
    holding anything the databases cannot store exactly (see ``tunix_rt.storable``).

    Checked once for every route, so no filter or body field can reach PostgreSQL with a NUL or
    SQLite with an integer past 64 bits. Routes that parse their own bodies (trace ingest) have
    no body field here and check storability in their schema, where errors name the item."""
    errors: list[dict[str, Any]] = []
    for key, value in request.query_params.multi_items():
        if NUL in key or NUL in value:
            errors.append({"loc": ["query", key], "msg": "contains a NUL character (U+0000)", "type": "unstorable"})
    for name, value in request.path_params.items():
        if isinstance(value, str) and NUL in value:
            errors.append({"loc": ["path", name], "msg": "contains a NUL character (U+0000)", "type": "unstorable"})
    route = request.scope.get("route")
    if isinstance(route, APIRoute) and route.body_field is not None and _json_content(request):
        # the document FastAPI parsed (cached on the request): it keeps NaN, infinities and big integers
        try:
            document = await request.json() if await request.body() else None
        except ValueError:
            document = None  # not JSON after all: the body field's own validation answers
        errors.extend({"loc": ["body", *loc], "msg": msg, "type": "unstorable"} for loc, msg in unstorable(document))
    if errors:
        where = ".".join(str(part) for part in errors[0]["loc"])
        raise Invalid(f"{len(errors)} value(s) the store cannot hold exactly, first at {where}", errors=errors)


def _json_content(request: Request) -> bool:
    media_type = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")
