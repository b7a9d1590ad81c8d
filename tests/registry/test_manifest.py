"""The content hash is a function of (relative path, size, sha256) only: the same files give the
same hash on any machine, whatever order they were created or listed in and whatever path
separator the OS uses; any change to a name or a byte changes it."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest

from tests.registry.conftest import write_output
from tunix_rt.errors import Invalid
from tunix_rt.registry.manifest import ManifestEntry, canonical, canonical_json, content_hash, normalize_path
from tunix_rt.registry.store import model_output

FILES = {"config.json": b"{}", "weights/part-1.bin": b"\x00" * 10, "weights/part-2.bin": b"\x01" * 7, "z": b""}


def entries(files: dict[str, bytes], separator: str = "/") -> list[ManifestEntry]:
    return [
        ManifestEntry(path.replace("/", separator), len(data), hashlib.sha256(data).hexdigest())
        for path, data in files.items()
    ]


def test_the_canonical_form_is_pinned() -> None:
    """A fixed manifest has a fixed hash: a change to the canonical form breaks this, on purpose."""
    assert canonical_json(entries({"a.txt": b"x"})) == (
        b'[{"path":"a.txt","sha256":"2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881","size":1}]'
    )
    assert content_hash(entries(FILES)) == hashlib.sha256(canonical_json(entries(FILES))).hexdigest()


def test_order_and_separators_do_not_change_the_hash() -> None:
    forward = content_hash(entries(FILES))
    assert content_hash(reversed(entries(FILES))) == forward
    assert content_hash(entries(FILES, separator="\\")) == forward
    assert content_hash(ManifestEntry("./" + e.path, e.size, e.sha256) for e in entries(FILES)) == forward


def test_any_change_changes_the_hash() -> None:
    forward = content_hash(entries(FILES))
    assert content_hash(entries({**FILES, "z": b"!"})) != forward
    renamed = {("Z" if k == "z" else k): v for k, v in FILES.items()}
    assert content_hash(entries(renamed)) != forward
    assert content_hash(entries({k: v for k, v in FILES.items() if k != "z"})) != forward


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a/../../b", "C:\\x", "C:x", "", ".", "a\0b", "\\\\host\\x"])
def test_paths_that_could_escape_are_refused(bad: str) -> None:
    with pytest.raises(Invalid):
        normalize_path(bad)


def test_normalised_paths() -> None:
    assert normalize_path("a\\b\\c.bin") == "a/b/c.bin"
    assert normalize_path("./a//b/") == "a/b"
    assert normalize_path("cafe\u0301.json") == normalize_path("caf\u00e9.json") == "caf\u00e9.json"


def test_duplicates_and_bad_digests_are_refused() -> None:
    one = ManifestEntry("a", 1, "0" * 64)
    with pytest.raises(Invalid, match="twice"):
        canonical([one, ManifestEntry("./a", 1, "0" * 64)])
    with pytest.raises(Invalid, match="bad size or sha256"):
        canonical([ManifestEntry("a", 1, "XYZ")])
    with pytest.raises(Invalid, match="bad size or sha256"):
        canonical([ManifestEntry("a", -1, "0" * 64)])


def test_two_folders_built_in_different_orders_hash_the_same(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write_output(first)
    (first / "merged" / "deep" / "er").mkdir(parents=True)
    (first / "merged" / "deep" / "er" / "x.bin").write_bytes(b"x")
    (first / "merged" / "a.bin").write_bytes(b"a")
    # the same tree, made the other way round
    (second / "merged" / "deep" / "er").mkdir(parents=True)
    (second / "merged" / "deep" / "er" / "x.bin").write_bytes(b"x")
    (second / "merged" / "a.bin").write_bytes(b"a")
    write_output(second)
    run_id = uuid.uuid4()
    one, two = model_output(first, run_id), model_output(second, run_id)
    assert [f.entry for f in one.files] != []
    assert one.format == "merged"
    assert content_hash(f.entry for f in one.files) == content_hash(f.entry for f in two.files)
    assert {f.entry.path for f in one.files} == {
        "config.json",
        "model.safetensors",
        "tokenizer/vocab.json",
        "deep/er/x.bin",
        "a.bin",
    }


def test_a_symlink_out_of_the_output_is_not_followed(tmp_path: Path) -> None:
    write_output(tmp_path / "run")
    (tmp_path / "secret").write_text("do not publish")
    (tmp_path / "run" / "merged" / "leak").symlink_to(tmp_path / "secret")
    paths = {f.entry.path for f in model_output(tmp_path / "run", uuid.uuid4()).files}
    assert "leak" not in paths
