import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { datasetQueries } from "../api/datasetQueries";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

function countsText(counts: Record<string, unknown>): string {
  return Object.entries(counts)
    .map(([split, n]) => `${split} ${String(n)}`)
    .join(" · ");
}

/** Trace datasets, newest version first, a keyset page at a time; pick two to diff. */
export function DatasetsPage() {
  useDocumentTitle("Datasets");
  const [params, setParams] = useSearchParams();
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(datasetQueries.list(cursor));
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>([]);
  const items = page.data?.items ?? [];

  function toggle(key: string) {
    setSelected((current) => (current.includes(key) ? current.filter((x) => x !== key) : [...current, key].slice(-2)));
  }

  return (
    <section>
      <div className="page-head">
        <h1>Datasets</h1>
        <div className="row">
          <button
            type="button"
            disabled={selected.length !== 2}
            onClick={() =>
              navigate(`/datasets/diff?${new URLSearchParams({ a: selected[0] ?? "", b: selected[1] ?? "" }).toString()}`)
            }
          >
            Diff selected ({selected.length}/2)
          </button>
          <Link className="button" to="/datasets/new">
            Build a dataset
          </Link>
        </div>
      </div>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load datasets.</p>}
      {page.data && items.length === 0 && !cursor && (
        <p className="muted">
          No datasets yet. <Link to="/datasets/new">Build the first one</Link> from the stored traces.
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Datasets">
          <thead>
            <tr>
              <th aria-label="Select" />
              <th>Key</th>
              <th className="num">Items</th>
              <th>Splits</th>
              <th>Description</th>
              <th>Created</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map((dataset) => (
              <tr key={dataset.key}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${dataset.key} for a diff`}
                    checked={selected.includes(dataset.key)}
                    onChange={() => toggle(dataset.key)}
                  />
                </td>
                <td>
                  <Link to={`/datasets/${encodeURIComponent(dataset.key)}`}>{dataset.key}</Link>
                </td>
                <td className="num">{dataset.item_count}</td>
                <td className="muted">{countsText(dataset.counts)}</td>
                <td>{dataset.description || <span className="muted">–</span>}</td>
                <td className="muted nowrap">{new Date(dataset.created_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(next ? { cursor: next } : {}))} />
    </section>
  );
}
