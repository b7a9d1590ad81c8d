"""The data home's files on object storage: one fsspec URL (the ``artifact_store`` setting) that
holds run folders, dataset snapshots and registry blobs, so workers on different machines need no
shared filesystem.

Without the setting nothing here runs and nothing is imported: run folders, snapshots and blobs
stay in the local data home as they always did, at no extra cost. With it, the local data home is
each machine's scratch space and the store is where files are kept: a run's worker uploads each
checkpoint and artifact as it records it, an attempt on another machine downloads what it resumes
from, and the API streams downloads from the store. The layout under the URL mirrors the data
home's: ``runs/<id>/<path>``, ``datasets/<key>/<file>``, ``blobs/``.

**Atomic writes.** A reader must never find a half-written file under a real key, even when the
writer dies mid-upload. How that is ensured depends on the filesystem:

- Object stores (``s3://``, ``gs://``, ``az://``/``abfs://``) write straight to the key: an object
  becomes visible only once its upload completes. A single PUT is all or nothing; a large file
  goes up as a multipart upload (S3, and Azure's block list likewise), whose parts are invisible
  until the final ``CompleteMultipartUpload`` assembles them into the object in one step. An
  upload killed midway leaves an incomplete multipart upload, which is no object at all (a bucket
  lifecycle rule, ``AbortIncompleteMultipartUpload``, reclaims its parts); one that fails with an
  exception is aborted by s3fs. A temporary key and a copy would move every byte twice for nothing
  (S3 has no rename), and the copy would be no more atomic than the PUT already is.
- Filesystems (``file://`` and every other fsspec backend) get the bytes under a temporary name
  beside the target, which is renamed into place: a rename within one filesystem is atomic.

Downloads land in a temporary local file that is renamed into place the same way, so an attempt
killed while fetching its checkpoint never resumes from half of one. Every transfer streams in
chunks (fsspec's own), never holding a multi-gigabyte checkpoint in memory. All methods block;
async callers run them in a thread.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from tunix_rt.errors import Invalid, NotFound

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

    from tunix_rt.settings import Settings

CHUNK = 1 << 20
OBJECT_STORES = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss"})
"""fsspec protocols whose uploads are atomic by themselves (see the module's docstring)."""


def relative_key(relative: str) -> str:
    """``relative`` as a key under a store's root; refuses absolute paths, ``..``, empty parts and
    NUL, so a name that came from outside (an API path) can never reach another prefix."""
    pure = PurePosixPath(relative)
    if not relative or "\0" in relative or "\\" in relative or pure.is_absolute() or ".." in pure.parts:
        raise Invalid(f"'{relative}' is not a relative path")
    return pure.as_posix()


def filesystem(url: str, **storage_options: Any) -> tuple[AbstractFileSystem, str]:
    """The fsspec filesystem ``url`` names and the root path in it (no trailing slash). On an
    object store, directory listings are not cached: other machines write under the same
    prefixes, and a listing fsspec kept in this process (for good, by default) would hide their
    objects from it (``exists`` false, ``open`` not found)."""
    from fsspec.core import split_protocol, url_to_fs

    if (split_protocol(url)[0] or "file") in OBJECT_STORES:
        storage_options = {"use_listings_cache": False, **storage_options}
    fs, root = url_to_fs(url, **storage_options)
    return fs, root.rstrip("/")


def artifact_store(settings: Settings) -> ObjectStore | None:
    """The store the ``artifact_store`` setting names, or None when files stay in the data home."""
    if not settings.artifact_store:
        return None
    return ObjectStore(settings.artifact_store, **settings.artifact_store_options)


class ObjectStore:
    """Files under the fsspec URL ``url``, addressed by paths relative to it."""

    def __init__(self, url: str, **storage_options: Any) -> None:
        self.url = url.rstrip("/")
        self.fs, self.root = filesystem(url, **storage_options)
        protocols = self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,)
        self.atomic_puts = bool(OBJECT_STORES.intersection(protocols))

    def key(self, relative: str) -> str:
        return f"{self.root}/{relative_key(relative)}"

    def child(self, relative: str) -> ObjectStore:
        """The store rooted at ``relative`` under this one (a run's folder, a snapshot's)."""
        sub = ObjectStore.__new__(ObjectStore)
        sub.url = f"{self.url}/{relative_key(relative)}"
        sub.fs, sub.root, sub.atomic_puts = self.fs, self.key(relative), self.atomic_puts
        return sub

    def exists(self, relative: str) -> bool:
        return bool(self.fs.exists(self.key(relative)))

    def put_file(self, local: Path, relative: str) -> None:
        """Upload one local file so that the key holds all of it or nothing (module docstring)."""
        target = self.key(relative)
        parent = target.rsplit("/", 1)[0]
        if self.atomic_puts:
            self.fs.put_file(str(local), target)
            return
        self.fs.makedirs(parent, exist_ok=True)
        temporary = f"{parent}/.uploading-{uuid.uuid4().hex}"
        try:
            self.fs.put_file(str(local), temporary)
            self.fs.mv(temporary, target)
        finally:
            if self.fs.exists(temporary):
                self.fs.rm(temporary)

    def put_bytes(self, data: bytes, relative: str) -> None:
        """Store small bytes (an index, a manifest) atomically, like ``put_file``."""
        target = self.key(relative)
        if self.atomic_puts:
            self.fs.pipe_file(target, data)
            return
        parent = target.rsplit("/", 1)[0]
        self.fs.makedirs(parent, exist_ok=True)
        temporary = f"{parent}/.uploading-{uuid.uuid4().hex}"
        try:
            self.fs.pipe_file(temporary, data)
            self.fs.mv(temporary, target)
        finally:
            if self.fs.exists(temporary):
                self.fs.rm(temporary)

    def put_tree(self, local: Path, relative: str) -> list[str]:
        """Upload a file, or every file under a folder, to ``relative``; the keys written, relative
        to this store, in sorted order."""
        if local.is_file():
            self.put_file(local, relative)
            return [relative_key(relative)]
        written = []
        for path in sorted(p for p in local.rglob("*") if p.is_file()):
            name = f"{relative_key(relative)}/{path.relative_to(local).as_posix()}"
            self.put_file(path, name)
            written.append(name)
        return written

    def read_bytes(self, relative: str) -> bytes:
        try:
            data: bytes = self.fs.cat_file(self.key(relative))
        except FileNotFoundError as exc:
            raise NotFound(f"{relative} is missing from {self.url}") from exc
        return data

    def get_file(self, relative: str, local: Path) -> None:
        """Download one object to ``local``, which appears only once complete."""
        local.parent.mkdir(parents=True, exist_ok=True)
        temporary = local.with_name(f".downloading-{uuid.uuid4().hex}-{local.name}")
        try:
            self.fs.get_file(self.key(relative), str(temporary))
            temporary.replace(local)
        except FileNotFoundError as exc:
            raise NotFound(f"{relative} is missing from {self.url}") from exc
        finally:
            temporary.unlink(missing_ok=True)

    def files(self, relative: str = "") -> dict[str, int]:
        """Every object under ``relative`` (the whole store when empty): path relative to this
        store -> size in bytes."""
        base = self.key(relative) if relative else self.root
        found = self.fs.find(base, detail=True)
        prefix = f"{self.root}/"
        return {
            name.removeprefix(prefix): int(info.get("size") or 0)
            for name, info in found.items()
            if info.get("type") != "directory" and name.startswith(prefix)
        }

    def get_tree(self, relative: str, local: Path) -> int:
        """Download ``relative`` (one object, or every object under it as a folder) to ``local``;
        the number of files fetched."""
        if self.fs.isfile(self.key(relative)):
            self.get_file(relative, local)
            return 1
        names = self.files(relative)
        base = f"{relative_key(relative)}/"
        for name in names:
            self.get_file(name, local / name.removeprefix(base))
        return len(names)

    def size(self, relative: str) -> int:
        try:
            return int(self.fs.size(self.key(relative)))
        except FileNotFoundError as exc:
            raise NotFound(f"{relative} is missing from {self.url}") from exc

    def chunks(self, relative: str) -> Iterator[bytes]:
        """An object's bytes in chunks of at most ``CHUNK`` (a download streams them as they come)."""
        try:
            handle = self.fs.open(self.key(relative), "rb")
        except FileNotFoundError as exc:
            raise NotFound(f"{relative} is missing from {self.url}") from exc
        with handle:
            while chunk := handle.read(CHUNK):
                yield chunk

    def remove(self, relative: str) -> None:
        """Delete an object or everything under a prefix (all of this store when empty); nothing
        there is no error."""
        target = self.key(relative) if relative else self.root
        if self.fs.exists(target):
            self.fs.rm(target, recursive=True)
