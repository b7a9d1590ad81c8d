import { Link } from "react-router-dom";
import type { TrialRead } from "../../../api/types";
import { formatParam } from "../api/trials";

const TONE: Record<TrialRead["status"], string> = {
  pending: "",
  running: "live",
  succeeded: "ok",
  failed: "bad",
  stopped: "off",
  cancelled: "off",
};

/** Every trial, oldest first: its parameters, status, objective and last loss, its runs; the best
 * trial highlighted, a failed or stopped one with its reason. */
export function TrialsTable({ trials, keys, best, objective }: { trials: TrialRead[]; keys: string[]; best: TrialRead | null; objective: string }) {
  if (trials.length === 0) return <p className="muted">No trials yet: they appear as the sweep starts them.</p>;
  return (
    <div className="table-scroll">
      <table className="traces trials" aria-label="Trials">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Trial</th>
            {keys.map((key) => (
              <th key={key}>
                <code>{key}</code>
              </th>
            ))}
            <th>Status</th>
            <th className="num">{objective}</th>
            <th className="num">Last loss</th>
            <th>Runs</th>
          </tr>
        </thead>
        <tbody>
          {trials.map((trial, index) => {
            const isBest = best?.trial_id === trial.trial_id;
            return (
              <tr key={trial.trial_id} className={isBest ? "best" : undefined} aria-label={`Trial ${trial.trial_id}${isBest ? " (best)" : ""}`}>
                <td className="num">{index + 1}</td>
                <td>
                  <code>{trial.trial_id}</code>
                  {isBest && <span className="badge ok best-mark">best</span>}
                </td>
                {keys.map((key) => (
                  <td key={key} className="num">
                    {key in trial.params ? formatParam(trial.params[key], key) : "–"}
                  </td>
                ))}
                <td>
                  <span className={`badge ${TONE[trial.status]}`.trim()}>{trial.status}</span>
                  {trial.error && (
                    <div className={`small trial-error ${trial.status === "failed" ? "bad" : "muted"}`} title={trial.error}>
                      {trial.error.length > 120 ? `${trial.error.slice(0, 120)}…` : trial.error}
                    </div>
                  )}
                </td>
                <td className="num">{trial.objective === null ? "–" : formatParam(trial.objective)}</td>
                <td className="num">{trial.last_loss === null ? "–" : formatParam(trial.last_loss)}</td>
                <td className="nowrap">
                  {trial.train_run_id ? <Link to={`/runs/${trial.train_run_id}`} aria-label={`Training run of trial ${trial.trial_id}`}>train</Link> : <span className="muted">train</span>}
                  {" · "}
                  {trial.eval_run_id ? <Link to={`/runs/${trial.eval_run_id}`} aria-label={`Evaluation run of trial ${trial.trial_id}`}>eval</Link> : <span className="muted">eval</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
