"""The regression gate on both databases, through the API and ``tunix-rt eval gate``: a drop the
paired test calls noise passes and says so, a significant one fails, alpha 1 fails on the
shortfall alone, a metric that is not an item verdict has no test, evaluations made with other
settings are refused unless forced, and items with samples take the permutation test.

The evaluations are recorded from hand-written outputs (``recorded_eval``) over the 8 items of
``EVALSET``, so every p-value follows from which items each got right: k of k items broken and
none fixed gives McNemar's exact p = 2 / 2**k.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import httpx
import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.test_api import EVALSET, evalset, recorded_eval
from tests.evaluation.test_cli import cli, cli_json
from tunix_rt import db
from tunix_rt.evaluation.tables import Evaluation, EvaluationItem
from tunix_rt.settings import Settings

__all__ = ["evalset"]

ALL = set(range(8))


async def baseline(client: httpx.AsyncClient, name: str, evaluation: uuid.UUID, **fields: Any) -> None:
    body = {"name": name, "evalset": EVALSET, "evaluation": str(evaluation), "abs_tolerance": 0.1, **fields}
    created = await client.post("/api/regression/baselines", json=body)
    assert created.status_code == 201, created.text


async def check(client: httpx.AsyncClient, name: str, run: uuid.UUID, **fields: Any) -> httpx.Response:
    return await client.post("/api/regression/check", json={"baseline": name, "run": str(run), **fields})


async def test_noise_passes_with_the_test_stated_a_significant_drop_fails_and_alpha_1_decides_on_the_shortfall(
    client: httpx.AsyncClient,
    evalset: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    cli_env: dict[str, str],
) -> None:
    best = await recorded_eval(sessions, settings, ALL, None)
    half = await recorded_eval(sessions, settings, {0, 1, 2, 3}, None)
    none = await recorded_eval(sessions, settings, set(), None)
    await baseline(client, "noise-aware", best)
    await baseline(client, "shortfall-only", best, alpha=1.0)
    listed = (await client.get("/api/regression/baselines")).json()
    assert [(b["name"], b["alpha"]) for b in listed] == [("noise-aware", 0.05), ("shortfall-only", 1.0)]
    assert (await client.post("/api/regression/baselines", json={**listed[0], "alpha": 0})).status_code == 422

    within = (await check(client, "noise-aware", half)).json()
    assert within["passed"] is True
    assert (within["test"], within["p_value"], within["alpha"], within["significant"]) == (
        "McNemar exact",
        0.125,
        0.05,
        False,
    )
    assert (within["delta"], within["shortfall"], within["effect"], within["paired_items"]) == (-0.5, 0.5, -0.5, 8)
    assert within["effect_low"] < -0.5 < within["effect_high"] <= 0.0
    assert within["reason"] == "shortfall 0.5 exceeds 0.1 but is within noise (McNemar exact p=0.125 >= 0.05)"
    assert within["settings_differences"] == []

    significant = (await check(client, "noise-aware", none)).json()
    assert significant["passed"] is False
    assert significant["p_value"] == 2 / 2**8
    assert (significant["effect"], significant["effect_low"], significant["effect_high"]) == (-1.0, -1.0, -1.0)
    assert significant["reason"] == "shortfall 1 exceeds 0.1 and is significant (McNemar exact p=0.00781 < 0.05)"

    alone = (await check(client, "shortfall-only", half)).json()
    assert alone["passed"] is False
    assert alone["reason"] == "shortfall 0.5 exceeds 0.1; alpha 1 decides on it alone (McNemar exact p=0.125)"

    passed = await cli(cli_env, "eval", "gate", "--baseline", "noise-aware", str(half)[:8])
    lines = passed.stdout.splitlines()
    assert lines[0].startswith("PASS: strict_accuracy 0.5000 vs baseline 1.0000 (delta -0.5000")
    assert lines[1] == f"reason: {within['reason']}"
    low, high = within["effect_low"], within["effect_high"]
    assert lines[2] == (
        f"test: McNemar exact p = 0.125 (alpha 0.05) on 8 paired items; effect -0.5000 [95% CI {low:+.4f}, {high:+.4f}]"
    )
    failed = await cli(cli_env, "eval", "gate", "--baseline", "noise-aware", str(none), code=1)
    assert failed.stdout.splitlines()[1] == f"reason: {significant['reason']}"
    as_json = await cli(cli_env, "eval", "gate", "--baseline", "shortfall-only", str(half), "--json", code=1)
    assert as_json.stdout.strip().startswith("{")
    assert (await check(client, "shortfall-only", half)).json() == orjson.loads(as_json.stdout)
    assert "alpha 0.05" in (await cli(cli_env, "eval", "baselines", "list")).stdout


async def test_a_metric_that_is_not_an_item_verdict_has_no_test(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Outputs 20 characters longer: mean_output_chars (lower is better) falls short by 20, more
    than the 5 allowed, and with no paired test the tolerance alone fails it."""
    short = await recorded_eval(sessions, settings, ALL, None)
    longer = await recorded_eval(sessions, settings, ALL, None, noise="y" * 20)
    await baseline(client, "chars", short, metric="mean_output_chars", direction="lower", abs_tolerance=5.0)
    result = (await check(client, "chars", longer)).json()
    assert result["passed"] is False
    assert (result["test"], result["p_value"], result["effect"], result["paired_items"]) == (None, None, None, 0)
    assert result["shortfall"] == 20.0
    assert result["reason"] == (
        "shortfall 20 exceeds 5; no paired test (mean_output_chars is not an item verdict), so the tolerance decides"
    )


async def _set(sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, **settings: Any) -> None:
    """Give a hand-recorded evaluation determining settings, as a real eval run records them."""
    async with db.transaction(sessions) as session:
        evaluation = await session.get(Evaluation, run_id)
        assert evaluation is not None
        evaluation.scorecard = {**evaluation.scorecard, "settings": settings}


async def test_evaluations_made_with_other_settings_are_refused_unless_forced(
    client: httpx.AsyncClient,
    evalset: str,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    cli_env: dict[str, str],
) -> None:
    base = await recorded_eval(sessions, settings, ALL, None)
    other = await recorded_eval(sessions, settings, set(), None)
    same = await recorded_eval(sessions, settings, ALL, None)
    await _set(sessions, base, batch_size=16, dtype="float32", sampling={"temperature": 0.0})
    await _set(sessions, other, batch_size=8, dtype="float32", sampling={"temperature": 0.0})
    await _set(sessions, same, batch_size=16, dtype="float32", sampling={"temperature": 0.0})
    await baseline(client, "pinned", base)

    refused = await check(client, "pinned", other)
    assert refused.status_code == 409
    assert refused.json()["differences"] == [{"setting": "batch_size", "a": 16, "b": 8}]
    detail = (
        f"evaluations {base} and {other} were made with different settings: batch_size: 16 (baseline) vs 8 "
        "(candidate); their scores are not comparable (force compares them anyway)"
    )
    assert refused.json()["detail"] == detail
    forced = (await check(client, "pinned", other, force=True)).json()
    assert forced["passed"] is False
    assert forced["settings_differences"] == [{"setting": "batch_size", "a": 16, "b": 8}]
    assert (await check(client, "pinned", same)).json()["passed"] is True

    cli_refused = await cli(cli_env, "eval", "gate", "--baseline", "pinned", str(other), code=2)
    assert " ".join(cli_refused.stderr.split()) == f"error: {detail}"  # the console wraps long lines
    cli_forced = await cli(cli_env, "eval", "gate", "--baseline", "pinned", str(other), "--force", code=1)
    assert cli_forced.stdout.splitlines()[-1] == "settings differ (forced): batch_size: 16 (baseline) vs 8 (candidate)"
    assert cli_forced.stdout.startswith("REGRESSION: strict_accuracy 0.0000 vs baseline 1.0000")
    assert (await cli_json(cli_env, "eval", "gate", "--baseline", "pinned", str(same), "--json"))[
        "settings_differences"
    ] == []

    # One evaluation recorded before settings were: it differs from any that has them.
    unrecorded = await recorded_eval(sessions, settings, ALL, None)
    before = (await check(client, "pinned", unrecorded)).json()
    assert before["differences"] == [{"setting": "settings", "a": "recorded", "b": "(not recorded)"}]


async def _sample(
    sessions: async_sessionmaker[AsyncSession], run_id: uuid.UUID, judged: Callable[[EvaluationItem], list[bool]]
) -> None:
    """Give each item of an evaluation the samples ``samples: k`` keeps, their verdicts ``judged(item)``."""
    async with db.transaction(sessions) as session:
        rows = (await session.execute(select(EvaluationItem).where(EvaluationItem.run_id == run_id))).scalars()
        for row in rows:
            row.samples = [
                {"output": row.output, "strict": right, "lenient": right, "format_ok": True} for right in judged(row)
            ]


async def test_items_with_samples_take_the_permutation_test_on_their_sample_means(
    client: httpx.AsyncClient, evalset: str, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """The candidate's first samples lose 4 items (McNemar alone: p = 0.125, noise), but its
    second samples are all wrong: every item's share of right samples drops (by 0.5 on the items
    its first sample kept, 1 on the others), all 8 one way, so p = 2 / 2**8 and the gate fails."""
    base = await recorded_eval(sessions, settings, ALL, None)
    candidate = await recorded_eval(sessions, settings, {0, 1, 2, 3}, None)
    await _sample(sessions, base, lambda row: [True, True])
    await _sample(sessions, candidate, lambda row: [row.strict, False])
    await baseline(client, "sampled", base)

    result = (await check(client, "sampled", candidate)).json()
    assert (result["test"], result["p_value"], result["paired_items"]) == ("paired permutation", 2 / 2**8, 8)
    assert result["effect"] == -0.75
    assert result["passed"] is False
    assert result["reason"] == "shortfall 0.5 exceeds 0.1 and is significant (paired permutation p=0.00781 < 0.05)"
