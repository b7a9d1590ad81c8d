"""``tunix-rt models list | show | promote | alias | pull | rm``: the registry's commands, added
to the ``models`` group that ``training/cli.py`` starts (beside ``export``). They call the same
store and download functions as ``/api/models``, on the configured database and blob store.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.table import Table

from tunix_rt.console import console, run, store_sessions
from tunix_rt.errors import NotFound, TunixError
from tunix_rt.runs.cli import resolve_run
from tunix_rt.short_ids import HELP as ID_HELP

if TYPE_CHECKING:
    from tunix_rt.registry import store
    from tunix_rt.registry.manifest import ManifestEntry
    from tunix_rt.registry.tables import ModelVersion
    from tunix_rt.settings import Settings

# The store, the blob store and the settings are imported inside the commands: `tunix-rt --help`
# must not pay for SQLAlchemy, fsspec and pydantic.

RefArg = Annotated[str, typer.Argument(metavar="NAME[:VERSION|@ALIAS]", help="A model, or one of its versions.")]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _print_json(value: Any) -> None:
    sys.stdout.buffer.write(orjson.dumps(value, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")


def _size(count: int) -> str:
    value = float(count)
    for unit in ("B", "KiB", "MiB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def _parse(ref: str) -> store.Ref:
    """A reference argument, or a usage error naming it."""
    from tunix_rt.registry import store

    try:
        return store.parse_ref(ref)
    except TunixError as exc:
        raise typer.BadParameter(exc.detail, param_hint="NAME[:VERSION|@ALIAS]") from exc


def list_models(as_json: AsJson = False) -> None:
    """List registered models with their version count, newest version and aliases."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store

    async def go() -> list[dict[str, Any]]:
        async with store_sessions() as sessions, transaction(sessions) as session:
            rows, _cursor = await store.list_models(session, 10_000, None)
            summary = await store.version_counts(session, [m.id for m in rows])
            return [
                {
                    "name": m.name,
                    "description": m.description,
                    "tags": m.tags,
                    "version_count": summary[m.id][0],
                    "latest": summary[m.id][1],
                    "aliases": await store.aliases_of(session, m.id),
                }
                for m in rows
            ]

    models = run(go())
    if as_json:
        _print_json(models)
        return
    table = Table("name", "versions", "latest", "aliases", "description")
    for m in models:
        aliases = ", ".join(f"{alias}→{label}" for alias, label in m["aliases"].items())
        table.add_row(m["name"], str(m["version_count"]), m["latest"] or "", aliases, m["description"])
    console.print(table)


def _version_json(name: str, version: ModelVersion, aliases: dict[str, str]) -> dict[str, Any]:
    from tunix_rt.registry.api import version_read

    return dict(orjson.loads(orjson.dumps(version_read(name, version, aliases), default=str)))


def show(ref: RefArg, as_json: AsJson = False) -> None:
    """Show a model and its versions, or one version's metrics, provenance and files."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store

    parsed = _parse(ref)

    async def go() -> dict[str, Any]:
        async with store_sessions() as sessions, transaction(sessions) as session:
            if parsed.version is None and parsed.alias is None:
                model, versions = await store.list_versions(session, parsed.name)
                aliases = await store.aliases_of(session, model.id)
                return {
                    "name": model.name,
                    "description": model.description,
                    "tags": model.tags,
                    "aliases": aliases,
                    "versions": [_version_json(model.name, v, aliases) for v in versions],
                }
            version = await store.resolve(session, parsed)
            aliases = await store.aliases_of(session, version.model_id)
            files = await store.files_of(session, version.id)
            detail = _version_json(parsed.name, version, aliases)
            detail["files"] = [{"path": e.path, "size": e.size, "sha256": e.sha256} for e in files]
            return detail

    shown = run(go())
    if as_json:
        _print_json(shown)
    elif "versions" in shown:
        console.print(f"[bold]{shown['name']}[/] {shown['description']}", highlight=False)
        table = Table("version", "label", "format", "size", "run", "aliases", "metrics", "content hash")
        for v in shown["versions"]:
            metrics = ", ".join(f"{k}={val:.4g}" for k, val in sorted(v["metrics"].items()))
            numbered = store.version_name(v["number"])
            table.add_row(
                numbered,
                "" if v["label"] == numbered else v["label"],
                v["format"],
                _size(v["size"]),
                str(v["run_id"] or ""),
                ", ".join(v["aliases"]),
                metrics,
                v["content_hash"][:16],
            )
        console.print(table)
    else:
        numbered = store.version_name(shown["number"])
        label = f" label {shown['label']}" if shown["label"] != numbered else ""
        console.print(f"[bold]{shown['model']}:{numbered}[/]{label} ({shown['format']}, {_size(shown['size'])})")
        console.print(f"content hash {shown['content_hash']}", highlight=False)
        console.print(f"aliases {', '.join(shown['aliases']) or '-'}; run {shown['run_id']}", highlight=False)
        prov = shown["provenance"]
        dataset = prov.get("dataset") or {}
        console.print(f"dataset {dataset.get('key')} base model {(prov.get('base_model') or {}).get('name')}")
        for key, value in sorted(shown["metrics"].items()):
            console.print(f"  {key}: {value:.6g}", highlight=False)
        for f in shown["files"]:
            console.print(f"  {f['path']}  {_size(f['size'])}  {f['sha256'][:16]}", highlight=False, markup=False)


def promote(
    name: Annotated[str, typer.Argument(help="Model name (created on first promotion).")],
    run_id: Annotated[str, typer.Argument(metavar="RUN", help=f"A succeeded training run's id. {ID_HELP}")],
    label: Annotated[
        str | None, typer.Option(help="A label for the new version, beside its number (not vN or latest).")
    ] = None,
    description: Annotated[str, typer.Option(help="Notes on this version.")] = "",
) -> None:
    """Register a run's final model as a version; the same content again is the same version."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store
    from tunix_rt.registry.blobs import BlobStore
    from tunix_rt.runs.mirror import fetch_outputs
    from tunix_rt.settings import Settings

    settings = Settings()

    async def go() -> tuple[str, str, bool]:
        blobs = BlobStore.of(settings)
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            found = await resolve_run(session, run_id)
            await fetch_outputs(settings, session, found)
            version, created = await store.promote(
                session, blobs, settings.home, name, found, label=label, description=description
            )
            return store.describe(version), version.content_hash, created

    version_label, digest, created = run(go())
    verb = "promoted" if created else "already registered as"
    console.print(f"{verb} {name}:{version_label} ({digest[:16]})", highlight=False)


def alias(
    name: Annotated[str, typer.Argument(help="Model name.")],
    alias_name: Annotated[str, typer.Argument(metavar="ALIAS", help="Alias, e.g. champion or candidate.")],
    version: Annotated[
        str | None, typer.Argument(metavar="VERSION", help="Version to point the alias at: vN, latest or a label.")
    ] = None,
    delete: Annotated[bool, typer.Option("--delete", help="Remove the alias instead.")] = False,
) -> None:
    """Point an alias at a version (creating or moving it), or remove it with --delete."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store

    if (version is None) != delete:
        raise typer.BadParameter("give VERSION to set the alias, or --delete to remove it", param_hint="VERSION")

    async def go() -> str:
        async with store_sessions() as sessions, transaction(sessions) as session:
            if delete:
                await store.delete_alias(session, name, alias_name)
                return f"removed {name}@{alias_name}"
            assert version is not None
            change = await store.set_alias(session, name, alias_name, version)
            moved = f" (was {change.previous})" if change.previous else ""
            return f"{name}@{alias_name} -> {change.version}{moved}"

    console.print(run(go()), highlight=False)


def pull(
    ref: RefArg,
    target: Annotated[Path, typer.Argument(metavar="DIR", help="Folder to write the version's files into.")],
) -> None:
    """Write a version's files into DIR (checked against their sha256), ready to load."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import download, store
    from tunix_rt.registry.blobs import BlobStore
    from tunix_rt.settings import Settings

    settings = Settings()
    parsed = _parse(ref)

    async def go() -> tuple[str, int]:
        blobs = BlobStore.of(settings)
        async with store_sessions(settings) as sessions, transaction(sessions) as session:
            version = await store.resolve(session, parsed)
            entries = await store.files_of(session, version.id)
        download.write_folder(blobs, entries, target)
        return store.version_name(version.number), len(entries)

    version_label, count = run(go())
    console.print(f"pulled {parsed.name}:{version_label} ({count} files) into {target}", highlight=False)


def remove(ref: Annotated[str, typer.Argument(metavar="NAME[:VERSION]", help="A version, or a model.")]) -> None:
    """Delete a version (refused while an alias points at it), or a model without versions."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store

    parsed = _parse(ref)
    if parsed.alias is not None:
        raise typer.BadParameter("delete a version by vN or label, not through an alias", param_hint="NAME[:VERSION]")

    async def go() -> None:
        async with store_sessions() as sessions, transaction(sessions) as session:
            if parsed.version is None:
                await store.delete_model(session, parsed.name)
            else:
                await store.delete_version(session, parsed.name, parsed.version)

    run(go())
    console.print(f"deleted {ref}", highlight=False)


async def find_version(
    settings: Settings, ref: str, parsed: store.Ref, instead: str
) -> tuple[ModelVersion, list[ManifestEntry]]:
    """The version ``parsed`` (read from ``ref``) names and its files, from the configured
    database; when there is none, a NotFound saying what else ``ref`` was not (``instead``)."""
    from tunix_rt.db import transaction
    from tunix_rt.registry import store

    async with store_sessions(settings) as sessions, transaction(sessions) as session:
        try:
            version = await store.resolve(session, parsed)
        except NotFound as exc:
            raise NotFound(f"'{ref}' is {instead} nor a registered version: {exc.detail}") from exc
        return version, await store.files_of(session, version.id)


def export_version(ref: str, *, merge: bool, out: Path | None, not_a_run: str) -> None:
    """``models export NAME[:VERSION|@ALIAS]``: the version's files as stored, or with --merge
    one standalone safetensors model (an adapter merged into the base it carries or names; a
    merged or full version re-saved). ``not_a_run`` is why REF was not taken
    as a run, reported when it is not a registered version either."""
    import tempfile

    from tunix_rt.registry import download, store
    from tunix_rt.registry.blobs import BlobStore
    from tunix_rt.settings import Settings

    settings = Settings()
    try:
        parsed = store.parse_ref(ref)
    except TunixError:
        raise NotFound(not_a_run) from None

    version, entries = run(find_version(settings, ref, parsed, f"neither a trained run ({not_a_run})"))
    blobs = BlobStore.of(settings)
    named = store.version_name(version.number)
    target = out or Path(f"{parsed.name}-{named}")
    if not merge:
        download.write_folder(blobs, entries, target)
        console.print(f"exported {parsed.name}:{named} to {target}", highlight=False)
        return
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch)
        download.write_folder(blobs, entries, source)
        if version.format == "adapter":
            from tunix_rt.training.torch_backend import merge as merge_adapter

            carried = source / "base-model"
            base = str(carried) if carried.is_dir() else version.provenance["base_model"]["name"]
            merge_adapter(source, base, target)
        else:
            from transformers import AutoModelForCausalLM, AutoTokenizer

            AutoModelForCausalLM.from_pretrained(source).save_pretrained(target, safe_serialization=True)
            AutoTokenizer.from_pretrained(source).save_pretrained(target)
    console.print(f"merged {parsed.name}:{named} into {target}", highlight=False)


def add_commands(models_app: typer.Typer) -> None:
    """Register the registry commands on the shared ``models`` group."""
    models_app.command("list")(list_models)
    models_app.command("show")(show)
    models_app.command("promote")(promote)
    models_app.command("alias")(alias)
    models_app.command("pull")(pull)
    models_app.command("rm")(remove)
