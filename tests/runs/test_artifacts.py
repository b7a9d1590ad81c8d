"""Paths resolved strictly inside a run folder, and sizes and hashes of what is in it."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tunix_rt.errors import Invalid, NotFound
from tunix_rt.runs import artifacts
from tunix_rt.runs.artifacts import describe, file_for_download, listing, resolve_inside


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "run"
    (root / "ckpt").mkdir(parents=True)
    (root / "ckpt" / "a.bin").write_bytes(b"aa")
    (root / "ckpt" / "b.bin").write_bytes(b"bbb")
    (root / "out.txt").write_text("out")
    (tmp_path / "outside.txt").write_text("secret")
    (root / "link-out").symlink_to(tmp_path / "outside.txt")
    (root / "link-in").symlink_to(root / "out.txt")
    return root


@pytest.mark.parametrize(
    "bad", ["", "/etc/passwd", "../outside.txt", "ckpt/../../outside.txt", "a\0b", "ckpt\\..\\x", "link-out", "."]
)
def test_resolve_inside_refuses_escapes(folder: Path, bad: str) -> None:
    with pytest.raises(Invalid):
        resolve_inside(folder, bad)


def test_resolve_inside_accepts_inner_paths(folder: Path) -> None:
    assert resolve_inside(folder, "ckpt/a.bin") == folder / "ckpt" / "a.bin"
    assert resolve_inside(folder, "link-in") == folder / "out.txt"
    assert resolve_inside(folder, "not/yet/there") == folder / "not" / "yet" / "there"


def test_describe_files_and_folders(folder: Path) -> None:
    assert describe(folder / "out.txt") == (3, hashlib.sha256(b"out").hexdigest())
    size, digest = describe(folder / "ckpt")
    lines = f"a.bin {hashlib.sha256(b'aa').hexdigest()}\nb.bin {hashlib.sha256(b'bbb').hexdigest()}\n"
    assert (size, digest) == (5, hashlib.sha256(lines.encode()).hexdigest())


def test_listing_skips_escaping_symlinks_and_honours_the_limit(folder: Path) -> None:
    assert [entry.path for entry in listing(folder, 100)] == ["link-in", "out.txt", "ckpt/a.bin", "ckpt/b.bin"]
    assert len(listing(folder, 2)) == 2
    assert listing(folder / "missing", 100) == []


def test_download_needs_a_file(folder: Path) -> None:
    assert file_for_download(folder, "out.txt").read_text() == "out"
    with pytest.raises(NotFound):
        file_for_download(folder, "ckpt")


def test_a_file_is_hashed_once_until_it_changes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(artifacts, "DIGESTS", artifacts.DigestCache(max_entries=100))
    hashed: list[str] = []
    real = artifacts.hash_file

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(artifacts, "hash_file", counting)
    describe(folder / "ckpt")
    first = listing(folder, 100)
    assert len(hashed) == 3, "the two files the worker described, then out.txt (link-in is the same file)"
    assert listing(folder, 100) == first
    assert len(hashed) == 3
    target = folder / "out.txt"
    before = target.stat().st_mtime_ns
    target.write_text("new")
    os.utime(target, ns=(before + 1_000_000, before + 1_000_000))
    changed = {entry.path: entry.sha256 for entry in listing(folder, 100)}
    assert len(hashed) == 4
    assert changed["out.txt"] == hashlib.sha256(b"new").hexdigest()


def test_the_digest_cache_forgets_the_oldest_beyond_its_size(folder: Path) -> None:
    cache = artifacts.DigestCache(max_entries=2)
    for name in ("ckpt/a.bin", "ckpt/b.bin", "out.txt"):
        assert cache.sha256(folder / name) == hashlib.sha256((folder / name).read_bytes()).hexdigest()
    assert len(cache._digests) == 2
