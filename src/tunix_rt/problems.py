"""RFC 9457 problem documents: the one shape every API error is answered in, built here so the
app's exception handlers and the middlewares that answer before routing agree on it."""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

PROBLEM = "application/problem+json"


class Problem(BaseModel):
    """An RFC 9457 problem document: the body of every error the API answers."""

    type: str = Field("about:blank", description="Always about:blank; the status and title say what happened.")
    title: str
    status: int
    detail: str = Field(description="What went wrong, in words.")
    errors: list[dict[str, Any]] | None = Field(
        None, description="Field-level problems: loc (the path to the field, e.g. body.meta.x), msg, type."
    )


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "content": {PROBLEM: {}}, "description": description}
    for status, description in {
        400: "Malformed request (a body that is not JSON, a broken upload).",
        401: "A bearer token is needed, or the one given is unknown.",
        403: "The token's scope does not allow this, or a cross-site request was refused.",
        404: "Something the request names does not exist.",
        409: "Conflicts with what is stored (taken name, referenced data, wrong state).",
        413: "The body is over the server's limit.",
        415: "The body's Content-Type is not one this route reads.",
        422: "Invalid input; errors name each field.",
    }.items()
}
"""Declared on every API route, so the schema lists each status a route may answer (the fuzz
stage checks that no other status occurs)."""


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    """An RFC 9457 problem document; ``extra`` members (``errors``...) are added when not None."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update({key: value for key, value in extra.items() if value is not None})
    return JSONResponse(body, status_code=status, media_type=PROBLEM)
