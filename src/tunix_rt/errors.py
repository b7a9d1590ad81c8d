"""Domain errors raised by stores and pure code, mapped to HTTP problems in one place (app.py).

Stores know nothing of HTTP; the CLI prints these as messages, the API as problem+json.
"""

from __future__ import annotations

from typing import Any


class TunixError(Exception):
    """Base of every error the user should see as a message rather than a traceback."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, errors: list[dict[str, Any]] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = errors
        self.extra = extra

    def headers(self) -> dict[str, str]:
        """HTTP headers the API answer carries besides the problem document."""
        return {}


class NotFound(TunixError):
    status = 404
    title = "Not found"


class Conflict(TunixError):
    status = 409
    title = "Conflict"


class Invalid(TunixError):
    """Input that is well-formed but not acceptable; ``errors`` name field paths."""

    status = 422
    title = "Invalid input"


class TooMany(TunixError):
    """A cap on what one caller or the server holds at once (open streams, queued runs) is
    reached; ``retry_after`` says in how many seconds trying again may succeed."""

    status = 429
    title = "Too many requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class MissingExtra(TunixError):
    """A feature needs an optional dependency group that is not installed."""

    status = 501
    title = "Not installed"

    def __init__(self, extra: str, feature: str) -> None:
        super().__init__(f"{feature} needs the '{extra}' extra: pip install 'tunix-rt[{extra}]'")
        self.extra_name = extra
