"""Parsing traces from request bodies and JSONL streams, with errors that point at the input.

Batch bodies take pydantic-core's JSON fast path (one ``validate_json`` over the whole list,
into plain ``TraceDict`` data, then ``admits``) and fall back to item-by-item validation with
the ``TraceIn`` model only when something is wrong, so the common case pays for one parse and
builds no model instances, and the bad case still gets every error, worded by the model, with
its index and field path. JSON lines go the same way, one line at a time.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from pydantic_core import from_json

from tunix_rt.errors import Invalid
from tunix_rt.settings import TraceLimits
from tunix_rt.traces.schema import TraceDict, TraceIn, admits

_PLAIN = TypeAdapter(TraceDict)
_PLAIN_LIST = TypeAdapter(list[TraceDict])
_ESCAPED_NUL = b"\\u0000"
"""How a NUL character can appear in valid JSON (the parser refuses a raw one): raw JSON without
it holds none, so the fast paths need no NUL check per string (``TraceIn`` refuses NULs)."""


@dataclass(frozen=True)
class ItemError:
    """One rejected input item: ``index`` (0-based, batches) or ``line`` (1-based, files)."""

    position: int
    loc: tuple[str | int, ...]
    msg: str
    type: str
    positional_key: str = "index"

    def as_dict(self) -> dict[str, Any]:
        return {self.positional_key: self.position, "loc": list(self.loc), "msg": self.msg, "type": self.type}


def _errors_of(exc: ValidationError, position: int, key: str) -> list[ItemError]:
    return [
        ItemError(position, tuple(err["loc"]), err["msg"], err["type"], key) for err in exc.errors(include_url=False)
    ]


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block (reference counting still frees memory).

    Validating a batch allocates a few dozen objects per trace, all kept until the batch is
    stored, so the collector ran again and again during it, each time walking the server's
    whole heap to free nothing: about 45% of validation time (docs/benchmarks.md, trace
    ingest). For synchronous, bounded work (one batch, no ``await`` inside) only.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def parse_batch(
    body: bytes, limits: TraceLimits, max_items: int
) -> tuple[list[tuple[int, TraceDict]], list[ItemError]]:
    """Validate a batch body (a JSON array, or ``{"traces": [...]}``) into (index, trace) pairs.

    Malformed JSON or a wrong top-level shape raise ``Invalid`` at once; item problems are
    returned so the caller decides between all-or-nothing and partial.
    """
    with gc_paused():
        return _parse_batch(body, limits, max_items)


def _parse_batch(
    body: bytes, limits: TraceLimits, max_items: int
) -> tuple[list[tuple[int, TraceDict]], list[ItemError]]:
    stripped = body.lstrip()
    if stripped.startswith(b"[") and _ESCAPED_NUL not in body:
        try:
            traces = _PLAIN_LIST.validate_json(body)
        except ValidationError:
            pass
        else:
            if all(admits(trace, limits) for trace in traces):
                _check_count(len(traces), max_items)
                return list(enumerate(traces)), []
    try:
        # pydantic-core's parser, as the fast path: orjson would turn an integer past 64 bits into
        # a float, so the item's meta would be stored changed instead of refused
        document = from_json(body)
    except ValueError as exc:
        raise Invalid(f"request body is not valid JSON: {exc}") from exc
    if isinstance(document, dict):
        unknown = set(document) - {"traces"}
        if unknown or "traces" not in document:
            raise Invalid(
                "batch body must be a JSON array of traces or an object with only a 'traces' array",
                errors=[{"loc": [key], "msg": "unknown field", "type": "extra_forbidden"} for key in sorted(unknown)],
            )
        document = document["traces"]
    if not isinstance(document, list):
        raise Invalid("batch body must be a JSON array of traces or an object with a 'traces' array")
    _check_count(len(document), max_items)
    context = {"limits": limits}
    valid: list[tuple[int, TraceDict]] = []
    errors: list[ItemError] = []
    for index, item in enumerate(document):
        try:
            valid.append((index, TraceIn.model_validate(item, context=context).plain()))
        except ValidationError as exc:
            errors.extend(_errors_of(exc, index, "index"))
    return valid, errors


def _check_count(count: int, max_items: int) -> None:
    if count == 0:
        raise Invalid("the batch holds no traces")
    if count > max_items:
        raise Invalid(f"the batch holds {count} traces; the limit is {max_items}")


def parse_line(line: bytes, line_no: int, limits: TraceLimits) -> TraceDict | list[ItemError]:
    """One JSON line as plain data, or its errors (worded by ``TraceIn``) under its line number."""
    if _ESCAPED_NUL not in line:
        try:
            trace = _PLAIN.validate_json(line)
        except ValidationError:
            pass
        else:
            if admits(trace, limits):
                return trace
    try:
        return TraceIn.model_validate_json(line, context={"limits": limits}).plain()
    except ValidationError as exc:
        return _errors_of(exc, line_no, "line")


async def iter_lines(chunks: AsyncIterator[bytes], max_line_bytes: int) -> AsyncIterator[tuple[int, bytes]]:
    """Split a byte stream into numbered, non-blank lines without holding more than one line.

    Only each new chunk is searched for line ends, and an unfinished line is kept as a list of
    pieces joined once when it ends, so the work is linear in the bytes however long a line is
    (appending each chunk to one buffer and splitting it again made a 30 MiB line quadratic).
    A line longer than ``max_line_bytes`` stops the stream with an error naming its number:
    buffering it whole would defeat streaming.
    """
    pieces: list[bytes] = []
    pending = 0
    line_no = 0
    async for chunk in chunks:
        *complete, rest = chunk.split(b"\n")
        if complete and pieces:
            pieces.append(complete[0])
            complete[0] = b"".join(pieces)
            pieces, pending = [], 0
        for line in complete:
            line_no += 1
            if line.strip():
                yield line_no, line
        if rest:
            pieces.append(rest)
            pending += len(rest)
        if pending > max_line_bytes:
            raise Invalid(f"line {line_no + 1} is longer than {max_line_bytes} bytes")
    last = b"".join(pieces)
    if last.strip():
        yield line_no + 1, last
