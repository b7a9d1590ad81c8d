"""Opaque keyset cursors shared by every list endpoint.

A cursor is the sort key of the last row of a page, base64url-encoded so clients treat it as a
token; the next page is ``WHERE (key) < (cursor)``, which costs the same at any depth. A cursor
that does not decode is a 422 naming the ``cursor`` parameter, never a 500.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import datetime

from tunix_rt.errors import Invalid

MAX_PAGE_SIZE = 1000
"""The largest page any list endpoint declares (``deps.PageSize``); settings may only lower it."""


def encode(*parts: str) -> str:
    return base64.urlsafe_b64encode("|".join(parts).encode()).decode().rstrip("=")


def decode(cursor: str, count: int) -> list[str]:
    """The ``count`` parts of a cursor made by ``encode``; ``Invalid`` if it is not one."""
    try:
        parts = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split("|")
    except (ValueError, UnicodeDecodeError, binascii.Error) as exc:
        raise malformed_cursor() from exc
    if len(parts) != count:
        raise malformed_cursor()
    return parts


def encode_time_id(created_at: datetime, row_id: uuid.UUID) -> str:
    """Cursor for lists ordered newest first by (created_at, id)."""
    return encode(created_at.isoformat(), row_id.hex)


def decode_time_id(cursor: str) -> tuple[datetime, uuid.UUID]:
    stamp, hex_id = decode(cursor, 2)
    try:
        created_at = datetime.fromisoformat(stamp)
        row_id = uuid.UUID(hex=hex_id)
    except ValueError as exc:
        raise malformed_cursor() from exc
    if created_at.tzinfo is None:
        raise malformed_cursor()
    return created_at, row_id


def malformed_cursor() -> Invalid:
    return Invalid(
        "cursor is not one this server issued",
        errors=[{"loc": ["query", "cursor"], "msg": "malformed cursor", "type": "value_error"}],
    )
