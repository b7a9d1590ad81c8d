"""What both databases store exactly, and the check that refuses anything else.

A value a client sends is either stored as given or refused with a 422 naming where it is: it is
never changed on the way in. Three things cannot be stored exactly: a NUL character (PostgreSQL
text and jsonb cannot hold U+0000; SQLite JSON paths break on it), a float that is not finite
(JSON has no NaN or infinity; the serialiser writes null), and an integer outside 64 bits
(orjson refuses it, SQLite's INTEGER overflows). Integer columns are 32-bit on PostgreSQL, so
parameters compared with them are bounded by ``INT32_MAX``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
INT32_MAX = 2**31 - 1
NUL = "\x00"

Loc = tuple[str | int, ...]


def unstorable(value: Any, loc: Loc = ()) -> Iterator[tuple[Loc, str]]:
    """Where in a JSON value (dicts, lists, scalars) something cannot be stored exactly, and why."""
    if isinstance(value, str):
        if NUL in value:
            yield loc, "contains a NUL character (U+0000), which the store cannot hold"
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            yield loc, "integer is outside the 64-bit range the store holds"
    elif isinstance(value, float):
        if not math.isfinite(value):
            yield loc, "number is not finite (NaN or out of the double range), which JSON cannot hold"
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and NUL in key:
                yield (*loc, key), "key contains a NUL character (U+0000), which the store cannot hold"
            yield from unstorable(item, (*loc, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from unstorable(item, (*loc, index))


def storable(value: Any) -> bool:
    """Whether ``unstorable`` finds nothing in ``value``, answered without generators or locations:
    trace ingest asks it of every trace's meta, and only a refused one needs ``unstorable``."""
    kind = type(value)
    if kind is str:
        return NUL not in value
    if kind is int:
        return bool(INT64_MIN <= value <= INT64_MAX)
    if kind is bool or value is None:
        return True
    if kind is float:
        return math.isfinite(value)
    if kind is dict:
        return all((type(key) is not str or NUL not in key) and storable(item) for key, item in value.items())
    if kind is list:
        return all(storable(item) for item in value)
    return next(unstorable(value), None) is None  # anything else (subclasses, tuples): the full check


def refuse_unstorable(value: Any) -> Any:
    """A pydantic validator: ``value`` unchanged, or a validation error at each unstorable place
    (nested under the field's own location, so the client sees e.g. ``meta.x.y``)."""
    problems = list(unstorable(value))
    if problems:
        raise ValidationError.from_exception_data(
            "unstorable",
            [
                InitErrorDetails(type=PydanticCustomError("unstorable", message), loc=loc, input=value)
                for loc, message in problems
            ],
        )
    return value


StorableDict = Annotated[dict[str, Any], AfterValidator(refuse_unstorable)]
"""Free-form JSON metadata that is stored exactly as given, or refused."""
