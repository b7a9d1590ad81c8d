"""Human labels and judge agreement (issue 14, section 6) on both databases: kappa against a worked
example, labels with who and when through the API and the CLI, each judge's agreement with its
confusion counts and disagreeing items, and a gate on a judge refused until the judge agrees
with people well enough."""

from __future__ import annotations

import httpx
import orjson
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.evaluation.test_api import EVALSET, evalset, recorded_eval
from tests.evaluation.test_cli import cli
from tests.traces.test_cli import cli_env
from tunix_rt import db
from tunix_rt.errors import Invalid
from tunix_rt.evaluation import labels, store
from tunix_rt.evaluation.labels import cohen_kappa
from tunix_rt.settings import Settings

__all__ = ["cli_env", "evalset"]


def test_kappa_worked_example() -> None:
    """50 items: both say correct 20, only the judge 10, only people 5, both incorrect 15.
    p_o = 35/50 = 0.7; the judge says correct 30/50, people 25/50, so p_e = 0.6*0.5 + 0.4*0.5 = 0.5;
    kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4."""
    assert cohen_kappa(tp=20, fp=10, fn=5, tn=15) == pytest.approx(0.4)
    assert cohen_kappa(tp=3, fp=0, fn=0, tn=3) == 1.0
    assert cohen_kappa(tp=0, fp=3, fn=3, tn=0) == -1.0
    assert cohen_kappa(tp=5, fp=0, fn=0, tn=0) is None  # one class only: chance explains everything
    assert cohen_kappa(tp=0, fp=0, fn=0, tn=0) is None


async def test_labels_agreement_and_the_judge_gate(
    client: httpx.AsyncClient,
    evalset: str,
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    cli_env: dict[str, str],
) -> None:
    # The judge (math) and strict say q0..q3 are right and q4..q7 wrong.
    evaluation = await recorded_eval(sessions, settings, {0, 1, 2, 3}, None)
    put = f"/api/evaluations/{evaluation}/items/{{}}/label"
    for item, label in [("q0", "correct"), ("q1", "incorrect"), ("q4", "incorrect"), ("q6", "unsure")]:
        answer = await client.put(put.format(item), json={"label": label, "note": f"checked {item}"})
        assert answer.status_code == 200, answer.text
        assert answer.json()["labeled_by"] == "local"
    first = await client.put(put.format("q5"), json={"label": "incorrect"})
    relabelled = await client.put(put.format("q5"), json={"label": "correct", "note": "5 + 1 is 6 after all"})
    assert relabelled.json()["labeled_at"] >= first.json()["labeled_at"]

    listed = (await client.get(f"/api/evaluations/{evaluation}/labels")).json()
    assert [(row["item_id"], row["label"], row["note"]) for row in listed] == [
        ("q0", "correct", "checked q0"),
        ("q1", "incorrect", "checked q1"),
        ("q4", "incorrect", "checked q4"),
        ("q5", "correct", "5 + 1 is 6 after all"),
        ("q6", "unsure", "checked q6"),
    ]

    report = (await client.get(f"/api/evaluations/{evaluation}/agreement")).json()
    assert report["labels"] == 4  # unsure is left out
    assert set(report["judges"]) == {"strict", "lenient", "math"}
    math = report["judges"]["math"]
    assert math["confusion"] == {"tp": 1, "fp": 1, "fn": 1, "tn": 1}
    assert (math["n"], math["accuracy"], math["kappa"]) == (4, 0.5, 0.0)
    assert [(d["item_id"], d["judge"]) for d in math["disagreements"]] == [("q1", True), ("q5", False)]
    assert report["judges"]["strict"] == math

    missing = await client.put(put.format("nope"), json={"label": "correct"})
    assert missing.status_code == 404
    assert missing.json()["detail"] == f"evaluation {evaluation} has no item 'nope'"
    assert (await client.put(put.format("q2"), json={"label": "maybe"})).status_code == 422
    assert (await client.delete(put.format("q6"))).status_code == 204
    assert (await client.delete(put.format("q6"))).status_code == 404

    # A gate on the judge is refused while it agrees with people this little.
    baseline = {"name": "by-judge", "evalset": EVALSET, "evaluation": str(evaluation), "metric": "judge:math"}
    assert (await client.post("/api/regression/baselines", json=baseline)).status_code == 201
    refused = await client.post("/api/regression/check", json={"baseline": "by-judge", "run": str(evaluation)})
    assert refused.status_code == 422
    assert refused.json()["detail"] == (
        "judge 'math' cannot gate yet: Cohen's kappa with human labels is 0.000 on 4 labelled items; it needs "
        "kappa >= 0.6 on at least 30 (label items: tunix-rt eval label)"
    )

    # The CLI labels as its user; four labels that agree with the judge lift kappa over the floor.
    for item, label in [("q1", "correct"), ("q5", "incorrect"), ("q2", "correct"), ("q7", "incorrect")]:
        said = await cli(cli_env, "eval", "label", str(evaluation), item, label)
        assert said.stdout.startswith(f"labelled item {item} of {evaluation} {label} (by cli:")
    pooled = orjson.loads((await cli(cli_env, "eval", "agreement", "--judge", "math", "--json")).stdout)
    assert (pooled["n"], pooled["kappa"], pooled["disagreements"]) == (6, 1.0, [])
    async with db.transaction(sessions) as session:
        with pytest.raises(Invalid, match="on 6 labelled items"):
            await store.check(session, "by-judge", evaluation, store.JudgeTrust(0.6, 30))
        passed = await store.check(session, "by-judge", evaluation, store.JudgeTrust(0.6, 6))
    assert passed["passed"] is True
    assert passed["metric"] == "judge:math"
    # The judge's verdicts are item verdicts: the gate pairs the items on them and tests.
    tested = (passed["test"], passed["paired_items"], passed["effect"], passed["p_value"])
    assert tested == ("McNemar exact", 8, 0.0, 1.0)

    # Pooled over evaluations: a second evaluation's labels count toward the same judge.
    other = await recorded_eval(sessions, settings, set(), None)
    async with db.transaction(sessions) as session:
        await labels.set_label(session, other, "q0", "correct", None, "someone")
        found = await labels.judge_agreement(session, "math")
    assert found["n"] == 7
    assert found["confusion"]["fn"] == 1
    table = (await cli(cli_env, "eval", "agreement", str(evaluation))).stdout
    assert "math" in table
    assert "1.000" in table
