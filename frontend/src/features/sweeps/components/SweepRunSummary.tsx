import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { sweepQueries } from "../api/sweepQueries";
import { formatParam, plannedTrials } from "../api/trials";

/** What a sweep's own run page shows where a training run has its curves (a sweep logs no loss,
 * so "No metrics yet" would be all it said): its trials so far and its best objective, with the
 * way to the sweep page that charts them. */
export function SweepRunSummary({ sweepId }: { sweepId: string }) {
  const query = useQuery(sweepQueries.detail(sweepId));
  if (query.isPending) return <p className="muted">Loading the sweep…</p>;
  if (query.isError) return <ProblemView problem={toProblem(query.error)} />;
  const { config, trials, best, objective } = query.data;
  const finished = trials.filter((trial) => !["pending", "running"].includes(trial.status)).length;
  const succeeded = trials.filter((trial) => trial.status === "succeeded").length;
  return (
    <div data-testid="sweep-summary">
      <dl className="facts compact">
        <div className="fact">
          <dt>best {objective}</dt>
          <dd>
            {best ? (
              <>
                <strong>{formatParam(best.objective)}</strong> <span className="muted">(trial <code>{best.trial_id}</code>)</span>
                {best.train_run_id && (
                  <>
                    {" "}
                    <Link to={`/runs/${best.train_run_id}`}>its training run</Link>
                  </>
                )}
              </>
            ) : (
              <span className="muted">no trial has scored yet</span>
            )}
          </dd>
        </div>
        <div className="fact">
          <dt>trials</dt>
          <dd>
            {finished} finished ({succeeded} succeeded) of {plannedTrials(config) ?? trials.length} planned
          </dd>
        </div>
      </dl>
      <p>
        <Link to={`/sweeps/${sweepId}`}>Open the sweep: objective over trials, parallel coordinates, every trial</Link>
      </p>
    </div>
  );
}
