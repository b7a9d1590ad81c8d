import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { traceQueries } from "../api/traceQueries";
import { useTraceFilters } from "../hooks/useTraceFilters";
import { TraceFilterBar } from "./TraceFilterBar";
import { TraceTable } from "./TraceTable";
import { CursorPager } from "../../../app/CursorPager";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

/** The trace list: filters, a keyset-paged table, and picking two traces to compare. */
export function TracesPage() {
  useDocumentTitle("Traces");
  const { filters, cursor, setFilters, setCursor } = useTraceFilters();
  const navigate = useNavigate();
  const page = useQuery(traceQueries.list(filters, cursor));
  const [selected, setSelected] = useState<string[]>([]);

  function toggle(id: string) {
    setSelected((current) =>
      current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2),
    );
  }

  const items = page.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Traces</h1>
        <div className="row">
          <button
            type="button"
            disabled={selected.length !== 2}
            onClick={() => navigate(`/traces/compare?a=${selected[0]}&b=${selected[1]}`)}
          >
            Compare selected ({selected.length}/2)
          </button>
          <Link className="button" to="/traces/add">
            Add traces
          </Link>
        </div>
      </div>
      <TraceFilterBar key={JSON.stringify(filters)} filters={filters} onChange={setFilters} />
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && !page.data && <p className="bad">Could not load traces.</p>}
      {page.data && items.length === 0 && <p className="muted">No traces match these filters.</p>}
      {items.length > 0 && (
        <div className={page.isPlaceholderData ? "stale" : undefined}>
          <TraceTable traces={items} selected={selected} onToggle={toggle} />
        </div>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={setCursor}>
        <span className="muted">
          {items.length} shown{cursor ? " (not the first page)" : ""}
        </span>
      </CursorPager>
    </section>
  );
}
