"""Paths resolved strictly inside a run folder, and sizes and hashes of what is in it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tunix_rt.errors import Invalid, NotFound
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
