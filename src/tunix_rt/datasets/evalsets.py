"""Eval sets: versioned, hashed sets of evaluation items, imported from JSONL or derived from a
dataset's eval split.

An eval set shares the datasets table (kind ``eval``) and key space, so a run names either by one
key and deleting either is refused while a run uses it. Its items live in the snapshot folder as
``items.jsonl`` (canonical JSON, sorted keys) whose sha256 the manifest records. The original
tunix-rt ``eval_v1`` / ``eval_v2`` files import unchanged: ``section`` and ``meta`` are optional.
"""

from __future__ import annotations

import hashlib
import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, StrictStr, ValidationError, field_validator
from sqlalchemy.ext.asyncio import AsyncSession

from tunix_rt import __version__
from tunix_rt.datasets import snapshot, store
from tunix_rt.datasets.export import records, split_files
from tunix_rt.datasets.schema import KEY_PATTERN, NAME_PATTERN, NAME_RE
from tunix_rt.datasets.tables import Dataset
from tunix_rt.errors import Invalid, NotFound, Problems
from tunix_rt.settings import Settings
from tunix_rt.storable import StorableDict, refuse_unstorable

ITEMS = "items.jsonl"


class EvalItem(BaseModel):
    """One evaluation item: a prompt and the answer a correct model gives."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: StrictStr = Field(min_length=1, max_length=200, description="Unique within the eval set.")
    prompt: StrictStr = Field(min_length=1, description="The question put to the model.")
    expected_answer: StrictStr = Field(description="The correct answer, compared after extraction.")
    section: StrictStr | None = Field(None, description="Part of the set, e.g. core, trace_sensitive, edge_case.")
    category: StrictStr | None = Field(None, description="Kind of task, e.g. arithmetic, knowledge.")
    difficulty: StrictStr | None = Field(None, description="e.g. easy, medium, hard.")
    meta: StorableDict = Field(default_factory=dict, description="Anything else worth keeping, kept exactly.")

    # evaluation results copy these into PostgreSQL text columns, which cannot hold NUL
    _storable = field_validator("id", "prompt", "expected_answer", "section", "category", "difficulty")(
        refuse_unstorable
    )

    @field_validator("expected_answer")
    @classmethod
    def _answer(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("empty expected answer: nothing to score against")
        return value

    def line(self) -> bytes:
        return orjson.dumps(self.model_dump(), option=orjson.OPT_SORT_KEYS) + b"\n"


class EvalSetDerive(BaseModel):
    """Make an eval set from the eval split of a trace dataset."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Eval set name; the key is name@vN.")
    version: int | None = Field(None, ge=1, description="Version to create; refused if taken (default: next).")
    description: str = Field("", max_length=2000, description="What this eval set measures.")
    dataset: str = Field(pattern=KEY_PATTERN, description="Key of the trace dataset whose eval split is used.")


@dataclass
class Validation:
    """What a JSONL file holds: valid items, and every problem with its 1-based line number."""

    lines: int = 0
    items: list[EvalItem] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"lines": self.lines, "valid": len(self.items), "invalid_lines": self.invalid, "errors": self.errors}

    @property
    def invalid(self) -> int:
        return len({error["line"] for error in self.errors})


def _message(error: Any) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown field"
    if error["type"] == "missing":
        return "required field missing"
    return str(error["msg"]).removeprefix("Value error, ")


def validate_lines(lines: Iterable[bytes]) -> Validation:
    """Check every line (all problems are reported, not just the first): JSON, fields, empty
    answers, unknown fields and duplicate ids (naming the line that used the id first)."""
    report = Validation()
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        report.lines += 1
        try:
            item = EvalItem.model_validate_json(line)
        except ValidationError as exc:
            report.errors.extend(
                {"line": number, "loc": list(err["loc"]), "msg": _message(err), "type": err["type"]}
                for err in exc.errors(include_url=False)
            )
            continue
        if item.id in first_line:
            report.errors.append(
                {
                    "line": number,
                    "loc": ["id"],
                    "msg": f"duplicate id '{item.id}' (first on line {first_line[item.id]})",
                    "type": "duplicate_id",
                }
            )
            continue
        first_line[item.id] = number
        report.items.append(item)
    return report


def parse(body: bytes) -> list[EvalItem]:
    """All items of a JSONL body, or ``Invalid`` listing every problem by line."""
    report = validate_lines(body.split(b"\n"))
    if report.errors:
        raise Invalid(f"{report.invalid} of {report.lines} line(s) are invalid", errors=report.errors)
    if not report.items:
        raise Invalid("the file holds no eval items")
    return report.items


def parse_named(name: str, body: bytes) -> list[EvalItem]:
    """The items of an import named ``name``, refused with every problem at once: the name's
    (it becomes the key name@vN and a folder) and each line's, rather than the lines' first and
    the name's on the next try."""
    problems = Problems("import")
    if NAME_RE.fullmatch(name) is None:
        msg = f"String should match pattern '{NAME_PATTERN}'"
        problems.add(Invalid(f"name: {msg}", errors=[{"loc": ["name"], "msg": msg, "type": "string_pattern_mismatch"}]))
    items: list[EvalItem] = []
    with problems.collect():
        items = parse(body)
    problems.raise_any()
    return items


def _counts(items: list[EvalItem]) -> dict[str, Any]:
    def tally(values: Iterable[str | None]) -> dict[str, int]:
        return dict(sorted(Counter("(missing)" if v is None else v for v in values).items()))

    return {
        "total": len(items),
        "by_section": tally(item.section for item in items),
        "by_category": tally(item.category for item in items),
        "by_difficulty": tally(item.difficulty for item in items),
    }


async def create(
    session: AsyncSession,
    settings: Settings,
    *,
    name: str,
    version: int | None,
    description: str,
    items: list[EvalItem],
    source: dict[str, Any],
) -> Dataset:
    """Store an eval set: a new version row and its snapshot folder (items.jsonl + manifest.json)."""
    dataset = await store.reserve(session, name, version, "eval", description)
    counts = _counts(items)
    staged = snapshot.staging(settings)
    try:
        digest = hashlib.sha256()
        with (staged / ITEMS).open("wb") as handle:
            for item in items:
                line = item.line()
                handle.write(line)
                digest.update(line)
        manifest = {
            "manifest_version": 1,
            "key": dataset.key,
            "name": dataset.name,
            "version": dataset.version,
            "kind": "eval",
            "created_at": dataset.created_at.isoformat().replace("+00:00", "Z"),
            "package_version": __version__,
            "source": source,
            "counts": counts,
            "files": {"items": ITEMS},
            "sha256": {"items": digest.hexdigest()},
        }
        snapshot.write_manifest(staged, manifest)
        snapshot.place(staged, settings, dataset.key)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    dataset.manifest = manifest
    dataset.counts = counts["by_section"]
    dataset.item_count = len(items)
    await session.flush()
    return dataset


def item_from_record(record: dict[str, Any], dataset_key: str) -> EvalItem:
    """An eval item from a snapshot trace record: the answer is the trace's final answer."""
    meta = record.get("meta") or {}

    def text(key: str) -> str | None:
        value = meta.get(key)
        return None if value is None else str(value)

    return EvalItem(
        id=str(record["id"]),
        prompt=record["prompt"],
        expected_answer=record["final_answer"],
        section=text("section") or "eval",
        category=text("category"),
        difficulty=text("difficulty"),
        meta={**meta, "trace_id": str(record["id"]), "dataset": dataset_key},
    )


async def derive(session: AsyncSession, settings: Settings, request: EvalSetDerive) -> Dataset:
    """An eval set from a trace dataset's eval split (which must not be empty). When the dataset
    held problems out (``split.group_by``), its manifest's ``holdout`` is copied into the eval
    set's ``source``: no item asks a problem of the dataset's train split."""
    source = await store.get(session, request.dataset)
    folder = snapshot.folder(settings, source.key)
    items = [
        item_from_record(record, source.key)
        for block in records(split_files(folder, source.manifest, "eval"))
        for record in block
        if str(record["final_answer"]).strip()
    ]
    if not items:
        raise Invalid(f"{source.key} has no eval items with an answer to derive from")
    holdout = source.manifest.get("holdout")
    return await create(
        session,
        settings,
        name=request.name,
        version=request.version,
        description=request.description,
        items=items,
        source={
            "type": "dataset",
            "dataset": source.key,
            "split": "eval",
            "sha256": source.manifest["sha256"]["eval"],
            "template": source.manifest["request"]["transforms"]["template"],
            # The items are that eval split, so the dataset's hold-out check speaks for them too.
            **({"holdout": holdout} if holdout is not None else {}),
        },
    )


def items_file(settings: Settings, dataset: Dataset) -> Path:
    """The eval set's canonical JSONL (what evaluation reads)."""
    path = snapshot.folder(settings, dataset.key) / ITEMS
    if not path.is_file():
        raise NotFound(f"the snapshot of {dataset.key} is missing {ITEMS} under the data home")
    return path


def load_items(settings: Settings, dataset: Dataset) -> Iterator[EvalItem]:
    """The eval set's items in order, one at a time."""
    with items_file(settings, dataset).open("rb") as handle:
        for line in handle:
            yield EvalItem.model_validate_json(line)
