"""Ingest pipelines shared by the API and the CLI: batches, streamed JSONL files, synthetic sets.

All-or-nothing is the default everywhere; ``partial`` stores what is valid and reports the
rest. Either way the caller gets exact counts and the first ``max_errors`` errors.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import IO

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.errors import Conflict, Invalid
from tunix_rt.settings import Settings, TraceLimits
from tunix_rt.traces import store, synth
from tunix_rt.traces.io import ItemError, gc_paused, iter_lines, parse_line
from tunix_rt.traces.schema import ColumnArithmeticOptions, TraceDict, validate_tags

IMPORT_CHUNK = 1000
SPOOL_MEMORY_BYTES = 16 * 1024 * 1024


@dataclass
class ImportSummary:
    lines: int = 0
    created: int = 0
    duplicates: int = 0
    invalid: int = 0
    committed: bool = False
    errors: list[ItemError] = field(default_factory=list)

    def add_errors(self, errors: list[ItemError], max_errors: int) -> None:
        self.invalid += len({error.position for error in errors})
        room = max_errors - len(self.errors)
        if room > 0:
            self.errors.extend(errors[:room])

    def as_dict(self) -> dict[str, object]:
        return {
            "lines": self.lines,
            "created": self.created,
            "duplicates": self.duplicates,
            "invalid": self.invalid,
            "committed": self.committed,
            "errors": [error.as_dict() for error in self.errors],
        }


API_PARTIAL = "mode=partial"
"""How an API caller asks for a partial import; the CLI names its ``--partial`` instead."""


def _reject(
    what: str, summary: ImportSummary, errors: list[ItemError], partial_option: str = API_PARTIAL
) -> Invalid | Conflict:
    """The error for an all-or-nothing request that had bad items: 409 when ids clash, else 422;
    it names ``partial_option``, the caller's way to store the valid ones."""
    everything_conflicts = all(error.type == "id_conflict" for error in errors)
    cls = Conflict if errors and everything_conflicts else Invalid
    return cls(
        f"{summary.invalid} invalid {what}; nothing was stored (use {partial_option} to store the valid ones)",
        errors=[error.as_dict() for error in summary.errors],
        invalid=summary.invalid,
    )


async def store_batch(
    session: AsyncSession,
    items: list[tuple[int, TraceDict]],
    errors: list[ItemError],
    *,
    partial: bool,
    source: str | None,
    max_errors: int,
) -> tuple[store.IngestOutcome, ImportSummary]:
    """Validated batch into the session's transaction; raises (so the caller rolls back) when
    not partial and anything was wrong."""
    summary = ImportSummary(lines=len(items) + len({e.position for e in errors}))
    summary.add_errors(errors, max_errors)
    if errors and not partial:
        raise _reject("traces", summary, errors)
    outcome = await store.ingest(session, items, source=source)
    if outcome.errors:
        summary.add_errors(outcome.errors, max_errors)
        if not partial:
            raise _reject("traces", summary, outcome.errors)
    summary.created, summary.duplicates, summary.committed = outcome.created, outcome.duplicates, True
    return outcome, summary


async def import_stream(
    sessions: async_sessionmaker[AsyncSession],
    chunks: AsyncIterator[bytes],
    settings: Settings,
    *,
    partial: bool,
    source: str | None,
    on_progress: Callable[[ImportSummary], None] | None = None,
    partial_option: str = API_PARTIAL,
) -> ImportSummary:
    """Import a JSONL byte stream, reporting errors by line number; a refusal names
    ``partial_option`` (``mode=partial``, or the CLI's ``--partial``).

    All-or-nothing imports first read and validate the whole stream into a spool (memory, then
    a temporary file past ``SPOOL_MEMORY_BYTES``) and only then write it in one transaction:
    the upload runs at the client's pace, and a transaction held open across it would hold
    SQLite's write lock (every other write, and every request with a database token, waited
    on a stalled upload). A file with a bad line never opens a transaction at all.
    Partial imports commit per chunk of 1,000 lines as they arrive, so an interrupted import
    keeps what it stored; each chunk's transaction is as short as its write.
    """
    if partial:
        return await _import_partial(sessions, chunks, settings, source=source, on_progress=on_progress)
    summary = ImportSummary()
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY_BYTES) as spool:
        chunk: list[tuple[int, TraceDict]] = []
        async for line_no, line in iter_lines(chunks, settings.max_body_bytes):
            summary.lines += 1
            parsed = parse_line(line, line_no, settings.limits)
            if isinstance(parsed, list):
                summary.add_errors(parsed, settings.max_reported_errors)
            elif not summary.invalid:
                chunk.append((line_no, parsed))
                if len(chunk) == IMPORT_CHUNK:
                    _spool(spool, chunk)
            if on_progress and summary.lines % IMPORT_CHUNK == 0:
                on_progress(summary)
        if summary.lines == 0:
            raise Invalid("the file holds no traces (it is empty or only blank lines)")
        if summary.invalid:
            raise _reject("lines", summary, summary.errors, partial_option)
        _spool(spool, chunk)
        spool.seek(0)
        await _write_spooled(
            sessions, spool, settings, summary, source=source, on_progress=on_progress, partial_option=partial_option
        )
    return summary


def _spool(spool: IO[bytes], chunk: list[tuple[int, TraceDict]]) -> None:
    """Append a chunk of validated lines to the spool (pickled: the spool is this process's own
    temporary file, and pickle keeps ids and times as they were validated) and empty it.

    Spooling the raw lines instead meant validating every line twice, once to refuse a bad file
    before any write and again to write it (docs/benchmarks.md, trace ingest)."""
    if chunk:
        pickle.dump(chunk, spool, protocol=pickle.HIGHEST_PROTOCOL)
        chunk.clear()


async def _write_spooled(
    sessions: async_sessionmaker[AsyncSession],
    spool: IO[bytes],
    settings: Settings,
    summary: ImportSummary,
    *,
    source: str | None,
    on_progress: Callable[[ImportSummary], None] | None,
    partial_option: str,
) -> None:
    """Store the validated chunks of ``spool`` (see ``_spool``) in one transaction, rolled back
    with the reason if the database refuses any of them (an id already taken)."""
    errors: list[ItemError] = []
    async with sessions() as session, session.begin():
        while True:
            with gc_paused():  # the chunk's traces all live until stored (see gc_paused)
                try:
                    batch: list[tuple[int, TraceDict]] = pickle.load(spool)  # our own spool (see _spool)
                except EOFError:
                    break
            outcome = await store.ingest(session, batch, source=source, key="line")
            summary.created += outcome.created
            summary.duplicates += outcome.duplicates
            errors.extend(outcome.errors)
            if on_progress:
                on_progress(summary)
        if errors:  # raised inside the transaction, so it rolls back
            summary.add_errors(errors, settings.max_reported_errors)
            summary.created = summary.duplicates = 0
            raise _reject("lines", summary, errors, partial_option)
    summary.committed = summary.created + summary.duplicates > 0


async def _import_partial(
    sessions: async_sessionmaker[AsyncSession],
    chunks: AsyncIterator[bytes],
    settings: Settings,
    *,
    source: str | None,
    on_progress: Callable[[ImportSummary], None] | None,
) -> ImportSummary:
    """Store the valid lines of each chunk of 1,000 in a transaction of its own."""
    summary = ImportSummary()
    pending: list[tuple[int, TraceDict]] = []

    async def flush() -> None:
        if pending:
            async with sessions() as session, session.begin():
                outcome = await store.ingest(session, pending, source=source, key="line")
            summary.created += outcome.created
            summary.duplicates += outcome.duplicates
            summary.add_errors(outcome.errors, settings.max_reported_errors)
            pending.clear()
        if on_progress:
            on_progress(summary)

    async for line_no, line in iter_lines(chunks, settings.max_body_bytes):
        summary.lines += 1
        parsed = parse_line(line, line_no, settings.limits)
        if isinstance(parsed, list):
            summary.add_errors(parsed, settings.max_reported_errors)
        else:
            pending.append((line_no, parsed))
        if summary.lines % IMPORT_CHUNK == 0:
            await flush()
    await flush()
    if summary.lines == 0:
        raise Invalid("the file holds no traces (it is empty or only blank lines)")
    summary.committed = summary.created + summary.duplicates > 0
    return summary


async def store_synthetic(
    session: AsyncSession,
    kind: str,
    count: int,
    seed: int,
    tags: list[str],
    limits: TraceLimits,
    column_arithmetic: ColumnArithmeticOptions | None = None,
) -> store.IngestOutcome:
    """Generate and store a deterministic synthetic set (idempotent: same seed, same traces)."""
    try:
        tags = validate_tags(tags, limits)
        if kind == "mixed":
            if column_arithmetic is not None:
                raise ValueError("column_arithmetic options apply only to kind column_arithmetic, not mixed")
            traces = synth.generate_mixed(count, seed)
        else:
            traces = synth.generate(kind, count, seed, column_arithmetic)
    except ValueError as exc:
        raise Invalid(str(exc)) from exc
    if tags:
        traces = [trace.model_copy(update={"tags": tags}) for trace in traces]
    return await store.ingest(session, [(n, trace.plain()) for n, trace in enumerate(traces)], source=None)


async def load_demo(sessions: async_sessionmaker[AsyncSession], count: int) -> int:
    """Fill an empty store with a mixed synthetic set so a first ``make run`` has something to show."""
    async with sessions() as session, session.begin():
        if count == 0 or await store.count(session, store.TraceFilters()) > 0:
            return 0
        traces = synth.generate_mixed(count, seed=0)
        outcome = await store.ingest(session, [(n, trace.plain()) for n, trace in enumerate(traces)], source=None)
        return outcome.created
