"""The blob store: content-addressed, stored once, streamed, and the same over any fsspec URL."""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

import pytest

from tunix_rt.errors import Invalid, NotFound
from tunix_rt.registry import blobs as blobs_module
from tunix_rt.registry.blobs import BlobStore, sha256_file


@pytest.mark.parametrize("kind", ["local", "memory"])
def test_put_is_idempotent_and_reads_stream(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(blobs_module, "CHUNK", 4)
    url = str(tmp_path / "blobs") if kind == "local" else f"memory://blobs-{uuid.uuid4().hex}"
    store = BlobStore(url)
    source = tmp_path / "file.bin"
    source.write_bytes(b"0123456789")
    digest = sha256_file(source)
    assert digest == hashlib.sha256(b"0123456789").hexdigest()
    assert not store.exists(digest)
    assert store.put_file(source, digest) is True
    assert store.put_file(source, digest) is False
    assert list(store.chunks(digest)) == [b"0123", b"4567", b"89"]
    assert store.fs.ls(f"{store.root}/tmp") == []


def test_a_file_that_does_not_match_its_digest_is_refused(tmp_path: Path) -> None:
    store = BlobStore(str(tmp_path / "blobs"))
    source = tmp_path / "file.bin"
    source.write_bytes(b"changed")
    wrong = hashlib.sha256(b"original").hexdigest()
    with pytest.raises(Invalid, match="changed while it was being stored"):
        store.put_file(source, wrong)
    assert not store.exists(wrong)
    assert store.fs.ls(f"{store.root}/tmp") == []


def test_keys_are_digests_only(tmp_path: Path) -> None:
    store = BlobStore(str(tmp_path / "blobs"))
    with pytest.raises(Invalid):
        store.key("../../etc/passwd")
    with pytest.raises(NotFound):
        list(store.chunks("f" * 64))
