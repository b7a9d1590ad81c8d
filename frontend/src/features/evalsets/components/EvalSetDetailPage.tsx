import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { PageButtons } from "../../../app/PageButtons";
import { ProblemView } from "../../../app/ProblemView";
import { useClientPage } from "../../../hooks/useClientPage";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evalsetQueries } from "../api/evalsetQueries";
import { tallyText } from "./tally";

const ITEMS_PER_PAGE = 50;
const PROMPT_CHARS = 160;

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

function clip(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** One eval set version: its counts by section, category and difficulty, where it came from,
 * its digest, and its items a page at a time (the prompt clipped, whole in its tooltip). */
export function EvalSetDetailPage() {
  const key = useParams().evalsetKey ?? "";
  useDocumentTitle(`Eval set ${key}`);
  const query = useQuery(evalsetQueries.detail(key));
  const items = useQuery({ ...evalsetQueries.items(key), enabled: query.isSuccess });
  const page = useClientPage(items.data ?? [], ITEMS_PER_PAGE);

  if (query.isPending) return <p className="muted">Loading eval set…</p>;
  if (query.isError) {
    return (
      <section>
        <h1>Eval set {key}</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          <Link to="/evalsets">Back to the eval sets</Link>
        </p>
      </section>
    );
  }
  const set = query.data;
  const counts = asRecord(set.manifest.counts);
  const source = asRecord(set.manifest.source);
  const digest = String(asRecord(set.manifest.sha256).items ?? "");

  return (
    <section>
      <div className="page-head">
        <h1>Eval set {set.key}</h1>
        <div className="row">
          <Link to={`/evaluations?${new URLSearchParams({ evalset: set.key }).toString()}`}>Leaderboard on it</Link>
        </div>
      </div>
      {set.description && <p>{set.description}</p>}
      <div className="panel">
        <dl className="facts compact">
          <div className="fact">
            <dt>items</dt>
            <dd data-testid="item-count">{set.item_count}</dd>
          </div>
          <div className="fact">
            <dt>by section</dt>
            <dd>{tallyText(counts.by_section)}</dd>
          </div>
          <div className="fact">
            <dt>by category</dt>
            <dd>{tallyText(counts.by_category)}</dd>
          </div>
          <div className="fact">
            <dt>by difficulty</dt>
            <dd>{tallyText(counts.by_difficulty)}</dd>
          </div>
          <div className="fact">
            <dt>source</dt>
            <dd>
              {typeof source.dataset === "string" ? (
                <>
                  the eval split of <Link to={`/datasets/${encodeURIComponent(source.dataset)}`}>{source.dataset}</Link>
                </>
              ) : (
                [source.type, source.filename].filter((part) => typeof part === "string" && part).join(": ") || "–"
              )}
            </dd>
          </div>
          <div className="fact">
            <dt>created</dt>
            <dd>{new Date(set.created_at).toLocaleString()}</dd>
          </div>
          {digest && (
            <div className="fact">
              <dt>sha256 items</dt>
              <dd>
                <code title={digest}>{digest.slice(0, 16)}…</code>
              </dd>
            </div>
          )}
        </dl>
      </div>
      <h2>Items</h2>
      {items.isPending && <p className="muted">Loading items…</p>}
      {items.isError && <ProblemView problem={toProblem(items.error)} />}
      {items.data && items.data.length === 0 && <p className="muted">No items.</p>}
      {page.rows.length > 0 && (
        <div className="table-scroll">
          <table className="traces" aria-label="Items">
            <thead>
              <tr>
                <th>Id</th>
                <th>Prompt</th>
                <th>Expected answer</th>
                <th>Section</th>
                <th>Category</th>
                <th>Difficulty</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((item) => (
                <tr key={item.id}>
                  <td>
                    <code>{item.id}</code>
                  </td>
                  <td title={item.prompt}>{clip(item.prompt, PROMPT_CHARS)}</td>
                  <td>
                    <code>{item.expected_answer}</code>
                  </td>
                  <td>{item.section ?? <span className="muted">–</span>}</td>
                  <td>{item.category ?? <span className="muted">–</span>}</td>
                  <td>{item.difficulty ?? <span className="muted">–</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageButtons page={page.page} pages={page.pages} onPage={page.setPage} label="items" />
    </section>
  );
}
