"""Ingest pipelines shared by the API and the CLI: batches, streamed JSONL files, synthetic sets.

All-or-nothing is the default everywhere; ``partial`` stores what is valid and reports the
rest. Either way the caller gets exact counts and the first ``max_errors`` errors.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt.errors import Conflict, Invalid
from tunix_rt.settings import Settings, TraceLimits
from tunix_rt.traces import store, synth
from tunix_rt.traces.io import ItemError, iter_lines, parse_line
from tunix_rt.traces.schema import ColumnArithmeticOptions, TraceIn, validate_tags

IMPORT_CHUNK = 1000


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


def _reject(what: str, summary: ImportSummary, errors: list[ItemError]) -> Invalid | Conflict:
    """The error for an all-or-nothing request that had bad items: 409 when ids clash, else 422."""
    everything_conflicts = all(error.type == "id_conflict" for error in errors)
    cls = Conflict if errors and everything_conflicts else Invalid
    return cls(
        f"{summary.invalid} invalid {what}; nothing was stored (use mode=partial to store the valid ones)",
        errors=[error.as_dict() for error in summary.errors],
        invalid=summary.invalid,
    )


async def store_batch(
    session: AsyncSession,
    items: list[tuple[int, TraceIn]],
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
) -> ImportSummary:
    """Import a JSONL byte stream in chunks of 1,000 lines.

    All-or-nothing imports run in one transaction and roll back on the first bad chunk's end
    (every line is still read, so the report lists all errors). Partial imports commit per
    chunk, so an interrupted import keeps what it stored.
    """
    summary = ImportSummary()
    session = sessions()
    transaction = await session.begin()
    failed = False
    try:
        pending: list[tuple[int, TraceIn]] = []
        pending_errors: list[ItemError] = []

        async def flush() -> None:
            nonlocal failed, transaction
            summary.add_errors(pending_errors, settings.max_reported_errors)
            failed = failed or bool(pending_errors)
            if pending and not (failed and not partial):
                outcome = await store.ingest(session, pending, source=source, key="line")
                summary.created += outcome.created
                summary.duplicates += outcome.duplicates
                if outcome.errors:
                    summary.add_errors(outcome.errors, settings.max_reported_errors)
                    failed = True
                if partial:
                    await transaction.commit()
                    transaction = await session.begin()
            pending.clear()
            pending_errors.clear()
            if on_progress:
                on_progress(summary)

        async for line_no, line in iter_lines(chunks, settings.max_body_bytes):
            summary.lines += 1
            parsed = parse_line(line, line_no, settings.limits)
            if isinstance(parsed, list):
                pending_errors.extend(parsed)
            else:
                pending.append((line_no, parsed))
            if len(pending) + len(pending_errors) >= IMPORT_CHUNK:
                await flush()
        await flush()
        if summary.lines == 0:
            raise Invalid("the file holds no traces (it is empty or only blank lines)")
        if failed and not partial:
            await transaction.rollback()
            summary.created = summary.duplicates = 0
            raise _reject("lines", summary, summary.errors)
        await transaction.commit()
        summary.committed = summary.created + summary.duplicates > 0
        return summary
    finally:
        if transaction.is_active:
            await transaction.rollback()
        await session.close()


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
    return await store.ingest(session, list(enumerate(traces)), source=None)


async def load_demo(sessions: async_sessionmaker[AsyncSession], count: int) -> int:
    """Fill an empty store with a mixed synthetic set so a first ``make run`` has something to show."""
    async with sessions() as session, session.begin():
        if count == 0 or await store.count(session, store.TraceFilters()) > 0:
            return 0
        traces = synth.generate_mixed(count, seed=0)
        outcome = await store.ingest(session, list(enumerate(traces)), source=None)
        return outcome.created
