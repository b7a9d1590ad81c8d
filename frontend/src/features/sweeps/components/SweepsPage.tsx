import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { RunLinkCell } from "../../runs/components/RunLinkCell";
import { RunStatusCell } from "../../runs/components/RunStatusCell";
import { sweepQueries } from "../api/sweepQueries";
import { formatParam, plannedTrials } from "../api/trials";

function when(stamp: string | null): string {
  return stamp ? new Date(stamp).toLocaleString() : "–";
}

/** Sweeps, newest first, a keyset page at a time: status, objective and the best score so far. */
export function SweepsPage() {
  useDocumentTitle("Sweeps");
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(sweepQueries.list(cursor));
  const items = page.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Sweeps</h1>
        <Link className="button" to="/sweeps/new">
          New sweep
        </Link>
      </div>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load the sweeps.</p>}
      {page.data && items.length === 0 && !cursor && (
        <p className="muted">
          No sweeps yet. <Link to="/sweeps/new">Start one</Link> to search learning rates, LoRA ranks or any other training key.
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Sweeps">
          <thead>
            <tr>
              <th>Sweep</th>
              <th>Status</th>
              <th>Objective</th>
              <th className="num">Best so far</th>
              <th className="num">Trials planned</th>
              <th>Created</th>
              <th>Finished</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map(({ run, objective, best_objective: best }) => (
              <tr key={run.id}>
                <RunLinkCell run={run} to={`/sweeps/${run.id}`} />
                <RunStatusCell run={run} />
                <td>{objective}</td>
                <td className="num">{best === null ? "–" : formatParam(best)}</td>
                <td className="num">{plannedTrials(run.config) ?? "–"}</td>
                <td className="muted nowrap">{when(run.created_at)}</td>
                <td className="muted nowrap">{when(run.finished_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(next ? { cursor: next } : {})} />
    </section>
  );
}

