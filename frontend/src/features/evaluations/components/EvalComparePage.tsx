import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { EvaluationRead, SettingsDifference } from "../../../api/types";
import { PageButtons } from "../../../app/PageButtons";
import { ProblemView } from "../../../app/ProblemView";
import { useClientPage } from "../../../hooks/useClientPage";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import type { CompareItem, CompareSide, Outcome } from "../api/evaluationApi";
import { evaluationQueries } from "../api/evaluationQueries";
import { modelLabel, pct, pValue } from "../api/scorecard";
import { SettingsDifferences } from "./SettingsDifferences";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE = 20;
const SHOWS = [
  { value: "changed", label: "changed (fixed or broken)" },
  { value: "fixed", label: "fixed" },
  { value: "broken", label: "broken" },
  { value: "both_wrong", label: "wrong in both" },
  { value: "both_right", label: "right in both" },
  { value: "all", label: "all paired items" },
] as const;
type Show = (typeof SHOWS)[number]["value"];
const OUTCOME_TEXT: Record<Outcome, string> = { fixed: "fixed", broken: "broken", both_right: "right in both", both_wrong: "wrong in both" };

function name(evaluation: EvaluationRead | undefined, id: string): string {
  return evaluation ? modelLabel(evaluation.model) : id.slice(0, 8);
}

/** The verdicts two evaluations can be paired on: the checker's, the format's, each judge's. */
function metricChoices(evaluation: EvaluationRead | undefined): string[] {
  const judges = (evaluation?.judges ?? []).map((judge) => String(judge.name)).filter((name) => name !== "format");
  return ["strict", "lenient", "format", ...judges.map((name) => `judge:${name}`)];
}

function Side({ side }: { side: CompareSide }) {
  return (
    <td className={`side ${side.strict ? "side-right" : "side-wrong"}`}>
      <div className="small">
        <span className={side.strict ? "badge ok" : "badge bad"}>{side.strict ? "right" : "wrong"}</span>{" "}
        answer <code>{side.extracted_answer ?? "none"}</code>
        {side.failure && " "}
        {side.failure && <span className="tag">{side.failure.replaceAll("_", " ")}</span>}
      </div>
      <pre className="code output">{side.output || "(empty)"}</pre>
    </td>
  );
}

/** Two evaluations on one eval set, item by item: fixed and broken items highlighted, outputs side
 * by side, McNemar's p-value, accuracy per category. ?a=&b= (eval run ids) is the deep link. */
export function EvalComparePage() {
  const [params, setParams] = useSearchParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  const metric = params.get("metric") ?? "strict";
  const force = params.get("force") === "1";
  const ready = UUID.test(a) && UUID.test(b);
  const [draft, setDraft] = useState({ a, b });
  const [show, setShow] = useState<Show>("changed");
  const compare = useQuery({ ...evaluationQueries.compare(a, b, metric, force), enabled: ready });
  const left = useQuery({ ...evaluationQueries.detail(a), enabled: UUID.test(a) });
  const right = useQuery({ ...evaluationQueries.detail(b), enabled: UUID.test(b) });
  const nameA = name(left.data, a);
  const nameB = name(right.data, b);
  useDocumentTitle(ready ? `Compare ${nameA} and ${nameB}` : "Compare evaluations");

  const items = useMemo<CompareItem[]>(() => {
    const all = compare.data?.items ?? [];
    if (show === "all") return all;
    if (show === "changed") return all.filter((item) => item.outcome === "fixed" || item.outcome === "broken");
    return all.filter((item) => item.outcome === show);
  }, [compare.data, show]);
  const { page, pages, setPage, rows } = useClientPage(items, PAGE);

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(new URLSearchParams({ a: draft.a.trim(), b: draft.b.trim(), metric }));
  }

  function setForce(next: boolean) {
    const search = new URLSearchParams(params);
    if (next) search.set("force", "1");
    else search.delete("force");
    setParams(search, { replace: true });
  }

  const problem = compare.isError ? toProblem(compare.error) : undefined;
  const refused = Array.isArray(problem?.differences) ? (problem.differences as SettingsDifference[]) : undefined;

  const data = compare.data;
  return (
    <section>
      <h1>Compare evaluations</h1>
      <form className="row compare-form" onSubmit={submit} aria-label="Evaluations to compare">
        <label>
          Reference (A): eval run id
          <input value={draft.a} onChange={(e) => setDraft({ ...draft, a: e.target.value })} aria-invalid={(draft.a !== "" && !UUID.test(draft.a.trim())) || undefined} />
        </label>
        <label>
          Candidate (B): eval run id
          <input value={draft.b} onChange={(e) => setDraft({ ...draft, b: e.target.value })} aria-invalid={(draft.b !== "" && !UUID.test(draft.b.trim())) || undefined} />
        </label>
        <label>
          Paired on
          <select
            value={metric}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set("metric", e.target.value);
              setParams(next, { replace: true });
            }}
          >
            {metricChoices(left.data).map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!UUID.test(draft.a.trim()) || !UUID.test(draft.b.trim())}>
          Compare
        </button>
      </form>
      {!ready && (
        <p className="muted">
          Tick two evaluations of one eval set on the <Link to="/evaluations">leaderboard</Link>, or paste their eval run ids.
        </p>
      )}
      {ready && compare.isPending && <p className="muted">Comparing…</p>}
      {ready && problem && !refused && (
        <div className="form-error">
          <ProblemView problem={problem} />
        </div>
      )}
      {ready && refused && (
        <div className="panel warning" role="region" aria-label="Not comparable">
          <h2>Not compared: the two evaluations were made with different settings</h2>
          <p className="muted small">
            A difference in their scores may come from these rather than from the models. Evaluate again with matching
            settings, or compare anyway.
          </p>
          <SettingsDifferences differences={refused} a={`A ${nameA}`} b={`B ${nameB}`} />
          <button type="button" onClick={() => setForce(true)}>
            Compare anyway
          </button>
        </div>
      )}
      {data && data.settings_differences.length > 0 && (
        <div className="panel warning" role="region" aria-label="Compared over different settings">
          <h2>Compared although their settings differ</h2>
          <SettingsDifferences differences={data.settings_differences} a={`A ${nameA}`} b={`B ${nameB}`} />
        </div>
      )}
      {data && (
        <>
          <div className="panel">
            <p className="compare-names">
              <strong>A</strong> <Link to={`/evaluations/${a}`}>{nameA}</Link> vs <strong>B</strong>{" "}
              <Link to={`/evaluations/${b}`}>{nameB}</Link> <span className="muted">on {data.evalset}, {data.paired} paired items</span>
            </p>
            <div className="big-numbers">
              <div className="big-number">
                <span className="value">
                  {pct(data.a_accuracy)} → {pct(data.b_accuracy)}
                </span>
                <span className="label">{data.metric} accuracy A → B</span>
              </div>
              <div className="big-number">
                <span className="value ok-text" data-testid="count-fixed">{data.counts.fixed}</span>
                <span className="label">fixed (wrong in A, right in B)</span>
              </div>
              <div className="big-number">
                <span className="value bad" data-testid="count-broken">{data.counts.broken}</span>
                <span className="label">broken (right in A, wrong in B)</span>
              </div>
              <div className="big-number">
                <span className="value">{data.counts.both_right} / {data.counts.both_wrong}</span>
                <span className="label">right / wrong in both</span>
              </div>
              <div className="big-number">
                <span className="value" data-testid="mcnemar-p">{pValue(data.mcnemar_p)}</span>
                <span className="label">McNemar exact p-value{data.mcnemar_p < 0.05 ? " (significant at 5%)" : ""}</span>
              </div>
            </div>
            {Object.keys(data.categories).length > 0 && (
              <table className="counts categories" aria-label="Accuracy by category">
                <thead>
                  <tr>
                    <th>Category</th>
                    <th className="num">Items</th>
                    <th className="num">A</th>
                    <th className="num">B</th>
                    <th className="num">Δ</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(data.categories).map(([category, row]) => (
                    <tr key={category}>
                      <td>{category}</td>
                      <td className="num">{row.n}</td>
                      <td className="num">{pct(row.a)}</td>
                      <td className="num">{pct(row.b)}</td>
                      <td className={`num ${row.delta > 0 ? "ok-text" : row.delta < 0 ? "bad" : "muted"}`}>
                        {row.delta > 0 ? "+" : ""}
                        {(row.delta * 100).toFixed(1)} pt
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="row item-tools">
            <label>
              Show
              <select value={show} onChange={(e) => setShow(e.target.value as Show)}>
                {SHOWS.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted small" aria-live="polite">
              {items.length} item{items.length === 1 ? "" : "s"}
            </span>
          </div>
          {items.length === 0 ? (
            <p className="muted">No items {show === "changed" ? "changed verdict between A and B" : "in this group"}.</p>
          ) : (
            <table className="traces compare-items" aria-label="Items side by side">
              <thead>
                <tr>
                  <th>Item</th>
                  <th>A: {nameA}</th>
                  <th>B: {nameB}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((item) => (
                  <tr key={item.id} className={`outcome-${item.outcome}`}>
                    <td className="item-cell">
                      <code>{item.id}</code>
                      <div>
                        <span className={`badge outcome ${item.outcome}`}>{OUTCOME_TEXT[item.outcome]}</span>
                      </div>
                      <div className="small muted">expected <code>{item.expected_answer}</code></div>
                      {item.category && <div className="small muted">{item.category}</div>}
                    </td>
                    <Side side={item.a} />
                    <Side side={item.b} />
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <PageButtons page={page} pages={pages} onPage={setPage} label="compared items" />
        </>
      )}
    </section>
  );
}
