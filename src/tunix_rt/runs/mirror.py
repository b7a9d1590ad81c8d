"""A run folder kept in the artifact store (``artifact_store``), for workers without a shared
filesystem: the worker's local ``runs/<id>/`` is scratch, and ``runs/<id>/`` in the store is
where the run's files are kept.

The worker uploads each checkpoint and artifact as it records it (a record in the database
therefore always names files the store holds in full), the rest of the folder when the attempt
ends, and an attempt on another machine downloads the folder, but for superseded checkpoints,
before its child starts. The store is listed through an index, ``.tunix-rt-files.json`` in the
run's prefix, mapping each uploaded path to its size, sha256 and time: listing a run's files then
costs one GET instead of hashing objects the API server would first have to download. Only the
worker holding the run's lease writes the index, so writes never race.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt.errors import NotFound
from tunix_rt.runs import store
from tunix_rt.runs.artifacts import Entry, remove_folder, resolve_inside, run_dir, sha256_of
from tunix_rt.settings import Settings
from tunix_rt.storage import ObjectStore, artifact_store, relative_key

INDEX = ".tunix-rt-files.json"


def mirror_of(settings: Settings, run_id: uuid.UUID) -> RunMirror | None:
    """The run's folder in the artifact store, or None without one (the folder is local)."""
    root = artifact_store(settings)
    return None if root is None else RunMirror(root, run_id)


async def fetch_outputs(
    settings: Settings, session: AsyncSession, run_id: uuid.UUID, *, resume: str | None = None, latest: bool = True
) -> int:
    """Bring a run's files from the artifact store into this machine's data home, for work that
    reads them here (an attempt of the run itself, an evaluation of a trained run, a promotion):
    every file but those of checkpoints other than ``resume`` (and, with ``latest``, the run's
    last checkpoint, which a model may be loaded from). The number of files fetched; 0 without a
    store or for an unknown run (the caller's own lookup answers that)."""
    mirror = mirror_of(settings, run_id)
    if mirror is None:
        return 0
    try:
        run = await store.get(session, run_id)
    except NotFound:
        return 0
    keep = {resume, run.last_checkpoint if latest else None} - {None}
    records = await store.artifact_records(session, run_id)
    superseded = [record.path for record in records if record.kind == "checkpoint" and record.path not in keep]
    return await asyncio.to_thread(mirror.fetch, run_dir(settings.home, run_id), superseded)


def remove_files(settings: Settings, run_id: uuid.UUID) -> None:
    """Delete a run's files: its folder in this data home, and its prefix in the artifact store."""
    remove_folder(run_dir(settings.home, run_id))
    mirror = mirror_of(settings, run_id)
    if mirror is not None:
        mirror.store.remove("")


def _under(path: str, prefixes: Sequence[str]) -> bool:
    return any(path == prefix or path.startswith(f"{prefix.rstrip('/')}/") for prefix in prefixes)


class RunMirror:
    """Upload, download, list and stream one run's files in the store."""

    def __init__(self, root: ObjectStore, run_id: uuid.UUID) -> None:
        self.store = root.child(f"runs/{run_id}")

    def index(self) -> dict[str, dict[str, Any]]:
        """path -> {size, sha256, modified_at} of every uploaded file; empty before the first."""
        try:
            data: dict[str, dict[str, Any]] = orjson.loads(self.store.read_bytes(INDEX))
        except NotFound:
            return {}
        return data

    def _upload(self, folder: Path, paths: Sequence[Path], index: dict[str, dict[str, Any]]) -> int:
        """Upload the files whose size or sha256 differ from the index, then write the index; the
        number uploaded. Each file is in the store before the index names it."""
        uploaded = 0
        for path in paths:
            relative = path.relative_to(folder).as_posix()
            stat = path.stat()
            digest = sha256_of(path)
            known = index.get(relative)
            if known is not None and (known["size"], known["sha256"]) == (stat.st_size, digest):
                continue
            self.store.put_file(path, relative)
            index[relative] = {
                "size": stat.st_size,
                "sha256": digest,
                "modified_at": datetime.fromtimestamp(stat.st_mtime, UTC).isoformat(),
            }
            uploaded += 1
        if uploaded:
            self.store.put_bytes(orjson.dumps(index, option=orjson.OPT_SORT_KEYS), INDEX)
        return uploaded

    def publish(self, folder: Path, relative: str) -> int:
        """Upload what a checkpoint or artifact event names (a file, or a folder's files), strictly
        inside the run folder; the number of files uploaded."""
        target = resolve_inside(folder, relative)
        paths = [target] if target.is_file() else sorted(p for p in target.rglob("*") if p.is_file())
        root = folder.resolve()
        return self._upload(root, [p for p in paths if p.resolve().is_relative_to(root)], self.index())

    def sync(self, folder: Path) -> int:
        """Upload every file of the run folder the store lacks or holds in another version (the
        manifest, metrics, the final model); the number uploaded."""
        root = folder.resolve()
        paths = sorted(p for p in root.rglob("*") if p.is_file() and p.resolve().is_relative_to(root))
        return self._upload(root, paths, self.index())

    def fetch(self, folder: Path, skip: Sequence[str] = ()) -> int:
        """Download the run's files that the local folder lacks or holds in another version, but
        for those under ``skip`` (checkpoints the attempt will not resume from); the number
        fetched. The local folder of a run that starts on another machine is empty."""
        fetched = 0
        root = folder.resolve()
        for relative, entry in self.index().items():
            if _under(relative, skip):
                continue
            local = resolve_inside(root, relative)
            if local.is_file() and local.stat().st_size == entry["size"] and sha256_of(local) == entry["sha256"]:
                continue
            self.store.get_file(relative, local)
            fetched += 1
        return fetched

    def listing(self, limit: int) -> list[Entry]:
        """The run's files as the index has them, sorted by path, at most ``limit``."""
        return [
            Entry(
                path=path,
                size=entry["size"],
                sha256=entry["sha256"],
                modified_at=datetime.fromisoformat(entry["modified_at"]),
            )
            for path, entry in sorted(self.index().items())[:limit]
        ]

    def file(self, relative: str) -> tuple[int, Iterator[bytes]]:
        """Size and chunks of one uploaded file; ``NotFound`` for a path the index does not name
        (so a folder prefix or the index itself is never served)."""
        entry = self.index().get(relative_key(relative))
        if entry is None:
            raise NotFound(f"run folder has no file '{relative}'")
        return int(entry["size"]), self.store.chunks(relative)
