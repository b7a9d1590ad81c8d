import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { runQueries } from "../api/runQueries";
import { isActive } from "../api/runFilters";
import { CurvesPanel } from "./CurvesPanel";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Curves of several runs overlaid; the URL (?ids=a,b,c) is the comparison's deep link. */
export function RunComparePage() {
  const [params, setParams] = useSearchParams();
  const ids = useMemo(
    () => [...new Set((params.get("ids") ?? "").split(",").map((id) => id.trim()).filter((id) => UUID.test(id)))],
    [params],
  );
  useDocumentTitle(ids.length ? `Curves of ${ids.length} run${ids.length === 1 ? "" : "s"}` : "Compare runs");
  const [draft, setDraft] = useState(ids.join(", "));
  // The newest page of runs tells which of these are still going (those are polled).
  const recent = useQuery(runQueries.list({}));
  const activeIds = new Set((recent.data?.items ?? []).filter((run) => isActive(run.status)).map((run) => run.id));
  const activeKey = ids.filter((id) => activeIds.has(id)).join(",");
  const runs = useMemo(() => {
    const active = new Set(activeKey.split(","));
    return ids.map((id) => ({ id, label: id.slice(0, 8), live: active.has(id) }));
  }, [ids, activeKey]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.split(/[\s,]+/).filter((id) => UUID.test(id));
    setParams(new URLSearchParams({ ids: next.join(",") }));
  }

  return (
    <section>
      <h1>Compare runs</h1>
      <form className="row compare-form" onSubmit={submit}>
        <label>
          Run ids
          <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="comma-separated run ids" />
        </label>
        <button type="submit">Overlay</button>
      </form>
      {ids.length === 0 ? (
        <p className="muted">
          Tick runs in the <Link to="/runs">list</Link> and press “Overlay curves”, or paste their ids.
        </p>
      ) : (
        <>
          <p className="muted small">
            {ids.length} run{ids.length === 1 ? "" : "s"}:{" "}
            {ids.slice(0, 20).map((id) => (
              <Link key={id} to={`/runs/${id}`} className="run-chip">
                {id.slice(0, 8)}
              </Link>
            ))}
            {ids.length > 20 && ` and ${ids.length - 20} more`}
          </p>
          <div className="panel">
            <CurvesPanel runs={runs} />
          </div>
        </>
      )}
    </section>
  );
}
