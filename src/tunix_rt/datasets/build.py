"""Choosing a dataset's traces: order by strategy, dedupe, limit, split.

The database does the filtering (``TraceFilters`` in SQL) and hands over, oldest first, one light
``Candidate`` per matching trace. Everything random here is a seeded hash of the trace id
(``seeded_unit``), not a shuffle of a list: hashing is portable where SQL random functions are not
(SQLite and PostgreSQL share no seeded hash), each trace's draw is independent of the others, and a
trace keeps its place relative to the others when unrelated traces are added to the store.

Order of operations: the strategy orders the candidates (curriculum also drops those fitting no
stage), duplicates are dropped keeping the first in that order, the limit keeps a prefix (per
stratum quotas for ``stratified``), and the split sends a seeded, optionally stratified, share to
eval; both splits keep the selection order.

A split can hold out problems rather than rows (``SplitSpec.group_by``): traces sharing a group
value (their normalised prompt, or a meta key such as ``problem``) share one seeded draw, so they
sort together, and the eval share takes whole groups: each group that starts within the quota.
Eval may then hold a few more traces than asked (the rest of its last group), never part of a
problem that train also holds.

``choose`` states that choice over a list in memory: it is the specification. A build of millions
of traces cannot hold such a list, so ``datasets.store`` runs the same choice in SQL: each
candidate's place in the order (``order_key``) and in its split stratum (``rank_bytes``) is
computed here as bytes that sort bytewise exactly as ``order`` and ``split`` sort in Python, and the
database sorts those (SQLite BLOBs and PostgreSQL ``bytea`` both compare bytewise). Tests hold the
two equal.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tunix_rt.datasets.schema import Dedupe, Selection, SplitSpec, Stage
from tunix_rt.datasets.transforms import seeded_unit

MISSING = "(missing)"
_NOT_WORD = re.compile(r"[\W_]+")
_ALL_BITS = 2**64 - 1


@dataclass(slots=True)
class Candidate:
    """What the build knows of one matching trace before choosing: no prompt, no steps."""

    id: bytes
    exact: bytes | None = None
    near: bytes | None = None
    stratum: str | None = None
    split_stratum: str | None = None
    difficulty: str | None = None
    stage: str | None = None
    group: bytes | None = None
    """Digest of the split group value (``group_digest``); None keeps the trace a group of its own."""


@dataclass
class Chosen:
    train: list[Candidate]
    eval: list[Candidate]
    dropped_duplicates: int
    dropped_no_stage: int


def normalise_prompt(prompt: str) -> str:
    """Near-duplicate key: NFKC, case-folded, punctuation and runs of spaces collapsed to one space.

    Digits stay: "What is 3 + 4?" and "What is 3 + 5?" are different problems.
    """
    return " ".join(_NOT_WORD.sub(" ", unicodedata.normalize("NFKC", prompt).casefold()).split())


def _rank(purpose: str, seed: int, candidate: Candidate) -> tuple[float, bytes]:
    return seeded_unit(purpose, seed, candidate.id), candidate.id


def group_digest(value: str) -> bytes:
    """The key a split group is drawn by: 16 bytes, like a trace id, so both sort alike."""
    return hashlib.blake2b(value.encode(), digest_size=16, person=b"split-group").digest()


def _split_rank(seed: int, candidate: Candidate) -> tuple[float, bytes]:
    """A candidate's place in the split order: its group's draw (its own when ungrouped)."""
    key = candidate.id if candidate.group is None else candidate.group
    return seeded_unit("split", seed, key), key


def _stage_of(stages: Sequence[Stage], value: str | None) -> int | None:
    for index, stage in enumerate(stages):
        if stage.holds(value):
            return index
    return None


def _difficulty_rank(stage: Stage, value: str | None) -> float:
    """A held value's rank inside its stage: its place in the stage's list, or its number (a stage
    with bounds holds only values that parse as numbers)."""
    if stage.values:
        return float(stage.values.index(value or ""))
    return float(value or "")


def order(candidates: Sequence[Candidate], selection: Selection) -> tuple[list[Candidate], int]:
    """Candidates (oldest first) in the strategy's order; also the number fitting no curriculum stage."""
    strategy, seed = selection.strategy, selection.seed
    if strategy == "all":
        return list(candidates), 0
    if strategy == "latest":
        return list(reversed(candidates)), 0
    if strategy in ("random", "stratified"):
        return sorted(candidates, key=lambda c: _rank("select", seed, c)), 0
    staged: list[tuple[int, float, tuple[float, bytes], Candidate]] = []
    for candidate in candidates:
        index = _stage_of(selection.stages, candidate.difficulty)
        if index is None:
            continue
        stage = selection.stages[index]
        candidate.stage = stage.name
        staged.append(
            (index, _difficulty_rank(stage, candidate.difficulty), _rank("select", seed, candidate), candidate)
        )
    staged.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in staged], len(candidates) - len(staged)


def sortable_float(value: float) -> bytes:
    """Eight bytes that compare bytewise as the float compares: positives get the sign bit set,
    negatives have every bit flipped. ``-0.0`` is written as ``0.0``, since Python holds them equal
    and lets the next key decide."""
    (bits,) = struct.unpack(">Q", struct.pack(">d", value + 0.0))
    return struct.pack(">Q", bits ^ _ALL_BITS if bits >> 63 else bits | 1 << 63)


def rank_bytes(purpose: str, seed: int, trace_id: bytes) -> bytes:
    """``_rank`` as bytes that sort like it: the seeded draw, then the id that breaks its ties."""
    return sortable_float(seeded_unit(purpose, seed, trace_id)) + trace_id


def split_bytes(seed: int, candidate: Candidate) -> bytes:
    """``_split_rank`` as bytes that sort like it; equal for the traces of one group."""
    return rank_bytes("split", seed, candidate.id if candidate.group is None else candidate.group)


def order_key(candidate: Candidate, selection: Selection, ordinal: int) -> bytes | None:
    """The candidate's place in ``order`` as bytes that sort like it, given its ``ordinal`` in the
    oldest-first order of the matches; None for a curriculum candidate fitting no stage (``order``
    drops it). Sets ``candidate.stage`` as ``order`` does."""
    strategy = selection.strategy
    if strategy == "all":
        return ordinal.to_bytes(8, "big")
    if strategy == "latest":
        return (_ALL_BITS - ordinal).to_bytes(8, "big")
    rank = rank_bytes("select", selection.seed, candidate.id)
    if strategy != "curriculum":
        return rank
    index = _stage_of(selection.stages, candidate.difficulty)
    if index is None:
        return None
    stage = selection.stages[index]
    candidate.stage = stage.name
    return index.to_bytes(4, "big") + sortable_float(_difficulty_rank(stage, candidate.difficulty)) + rank


def dedupe(ordered: Iterable[Candidate], config: Dedupe) -> tuple[list[Candidate], int]:
    """Drop candidates whose exact or near key was seen earlier in the order."""
    kept: list[Candidate] = []
    exact_seen: set[bytes] = set()
    near_seen: set[bytes] = set()
    dropped = 0
    for candidate in ordered:
        if config.exact and candidate.exact is not None:
            if candidate.exact in exact_seen:
                dropped += 1
                continue
            exact_seen.add(candidate.exact)
        if config.near and candidate.near is not None:
            if candidate.near in near_seen:
                dropped += 1
                continue
            near_seen.add(candidate.near)
        kept.append(candidate)
    return kept, dropped


def allocate(total: int, sizes: dict[str, int]) -> dict[str, int]:
    """Split ``total`` over groups in proportion to their sizes (largest remainder, ties by name)."""
    whole = sum(sizes.values())
    if whole == 0:
        return dict.fromkeys(sizes, 0)
    exact = {name: total * size / whole for name, size in sizes.items()}
    shares = {name: int(value) for name, value in exact.items()}
    leftover = total - sum(shares.values())
    for name in sorted(sizes, key=lambda n: (-(exact[n] - shares[n]), n))[:leftover]:
        shares[name] += 1
    return shares


def equal_shares(total: int, sizes: dict[str, int]) -> dict[str, int]:
    """Split ``total`` equally over groups; a group smaller than its share gives the rest to others."""
    shares = dict.fromkeys(sizes, 0)
    remaining = min(total, sum(sizes.values()))
    open_groups = sorted(name for name, size in sizes.items() if size > 0)
    while remaining and open_groups:
        each, extra = divmod(remaining, len(open_groups))
        for position, name in enumerate(open_groups):
            want = each + (1 if position < extra else 0)
            take = min(want, sizes[name] - shares[name])
            shares[name] += take
            remaining -= take
        open_groups = [name for name in open_groups if shares[name] < sizes[name]]
    return shares


def _groups(candidates: Iterable[Candidate], key: str) -> dict[str, list[Candidate]]:
    groups: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        value = getattr(candidate, key)
        groups[MISSING if value is None else value].append(candidate)
    return groups


def limit(ordered: list[Candidate], selection: Selection, count: int | None) -> list[Candidate]:
    """A prefix of the order; for ``stratified``, per-stratum quotas (proportional or equal)."""
    if count is None or count >= len(ordered):
        return ordered
    if selection.strategy != "stratified":
        return ordered[:count]
    groups = _groups(ordered, "stratum")
    sizes = {name: len(members) for name, members in groups.items()}
    quotas = equal_shares(count, sizes) if selection.balance == "equal" else allocate(count, sizes)
    keep = {id(c) for name, members in groups.items() for c in members[: quotas[name]]}
    return [c for c in ordered if id(c) in keep]


def split(selected: list[Candidate], spec: SplitSpec) -> tuple[list[Candidate], list[Candidate]]:
    """Send ``spec.eval_size`` candidates to eval, per stratum in proportion when stratified, each
    stratum's eval members being those with the lowest seeded split rank; ranks tie within a
    group, and a member goes to eval when fewer than the quota rank strictly before it."""
    wanted = spec.eval_size(len(selected))
    if spec.stratify_by is None:
        groups = {"": selected}
    else:
        groups = _groups(selected, "stage" if spec.stratify_by == "stage" else "split_stratum")
    quotas = allocate(wanted, {name: len(members) for name, members in groups.items()})
    to_eval: set[bytes] = set()
    for name, members in groups.items():
        ranked = sorted((_split_rank(spec.seed, c), c.id) for c in members)
        start = 0  # where the current group starts: what SQL's rank() gives its members, less one
        for place, (rank, trace_id) in enumerate(ranked):
            if place and rank != ranked[place - 1][0]:
                start = place
            if start >= quotas[name]:
                break
            to_eval.add(trace_id)
    train = [c for c in selected if c.id not in to_eval]
    held_out = [c for c in selected if c.id in to_eval]
    return train, held_out


def choose(
    candidates: Sequence[Candidate], selection: Selection, config: Dedupe, count: int | None, spec: SplitSpec
) -> Chosen:
    """The whole choice: order, dedupe, limit, split."""
    ordered, no_stage = order(candidates, selection)
    unique, duplicates = dedupe(ordered, config)
    train, held_out = split(limit(unique, selection, count), spec)
    return Chosen(train=train, eval=held_out, dropped_duplicates=duplicates, dropped_no_stage=no_stage)
