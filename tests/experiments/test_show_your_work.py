"""The show-your-work experiment, shrunken to CI size: both arms are real training runs of the
tiny preset on the same traces, judged on the same held-out problems, and the report's numbers
are the ones the stored item verdicts give."""

from __future__ import annotations

import uuid
from pathlib import Path

import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tunix_rt import db
from tunix_rt.evaluation import store as evaluations
from tunix_rt.evaluation.stats import mcnemar_exact, wilson
from tunix_rt.experiments.show_your_work import Options, run_experiment
from tunix_rt.settings import Settings

pytestmark = pytest.mark.slow

OPTIONS = Options(digits=2, traces=400, eval_items=24, steps=200, batch_size=32)


async def strict_verdicts(sessions: async_sessionmaker[AsyncSession], eval_run: str) -> dict[str, bool]:
    async with sessions() as session:
        return {row.item_id: row.strict for row in await evaluations.items_of(session, uuid.UUID(eval_run))}


async def test_both_arms_learn_the_format_and_the_report_matches_the_items(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", _env_file=None)
    report, folder = await run_experiment(settings, OPTIONS)

    assert [arm["name"] for arm in report["arms"]] == ["answer only", "with steps"]
    answer_only, with_steps = report["arms"]
    assert report["data"]["heldout_items"] == 24
    for arm in report["arms"]:
        # both learnt their template (untrained: 0.0); at 120 steps the
        # scratchpad arm was still on the edge (loss 0.55, format 0.42 to 0.96 from run to run)
        assert arm["format_compliance"]["value"] >= 0.75, arm
        assert arm["optimizer_steps"] == 200
        assert arm["strict_accuracy"]["n"] == 24
    assert with_steps["tokens_seen"] > 2 * answer_only["tokens_seen"]  # prompts alike, scratchpads much longer
    assert with_steps["mean_output_tokens"] > 3 * answer_only["mean_output_tokens"]

    engine = db.create_engine(settings.resolved_database_url)
    try:
        sessions = db.session_factory(engine)
        a = await strict_verdicts(sessions, answer_only["eval_run"])
        b = await strict_verdicts(sessions, with_steps["eval_run"])
    finally:
        await engine.dispose()
    assert a.keys() == b.keys()
    for arm, verdicts in ((answer_only, a), (with_steps, b)):
        hits = sum(verdicts.values())
        rate = arm["strict_accuracy"]
        assert (rate["hits"], rate["n"]) == (hits, len(verdicts))
        assert (rate["low"], rate["high"]) == pytest.approx(wilson(hits, len(verdicts)))
    fixed = sum(1 for item in a if not a[item] and b[item])
    broken = sum(1 for item in a if a[item] and not b[item])
    comparison = report["comparison"]
    assert (comparison["a"], comparison["b"]) == ("answer only", "with steps")
    # The arms differ by design in their template (answer-only has no reasoning span): compared
    # anyway, and the report says so rather than hiding it.
    assert [d["setting"] for d in comparison["settings_differences"]] == ["template_sha256"]
    assert (comparison["counts"]["fixed"], comparison["counts"]["broken"]) == (fixed, broken)
    assert comparison["mcnemar_p"] == pytest.approx(mcnemar_exact(fixed, broken))

    assert orjson.loads((folder / "report.json").read_bytes()) == report
    text = (folder / "report.md").read_text()
    assert OPTIONS.command("show-your-work") in text
    assert f"McNemar's exact test p = {comparison['mcnemar_p']:.3g}" in text
    assert "Evaluated with different settings, by the arms' design: template_sha256" in text
    assert comparison["ui"].endswith("&force=1")
