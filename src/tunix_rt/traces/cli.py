"""``tunix-rt traces ...``: the same store functions the API calls, with progress and summaries."""

from __future__ import annotations

import sys
import uuid
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import orjson
import typer
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.table import Column, Table

from tunix_rt.console import REFUSED, console, err_console, print_problems, run, store_sessions
from tunix_rt.short_ids import HELP as ID_HELP
from tunix_rt.short_ids import SHORT, short
from tunix_rt.traces import synth

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from tunix_rt.traces import store
    from tunix_rt.traces.ingest import ImportSummary
    from tunix_rt.traces.schema import TraceRead

# The store, the schemas and the settings are imported inside the commands: `tunix-rt --help`
# must not pay for SQLAlchemy and pydantic, nor `traces list` for the ingest path.

app = typer.Typer(no_args_is_help=True, help="Reasoning traces: import, export, inspect, generate.")

SourceOpt = Annotated[str | None, typer.Option(help="Only traces from this source.")]
TagOpt = Annotated[str | None, typer.Option(help="Only traces carrying this tag.")]
MetaOpt = Annotated[list[str] | None, typer.Option(help="KEY=VALUE metadata match; repeatable.")]
QueryOpt = Annotated[str | None, typer.Option("--search", "-q", help="Text search over prompt and answer.")]
QualityOpt = Annotated[str | None, typer.Option(help="ok or flagged.")]
FlagOpt = Annotated[str | None, typer.Option(help="Only traces with this quality flag.")]
AfterOpt = Annotated[datetime | None, typer.Option(help="Created at or after (UTC if no zone).")]
BeforeOpt = Annotated[datetime | None, typer.Option(help="Created before (UTC if no zone).")]


def _filters(
    source: str | None,
    tag: str | None,
    meta: list[str] | None,
    search: str | None,
    quality: str | None,
    flag: str | None,
    created_after: datetime | None,
    created_before: datetime | None,
) -> store.TraceFilters:
    from tunix_rt.traces import store

    pairs: dict[str, str] = {}
    for item in meta or []:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"'{item}' is not KEY=VALUE", param_hint="--meta")
        pairs[key] = value
    if quality not in (None, "ok", "flagged"):
        raise typer.BadParameter("must be ok or flagged", param_hint="--quality")
    verdict: Literal["ok", "flagged"] | None = quality  # type: ignore[assignment]

    def aware(stamp: datetime | None) -> datetime | None:
        from datetime import UTC

        return stamp.replace(tzinfo=UTC) if stamp is not None and stamp.tzinfo is None else stamp

    return store.TraceFilters(
        source=source,
        meta=pairs,
        tag=tag,
        q=search,
        quality=verdict,
        flag=flag,
        created_after=aware(created_after),
        created_before=aware(created_before),
    )


def _print_summary(summary: ImportSummary) -> None:
    state = "[green]stored[/]" if summary.committed else "[yellow]nothing stored[/]"
    console.print(
        f"{state}: {summary.lines} lines, {summary.created} imported, {summary.duplicates} duplicates, "
        f"{summary.invalid} invalid"
    )
    print_problems([error.as_dict() for error in summary.errors])


@app.command("import")
def import_file(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="JSONL file of traces.")],
    partial: Annotated[
        bool,
        typer.Option(
            help="Store the valid lines even if some are invalid: the invalid ones are listed as a warning "
            f"and the exit code is 0 (still {REFUSED} if no line is valid)."
        ),
    ] = False,
    source: Annotated[str | None, typer.Option(help="Source to record (default: import:<file name>).")] = None,
) -> None:
    """Import a JSONL file; nothing is stored if any line is invalid (they are listed) unless --partial."""
    from tunix_rt.settings import Settings
    from tunix_rt.traces import ingest

    settings = Settings()
    size = path.stat().st_size

    with Progress(
        TextColumn("importing"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
        console=err_console,
        transient=True,
    ) as progress:
        task = progress.add_task("import", total=size)

        async def chunks() -> AsyncIterator[bytes]:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 16):
                    progress.advance(task, len(chunk))
                    yield chunk

        async def go() -> ImportSummary:
            async with store_sessions(settings) as sessions:
                return await ingest.import_stream(
                    sessions,
                    chunks(),
                    settings,
                    partial=partial,
                    source=source or f"import:{path.name}",
                    partial_option="--partial",
                )

        summary = run(go())
    _print_summary(summary)
    if summary.invalid and not summary.committed:
        err_console.print("[bold red]error:[/] no line could be stored", highlight=False)
        raise typer.Exit(REFUSED)
    if summary.invalid:
        err_console.print(
            f"[yellow]warning:[/] {summary.invalid} invalid line(s) skipped; the valid ones are stored", highlight=False
        )


@app.command("export")
def export(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")] = None,
    source: SourceOpt = None,
    tag: TagOpt = None,
    meta: MetaOpt = None,
    search: QueryOpt = None,
    quality: QualityOpt = None,
    flag: FlagOpt = None,
    created_after: AfterOpt = None,
    created_before: BeforeOpt = None,
) -> None:
    """Write a selection as JSONL, newest first; 'traces import' takes it back unchanged."""
    from tunix_rt.traces import store

    filters = _filters(source, tag, meta, search, quality, flag, created_after, created_before)

    async def go() -> int:
        written = 0
        handle = out.open("wb") if out else sys.stdout.buffer
        try:
            async with store_sessions() as sessions:
                async for block in store.export_lines(sessions, filters):
                    handle.write(block)
                    written += block.count(b"\n")
        finally:
            if out:
                handle.close()
        return written

    written = run(go())
    err_console.print(f"exported {written} traces" + (f" to {out}" if out else ""))


@app.command("list")
def list_traces(
    limit: Annotated[int, typer.Option(min=1, max=1000, help="How many to show.")] = 20,
    cursor: Annotated[str | None, typer.Option(help="Continue after a previous page.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    source: SourceOpt = None,
    tag: TagOpt = None,
    meta: MetaOpt = None,
    search: QueryOpt = None,
    quality: QualityOpt = None,
    flag: FlagOpt = None,
    created_after: AfterOpt = None,
    created_before: BeforeOpt = None,
) -> None:
    """List traces, newest first."""
    from tunix_rt.traces import store

    filters = _filters(source, tag, meta, search, quality, flag, created_after, created_before)

    async def go() -> tuple[list[dict[str, Any]], str | None]:
        async with store_sessions() as sessions, sessions() as session:
            return await store.list_page(session, filters, limit, cursor)

    rows, next_cursor = run(go())
    if as_json:
        for row in rows:
            sys.stdout.buffer.write(orjson.dumps(row, default=str, option=orjson.OPT_UTC_Z) + b"\n")
        return
    table = Table(
        Column("id", no_wrap=True, min_width=SHORT), "prompt", "answer", "steps", "source", "quality", "created"
    )
    for row in rows:
        verdict = "ok" if row["quality_ok"] else "[red]" + ",".join(row["quality_flags"]) + "[/]"
        table.add_row(
            short(row["id"]),
            row["prompt"][:60],
            row["final_answer"][:20],
            str(row["step_count"]),
            row["source"] or "-",
            verdict,
            row["created_at"].isoformat(timespec="seconds"),
        )
    console.print(table)
    if next_cursor:
        console.print(f"more: --cursor {next_cursor}", highlight=False)


async def _resolve(session: AsyncSession, text: str) -> uuid.UUID:
    """The trace ``text`` names: its full id or a unique prefix."""
    from tunix_rt.short_ids import resolve
    from tunix_rt.traces.tables import Trace

    return await resolve(session, Trace.id, text, "trace")


@app.command("show")
def show(
    trace_id: Annotated[str, typer.Argument(help=f"The trace's id. {ID_HELP}")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the stored trace as JSON.")] = False,
) -> None:
    """Show one trace with its steps and quality report."""
    from tunix_rt.traces import store
    from tunix_rt.traces.schema import TraceRead

    async def go() -> TraceRead:
        async with store_sessions() as sessions, sessions() as session:
            return TraceRead.model_validate(await store.get(session, await _resolve(session, trace_id)))

    trace = run(go())
    if as_json:
        console.print_json(trace.model_dump_json())
        return
    console.print(Panel(trace.prompt, title=f"trace {trace.id}", subtitle=trace.source or ""))
    wrong: dict[int, list[str]] = {}
    for check in trace.quality.get("arithmetic", []):
        if not check["correct"]:
            wrong.setdefault(check["step"], []).append(
                f"{check['expression']} = {check['stated']}, expected {check['expected']}"
            )
    for step in trace.steps:
        console.print(f"  [bold]{step.i}[/] [cyan]{step.type}[/]: {escape(step.content)}", highlight=False)
        for mistake in wrong.get(step.i, []):
            console.print(f"     [red]✗ arithmetic:[/] {escape(mistake)}", highlight=False)
    console.print(f"[bold]answer:[/] {trace.final_answer}", highlight=False)
    flags = ", ".join(trace.quality_flags) or "none"
    console.print(f"quality: {'ok' if trace.quality_ok else 'flagged'} (flags: {flags})")


@app.command("synth")
def synthesize(
    kind: Annotated[
        str, typer.Option(help=f"One of: {', '.join(synth.KINDS)}, mixed (the first {len(synth.MIXED_KINDS)} in turn).")
    ] = "mixed",
    count: Annotated[int, typer.Option(min=1, help="How many traces.")] = 100,
    seed: Annotated[int, typer.Option(help="Same kind, count, seed and options give the same traces.")] = 0,
    tag: Annotated[list[str] | None, typer.Option(help="Tag to put on every trace; repeatable.")] = None,
    min_digits: Annotated[
        int | None, typer.Option(help="column_arithmetic: fewest digits of each operand (default 2).")
    ] = None,
    max_digits: Annotated[
        int | None, typer.Option(help="column_arithmetic: most digits of each operand (default 3).")
    ] = None,
    operation: Annotated[
        list[str] | None,
        typer.Option(help="column_arithmetic: addition or subtraction; repeatable (default both)."),
    ] = None,
) -> None:
    """Generate deterministic synthetic traces and store them."""
    from pydantic import ValidationError

    from tunix_rt.settings import Settings
    from tunix_rt.traces import ingest
    from tunix_rt.traces.schema import SynthRequest

    if kind != "mixed" and kind not in synth.KINDS:
        raise typer.BadParameter(f"must be one of: {', '.join(synth.KINDS)}, mixed", param_hint="--kind")
    given = {"min_digits": min_digits, "max_digits": max_digits, "operations": operation}
    options = {name: value for name, value in given.items() if value is not None}
    try:
        request = SynthRequest.model_validate(
            {"kind": kind, "count": count, "seed": seed, "tags": tag or [], "column_arithmetic": options or None}
        )
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'options'}: {e['msg']}" for e in exc.errors())
        raise typer.BadParameter(problems) from exc
    settings = Settings()

    async def go() -> store.IngestOutcome:
        async with store_sessions(settings) as sessions, sessions() as session, session.begin():
            return await ingest.store_synthetic(
                session, kind, count, seed, request.tags, settings.limits, request.column_arithmetic
            )

    with console.status(f"generating {count} {kind} traces"):
        outcome = run(go())
    console.print(f"generated {count}: {outcome.created} new, {outcome.duplicates} already stored")


@app.command("stats")
def stats(
    source: SourceOpt = None,
    tag: TagOpt = None,
    meta: MetaOpt = None,
    search: QueryOpt = None,
    quality: QualityOpt = None,
    flag: FlagOpt = None,
) -> None:
    """Counts by source, category and quality flag."""
    from tunix_rt.traces import store

    filters = _filters(source, tag, meta, search, quality, flag, None, None)

    async def go() -> dict[str, Any]:
        async with store_sessions() as sessions, sessions() as session:
            return await store.stats(session, filters)

    result = run(go())
    console.print(f"[bold]{result['total']}[/] traces, {result['flagged']} flagged; steps {result['steps']}")
    for title in ("by_source", "by_category", "by_flag"):
        table = Table(title.replace("_", " "), "count")
        for key, value in result[title].items():
            table.add_row(key, str(value))
        console.print(table)


@app.command("delete")
def delete(
    trace_id: Annotated[str, typer.Argument(help=f"The trace's id. {ID_HELP}")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete one trace."""
    from tunix_rt.traces import store

    async def go() -> uuid.UUID:
        async with store_sessions() as sessions, sessions() as session, session.begin():
            found = await _resolve(session, trace_id)
            await store.get(session, found)
            if not yes and not typer.confirm(f"delete trace {found}?"):
                raise typer.Abort()
            await store.remove(session, found)
            return found

    console.print(f"deleted {run(go())}")
