"""Request dependencies defined once: the app state, a session per request, and authorisation."""

from __future__ import annotations

import inspect
import ipaddress
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Annotated, Any, cast

from fastapi import Depends, Path, Query, Request
from fastapi.routing import APIRoute
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute
from starlette.exceptions import HTTPException

from tunix_rt.auth import store as tokens
from tunix_rt.auth.usage import TokenUse
from tunix_rt.db import session_factory
from tunix_rt.errors import Invalid
from tunix_rt.metrics import Metrics
from tunix_rt.pagination import MAX_PAGE_SIZE
from tunix_rt.settings import Settings
from tunix_rt.short_ids import HELP as ID_HELP
from tunix_rt.short_ids import resolve_in
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
    token_use: TokenUse = field(default_factory=TokenUse)
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

    @classmethod
    def on(cls, settings: Settings, engine: AsyncEngine, metrics: Metrics) -> AppState:
        """The state of an app on ``engine``'s database, with the tokens ``settings`` holds."""
        return cls(
            settings=settings,
            engine=engine,
            sessions=session_factory(engine),
            metrics=metrics,
            settings_tokens=tokens.parse_settings_tokens(settings.api_tokens),
        )

    def forget_auth(self) -> None:
        """Drop the cached answer of ``auth_required`` after this process created or revoked a token."""
        self._auth_on_until = 0.0


def is_loopback_client(request: Request) -> bool:
    """Whether the peer is this machine: a loopback address, or a Unix socket (no address)."""
    if request.client is None:
        return True
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False


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


def id_in_path(column: InstrumentedAttribute[uuid.UUID], noun: str, name: str) -> Callable[..., Awaitable[uuid.UUID]]:
    """A dependency reading the path parameter ``name`` as an id of ``column``: the full UUID or
    a unique prefix of it (``short_ids``); routes take ``Annotated[uuid.UUID, Depends(...)]``.

    FastAPI finds path parameters by the dependency's parameter names, so the one holding the
    id is renamed to ``name`` in the signature FastAPI reads."""

    async def resolve_path_id(state: AppState, **path: str) -> uuid.UUID:
        return await resolve_in(state.sessions, column, path[name], noun, ("path", name))

    resolve_path_id.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [
            inspect.Parameter("state", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=StateDep),
            inspect.Parameter(
                name,
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                annotation=Annotated[str, Path(description=ID_HELP, max_length=64)],
            ),
        ],
        return_annotation=uuid.UUID,
    )

    return resolve_path_id


PageSize = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_PAGE_SIZE,
        description=f"Page size: at most {MAX_PAGE_SIZE}, or the server's max_page_size where that is lower.",
    ),
]
"""The ``limit`` of a list endpoint, its bound declared in the schema (settings may only lower it)."""

_READ_METHODS = {"GET", "HEAD", "OPTIONS"}
SCOPE_EXTENSION = "x-required-scope"
"""OpenAPI extension by which a route declares the scope it needs when the method's default is
wrong: a POST that stores nothing (a dry run) needs ``read``, token management ``admin``."""


def needs_scope(scope: tokens.Scope) -> dict[str, Any]:
    """``openapi_extra`` declaring a route's scope, so clients read in the schema what ``authorize`` checks."""
    return {SCOPE_EXTENSION: scope}


def required_scope(request: Request) -> tokens.Scope:
    """The scope the matched route declares, else read for GET/HEAD/OPTIONS and write for the rest."""
    route = request.scope.get("route")
    declared = (getattr(route, "openapi_extra", None) or {}).get(SCOPE_EXTENSION)
    if declared is not None:
        return cast(tokens.Scope, declared)
    return "read" if request.method in _READ_METHODS else "write"


async def authorize(request: Request, state: StateDep) -> None:
    """Each request needs the scope its route requires (``required_scope``), once auth is on.
    Until then the server trusts its own machine only: a request from another one is refused
    at every request, not just at start, so revoking the last token never opens a server that
    listens beyond loopback."""
    needed = required_scope(request)
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not token or scheme.lower() != "bearer":
        if await state.auth_required():
            raise HTTPException(
                401,
                "this server requires a bearer token (Authorization: Bearer ...)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not is_loopback_client(request):
            raise HTTPException(
                403, "this server has no API tokens, so it answers only its own machine (create a token)"
            )
        return
    scope = state.settings_tokens.get(tokens.hash_token(token))
    if scope is None:
        async with state.sessions() as session:
            scope = await tokens.scope_of(session, token)
        if scope is not None:
            state.token_use.record(state.sessions, tokens.hash_token(token))
    if scope is None:
        raise HTTPException(401, "unknown or revoked token", headers={"WWW-Authenticate": "Bearer"})
    if not tokens.scope_allows(scope, needed):
        raise HTTPException(403, f"a '{scope}' token cannot {request.method}; it needs '{needed}' scope")


def get_caller(request: Request) -> str | None:
    """Whom per-token quotas charge for this request: the sha256 of its bearer token (the token
    itself is never kept), or None for a request without one. ``authorize`` has already
    checked the token, so this only names it."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return tokens.hash_token(token) if token and scheme.lower() == "bearer" else None


CallerDep = Annotated[str | None, Depends(get_caller)]


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
