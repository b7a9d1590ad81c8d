"""The pure choice: allocation, equal shares, normalisation, split determinism, grouped splits."""

from __future__ import annotations

import uuid

from tunix_rt.datasets.build import (
    Candidate,
    allocate,
    choose,
    equal_shares,
    group_digest,
    normalise_prompt,
    rank_bytes,
    split,
    split_bytes,
)
from tunix_rt.datasets.schema import Dedupe, Selection, SplitSpec
from tunix_rt.datasets.transforms import seeded_unit


def candidates(count: int) -> list[Candidate]:
    return [Candidate(id=uuid.UUID(int=n).bytes, split_stratum=str(n % 4)) for n in range(count)]


def test_allocate_is_proportional_and_exact() -> None:
    assert allocate(10, {"a": 50, "b": 30, "c": 20}) == {"a": 5, "b": 3, "c": 2}
    assert allocate(3, {"a": 1, "b": 1, "c": 1, "d": 1}) == {"a": 1, "b": 1, "c": 1, "d": 0}
    assert allocate(5, {"a": 0}) == {"a": 0}


def test_equal_shares_give_leftovers_to_larger_groups() -> None:
    assert equal_shares(9, {"a": 100, "b": 2, "c": 100}) == {"a": 4, "b": 2, "c": 3}
    assert equal_shares(50, {"a": 3, "b": 4}) == {"a": 3, "b": 4}


def test_normalise_prompt() -> None:
    assert normalise_prompt("  What IS 3+4?? ") == normalise_prompt("what is 3 + 4") == "what is 3 4"
    assert normalise_prompt("What is 3 + 5?") != normalise_prompt("What is 3 + 4?")


def test_split_is_seeded_and_stable_under_additions() -> None:
    pool = candidates(100)
    train, held = split(pool, SplitSpec(eval_fraction=0.2, seed=1))
    assert len(held) == 20
    assert [c.id for c in train + held] != [c.id for c in pool]
    assert sorted(c.id for c in train + held) == sorted(c.id for c in pool)
    again = split(candidates(100), SplitSpec(eval_fraction=0.2, seed=1))[1]
    assert [c.id for c in held] == [c.id for c in again]
    assert {c.id for c in held} != {c.id for c in split(pool, SplitSpec(eval_fraction=0.2, seed=2))[1]}
    stratified = split(pool, SplitSpec(eval_count=8, stratify_by="group", seed=1))[1]
    assert sorted(c.split_stratum or "" for c in stratified) == ["0", "0", "1", "1", "2", "2", "3", "3"]


def test_random_selection_under_a_limit_is_a_seeded_sample() -> None:
    chosen = choose(candidates(50), Selection(strategy="random", seed=3), Dedupe(), 10, SplitSpec(eval_count=0))
    again = choose(candidates(50), Selection(strategy="random", seed=3), Dedupe(), 10, SplitSpec(eval_count=0))
    assert [c.id for c in chosen.train] == [c.id for c in again.train]
    other = choose(candidates(50), Selection(strategy="random", seed=4), Dedupe(), 10, SplitSpec(eval_count=0))
    assert {c.id for c in chosen.train} != {c.id for c in other.train}


def test_a_grouped_split_sends_whole_groups_to_eval_and_ungrouped_traces_alone() -> None:
    pool = [
        Candidate(id=uuid.UUID(int=n).bytes, group=None if n % 7 == 0 else group_digest(f"problem {n % 13}"))
        for n in range(100)
    ]
    train, held = split(pool, SplitSpec(eval_count=20, seed=3, group_by="problem"))
    assert {c.group for c in train if c.group} & {c.group for c in held if c.group} == set()
    biggest = max(sum(c.group == g for c in pool) for g in {c.group for c in pool if c.group})
    assert 20 <= len(held) < 20 + biggest
    assert sorted(c.id for c in train + held) == sorted(c.id for c in pool)
    again = split(list(reversed(pool)), SplitSpec(eval_count=20, seed=3, group_by="problem"))[1]
    assert sorted(c.id for c in again) == sorted(c.id for c in held)
    other = split(pool, SplitSpec(eval_count=20, seed=4, group_by="problem"))[1]
    assert {c.id for c in other} != {c.id for c in held}


def test_without_groups_the_split_is_the_row_split_it_always_was() -> None:
    pool = candidates(60)
    spec = SplitSpec(eval_count=9, seed=2)
    rows = sorted(pool, key=lambda c: (seeded_unit("split", 2, c.id), c.id))[:9]
    assert {c.id for c in split(pool, spec)[1]} == {c.id for c in rows}
    assert [split_bytes(2, c) for c in pool] == [rank_bytes("split", 2, c.id) for c in pool]
