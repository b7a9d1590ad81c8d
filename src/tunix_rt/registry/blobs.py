"""The registry's content-addressed blob store, over any fsspec filesystem.

A blob is a file's bytes stored under its sha256 (``<root>/sha256/ab/abcd...``), so the same
bytes are stored once however many versions hold them, and a blob never changes once written.
The store is a local folder by default (``<home>/blobs``) and any fsspec URL by setting
(``memory://``, ``s3://...`` with the matching fsspec backend installed), which is how the
registry reaches object storage without code of its own per provider.

Every read and write streams in chunks: a multi-gigabyte model never sits in memory. A write
goes to a temporary name and is moved into place only after the digest checks out, so a reader
never sees a half-written or corrupt blob under a real key. All methods block; async callers run
them in a thread.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tunix_rt.errors import Invalid, NotFound

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

    from tunix_rt.settings import Settings

CHUNK = 1 << 20
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def sha256_file(path: Path) -> str:
    """The sha256 of a local file, read in chunks."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class BlobStore:
    """put / get / exists by sha256 on the filesystem ``url`` names."""

    def __init__(self, url: str, **storage_options: Any) -> None:
        from tunix_rt.storage import filesystem

        self.url = url
        self.fs: AbstractFileSystem
        self.fs, self.root = filesystem(url, **storage_options)

    @classmethod
    def of(cls, settings: Settings) -> BlobStore:
        """The blob store the settings name (``blob_url``, else under ``artifact_store``, else the data home)."""
        return cls(settings.resolved_blob_url, **settings.resolved_blob_options)

    def key(self, sha256: str) -> str:
        """Where a blob lives; refuses anything that is not a lowercase hex sha256 (no paths)."""
        if not _SHA256.match(sha256):
            raise Invalid(f"'{sha256}' is not a sha256 digest")
        return f"{self.root}/sha256/{sha256[:2]}/{sha256}"

    def exists(self, sha256: str) -> bool:
        return bool(self.fs.exists(self.key(sha256)))

    def put_file(self, path: Path, sha256: str) -> bool:
        """Store a local file under its known digest; False when the blob was already there.
        The bytes are hashed again as they are copied, and a file that changed since it was
        hashed is refused rather than stored under the wrong key."""
        if self.exists(sha256):
            return False
        temporary = f"{self.root}/tmp/{uuid.uuid4().hex}"
        self.fs.makedirs(f"{self.root}/tmp", exist_ok=True)
        digest = hashlib.sha256()
        try:
            with path.open("rb") as source, self.fs.open(temporary, "wb") as out:
                while chunk := source.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
            if digest.hexdigest() != sha256:
                raise Invalid(f"{path} changed while it was being stored (sha256 {digest.hexdigest()}, not {sha256})")
            target = self.key(sha256)
            self.fs.makedirs(target.rsplit("/", 1)[0], exist_ok=True)
            self.fs.mv(temporary, target)
        finally:
            if self.fs.exists(temporary):
                self.fs.rm(temporary)
        return True

    def open(self, sha256: str) -> Any:
        """A binary file object reading the blob (use as a context manager)."""
        try:
            return self.fs.open(self.key(sha256), "rb")
        except FileNotFoundError as exc:
            raise NotFound(f"blob {sha256} is missing from {self.url}") from exc

    def chunks(self, sha256: str) -> Iterator[bytes]:
        """The blob's bytes in chunks of at most ``CHUNK``."""
        with self.open(sha256) as handle:
            while chunk := handle.read(CHUNK):
                yield chunk
