"""A dataset's folder under the data home: ``<home>/datasets/<key>/`` with ``manifest.json`` and the
canonical JSONL of each split (``train.jsonl``, ``eval.jsonl``; ``items.jsonl`` for eval sets).

Folders are written under a temporary name and renamed into place, so a crashed build never
leaves a half-written snapshot under a real key. With an artifact store (``artifact_store``), a
placed snapshot is uploaded to ``datasets/<key>/`` there too, and ``local`` downloads it into the
data home of a machine that lacks it. Paths are only ever made from keys that passed
``parse_key``: nothing a client sends becomes a path otherwise.
"""

from __future__ import annotations

import hashlib
import math
import shutil
import uuid
from collections import Counter
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import IO, Any

import orjson

from tunix_rt.datasets.schema import parse_key
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import NotFound
from tunix_rt.settings import Settings
from tunix_rt.storage import artifact_store

MANIFEST = "manifest.json"
TOKEN_BUCKETS = (0, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096)


def root(settings: Settings) -> Path:
    return settings.home / "datasets"


def folder(settings: Settings, key: str) -> Path:
    parse_key(key)
    return root(settings) / key


def staging(settings: Settings) -> Path:
    path = root(settings) / f".building-{uuid.uuid4().hex}"
    path.mkdir(parents=True)
    return path


def place(staged: Path, settings: Settings, key: str) -> Path:
    """Move a finished staging folder to the key's folder, replacing a stale one (left by a build
    whose transaction rolled back: the database row, not the folder, says what exists)."""
    final = folder(settings, key)
    if final.exists():
        shutil.rmtree(final)
    staged.rename(final)
    store = artifact_store(settings)
    if store is not None:
        store.put_tree(final, f"datasets/{key}")
    return final


def local(settings: Settings, key: str) -> Path:
    """The key's folder in this machine's data home, downloaded from the artifact store first
    when it is not there (a worker on another machine than the one that built the snapshot).
    The manifest is fetched last, so a folder holding one is complete."""
    final = folder(settings, key)
    store = artifact_store(settings)
    if store is None or (final / MANIFEST).is_file():
        return final
    staged = staging(settings)
    try:
        names = store.files(f"datasets/{key}")
        for name in sorted(names, key=lambda name: name.endswith(f"/{MANIFEST}")):
            store.get_file(name, staged / name.removeprefix(f"datasets/{key}/"))
        if not names:
            raise NotFound(f"dataset {key} is in neither the data home nor the artifact store")
        if not (final / MANIFEST).is_file():  # another run on this machine may have fetched it meanwhile
            shutil.rmtree(final, ignore_errors=True)
            staged.rename(final)
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return final


def discard(settings: Settings, key: str) -> None:
    """Remove a key's folder (after its row is deleted); renamed first so readers never see half of it."""
    final = folder(settings, key)
    if final.exists():
        doomed = root(settings) / f".deleted-{uuid.uuid4().hex}"
        final.rename(doomed)
        shutil.rmtree(doomed, ignore_errors=True)
    store = artifact_store(settings)
    if store is not None:
        store.remove(f"datasets/{key}")


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    (path / MANIFEST).write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n")


def approx_tokens(text: str) -> int:
    """Characters / 4, the usual rule of thumb for English under BPE tokenizers."""
    return math.ceil(len(text) / 4)


def bucket(tokens: int) -> str:
    for low, high in pairwise(TOKEN_BUCKETS):
        if tokens < high:
            return f"{low}-{high - 1}"
    return f"{TOKEN_BUCKETS[-1]}+"


class SplitWriter:
    """Writes one split's canonical JSONL while hashing it and gathering its statistics.

    ``also`` is a second hash fed the same bytes: the hash of all splits in order, which is what
    an export of ``split=all`` must reproduce.
    """

    def __init__(self, path: Path, template: RenderTemplate, also: Any) -> None:
        self.path = path
        self.template = template
        self.sha256 = hashlib.sha256()
        self.also = also
        self.count = 0
        self.bytes = 0
        self.prompt_tokens: Counter[str] = Counter()
        self.completion_tokens: Counter[str] = Counter()
        self.steps: Counter[int] = Counter()
        self.categories: Counter[str] = Counter()
        self._handle: IO[bytes] = path.open("wb")

    def write(self, records: Iterable[tuple[dict[str, Any], bytes]]) -> None:
        lines: list[bytes] = []
        for record, line in records:
            lines.append(line)
            self.prompt_tokens[bucket(approx_tokens(record["prompt"]))] += 1
            completion = self.template.render(record["steps"], record["final_answer"])
            self.completion_tokens[bucket(approx_tokens(completion))] += 1
            self.steps[len(record["steps"])] += 1
            category = record["meta"].get("category")
            self.categories["(missing)" if category is None else str(category)] += 1
        block = b"".join(lines)
        self._handle.write(block)
        self.sha256.update(block)
        self.also.update(block)
        self.count += len(lines)
        self.bytes += len(block)

    def close(self) -> None:
        self._handle.close()

    def stats(self) -> dict[str, Any]:
        def ordered(counter: Counter[str]) -> dict[str, int]:
            labels = [bucket(low) for low in TOKEN_BUCKETS]
            return {label: counter[label] for label in labels if counter[label]}

        return {
            "count": self.count,
            "prompt_tokens": ordered(self.prompt_tokens),
            "completion_tokens": ordered(self.completion_tokens),
            "step_counts": {str(n): self.steps[n] for n in sorted(self.steps)},
            "categories": dict(sorted(self.categories.items())),
        }
