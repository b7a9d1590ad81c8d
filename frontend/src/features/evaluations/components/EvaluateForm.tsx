import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router-dom";
import { ProblemError, toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import type { EvalConfig } from "../api/evaluationApi";
import { evaluationQueries } from "../api/evaluationQueries";
import { useSubmitEvaluation } from "../hooks/useEvaluationMutations";

const JUDGES = ["math", "format", "exact", "normalized"] as const;

/** Submit an `eval` run of a succeeded training run on an eval set; opens the new run's page. */
export function EvaluateForm({ runId }: { runId: string }) {
  const evalsets = useQuery(evaluationQueries.evalsets());
  const submit = useSubmitEvaluation();
  const navigate = useNavigate();
  const [evalset, setEvalset] = useState("");
  const [limit, setLimit] = useState("");
  const [maxNewTokens, setMaxNewTokens] = useState("64");
  const [judges, setJudges] = useState<string[]>(["math", "format"]);
  const sets = evalsets.data?.items ?? [];
  const fieldErrors = submit.error instanceof ProblemError ? (submit.error.problem.errors ?? []) : [];
  const errorOf = (field: string) => fieldErrors.find((error) => error.loc?.[2] === field)?.msg;

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const config: EvalConfig = { run: runId, evalset, judges, max_new_tokens: Number(maxNewTokens) || undefined };
    if (limit) config.limit = Number(limit);
    submit.mutate({ config, tags: ["ui"] }, { onSuccess: (run) => navigate(`/runs/${run.id}`) });
  }

  return (
    <form onSubmit={onSubmit} aria-label="Evaluate this run">
      {evalsets.data && sets.length === 0 && (
        <p className="muted small">
          No eval sets yet: derive one from a dataset's eval split (<code>POST /api/evalsets/derive</code> or{" "}
          <code>tunix-rt evalsets derive</code>).
        </p>
      )}
      <div className="form-grid">
        <label>
          <span>Eval set</span>
          <select value={evalset} onChange={(e) => setEvalset(e.target.value)} aria-invalid={Boolean(errorOf("evalset")) || undefined}>
            <option value="">choose an eval set…</option>
            {sets.map((set) => (
              <option key={set.key} value={set.key}>
                {set.key} ({set.item_count} items)
              </option>
            ))}
          </select>
          {errorOf("evalset") && <span className="field-error">{errorOf("evalset")}</span>}
        </label>
        <label>
          <span>Only the first N items <span className="muted small">(empty: all)</span></span>
          <input type="number" min={1} value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <label>
          <span>Max new tokens</span>
          <input type="number" min={1} value={maxNewTokens} onChange={(e) => setMaxNewTokens(e.target.value)} />
        </label>
        <fieldset>
          <legend>Judges</legend>
          {JUDGES.map((judge) => (
            <label key={judge} className="inline">
              <input
                type="checkbox"
                checked={judges.includes(judge)}
                onChange={() => setJudges(judges.includes(judge) ? judges.filter((x) => x !== judge) : [...judges, judge])}
              />
              {judge}
            </label>
          ))}
        </fieldset>
      </div>
      {submit.isError && (
        <div className="form-error" role="alert">
          <ProblemView problem={toProblem(submit.error)} />
        </div>
      )}
      <p className="row">
        <button type="submit" disabled={!evalset || judges.length === 0 || submit.isPending}>
          {submit.isPending ? "Submitting…" : "Evaluate"}
        </button>
        <Link to={`/evaluations?model=${encodeURIComponent(`run:${runId}`)}`}>Its evaluations on the leaderboard</Link>
      </p>
    </form>
  );
}
