import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { RunLinkCell } from "../../runs/components/RunLinkCell";
import { RunStatusCell } from "../../runs/components/RunStatusCell";
import { loopQueries } from "../api/loopQueries";
import { formatRate } from "../api/rounds";

/** Loops, newest first, a keyset page at a time: status, rounds done and the latest accuracy. */
export function LoopsPage() {
  useDocumentTitle("Loops");
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(loopQueries.list(cursor));
  const items = page.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Loops</h1>
        <Link className="button" to="/loops/new">
          New loop
        </Link>
      </div>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load the loops.</p>}
      {page.data && items.length === 0 && !cursor && (
        <p className="muted">
          No loops yet. <Link to="/loops/new">Start one</Link>, or run{" "}
          <code>tunix-rt loop start --start RUN --dataset KEY --evalset KEY</code>.
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Loops">
          <thead>
            <tr>
              <th>Loop</th>
              <th>Status</th>
              <th className="num">Rounds done</th>
              <th className="num">Latest strict</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map(({ run, rounds_done: done, latest_strict: latest }) => (
              <tr key={run.id}>
                <RunLinkCell run={run} to={`/loops/${run.id}`} />
                <RunStatusCell run={run} />
                <td className="num">{done}</td>
                <td className="num">{formatRate(latest)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(next ? { cursor: next } : {})} />
    </section>
  );
}
