import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { BaselineCreate, RegressionResult, SettingsDifference } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evaluationQueries } from "../api/evaluationQueries";
import { useCreateBaseline, useDeleteBaseline, useRegressionCheck } from "../hooks/useEvaluationMutations";
import { SettingsDifferences } from "./SettingsDifferences";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METRICS = ["strict_accuracy", "lenient_accuracy", "format_compliance"];

function number(value: number): string {
  return Number(value.toPrecision(4)).toString();
}

function signed(value: number): string {
  return `${value >= 0 ? "+" : ""}${number(value)}`;
}

/** The differences a 409 from the gate carries, when that is why the check was refused. */
function refusedDifferences(error: unknown): SettingsDifference[] | null {
  const problem = toProblem(error);
  return problem.status === 409 && Array.isArray(problem.differences) ? (problem.differences as SettingsDifference[]) : null;
}

function ResultView({ result }: { result: RegressionResult }) {
  return (
    <div className={result.passed ? "result" : "result error"} role="status" data-testid="gate-result">
      <p>
        <strong>{result.passed ? "Passed" : "Failed"}</strong>: {result.metric} {number(result.candidate_value)} against the baseline's{" "}
        {number(result.baseline_value)} (Δ {signed(result.delta)}, minimum effect {number(result.allowed_shortfall)}; {result.direction} is
        better) on {result.evalset}.{" "}
        <Link to={`/evaluations/compare?a=${result.baseline_evaluation}&b=${result.candidate_evaluation}`}>Compare item by item</Link>
      </p>
      <p data-testid="gate-reason">{result.reason}</p>
      {result.test !== null && result.p_value !== null && result.effect !== null ? (
        <p data-testid="gate-test">
          {result.test}: p = {number(result.p_value)} (alpha {number(result.alpha)}) on {result.paired_items} paired items; effect{" "}
          {signed(result.effect)} [95% interval {signed(result.effect_low ?? result.effect)}, {signed(result.effect_high ?? result.effect)}]
        </p>
      ) : (
        <p className="muted" data-testid="gate-test">
          No paired test: the minimum effect alone decides.
        </p>
      )}
      {result.settings_differences.length > 0 && (
        <>
          <p>Checked anyway: the evaluations' settings differ.</p>
          <SettingsDifferences differences={result.settings_differences} a="Baseline" b="Candidate" />
        </>
      )}
    </div>
  );
}

/** Named regression baselines (an evaluation's score as the bar) and the gate: check a run against one. */
export function RegressionPage() {
  useDocumentTitle("Regression gate");
  const [params] = useSearchParams();
  const baselines = useQuery(evaluationQueries.baselines());
  const evalsets = useQuery(evaluationQueries.evalsets());
  const create = useCreateBaseline();
  const remove = useDeleteBaseline();
  const check = useRegressionCheck();
  const [draft, setDraft] = useState({
    name: "",
    evalset: params.get("evalset") ?? "",
    reference: params.get("evaluation") ?? "",
    metric: "strict_accuracy",
    direction: "higher" as BaselineCreate["direction"],
    abs_tolerance: "0",
    rel_tolerance: "0",
    alpha: "0.05",
  });
  const [gate, setGate] = useState({ baseline: "", run: params.get("run") ?? "", force: false });
  const refused = check.isError ? refusedDifferences(check.error) : null;
  const list = baselines.data ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name: draft.name.trim(),
        evalset: draft.evalset,
        evaluation: draft.reference.trim(),
        metric: draft.metric,
        direction: draft.direction,
        abs_tolerance: Number(draft.abs_tolerance) || 0,
        rel_tolerance: Number(draft.rel_tolerance) || 0,
        alpha: Number(draft.alpha) || 0.05,
      },
      {
        onSuccess: (baseline) => {
          setDraft((current) => ({ ...current, name: "" }));
          setGate((current) => ({ ...current, baseline: baseline.name }));
        },
      },
    );
  }

  function runCheck(event: FormEvent) {
    event.preventDefault();
    check.mutate({ baseline: gate.baseline, run: gate.run.trim(), force: gate.force });
  }

  /** Turning "check anyway" on after a refusal re-sends the check with force. */
  function toggleForce(force: boolean) {
    setGate({ ...gate, force });
    if (force && refused) check.mutate({ baseline: gate.baseline, run: gate.run.trim(), force });
  }

  return (
    <section>
      <h1>Regression gate</h1>
      <div className="panel">
        <h2>Baselines</h2>
        {baselines.isPending && <p className="muted">Loading…</p>}
        {baselines.data && list.length === 0 && <p className="muted">No baselines yet: name an evaluation below as the bar to meet.</p>}
        {list.length > 0 && (
          <table className="counts baselines" aria-label="Baselines">
            <thead>
              <tr>
                <th>Name</th>
                <th>Eval set</th>
                <th>Bar</th>
                <th>Metric</th>
                <th className="num">Minimum effect</th>
                <th className="num">Alpha</th>
                <th>Created</th>
                <th aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {list.map((baseline) => (
                <tr key={baseline.name}>
                  <td><strong>{baseline.name}</strong></td>
                  <td>{baseline.evalset_key}</td>
                  <td>
                    {baseline.evaluation_id ? (
                      <Link to={`/evaluations/${baseline.evaluation_id}`}>evaluation {baseline.evaluation_id.slice(0, 8)}</Link>
                    ) : baseline.run_id ? (
                      <Link to={`/runs/${baseline.run_id}`}>latest of run {baseline.run_id.slice(0, 8)}</Link>
                    ) : (
                      "–"
                    )}
                  </td>
                  <td>
                    {baseline.metric} <span className="muted small">({baseline.direction} is better)</span>
                  </td>
                  <td className="num">
                    {number(baseline.abs_tolerance)} abs · {number(baseline.rel_tolerance * 100)}% rel
                  </td>
                  <td className="num">{number(baseline.alpha)}</td>
                  <td className="muted nowrap">{new Date(baseline.created_at).toLocaleString()}</td>
                  <td>
                    <button
                      type="button"
                      className="danger"
                      aria-label={`Delete baseline ${baseline.name}`}
                      disabled={remove.isPending}
                      onClick={() => window.confirm(`Delete the baseline ${baseline.name}?`) && remove.mutate(baseline.name)}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="grid">
        <form className="panel" onSubmit={runCheck} aria-labelledby="check-title">
          <h2 id="check-title">Check a run</h2>
          <div className="form-grid">
            <label>
              <span>Baseline</span>
              <select value={gate.baseline} onChange={(e) => setGate({ ...gate, baseline: e.target.value })}>
                <option value="">choose…</option>
                {list.map((baseline) => (
                  <option key={baseline.name} value={baseline.name}>
                    {baseline.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="wide">
              <span>Run id <span className="muted small">(an eval run, or a training run: its latest evaluation)</span></span>
              <input value={gate.run} onChange={(e) => setGate({ ...gate, run: e.target.value })} />
            </label>
            <label className="wide">
              <input type="checkbox" checked={gate.force} onChange={(e) => toggleForce(e.target.checked)} />{" "}
              <span>Check anyway when the evaluations' settings differ</span>
            </label>
          </div>
          <p>
            <button type="submit" disabled={!gate.baseline || !UUID.test(gate.run.trim()) || check.isPending}>
              Check
            </button>
          </p>
          {check.isError && (
            <div className="form-error">
              <ProblemView problem={toProblem(check.error)} />
              {refused && (
                <>
                  <SettingsDifferences differences={refused} a="Baseline" b="Candidate" />
                  <p className="muted small">Scores made with other settings may differ for reasons that are not the model's; tick "Check anyway" to compare them regardless.</p>
                </>
              )}
            </div>
          )}
          {check.data && <ResultView result={check.data} />}
        </form>
        <form className="panel" onSubmit={submit} aria-labelledby="baseline-title">
          <h2 id="baseline-title">New baseline</h2>
          <div className="form-grid">
            <label>
              <span>Name</span>
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} placeholder="main" />
            </label>
            <label>
              <span>Eval set</span>
              <select value={draft.evalset} onChange={(e) => setDraft({ ...draft, evalset: e.target.value })}>
                <option value="">choose…</option>
                {draft.evalset && !(evalsets.data?.items ?? []).some((set) => set.key === draft.evalset) && <option value={draft.evalset}>{draft.evalset}</option>}
                {(evalsets.data?.items ?? []).map((set) => (
                  <option key={set.key} value={set.key}>
                    {set.key}
                  </option>
                ))}
              </select>
            </label>
            <label className="wide">
              <span>Evaluation (eval run id)</span>
              <input value={draft.reference} onChange={(e) => setDraft({ ...draft, reference: e.target.value })} />
            </label>
            <label>
              <span>Metric</span>
              <select value={draft.metric} onChange={(e) => setDraft({ ...draft, metric: e.target.value })}>
                {METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {metric}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>Better is</span>
              <select value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: e.target.value as BaselineCreate["direction"] })}>
                <option value="higher">higher</option>
                <option value="lower">lower</option>
              </select>
            </label>
            <label>
              <span>Minimum effect, absolute</span>
              <input type="number" min={0} step="any" value={draft.abs_tolerance} onChange={(e) => setDraft({ ...draft, abs_tolerance: e.target.value })} />
            </label>
            <label>
              <span>Minimum effect, relative (0–1)</span>
              <input type="number" min={0} max={1} step="any" value={draft.rel_tolerance} onChange={(e) => setDraft({ ...draft, rel_tolerance: e.target.value })} />
            </label>
            <label>
              <span>Significance level (alpha)</span>
              <input type="number" min={0} max={1} step="any" value={draft.alpha} onChange={(e) => setDraft({ ...draft, alpha: e.target.value })} />
            </label>
          </div>
          <p>
            <button type="submit" disabled={!draft.name.trim() || !draft.evalset || !UUID.test(draft.reference.trim()) || create.isPending}>
              Save baseline
            </button>
          </p>
          {create.isError && (
            <div className="form-error">
              <ProblemView problem={toProblem(create.error)} />
            </div>
          )}
        </form>
      </div>
    </section>
  );
}
