import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { runFiltersFromSearch, runFiltersToSearch, STATUSES, type RunFilters } from "../api/runFilters";
import { runQueries } from "../api/runQueries";
import { ParentLink } from "./ParentLink";
import { RunActions } from "./RunActions";
import { RunLinkCell } from "./RunLinkCell";
import { RunStatusCell } from "./RunStatusCell";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

function when(stamp: string | null): string {
  return stamp ? new Date(stamp).toLocaleString() : "–";
}

/** Runs, newest first: filters in the URL, keyset pages, actions per row, overlay curves of a selection. */
export function RunsPage() {
  useDocumentTitle("Runs");
  const [params, setParams] = useSearchParams();
  const filters = runFiltersFromSearch(params);
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(runQueries.list(filters, cursor));
  const navigate = useNavigate();
  const [selected, setSelected] = useState<string[]>([]);
  const [draft, setDraft] = useState({ kind: filters.kind ?? "", dataset: filters.dataset ?? "", model: filters.model ?? "", tag: filters.tag ?? "" });
  const items = page.data?.items ?? [];

  function apply(event: FormEvent) {
    event.preventDefault();
    setParams(new URLSearchParams(runFiltersToSearch({ ...filters, ...draft })));
  }

  function toggle(id: string) {
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));
  }

  return (
    <section>
      <div className="page-head">
        <h1>Runs</h1>
        <div className="row">
          <button type="button" disabled={selected.length === 0} onClick={() => navigate(`/runs/compare?ids=${selected.join(",")}`)}>
            Overlay curves ({selected.length})
          </button>
          <Link className="button" to="/runs/new">
            New run
          </Link>
          <Link className="button" to="/runs/new/sample">
            New sample run
          </Link>
        </div>
      </div>
      <form className="filters runs-filters" onSubmit={apply} aria-label="Filters">
        <label>
          Status
          <select
            value={filters.status ?? ""}
            onChange={(e) => setParams(new URLSearchParams(runFiltersToSearch({ ...filters, status: (e.target.value || undefined) as RunFilters["status"] })))}
          >
            <option value="">any</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {status.replace("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Kind
          <input value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value })} placeholder="any" />
        </label>
        <label>
          Dataset
          <input value={draft.dataset} onChange={(e) => setDraft({ ...draft, dataset: e.target.value })} placeholder="name@vN" />
        </label>
        <label>
          Model
          <input value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} placeholder="any" />
        </label>
        <label>
          Tag
          <input value={draft.tag} onChange={(e) => setDraft({ ...draft, tag: e.target.value })} placeholder="any" />
        </label>
        <div className="filter-actions">
          <button type="submit">Apply</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft({ kind: "", dataset: "", model: "", tag: "" });
              setParams(new URLSearchParams());
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load runs.</p>}
      {page.data && items.length === 0 && (
        <p className="muted">
          {Object.keys(filters).length > 0 ? "No runs match these filters." : "No runs yet."} <Link to="/runs/new">Start one</Link>.
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Runs">
          <thead>
            <tr>
              <th aria-label="Select" />
              <th>Run</th>
              <th>Status</th>
              <th>Kind</th>
              <th>Model</th>
              <th>Dataset</th>
              <th>Created</th>
              <th>Finished</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map((run) => (
              <tr key={run.id}>
                <td>
                  <input type="checkbox" aria-label={`Select run ${run.id} for overlaid curves`} checked={selected.includes(run.id)} onChange={() => toggle(run.id)} />
                </td>
                <RunLinkCell run={run} to={`/runs/${run.id}`} />
                <RunStatusCell run={run} />
                <td>
                  {run.kind === "sweep" ? <Link to={`/sweeps/${run.id}`} aria-label={`Sweep ${run.id.slice(0, 8)}`}>sweep</Link> : run.kind}
                  {run.parent_id && (
                    <div className="small">
                      <ParentLink
                        parentId={run.parent_id}
                        knownKind={items.find((other) => other.id === run.parent_id)?.kind}
                        label={(noun) => `${noun.charAt(0).toUpperCase()}${noun.slice(1)} of run ${run.id.slice(0, 8)}`}
                      >
                        {(noun) => `${noun === "sweep" ? "trial" : "step"} of ${run.parent_id?.slice(0, 8)}`}
                      </ParentLink>
                    </div>
                  )}
                </td>
                <td>
                  <span className="clip" title={run.model ?? undefined}>
                    {run.model ?? "–"}
                  </span>
                </td>
                <td>{run.dataset_key ? <Link to={`/datasets/${encodeURIComponent(run.dataset_key)}`}>{run.dataset_key}</Link> : "–"}</td>
                <td className="muted nowrap">{when(run.created_at)}</td>
                <td className="muted nowrap">{when(run.finished_at)}</td>
                <td>
                  <RunActions run={run} compact />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(runFiltersToSearch(filters, next ? { cursor: next } : {})))} />
    </section>
  );
}
