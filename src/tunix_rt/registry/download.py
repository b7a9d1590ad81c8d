"""A version's files out of the blob store: as a tar stream built on the fly, or into a folder.

The tar is assembled member by member (a header, the blob's chunks, padding), so a download
holds one chunk in memory whatever the model's size, and its exact length is known before the
first byte (``Content-Length``). Member names are the manifest's normalised relative paths, so
an archive cannot carry ``..`` or absolute names; headers are fixed (mode 0644, owner 0, the
version's timestamp), so the same version always streams the same bytes.
"""

from __future__ import annotations

import hashlib
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from tunix_rt.errors import TunixError
from tunix_rt.registry.blobs import BlobStore
from tunix_rt.registry.manifest import ManifestEntry, canonical

BLOCK = tarfile.BLOCKSIZE
RECORD = tarfile.RECORDSIZE


def _header(entry: ManifestEntry, mtime: int) -> bytes:
    info = tarfile.TarInfo(entry.path)
    info.size = entry.size
    info.mtime = mtime
    info.mode = 0o644
    return info.tobuf(format=tarfile.PAX_FORMAT)


def _padding(size: int) -> int:
    return -size % BLOCK


def _end(written: int) -> bytes:
    """Two zero blocks, then zeros up to a whole record (as ``tarfile`` ends an archive)."""
    total = written + 2 * BLOCK
    return b"\0" * (2 * BLOCK + (-total % RECORD))


def tar_size(entries: list[ManifestEntry], mtime: int) -> int:
    """The exact length of ``tar_stream`` for these entries."""
    written = sum(len(_header(e, mtime)) + e.size + _padding(e.size) for e in canonical(entries))
    return written + len(_end(written))


def tar_stream(blobs: BlobStore, entries: list[ManifestEntry], mtime: int) -> Iterator[bytes]:
    """The version as an uncompressed tar (weights barely compress), one chunk at a time."""
    written = 0
    for entry in canonical(entries):
        header = _header(entry, mtime)
        yield header
        sent = 0
        for chunk in blobs.chunks(entry.sha256):
            sent += len(chunk)
            yield chunk
        if sent != entry.size:
            raise OSError(f"blob {entry.sha256} has {sent} bytes, the manifest says {entry.size}")
        padding = b"\0" * _padding(entry.size)
        yield padding
        written += len(header) + sent + len(padding)
    yield _end(written)


def write_folder(blobs: BlobStore, entries: list[ManifestEntry], target: Path) -> None:
    """Write the version's files under ``target``, each checked against its sha256 before it
    replaces anything (a temporary name, then a rename), so an interrupted pull leaves no
    half-written file under a real name."""
    root = target.resolve()
    for entry in canonical(entries):
        path = root / entry.path
        if not path.parent.resolve().is_relative_to(root):
            raise TunixError(f"{path.parent} leads outside {root} (a symlink?); pull into a clean folder")
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")
        digest = hashlib.sha256()
        try:
            with temporary.open("wb") as out:
                for chunk in blobs.chunks(entry.sha256):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != entry.sha256:
                raise TunixError(f"blob {entry.sha256} does not hash to its key: the blob store is corrupt")
            temporary.replace(path)
        finally:
            temporary.unlink(missing_ok=True)
