import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { Unavailable } from "../../../app/Unavailable";
import { STATUSES } from "../../runs/api/runFilters";
import { runQueries } from "../../runs/api/runQueries";
import { RunStatusBadge } from "../../runs/components/RunStatusBadge";

const RECENT = 6;

function ago(stamp: string): string {
  const seconds = Math.max(0, (Date.now() - new Date(stamp).getTime()) / 1000);
  if (seconds < 60) return `${Math.round(seconds)} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return new Date(stamp).toLocaleDateString();
}

/** Queue depth, workers alive and runs by status (GET /api/runs/summary), and the newest runs (GET /api/runs). */
export function RunsPanel() {
  const summary = useQuery(runQueries.summary());
  const recent = useQuery(runQueries.list({}));
  const data = summary.data;
  const queued = data ? Object.values(data.queued_by_kind).reduce((sum, n) => sum + n, 0) : undefined;
  const workers = data?.workers ?? [];
  const alive = workers.filter((worker) => worker.alive).length;
  const runs = (recent.data?.items ?? []).slice(0, RECENT);
  return (
    <div className="panel" aria-labelledby="runs-title">
      <h2 id="runs-title">Runs and queue</h2>
      {summary.isPending && <p className="muted">Loading…</p>}
      {summary.isError && <Unavailable what="Counts" error={summary.error} />}
      {data && (
        <>
          <div className="big-numbers">
            <Link to="/runs?status=queued" className="big-number">
              <span className="value" data-testid="queue-depth">{queued}</span>
              <span className="label">
                queued
                {Object.keys(data.queued_by_kind).length > 0 &&
                  ` (${Object.entries(data.queued_by_kind).map(([kind, n]) => `${kind} ${n}`).join(", ")})`}
              </span>
            </Link>
            <Link to="/runs?status=running" className="big-number">
              <span className="value">{data.by_status.running ?? 0}</span>
              <span className="label">running</span>
            </Link>
            <div
              className="big-number"
              title={[
                `Alive: a heartbeat within the last ${data.lease_seconds} s (the run lease).`,
                ...workers.map((worker) => `${worker.id}: heartbeat ${Math.round(worker.heartbeat_age_seconds)} s ago`),
              ].join("\n")}
            >
              <span className={alive === 0 ? "value bad" : "value"} data-testid="workers-alive">{alive}</span>
              <span className="label">
                worker{alive === 1 ? "" : "s"} alive{workers.length > alive ? `, ${workers.length - alive} stale` : ""}
              </span>
            </div>
          </div>
          <ul className="inline-list" aria-label="Runs by status">
            {STATUSES.map((status) => (
              <li key={status}>
                <Link to={`/runs?status=${status}`} className="status-count">
                  {status.replace("_", " ")} <strong>{data.by_status[status] ?? 0}</strong>
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>Recent runs</h3>
      {recent.isPending && <p className="muted">Loading…</p>}
      {recent.data && runs.length === 0 && (
        <p className="muted">
          No runs yet. <Link to="/runs/new">Start one</Link>.
        </p>
      )}
      {runs.length > 0 && (
        <table className="counts" aria-label="Recent runs">
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>
                  <Link to={`/runs/${run.id}`}>
                    <code>{run.id.slice(0, 8)}</code>
                  </Link>{" "}
                  <span className="muted small">{run.kind}</span>
                </td>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td className="small">{run.model?.startsWith("run:") ? `run ${run.model.slice(4, 12)}` : (run.model ?? "–")}</td>
                <td className="muted small nowrap">{ago(run.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(recent.data?.items.length ?? 0) > RECENT && (
        <p className="small">
          <Link to="/runs">All runs →</Link>
        </p>
      )}
    </div>
  );
}
