"""Domain errors raised by stores and pure code, mapped to HTTP problems in one place (app.py).

Stores know nothing of HTTP; the CLI prints these as messages, the API as problem+json.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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


class Problems:
    """Problems gathered from checks that do not depend on each other, reported as one ``Invalid``
    so a config is fixed in one round trip rather than one error per try.

    Each independent check runs inside ``collect()``: an ``Invalid`` it raises is kept and the next
    check runs. Another user error (a missing extra, 501) is held back and raised only when the
    input had no problem, since fixing the input comes first. ``raise_any`` ends the checks.
    ``what`` names the input in the summary (``3 problem(s) in the sweep config, first at ...``);
    a single failed check keeps its own message and members (``available``...)."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.found: list[Invalid] = []
        self.held: TunixError | None = None

    def add(self, error: Invalid) -> None:
        self.found.append(error)

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except Invalid as exc:
            self.add(exc)
        except TunixError as exc:
            if self.held is None:
                self.held = exc

    @property
    def errors(self) -> list[dict[str, Any]]:
        """Every problem found; a check that raised without field errors counts as one, unplaced."""
        return [
            error
            for found in self.found
            for error in found.errors or [{"loc": [], "msg": found.detail, "type": "invalid"}]
        ]

    def error(self) -> TunixError | None:
        """The problems found as one ``Invalid``, else the held-back error, else None."""
        if len(self.found) == 1:
            return self.found[0]
        if self.found:
            errors = self.errors
            extra: dict[str, Any] = {}
            for found in self.found:
                extra.update(found.extra)
            where = ".".join(str(part) for part in errors[0]["loc"]) if errors else ""
            first = f", first at {where}" if where else ""
            return Invalid(f"{len(errors)} problem(s) in the {self.what}{first}", errors=errors, **extra)
        return self.held

    def raise_any(self) -> None:
        """End the checks: raise ``error()`` if there is one."""
        error = self.error()
        if error is not None:
            raise error
