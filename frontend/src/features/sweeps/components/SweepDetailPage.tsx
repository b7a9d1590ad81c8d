import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { stringify } from "yaml";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { isActive } from "../../runs/api/runFilters";
import { RunPageHead } from "../../runs/components/RunPageHead";
import { suggestModelName } from "../../models/api/modelApi";
import { sweepQueries } from "../api/sweepQueries";
import { formatParam, plannedTrials } from "../api/trials";
import { useCancelSweep } from "../hooks/useSweepMutations";
import { ObjectiveChart } from "./ObjectiveChart";
import { ParallelCoordinates } from "./ParallelCoordinates";
import { PromoteBestForm } from "./PromoteBestForm";
import { TrialsTable } from "./TrialsTable";

function when(stamp: string | null): string {
  return stamp ? new Date(stamp).toLocaleString() : "–";
}

/** One sweep: status and actions, promote-best, the objective over trials, parallel coordinates,
 * the trials table and the config. Polls while the sweep is queued or running. */
export function SweepDetailPage() {
  const sweepId = useParams().sweepId ?? "";
  const query = useQuery(sweepQueries.detail(sweepId));
  const cancel = useCancelSweep();
  const sweep = query.data;
  useDocumentTitle(sweep ? `Sweep ${sweep.run.id.slice(0, 8)} (${sweep.run.status.replace("_", " ")})` : "Sweep");

  if (query.isPending) return <p className="muted">Loading sweep…</p>;
  if (query.isError || !sweep) {
    return (
      <section>
        <h1>Sweep</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          <Link to="/sweeps">Back to the sweeps</Link>
        </p>
      </section>
    );
  }

  const { run, config, trials, best, table } = sweep;
  const mode = config.objective.mode;
  const keys = Object.keys(config.space);
  const counts = trials.reduce<Record<string, number>>((acc, trial) => ({ ...acc, [trial.status]: (acc[trial.status] ?? 0) + 1 }), {});
  return (
    <section>
      <RunPageHead title="Sweep" run={run}>
        <Link to={`/runs/${run.id}`}>Its run (log, files)</Link>
        <Link to={`/runs?tag=${encodeURIComponent(`sweep:${run.id}`)}`}>Trial runs</Link>
        {(run.status === "queued" || run.status === "running") && (
          <button type="button" className="secondary" disabled={cancel.isPending} onClick={() => cancel.mutate(run.id)}>
            {cancel.isPending ? "Cancelling…" : "Cancel sweep"}
          </button>
        )}
      </RunPageHead>
      <div className="grid">
        <div className="panel">
          <h2>Sweep</h2>
          <dl className="facts compact">
            <div className="fact"><dt>objective</dt><dd>{sweep.objective} on {config.objective.evalset}</dd></div>
            <div className="fact">
              <dt>best</dt>
              <dd>{best ? <>{formatParam(best.objective)} <span className="muted">(trial <code>{best.trial_id}</code>)</span></> : "–"}</dd>
            </div>
            <div className="fact">
              <dt>trials</dt>
              <dd>
                {trials.length} started of {plannedTrials(config) ?? "?"} planned
                {Object.keys(counts).length > 0 && (
                  <span className="muted">
                    {" "}
                    ({Object.entries(counts).map(([status, n]) => `${n} ${status}`).join(", ")})
                  </span>
                )}
              </dd>
            </div>
            <div className="fact"><dt>search</dt><dd>{config.search?.type ?? "random"}, scheduler {config.scheduler?.type ?? "fifo"}</dd></div>
            <div className="fact"><dt>concurrency</dt><dd>{config.concurrency}</dd></div>
            <div className="fact"><dt>time budget</dt><dd>{config.time_budget_s ? `${config.time_budget_s} s` : "–"}</dd></div>
            <div className="fact"><dt>model</dt><dd>{config.base.model ?? "–"}</dd></div>
            <div className="fact">
              <dt>dataset</dt>
              <dd>{run.dataset_key ? <Link to={`/datasets/${encodeURIComponent(run.dataset_key)}`}>{run.dataset_key}</Link> : "–"}</dd>
            </div>
            <div className="fact"><dt>created</dt><dd>{when(run.created_at)}</dd></div>
            <div className="fact"><dt>finished</dt><dd>{when(run.finished_at)}</dd></div>
            {run.tags.length > 0 && <div className="fact"><dt>tags</dt><dd>{run.tags.join(", ")}</dd></div>}
          </dl>
        </div>
        <div className="panel">
          <h2>Promote best</h2>
          <PromoteBestForm sweepId={run.id} best={best} suggestion={suggestModelName(config.base.dataset.key, config.base.method, `sweep-${run.id.slice(0, 8)}`)} />
        </div>
      </div>
      <div className="panel">
        <h2>Objective</h2>
        <ObjectiveChart trials={trials} mode={mode} metric={config.objective.metric} />
      </div>
      <div className="panel">
        <h2>Parallel coordinates</h2>
        <ParallelCoordinates table={table} mode={mode} best={best?.trial_id ?? null} />
      </div>
      <div className="panel">
        <h2>Trials {isActive(run.status) && <span className="muted small">(updating)</span>}</h2>
        <TrialsTable trials={trials} keys={keys} best={best} objective={sweep.objective} />
      </div>
      <div className="panel">
        <h2>Config</h2>
        <pre className="code config-yaml">{stringify(config)}</pre>
      </div>
    </section>
  );
}
