import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { SettingsMismatch } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evaluationQueries } from "../api/evaluationQueries";
import { leaderboardFiltersFromSearch, leaderboardFiltersToSearch } from "../api/leaderboardFilters";
import { modelLabel, pct } from "../api/scorecard";
import { CursorPager } from "../../../app/CursorPager";
import { SettingsDifferences } from "./SettingsDifferences";

const EMPTY = { evalset: "", dataset: "", model: "", since: "" };

function groupName(models: string[]): string {
  const shown = models.slice(0, 3).map(modelLabel).join(", ");
  return models.length > 3 ? `${shown} and ${models.length - 3} more` : shown;
}

/** Each pair of groups on one eval set whose settings differ, with exactly what differs. */
function Mismatches({ mismatches }: { mismatches: SettingsMismatch[] }) {
  return (
    <>
      {mismatches.map((mismatch, index) => (
        <div key={index} className="mismatch">
          <p className="small">
            On <strong>{mismatch.evalset}</strong>: {groupName(mismatch.a)} vs {groupName(mismatch.b)}
          </p>
          <SettingsDifferences
            differences={mismatch.differences}
            a={groupName(mismatch.a)}
            b={groupName(mismatch.b)}
            label={`Settings that differ on ${mismatch.evalset}`}
          />
        </div>
      ))}
    </>
  );
}

/** The latest evaluation of each model on each eval set, best primary score first: filters in the
 * URL, keyset pages, pick two rows on one eval set to compare item by item. Evaluations made with
 * different settings are not ranked together unless the user asks (?force=1), and then the page
 * says what differs; scores of a judge not yet checked against people are left out until then. */
export function LeaderboardPage() {
  useDocumentTitle("Leaderboard");
  const [params, setParams] = useSearchParams();
  const filters = leaderboardFiltersFromSearch(params);
  const cursor = params.get("cursor") ?? undefined;
  const force = params.get("force") === "1";
  const page = useQuery(evaluationQueries.leaderboard(filters, cursor, force));
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

  function setForce(next: boolean) {
    const search = new URLSearchParams(leaderboardFiltersToSearch(filters, next ? { force: "1" } : {}));
    setParams(search);
  }

  const problem = page.isError ? toProblem(page.error) : undefined;
  const refused = Array.isArray(problem?.mismatches) ? (problem.mismatches as SettingsMismatch[]) : undefined;
  const rankedOver = page.data?.settings_differences ?? [];
  const leftOut = page.data?.left_out ?? [];

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
      {problem && !refused && (
        <div className="form-error">
          <ProblemView problem={problem} />
        </div>
      )}
      {refused && (
        <div className="panel warning" role="region" aria-label="Not comparable">
          <h2>Not ranked: these evaluations were made with different settings</h2>
          <p className="muted small">
            Their scores can differ for reasons other than the model (the docs' “When scores may be compared” explains which).
            Filter to one setting, evaluate again with matching settings, or rank them anyway.
          </p>
          <Mismatches mismatches={refused} />
          <button type="button" onClick={() => setForce(true)}>
            Rank anyway
          </button>
        </div>
      )}
      {force && rankedOver.length > 0 && (
        <div className="panel warning" role="region" aria-label="Ranked over different settings">
          <h2>Ranked together although their settings differ</h2>
          <Mismatches mismatches={rankedOver} />
          <button type="button" className="secondary" onClick={() => setForce(false)}>
            Rank only comparable evaluations
          </button>
        </div>
      )}
      {leftOut.length > 0 && (
        <div className="panel warning" role="region" aria-label="Left out">
          {leftOut.map((entry) => (
            <p key={entry.metric} className="small">
              Left out the evaluations ranked by <code>{entry.metric}</code>: {entry.reason}.
            </p>
          ))}
          <button type="button" className="secondary" onClick={() => setForce(true)}>
            Include them
          </button>
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
      <CursorPager cursor={cursor} nextCursor={page.data?.next_cursor} onPage={(next) => setParams(new URLSearchParams(leaderboardFiltersToSearch(filters, { ...(next ? { cursor: next } : {}), ...(force ? { force: "1" } : {}) })))} />
    </section>
  );
}
