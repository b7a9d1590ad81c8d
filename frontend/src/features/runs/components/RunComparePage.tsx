import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { runQueries } from "../api/runQueries";
import { isActive } from "../api/runFilters";
import { idStartsWith, runLabel, shortId } from "../api/runLabel";
import { CurvesPanel } from "./CurvesPanel";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

/** A full run id or a prefix of one (6+ hex characters): the server resolves prefixes. */
const RUN_ID = /^[0-9a-f]{6}[0-9a-f-]{0,30}$/i;

/** Curves of several runs overlaid; the URL (?ids=a,b,c) is the comparison's deep link. */
export function RunComparePage() {
  const [params, setParams] = useSearchParams();
  const ids = useMemo(
    () => [...new Set((params.get("ids") ?? "").split(",").map((id) => id.trim()).filter((id) => RUN_ID.test(id)))],
    [params],
  );
  useDocumentTitle(ids.length ? `Curves of ${ids.length} run${ids.length === 1 ? "" : "s"}` : "Compare runs");
  const [draft, setDraft] = useState(ids.join(", "));
  // The newest page of runs tells which of these are still going (those are polled).
  const recent = useQuery(runQueries.list({}));
  // ... and what they are called: a run on it shows its name in the legends, the others their short id.
  const known = recent.data?.items ?? [];
  const activeKey = ids.filter((id) => known.some((run) => isActive(run.status) && idStartsWith(run.id, id))).join(",");
  const namesKey = JSON.stringify(ids.map((id) => known.find((run) => idStartsWith(run.id, id))?.name ?? null));
  const runs = useMemo(() => {
    const active = new Set(activeKey.split(","));
    const names = JSON.parse(namesKey) as (string | null)[];
    return ids.map((id, index) => ({ id, label: runLabel({ id, name: names[index] }), live: active.has(id) }));
  }, [ids, activeKey, namesKey]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = draft.split(/[\s,]+/).filter((id) => RUN_ID.test(id));
    setParams(new URLSearchParams({ ids: next.join(",") }));
  }

  return (
    <section>
      <h1>Compare runs</h1>
      <form className="row compare-form" onSubmit={submit}>
        <label>
          Run ids
          <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="comma-separated run ids or prefixes" />
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
                {runs.find((run) => run.id === id)?.label ?? shortId(id)}
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
