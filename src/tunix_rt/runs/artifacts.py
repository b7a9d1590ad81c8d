"""The run folder on disk: where it is, what is in it, and paths resolved strictly inside it.

Every path that comes from outside (an API request, a child's ``artifact`` event) goes through
``resolve_inside``: ``..`` parts, absolute paths and symlinks that lead out of the folder are
refused, so a run can neither publish nor serve ``/etc/passwd``.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
import uuid
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from tunix_rt.errors import Invalid, NotFound

_CHUNK = 1 << 20


def run_dir(home: Path, run_id: uuid.UUID) -> Path:
    return (home / "runs" / str(run_id)).resolve()


def resolve_inside(folder: Path, relative: str) -> Path:
    """The file ``relative`` names inside ``folder``; raises ``Invalid`` for any path that is
    absolute, climbs with ``..``, holds a NUL, or resolves (through symlinks) outside."""
    pure = PurePosixPath(relative)
    if not relative or "\0" in relative or pure.is_absolute() or ".." in pure.parts or "\\" in relative:
        raise Invalid(f"'{relative}' is not a path inside the run folder")
    root = folder.resolve()
    target = (root / pure).resolve()
    if not target.is_relative_to(root) or target == root:
        raise Invalid(f"'{relative}' leads outside the run folder")
    return target


def hash_file(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks (a checkpoint may be gigabytes)."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class DigestCache:
    """sha256 of files, remembered by what a rewrite changes: the file (device and inode, so a
    symlink or hard link to it shares its entry), its size and ``mtime_ns``. Listing a run folder
    hashed every file on every request (a 2 GB checkpoint cost seconds per listing); run files
    are written once and read many times, so after the worker records a file or a first listing,
    its hash is a lookup. A file that changes while it is hashed is not remembered. Oldest entries
    go first beyond ``max_entries``."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._digests: OrderedDict[tuple[int, int, int, int], str] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def _key(stat: os.stat_result) -> tuple[int, int, int, int]:
        return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)

    def sha256(self, path: Path) -> str:
        key = self._key(path.stat())
        with self._lock:
            if key in self._digests:
                self._digests.move_to_end(key)
                return self._digests[key]
        digest = hash_file(path)
        if self._key(path.stat()) == key:
            with self._lock:
                self._digests[key] = digest
                while len(self._digests) > self.max_entries:
                    self._digests.popitem(last=False)
        return digest


DIGESTS = DigestCache(max_entries=100_000)
"""The process's cache: a few megabytes at most, shared by the worker and the API."""


def sha256_of(path: Path) -> str:
    return DIGESTS.sha256(path)


def describe(path: Path) -> tuple[int, str]:
    """Size and sha256 of a file, or of a folder (total size; the hash of its sorted
    ``relative-path sha256`` lines, so two identical checkpoints hash the same)."""
    if path.is_file():
        return path.stat().st_size, sha256_of(path)
    size = 0
    digest = hashlib.sha256()
    for child in sorted(p for p in path.rglob("*") if p.is_file()):
        size += child.stat().st_size
        digest.update(f"{child.relative_to(path).as_posix()} {sha256_of(child)}\n".encode())
    return size, digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    sha256: str
    modified_at: datetime


def listing(folder: Path, limit: int) -> list[Entry]:
    """Every regular file under the folder (recursive, sorted), with size and sha256; symlinks
    are followed only while they stay inside. At most ``limit`` entries."""
    if not folder.is_dir():
        return []
    root = folder.resolve()
    entries: list[Entry] = []
    for directory, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            path = Path(directory) / name
            if not path.resolve().is_relative_to(root) or not path.is_file():
                continue
            stat = path.stat()
            entries.append(
                Entry(
                    path=path.relative_to(root).as_posix(),
                    size=stat.st_size,
                    sha256=sha256_of(path),
                    modified_at=datetime.fromtimestamp(stat.st_mtime, UTC),
                )
            )
            if len(entries) >= limit:
                return entries
    return entries


def file_for_download(folder: Path, relative: str) -> Path:
    target = resolve_inside(folder, relative)
    if not target.is_file():
        raise NotFound(f"run folder has no file '{relative}'")
    return target


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
