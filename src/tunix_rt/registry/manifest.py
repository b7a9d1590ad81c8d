"""The canonical manifest of a model version and its content hash (pure: no I/O).

A version's identity is the sha256 of the canonical JSON of its files as (posix relative path,
size, sha256) entries sorted by path, not of concatenated bytes: the hash then does not depend
on the order a machine lists files in, on its path separator, or on how files are chunked, and
two versions can be compared file by file. Paths are normalised and checked here once, so every
archive member and blob-backed file name is a plain relative path by construction.

>>> entries = [ManifestEntry("b.txt", 1, "0" * 64), ManifestEntry("a\\\\x.bin", 2, "1" * 64)]
>>> [e.path for e in canonical(entries)]
['a/x.bin', 'b.txt']
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tunix_rt.errors import Invalid

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, order=True)
class ManifestEntry:
    """One file of a version: where it sits, how big it is, and its sha256 (its blob key)."""

    path: str
    size: int
    sha256: str


def normalize_path(path: str) -> str:
    """``path`` as a posix relative path in Unicode NFC (macOS file systems hand out decomposed
    names); Windows separators become ``/`` and ``.`` parts go.
    Absolute paths, drive letters, ``..``, NUL and empty names are refused: such a name could
    land outside the folder an archive is extracted into."""
    unified = unicodedata.normalize("NFC", path).replace("\\", "/")
    parts = [part for part in unified.split("/") if part not in ("", ".")]
    if (
        not parts
        or "\0" in unified
        or unified.startswith("/")
        or _DRIVE.match(unified)
        or any(part == ".." for part in parts)
    ):
        raise Invalid(f"'{path}' is not a relative file path")
    return "/".join(parts)


def canonical(entries: Iterable[ManifestEntry]) -> list[ManifestEntry]:
    """Entries with normalised paths, sorted by path; a repeated path or a malformed size or
    digest is refused rather than silently merged."""
    result: dict[str, ManifestEntry] = {}
    for entry in entries:
        path = normalize_path(entry.path)
        if entry.size < 0 or not _SHA256.match(entry.sha256):
            raise Invalid(f"manifest entry '{path}' has a bad size or sha256")
        if path in result:
            raise Invalid(f"manifest lists '{path}' twice")
        result[path] = ManifestEntry(path, entry.size, entry.sha256)
    return [result[path] for path in sorted(result)]


def canonical_json(entries: Iterable[ManifestEntry]) -> bytes:
    """The bytes the content hash is taken over: a compact JSON array, keys sorted, UTF-8."""
    rows = [{"path": e.path, "sha256": e.sha256, "size": e.size} for e in canonical(entries)]
    return json.dumps(rows, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def content_hash(entries: Iterable[ManifestEntry]) -> str:
    """The version's content hash: sha256 of ``canonical_json``."""
    return hashlib.sha256(canonical_json(entries)).hexdigest()
