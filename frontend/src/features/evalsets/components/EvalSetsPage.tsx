import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evalsetQueries } from "../api/evalsetQueries";
import { tallyText } from "./tally";

/** Eval sets, newest version first, a keyset page at a time, each with its item count; the
 * sets the Evaluate form, sweeps and the leaderboard score against. */
export function EvalSetsPage() {
  useDocumentTitle("Eval sets");
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(evalsetQueries.list(cursor));
  const items = page.data?.items ?? [];

  return (
    <section>
      <div className="page-head">
        <h1>Eval sets</h1>
      </div>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load eval sets.</p>}
      {page.data && items.length === 0 && !cursor && (
        <p className="muted">
          No eval sets yet: import a JSONL file (<code>tunix-rt evalsets import FILE --name NAME</code>) or derive one from a
          dataset's eval split (<code>tunix-rt evalsets derive NAME --dataset KEY</code>).
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Eval sets">
          <thead>
            <tr>
              <th>Key</th>
              <th className="num">Items</th>
              <th>Sections</th>
              <th>Description</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map((set) => (
              <tr key={set.key}>
                <td>
                  <Link to={`/evalsets/${encodeURIComponent(set.key)}`}>{set.key}</Link>
                </td>
                <td className="num">{set.item_count}</td>
                <td className="muted">{tallyText(set.counts)}</td>
                <td>{set.description || <span className="muted">–</span>}</td>
                <td className="muted nowrap">{new Date(set.created_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(next ? { cursor: next } : {}))} />
    </section>
  );
}
