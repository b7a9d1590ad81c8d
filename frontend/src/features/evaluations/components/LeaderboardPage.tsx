import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evaluationQueries } from "../api/evaluationQueries";
import { leaderboardFiltersFromSearch, leaderboardFiltersToSearch } from "../api/leaderboardFilters";
import { modelLabel, pct } from "../api/scorecard";
import { CursorPager } from "../../../app/CursorPager";

const EMPTY = { evalset: "", dataset: "", model: "", since: "" };

/** The latest evaluation of each model on each eval set, best primary score first: filters in the
 * URL, keyset pages, pick two rows on one eval set to compare item by item. */
export function LeaderboardPage() {
  useDocumentTitle("Leaderboard");
  const [params, setParams] = useSearchParams();
  const filters = leaderboardFiltersFromSearch(params);
  const cursor = params.get("cursor") ?? undefined;
  const page = useQuery(evaluationQueries.leaderboard(filters, cursor));
  const evalsets = useQuery(evaluationQueries.evalsets());
  const navigate = useNavigate();
  const [draft, setDraft] = useState({
    evalset: filters.evalset ?? "",
    dataset: filters.dataset ?? "",
    model: filters.model ?? "",
    since: filters.since ?? "",
  });
  const [selected, setSelected] = useState<string[]>([]);
  const items = page.data?.items ?? [];
  const picked = items.filter((row) => selected.includes(row.run_id));
  const sameSet = picked.length === 2 && picked[0]!.evalset_key === picked[1]!.evalset_key;

  function apply(event: FormEvent) {
    event.preventDefault();
    setParams(new URLSearchParams(leaderboardFiltersToSearch(draft)));
  }

  function toggle(id: string) {
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2)));
  }

  return (
    <section>
      <div className="page-head">
        <h1>Leaderboard</h1>
        <div className="row">
          <button
            type="button"
            disabled={!sameSet}
            title={picked.length === 2 && !sameSet ? "the two evaluations are on different eval sets" : undefined}
            onClick={() => navigate(`/evaluations/compare?${new URLSearchParams({ a: selected[0] ?? "", b: selected[1] ?? "" }).toString()}`)}
          >
            Compare selected ({selected.length}/2)
          </button>
          <Link className="button secondary-link" to="/evaluations/regression">
            Regression gate
          </Link>
        </div>
      </div>
      <form className="filters board-filters" onSubmit={apply} aria-label="Filters">
        <label>
          Eval set
          <select value={draft.evalset} onChange={(e) => setDraft({ ...draft, evalset: e.target.value })}>
            <option value="">any</option>
            {draft.evalset && !(evalsets.data?.items ?? []).some((set) => set.key === draft.evalset) && <option value={draft.evalset}>{draft.evalset}</option>}
            {(evalsets.data?.items ?? []).map((set) => (
              <option key={set.key} value={set.key}>
                {set.key}
              </option>
            ))}
          </select>
        </label>
        <label>
          Trained on dataset
          <input value={draft.dataset} onChange={(e) => setDraft({ ...draft, dataset: e.target.value })} placeholder="name@vN" />
        </label>
        <label>
          Model
          <input value={draft.model} onChange={(e) => setDraft({ ...draft, model: e.target.value })} placeholder="run:<id> or a name" />
        </label>
        <label>
          Evaluated since
          <input type="date" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
        </label>
        <div className="filter-actions">
          <button type="submit">Apply</button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setDraft(EMPTY);
              setParams(new URLSearchParams());
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {page.isPending && <p className="muted">Loading…</p>}
      {page.isError && (
        <div className="form-error">
          <ProblemView problem={toProblem(page.error)} />
        </div>
      )}
      {page.data && items.length === 0 && (
        <p className="muted">
          {Object.keys(filters).length > 0
            ? "No evaluations match these filters."
            : "No evaluations yet: open a succeeded training run and press “Evaluate”."}
        </p>
      )}
      {items.length > 0 && (
        <table className="traces" aria-label="Leaderboard">
          <thead>
            <tr>
              <th aria-label="Select" />
              <th>Model</th>
              <th>Eval set</th>
              <th>Trained on</th>
              <th className="num">Score</th>
              <th className="num">Strict</th>
              <th className="num">Lenient</th>
              <th className="num">Format</th>
              <th className="num">Items</th>
              <th>Evaluated</th>
            </tr>
          </thead>
          <tbody className={page.isPlaceholderData ? "stale" : undefined}>
            {items.map((row) => (
              <tr key={row.run_id}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select evaluation ${row.run_id} to compare`}
                    checked={selected.includes(row.run_id)}
                    onChange={() => toggle(row.run_id)}
                  />
                </td>
                <td>
                  <Link to={`/evaluations/${row.run_id}`} title={`scorecard of eval run ${row.run_id}`}>
                    {modelLabel(row.model)}
                  </Link>
                  {row.source_run_id && (
                    <div className="small">
                      <Link to={`/runs/${row.source_run_id}`} className="muted">
                        training run
                      </Link>
                    </div>
                  )}
                </td>
                <td>{row.evalset_key}</td>
                <td>{row.dataset_key ? <Link to={`/datasets/${encodeURIComponent(row.dataset_key)}`}>{row.dataset_key}</Link> : "–"}</td>
                <td className="num" title={row.primary_metric}>
                  <strong>{pct(row.primary_score)}</strong>
                  <div className="muted small">{row.primary_metric}</div>
                </td>
                <td className="num">{pct(row.strict_accuracy)}</td>
                <td className="num">{pct(row.lenient_accuracy)}</td>
                <td className="num">{pct(row.format_compliance)}</td>
                <td className="num">{row.n_items}</td>
                <td className="muted nowrap">{new Date(row.created_at).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(leaderboardFiltersToSearch(filters, next ? { cursor: next } : {})))} />
    </section>
  );
}
