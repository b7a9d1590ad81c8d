"""Streaming exports from a dataset's snapshot files, in constant memory.

Exports read the frozen snapshot, never the traces table: the bytes cannot drift when traces are
retagged later, ``trace`` exports are the snapshot files themselves (so their sha256 is the
manifest's), and no database connection is held while a client reads slowly. Each generator is
synchronous on purpose: Starlette runs a sync iterator in its thread pool, so file reads,
rendering and Parquet encoding never block the event loop.

Parquet needs ``pyarrow`` (the ``parquet`` extra). Free-form objects (``meta``, ``metadata``) are
stored as JSON text columns, since their keys differ from row to row.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from tunix_rt.datasets.formats import RENDERERS, Record
from tunix_rt.datasets.template import RenderTemplate
from tunix_rt.errors import MissingExtra, NotFound

READ_BYTES = 1 << 20
ROW_GROUP = 10_000


def require_parquet() -> None:
    """Fail before a response starts, not in the middle of a stream."""
    if importlib.util.find_spec("pyarrow") is None:
        raise MissingExtra("parquet", "Parquet export")


def split_files(folder: Path, manifest: dict[str, Any], split: str) -> list[Path]:
    names = ("train", "eval") if split == "all" else (split,)
    return [folder / manifest["files"][name] for name in names]


def template_of(manifest: dict[str, Any]) -> RenderTemplate:
    return RenderTemplate.model_validate(manifest["request"]["transforms"]["template"])


def records(files: list[Path]) -> Iterator[list[Record]]:
    """Snapshot records in blocks of about a megabyte of lines."""
    for path in files:
        with path.open("rb") as handle:
            while lines := handle.readlines(READ_BYTES):
                # One parse per block, not per line: the lines are the items of one JSON array.
                yield orjson.loads(b"[" + b",".join(lines) + b"]")


def file_blocks(files: list[Path]) -> Iterator[bytes]:
    """The files' bytes as they are, a megabyte at a time."""
    for path in files:
        with path.open("rb") as handle:
            while block := handle.read(READ_BYTES):
                yield block


def jsonl_chunks(files: list[Path], fmt: str, template: RenderTemplate) -> Iterator[bytes]:
    if fmt == "trace":
        yield from file_blocks(files)
        return
    render = RENDERERS[fmt]
    dumps, newline = orjson.dumps, orjson.OPT_APPEND_NEWLINE
    for block in records(files):
        yield b"".join([dumps(render(record, template), option=newline) for record in block])


def _parquet_schema(fmt: str) -> Any:
    import pyarrow as pa

    text = pa.string()
    fields: dict[str, list[tuple[str, Any]]] = {
        "trace": [
            ("id", text),
            ("trace_version", text),
            ("prompt", text),
            ("final_answer", text),
            ("steps", pa.list_(pa.struct([("i", pa.int64()), ("type", text), ("content", text)]))),
            ("meta", text),
            ("tags", pa.list_(text)),
            ("source", text),
            ("created_at", text),
        ],
        "messages": [("messages", pa.list_(pa.struct([("role", text), ("content", text)])))],
        "prompt_completion": [("prompt", text), ("completion", text)],
        "tunix_sft": [("id", text), ("prompt", text), ("text", text)],
        "training_example": [("id", text), ("prompt", text), ("response", text), ("metadata", text)],
    }
    return pa.schema(fields[fmt])


_JSON_TEXT_FIELDS = ("meta", "metadata")


def _columnar(row: Record) -> Record:
    return {
        key: orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode() if key in _JSON_TEXT_FIELDS else value
        for key, value in row.items()
    }


class _Sink:
    """The file pyarrow writes to: bytes collect here and are handed on after each row group."""

    def __init__(self) -> None:
        self.buffer = bytearray()
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.buffer += data
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        """Nothing to flush: ``drain`` hands the bytes on."""

    def close(self) -> None:
        self.closed = True

    def drain(self) -> bytes:
        data = bytes(self.buffer)
        self.buffer.clear()
        return data


def parquet_chunks(files: list[Path], fmt: str, template: RenderTemplate) -> Iterator[bytes]:
    """A Parquet file written one row group at a time; Parquet's footer comes last, so the file
    streams front to back without seeking."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(fmt)
    render = RENDERERS[fmt]
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd")
    pending: list[Record] = []
    for block in records(files):
        pending.extend(_columnar(render(record, template)) for record in block)
        while len(pending) >= ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(pending[:ROW_GROUP], schema=schema))
            del pending[:ROW_GROUP]
            yield sink.drain()
    if pending:
        writer.write_table(pa.Table.from_pylist(pending, schema=schema))
    writer.close()
    yield sink.drain()


def export_chunks(folder: Path, manifest: dict[str, Any], fmt: str, split: str, output: str) -> Iterator[bytes]:
    """The bytes of one export: ``fmt`` rows of ``split`` as JSONL or Parquet. Missing snapshot
    files are reported here, before any byte is sent."""
    files = split_files(folder, manifest, split)
    missing = [path.name for path in files if not path.is_file()]
    if missing:
        raise NotFound(f"the snapshot of {manifest['key']} is missing {', '.join(missing)} under the data home")
    template = template_of(manifest)
    if output == "parquet":
        return parquet_chunks(files, fmt, template)
    return jsonl_chunks(files, fmt, template)
