"""``tunix-rt datasets ...`` and ``tunix-rt evalsets ...``: the functions the API calls, with progress."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from tunix_rt.console import console, err_console, print_problems, run, store_sessions
from tunix_rt.datasets.formats import FORMATS

if TYPE_CHECKING:
    import uuid

    from tunix_rt.datasets import store
    from tunix_rt.datasets.schema import DatasetDiff
    from tunix_rt.datasets.tables import Dataset

# Stores, schemas and settings are imported inside the commands: `tunix-rt --help` must not pay
# for SQLAlchemy and pydantic.

app = typer.Typer(no_args_is_help=True, help="Datasets: versioned, frozen snapshots of traces; build, export, diff.")
evalsets_app = typer.Typer(no_args_is_help=True, help="Eval sets: versioned evaluation items; import, derive, export.")

KeyArg = Annotated[str, typer.Argument(help="Dataset key, name@vN.")]
EvalSetKeyArg = Annotated[str, typer.Argument(help="Eval set key, name@vN.")]
YesOpt = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
OutOpt = Annotated[Path | None, typer.Option("--out", "-o", help="File to write (default: standard output).")]


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )


def _request_body(spec: Path | None, name: str, overrides: dict[str, Any]) -> dict[str, Any]:
    """The build request: a JSON/YAML spec file (the API's body) with the command's options on top."""
    import yaml

    body: dict[str, Any] = {}
    if spec is not None:
        loaded = yaml.safe_load(spec.read_text())
        if not isinstance(loaded, dict):
            raise typer.BadParameter("the spec must be a JSON or YAML object", param_hint="--spec")
        body = loaded
    body["name"] = name
    for path, value in overrides.items():
        if value is None:
            continue
        target = body
        *parents, leaf = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[leaf] = value
    return body


def _meta_pairs(meta: list[str] | None) -> dict[str, str] | None:
    if not meta:
        return None
    pairs: dict[str, str] = {}
    for item in meta:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise typer.BadParameter(f"'{item}' is not KEY=VALUE", param_hint="--meta")
        pairs[key] = value
    return pairs


@app.command("build")
def build(
    name: Annotated[str, typer.Argument(help="Dataset name; the new key is name@vN.")],
    spec: Annotated[
        Path | None, typer.Option(exists=True, dir_okay=False, help="JSON/YAML build request (the API body).")
    ] = None,
    version: Annotated[int | None, typer.Option(min=1, help="Version to create (default: next).")] = None,
    description: Annotated[str | None, typer.Option(help="What the dataset is for.")] = None,
    source: Annotated[str | None, typer.Option(help="Only traces from this source.")] = None,
    tag: Annotated[str | None, typer.Option(help="Only traces carrying this tag.")] = None,
    meta: Annotated[list[str] | None, typer.Option(help="KEY=VALUE metadata match; repeatable.")] = None,
    quality: Annotated[str | None, typer.Option(help="ok or flagged.")] = None,
    strategy: Annotated[
        str | None, typer.Option(help="all, latest, random, stratified or curriculum (details in --spec).")
    ] = None,
    seed: Annotated[int | None, typer.Option(help="Selection seed.")] = None,
    stratify_by: Annotated[str | None, typer.Option(help="Meta key for the stratified strategy.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Most traces in the dataset.")] = None,
    near_dedupe: Annotated[bool | None, typer.Option(help="Drop near-duplicate prompts.")] = None,
    eval_fraction: Annotated[float | None, typer.Option(help="Share of traces for eval (default 0.1).")] = None,
    eval_count: Annotated[int | None, typer.Option(help="Exact number of eval traces.")] = None,
    split_seed: Annotated[int | None, typer.Option(help="Split seed.")] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            help="Hold out problems: traces with the same 'prompt' (normalised) or meta value (e.g. problem) "
            "go to the same split."
        ),
    ] = None,
    answer_only: Annotated[
        bool | None,
        typer.Option(
            "--answer-only/--with-steps",
            help="Answer-only twin: drop every step (same traces, same splits), the completion is the answer alone.",
        ),
    ] = None,
) -> None:
    """Build a new dataset version and freeze its snapshot."""
    from tunix_rt.datasets import store
    from tunix_rt.settings import Settings

    body = _request_body(
        spec,
        name,
        {
            "version": version,
            "description": description,
            "query.source": source,
            "query.tag": tag,
            "query.meta": _meta_pairs(meta),
            "query.quality": quality,
            "selection.strategy": strategy,
            "selection.seed": seed,
            "selection.stratify_by": stratify_by,
            "limit": limit,
            "dedupe.near": near_dedupe,
            "split.eval_fraction": eval_fraction,
            "split.eval_count": eval_count,
            "split.seed": split_seed,
            "split.group_by": group_by,
            "transforms.answer_only": answer_only,
        },
    )
    settings = Settings()

    async def go() -> Dataset:
        async with store_sessions(settings) as sessions, sessions() as session, session.begin():
            request = await store.checked_request(session, body)
            with _progress() as progress:
                task = progress.add_task("building", total=None)

                def report(phase: str, done: int, total: int | None) -> None:
                    progress.update(task, description=phase, completed=done, total=total)

                return await store.build(session, settings, request, report)

    dataset = run(go())
    counts = dataset.manifest["counts"]
    console.print(
        f"built [bold]{dataset.key}[/]: {counts['train']} train, {counts['eval']} eval "
        f"(considered {counts['considered']}, {counts['dropped_duplicates']} duplicates dropped)"
    )
    holdout = dataset.manifest.get("holdout")
    if holdout is not None:
        groups = holdout["groups"]
        console.print(
            f"held out by {holdout['group_by']}: {groups['train']} train and {groups['eval']} eval groups, "
            f"{holdout['shared_groups']} in both"
        )
    console.print(f"sha256 train {dataset.manifest['sha256']['train']}", highlight=False)
    console.print(f"sha256 eval  {dataset.manifest['sha256']['eval']}", highlight=False)


def _list(kind: store.Kind, limit: int) -> None:
    from tunix_rt.datasets import store

    async def go() -> list[Dataset]:
        async with store_sessions() as sessions, sessions() as session:
            rows, _cursor = await store.list_page(session, kind, limit, None)
            return rows

    table = Table("key", "items", "counts", "created", "description")
    for row in run(go()):
        counts = ", ".join(f"{k} {v}" for k, v in row.counts.items())
        created = row.created_at.isoformat(timespec="seconds")
        table.add_row(row.key, str(row.item_count), counts, created, row.description)
    console.print(table)


def _show(key: str, kind: store.Kind, as_json: bool) -> None:
    from tunix_rt.datasets import store

    async def go() -> Dataset:
        async with store_sessions() as sessions, sessions() as session:
            return await store.get(session, key, kind)

    dataset = run(go())
    if as_json:
        sys.stdout.buffer.write(orjson.dumps(dataset.manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
        sys.stdout.buffer.write(b"\n")
        return
    console.print(f"[bold]{dataset.key}[/] ({dataset.kind}) {dataset.description}")
    for name, value in dataset.manifest.get("counts", {}).items():
        shown = ", ".join(f"{key} {count}" for key, count in value.items()) if isinstance(value, dict) else value
        console.print(f"  {name.replace('_', ' ')}: {shown}", highlight=False, markup=False)
    for name, digest in dataset.manifest.get("sha256", {}).items():
        console.print(f"  sha256 {name}: {digest}", highlight=False)


def _delete(key: str, kind: store.Kind, yes: bool) -> None:
    from tunix_rt.datasets import store
    from tunix_rt.settings import Settings

    if not yes:
        typer.confirm(f"delete {key}?", abort=True)
    settings = Settings()

    async def go() -> None:
        async with store_sessions(settings) as sessions, sessions() as session, session.begin():
            await store.remove(session, settings, key, kind)

    run(go())
    console.print(f"deleted {key}")


@app.command("list")
def list_datasets(limit: Annotated[int, typer.Option(min=1, max=1000, help="How many to show.")] = 100) -> None:
    """List datasets by name, newest version first."""
    _list("traces", limit)


@app.command("show")
def show(key: KeyArg, as_json: Annotated[bool, typer.Option("--json", help="Print the manifest.")] = False) -> None:
    """Show a dataset's counts and hashes (--json: the whole manifest with stats)."""
    _show(key, "traces", as_json)


@app.command("delete")
def delete(key: KeyArg, yes: YesOpt = False) -> None:
    """Delete a dataset and its snapshot (refused while a run uses it)."""
    _delete(key, "traces", yes)


@app.command("export")
def export_dataset(
    key: KeyArg,
    format: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "trace",
    split: Annotated[str, typer.Option(help="train, eval or all.")] = "all",
    parquet: Annotated[bool, typer.Option(help="Write Parquet instead of JSONL (needs --out).")] = False,
    out: OutOpt = None,
) -> None:
    """Write a split in a format, streamed from the frozen snapshot."""
    from tunix_rt.datasets import export, snapshot, store
    from tunix_rt.datasets.schema import SPLITS
    from tunix_rt.settings import Settings

    if format not in FORMATS:
        raise typer.BadParameter(f"must be one of: {', '.join(FORMATS)}", param_hint="--format")
    if split not in SPLITS:
        raise typer.BadParameter(f"must be one of: {', '.join(SPLITS)}", param_hint="--split")
    if parquet and out is None:
        raise typer.BadParameter("Parquet is binary: give a file with --out", param_hint="--parquet")
    settings = Settings()

    async def go() -> Dataset:
        if parquet:
            export.require_parquet()
        async with store_sessions(settings) as sessions, sessions() as session:
            return await store.get(session, key)

    dataset = run(go())
    chunks = export.export_chunks(
        snapshot.folder(settings, key), dataset.manifest, format, split, "parquet" if parquet else "jsonl"
    )
    total = dataset.item_count if split == "all" else dataset.counts.get(split, 0)
    handle = out.open("wb") if out else sys.stdout.buffer
    try:
        with _progress() as progress:
            task = progress.add_task(f"exporting {format}", total=None if parquet else total)
            for chunk in chunks:
                handle.write(chunk)
                if not parquet:
                    progress.advance(task, chunk.count(b"\n"))
    finally:
        if out:
            handle.close()
    err_console.print(f"exported {split} of {key} as {format}" + (f" to {out}" if out else ""))


@app.command("diff")
def diff(
    a: Annotated[str, typer.Argument(help="The older dataset key.")],
    b: Annotated[str, typer.Argument(help="The newer dataset key.")],
    sample: Annotated[int, typer.Option(min=0, help="How many ids to list per change.")] = 10,
) -> None:
    """Traces added, removed and moved between splits from A to B."""
    from tunix_rt.datasets import store

    async def go() -> DatasetDiff:
        async with store_sessions() as sessions, sessions() as session:
            return await store.diff(session, a, b, sample)

    result = run(go())
    console.print(
        f"{a} -> {b}: [green]+{result.added}[/] added, [red]-{result.removed}[/] removed, "
        f"{result.moved} moved, {result.unchanged} unchanged"
    )

    def prompt(trace_id: uuid.UUID) -> str:
        text = " ".join(result.prompts.get(trace_id, "").split())
        return text if len(text) <= 60 else text[:59] + "…"

    for trace_id in result.added_ids:
        console.print(f"  + {trace_id}  {prompt(trace_id)}", highlight=False, markup=False)
    for trace_id in result.removed_ids:
        console.print(f"  - {trace_id}  {prompt(trace_id)}", highlight=False, markup=False)
    for moved in result.moved_items:
        line = f"  ~ {moved.id} {moved.from_split} -> {moved.to_split}  {prompt(moved.id)}"
        console.print(line, highlight=False, markup=False)


@evalsets_app.command("validate")
def validate(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of eval items.")]) -> None:
    """Check an eval-items file: duplicate ids, empty answers, unknown fields, by line."""
    from tunix_rt.datasets import evalsets

    with path.open("rb") as handle:
        report = evalsets.validate_lines(handle)
    console.print(f"{report.lines} items read, {len(report.items)} valid, {report.invalid} invalid")
    print_problems(report.errors)
    if report.errors:
        raise typer.Exit(1)


@evalsets_app.command("import")
def import_evalset(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="JSONL of eval items.")],
    name: Annotated[str, typer.Option(help="Eval set name; the key is name@vN.")],
    version: Annotated[int | None, typer.Option(min=1, help="Version to create (default: next).")] = None,
    description: Annotated[str, typer.Option(help="What the eval set measures.")] = "",
) -> None:
    """Import eval items; nothing is stored if any line is invalid."""
    from tunix_rt.datasets import evalsets
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> Dataset:
        items = evalsets.parse_named(name, path.read_bytes())
        async with store_sessions(settings) as sessions, sessions() as session, session.begin():
            return await evalsets.create(
                session,
                settings,
                name=name,
                version=version,
                description=description,
                items=items,
                source={"type": "import", "filename": path.name},
            )

    dataset = run(go())
    console.print(f"imported [bold]{dataset.key}[/]: {dataset.item_count} items")


@evalsets_app.command("derive")
def derive(
    name: Annotated[str, typer.Argument(help="Eval set name; the key is name@vN.")],
    dataset: Annotated[str, typer.Option(help="Trace dataset key whose eval split becomes the items.")],
    version: Annotated[int | None, typer.Option(min=1, help="Version to create (default: next).")] = None,
    description: Annotated[str, typer.Option(help="What the eval set measures.")] = "",
) -> None:
    """Make an eval set from a dataset's eval split."""
    from tunix_rt.datasets import evalsets
    from tunix_rt.datasets.schema import parse_key
    from tunix_rt.settings import Settings

    parse_key(dataset)
    settings = Settings()
    request = evalsets.EvalSetDerive(name=name, version=version, description=description, dataset=dataset)

    async def go() -> Dataset:
        async with store_sessions(settings) as sessions, sessions() as session, session.begin():
            return await evalsets.derive(session, settings, request)

    made = run(go())
    console.print(f"derived [bold]{made.key}[/] from {dataset}: {made.item_count} items")


@evalsets_app.command("list")
def list_evalsets(limit: Annotated[int, typer.Option(min=1, max=1000, help="How many to show.")] = 100) -> None:
    """List eval sets by name, newest version first."""
    _list("eval", limit)


@evalsets_app.command("show")
def show_evalset(
    key: EvalSetKeyArg, as_json: Annotated[bool, typer.Option("--json", help="Print the manifest.")] = False
) -> None:
    """Show an eval set's counts and hash."""
    _show(key, "eval", as_json)


@evalsets_app.command("export")
def export_evalset(key: EvalSetKeyArg, out: OutOpt = None) -> None:
    """Write the items as canonical JSONL."""
    from tunix_rt.datasets import evalsets, export, store
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> Path:
        async with store_sessions(settings) as sessions, sessions() as session:
            return evalsets.items_file(settings, await store.get(session, key, "eval"))

    path = run(go())
    handle = out.open("wb") if out else sys.stdout.buffer
    try:
        for block in export.file_blocks([path]):
            handle.write(block)
    finally:
        if out:
            handle.close()


@evalsets_app.command("delete")
def delete_evalset(key: EvalSetKeyArg, yes: YesOpt = False) -> None:
    """Delete an eval set (refused while a run uses it)."""
    _delete(key, "eval", yes)
