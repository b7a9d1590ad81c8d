"""Synthetic traces: valid, right by construction (quality ok), and deterministic by seed."""

from __future__ import annotations

import hashlib
import uuid

import httpx
import pytest

from tunix_rt.traces.columns import lines
from tunix_rt.traces.quality import assess
from tunix_rt.traces.schema import ColumnArithmeticOptions
from tunix_rt.traces.synth import GENERATOR, KINDS, MIXED_KINDS, generate, generate_mixed

RANKS = ("2", "3", "4", "5", "6", "7", "8", "9", "10", "J", "Q", "K", "A")
SUITS = ("♣", "♦", "♥", "♠")
MATH_KINDS = ("arithmetic", "word_problem", "unit_conversion", "column_arithmetic")


def _order(card: str) -> tuple[int, int]:
    return RANKS.index(card[:-1]), SUITS.index(card[-1])


def test_kinds_are_the_documented_six_and_mixed_keeps_the_first_five() -> None:
    assert KINDS == ("arithmetic", "word_problem", "string", "unit_conversion", "card_game", "column_arithmetic")
    assert KINDS[:5] == MIXED_KINDS


@pytest.mark.parametrize("kind", KINDS)
def test_every_trace_is_well_formed_and_passes_quality(kind: str) -> None:
    traces = generate(kind, 300, seed=11)

    assert len(traces) == 300
    for index, trace in enumerate(traces):
        report = assess(trace.plain())
        assert report["ok"], (report["flags"], trace.model_dump())
        assert trace.trace_version == "1.0"
        assert trace.source == f"synth:{kind}"
        assert trace.tags == []
        assert 2 <= len(trace.steps) <= 6
        assert [step.i for step in trace.steps] == list(range(len(trace.steps)))
        assert trace.final_answer.casefold() in trace.steps[-1].content.casefold()
        assert {key: trace.meta[key] for key in ("generator", "kind", "seed", "index")} == {
            "generator": GENERATOR,
            "kind": kind,
            "seed": 11,
            "index": index,
        }
        assert trace.meta["difficulty"] in ("easy", "medium", "hard")
        assert isinstance(trace.meta["category"], str)
        assert trace.meta["category"]


@pytest.mark.parametrize("kind", MATH_KINDS)
def test_math_kinds_write_computations_that_the_checker_reads_as_correct(kind: str) -> None:
    reports = [assess(trace.plain()) for trace in generate(kind, 300, seed=5)]

    assert all(report["stats"]["arithmetic_checked"] >= 1 for report in reports)
    assert sum(report["stats"]["arithmetic_wrong"] for report in reports) == 0


@pytest.mark.parametrize("kind", KINDS)
def test_every_difficulty_appears(kind: str) -> None:
    difficulties = {trace.meta["difficulty"] for trace in generate(kind, 200, seed=2)}

    assert difficulties == {"easy", "medium", "hard"}


@pytest.mark.parametrize(
    ("kind", "categories"),
    [
        ("arithmetic", {"addition", "subtraction", "multiplication", "division", "multi_step"}),
        ("word_problem", {"shopping_change", "speed_distance_time", "unit_price", "percentage", "average"}),
        ("string", {"reverse", "sort_letters", "count_vowels", "count_letter", "uppercase", "word_count"}),
        ("unit_conversion", {"length", "mass", "time", "temperature", "distance"}),
        ("card_game", {"high_card_duel"}),
        ("column_arithmetic", {"addition", "subtraction"}),
    ],
)
def test_categories_cover_the_kind(kind: str, categories: set[str]) -> None:
    assert {trace.meta["category"] for trace in generate(kind, 300, seed=4)} == categories


@pytest.mark.parametrize("kind", KINDS)
def test_same_seed_gives_identical_traces(kind: str) -> None:
    first = [trace.model_dump() for trace in generate(kind, 50, seed=7)]
    again = [trace.model_dump() for trace in generate(kind, 50, seed=7)]

    assert first == again


@pytest.mark.parametrize("kind", KINDS)
def test_different_seeds_give_different_traces(kind: str) -> None:
    one = [trace.content_hash() for trace in generate(kind, 50, seed=1)]
    two = [trace.content_hash() for trace in generate(kind, 50, seed=2)]

    assert one != two
    assert len(set(one) & set(two)) < 25


@pytest.mark.parametrize("kind", KINDS)
def test_a_shorter_request_is_a_prefix_of_a_longer_one(kind: str) -> None:
    short = [trace.model_dump() for trace in generate(kind, 10, seed=3)]
    long = [trace.model_dump() for trace in generate(kind, 40, seed=3)]

    assert long[:10] == short


def test_output_is_pinned_byte_for_byte() -> None:
    """Guards "same inputs, same bytes" across machines and Python versions. If a generator is
    changed on purpose, update the pins, and say so: the demo data changes with them."""
    arithmetic = generate("arithmetic", 1, seed=0)[0]
    card = generate("card_game", 1, seed=0)[0]
    columns = generate("column_arithmetic", 2, seed=0)
    digest = hashlib.sha256("".join(t.content_hash() for t in generate_mixed(25, seed=0)).encode()).hexdigest()

    assert (arithmetic.prompt, arithmetic.final_answer) == ("Work out 556.4 - 2497 step by step.", "-1940.6")
    assert (card.meta["hand"], card.meta["opponent_card"], card.final_answer) == (
        ["2♣", "3♣", "8♦", "9♥", "J♣"],
        "9♠",
        "J♣",
    )
    assert digest == "cf040c081106b62832c5090ba1fb4b18af28e90b075514e5cd22e2309473db36"
    assert [(t.prompt, t.final_answer) for t in columns] == [
        ("What is 154 + 940?", "1094"),
        ("What is 462 - 165?", "297"),
    ]


def test_mixed_cycles_through_the_kinds_with_each_kinds_own_stream() -> None:
    mixed = generate_mixed(23, seed=9)

    assert [trace.meta["kind"] for trace in mixed] == [MIXED_KINDS[n % len(MIXED_KINDS)] for n in range(23)]
    for kind in MIXED_KINDS:
        own = [trace for trace in mixed if trace.meta["kind"] == kind]
        assert [t.model_dump() for t in own] == [t.model_dump() for t in generate(kind, len(own), seed=9)]


def test_mixed_is_quality_ok_and_prefix_stable() -> None:
    mixed = generate_mixed(100, seed=1)

    assert all(assess(trace.plain())["ok"] for trace in mixed)
    assert [t.model_dump() for t in generate_mixed(30, seed=1)] == [t.model_dump() for t in mixed[:30]]


@pytest.mark.parametrize("count", [0, 1])
def test_small_counts(count: int) -> None:
    assert len(generate("string", count, seed=0)) == count
    assert len(generate_mixed(count, seed=0)) == count


def test_unknown_kind_names_the_allowed_kinds() -> None:
    with pytest.raises(ValueError, match="unknown kind 'poetry'") as error:
        generate("poetry", 3, seed=0)

    assert all(kind in str(error.value) for kind in KINDS)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="count"):
        generate("arithmetic", -1, seed=0)
    with pytest.raises(ValueError, match="count"):
        generate_mixed(-1, seed=0)


def test_card_game_plays_the_lowest_winning_card_or_the_lowest_card() -> None:
    outcomes = set()
    for trace in generate("card_game", 400, seed=8):
        meta = trace.meta
        hand, opponent, played = meta["hand"], meta["opponent_card"], trace.final_answer
        assert len(hand) == {"easy": 3, "medium": 4, "hard": 5}[meta["difficulty"]]
        assert meta["legal_moves"] == hand
        assert hand == sorted(hand, key=_order)
        assert opponent not in hand
        assert played in hand
        winners = [card for card in hand if _order(card)[0] > _order(opponent)[0]]
        assert played == (winners[0] if winners else hand[0])
        assert meta["outcome"] == ("win" if winners else "lose")
        assert f"I play {played} and {meta['outcome']} the trick." == trace.steps[-1].content
        outcomes.add(meta["outcome"])
    assert outcomes == {"win", "lose"}


def test_card_game_prompt_states_rule_hand_and_opponent() -> None:
    trace = generate("card_game", 1, seed=0)[0]

    assert "higher rank wins" in trace.prompt
    assert "tie loses" in trace.prompt
    assert f"Your hand: {', '.join(trace.meta['hand'])}." in trace.prompt
    assert f"played {trace.meta['opponent_card']}." in trace.prompt
    assert [step.type for step in trace.steps] == ["rule", "setup", "moves", "evaluation", "decision", "answer"]


def test_column_arithmetic_works_each_column_then_states_the_problem_and_its_result() -> None:
    trace = generate("column_arithmetic", 1, seed=0)[0]
    assert [(step.type, step.content) for step in trace.steps] == [
        ("column", "units: 4 + 0 + 0 = 4, write 4, carry 0"),
        ("column", "tens: 5 + 4 + 0 = 9, write 9, carry 0"),
        ("column", "hundreds: 1 + 9 + 0 = 10, write 0, carry 1"),
        ("answer", "154 + 940 = 1094"),
    ]
    assert {key: trace.meta[key] for key in ("problem", "operation", "operands", "digits", "carries")} == {
        "problem": "154 + 940",
        "operation": "addition",
        "operands": [154, 940],
        "digits": 3,
        "carries": 1,
    }
    assert (trace.meta["category"], trace.meta["difficulty"]) == ("addition", "medium")


def test_column_arithmetic_follows_its_options_and_never_repeats_a_problem() -> None:
    options = ColumnArithmeticOptions(min_digits=2, max_digits=4, operations=["subtraction"])
    traces = generate("column_arithmetic", 600, seed=3, column_arithmetic=options)
    problems = [trace.meta["problem"] for trace in traces]
    assert len(set(problems)) == 600
    assert {trace.meta["digits"] for trace in traces} == {2, 3, 4}
    for trace in traces:
        a, b = trace.meta["operands"]
        assert len(str(a)) == len(str(b)) == trace.meta["digits"]
        assert a >= b
        assert trace.final_answer == str(a - b)
        assert [step.content for step in trace.steps[:-1]] == lines(a, b, "subtraction")
        assert trace.meta["carries"] == sum(step.content.endswith("borrow 1") for step in trace.steps)
        assert trace.meta["difficulty"] == ("easy", "medium", "hard")[min(trace.meta["carries"], 2)]


def test_column_arithmetic_can_ask_every_problem_there_is_but_not_one_more() -> None:
    one_digit = ColumnArithmeticOptions(min_digits=1, max_digits=1, operations=["addition"])
    every = generate("column_arithmetic", 81, seed=0, column_arithmetic=one_digit)
    assert sorted(tuple(trace.meta["operands"]) for trace in every) == [
        (a, b) for a in range(1, 10) for b in range(1, 10)
    ]
    with pytest.raises(ValueError, match="only 81 distinct problems"):
        generate("column_arithmetic", 82, seed=0, column_arithmetic=one_digit)
    both = ColumnArithmeticOptions(min_digits=1, max_digits=1)
    with pytest.raises(ValueError, match="only 126 distinct problems"):
        generate("column_arithmetic", 127, seed=0, column_arithmetic=both)


def test_column_options_belong_to_their_kind_and_are_checked() -> None:
    with pytest.raises(ValueError, match="apply only to kind column_arithmetic"):
        generate("arithmetic", 3, seed=0, column_arithmetic=ColumnArithmeticOptions())
    with pytest.raises(ValueError, match="min_digits is greater than max_digits"):
        ColumnArithmeticOptions(min_digits=4, max_digits=3)
    with pytest.raises(ValueError, match="listed twice"):
        ColumnArithmeticOptions(operations=["addition", "addition"])
    with pytest.raises(ValueError, match="less than or equal to 9"):
        ColumnArithmeticOptions(max_digits=10)


async def test_the_same_seed_stores_the_same_ids_in_any_store(client: httpx.AsyncClient) -> None:
    from tunix_rt.traces.store import CONTENT_IDS

    response = await client.post("/api/traces/synth", json={"kind": "column_arithmetic", "count": 5, "seed": 7})
    assert response.status_code == 200, response.text
    stored = {item["id"] for item in (await client.get("/api/traces", params={"limit": 10})).json()["items"]}
    expected = {str(uuid.uuid5(CONTENT_IDS, trace.content_hash())) for trace in generate("column_arithmetic", 5, 7)}
    assert stored == expected
