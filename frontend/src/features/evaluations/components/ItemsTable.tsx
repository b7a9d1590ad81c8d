import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import type { EvaluationItem, LabelRead, LabelSet } from "../../../api/types";
import { PageButtons } from "../../../app/PageButtons";
import { useClientPage } from "../../../hooks/useClientPage";
import { pct } from "../api/scorecard";

const PAGE = 25;

function Verdict({ ok, label, reason }: { ok: boolean; label: string; reason?: string | null }) {
  return (
    <span className={ok ? "badge ok" : "badge bad"} aria-label={`${label} ${ok ? "right" : "wrong"}`} title={reason ?? undefined}>
      {ok ? "✓" : "✗"}
    </span>
  );
}

/** What let a lenient pass through that strict would not say: a tolerance (the expected answer is
 * approximate, or rounded) or an answer tag never closed. Read from the checker's reason. */
function leniency(reason: string | null | undefined): string | undefined {
  if (!reason) return undefined;
  if (reason.includes("within tolerance")) return "≈ tolerance";
  if (reason.includes("not closed")) return "unclosed tag";
  return undefined;
}

/** Every item of an evaluation with its output and verdicts, filtered by outcome or failure class,
 * a page at a time; with samples per item, how far they agree (a cheap instability signal). */
export function ItemsTable({
  items,
  evalset,
  failure,
  onFailure,
  labels,
  onLabel,
}: {
  items: EvaluationItem[];
  /** The eval set's key: each item id links to that item's history across evaluations. */
  evalset: string;
  failure: string;
  onFailure: (failure: string) => void;
  /** People's labels by item id, and how to set one ("" removes it); no label column without. */
  labels?: Record<string, LabelRead>;
  onLabel?: (item: string, label: "" | LabelSet["label"]) => void;
}) {
  const [show, setShow] = useState<"all" | "wrong" | "right">("all");
  const [search, setSearch] = useState("");
  const failures = useMemo(() => [...new Set(items.flatMap((item) => (item.failure ? [item.failure] : [])))].sort(), [items]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return items.filter(
      (item) =>
        (show === "all" || (show === "wrong") !== item.strict) &&
        (!failure || item.failure === failure) &&
        (!needle || item.item_id.toLowerCase().includes(needle) || item.output.toLowerCase().includes(needle) || item.expected_answer.toLowerCase() === needle),
    );
  }, [items, show, failure, search]);
  const { page, pages, setPage, rows } = useClientPage(shown, PAGE);
  const sampled = items.some((item) => item.agreement != null);
  return (
    <>
      <div className="row item-tools">
        <label>
          Show
          <select value={show} onChange={(e) => setShow(e.target.value as typeof show)}>
            <option value="all">all items</option>
            <option value="wrong">wrong (strict)</option>
            <option value="right">right (strict)</option>
          </select>
        </label>
        <label>
          Failure class
          <select value={failure} onChange={(e) => onFailure(e.target.value)}>
            <option value="">any</option>
            {failures.map((name) => (
              <option key={name} value={name}>
                {name.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="item id or output text" />
        </label>
        <span className="muted small" aria-live="polite">
          {shown.length} of {items.length} items
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No items match.</p>
      ) : (
        <table className="traces items" aria-label="Items">
          <thead>
            <tr>
              <th>Item</th>
              <th>Expected</th>
              <th>Extracted</th>
              <th>Strict</th>
              <th>Lenient</th>
              <th>Format</th>
              <th>Failure</th>
              <th className="num">Reasoning tokens</th>
              {sampled && <th className="num">Agreement</th>}
              {onLabel && <th>Your label</th>}
              <th>Output</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={item.item_id} className={item.strict ? undefined : "wrong-soft"}>
                <td>
                  <Link to={`/evaluations/history?${new URLSearchParams({ evalset, item: item.item_id })}`} title="This item across every evaluation">
                    <code>{item.item_id}</code>
                  </Link>
                  {item.category && <div className="muted small">{item.category}</div>}
                </td>
                <td>{item.expected_answer}</td>
                <td>{item.extracted_answer ?? <span className="muted">none</span>}</td>
                <td><Verdict ok={item.strict} label="strict" /></td>
                <td>
                  <Verdict ok={item.lenient} label="lenient" reason={item.reason} />
                  {item.lenient && leniency(item.reason) && (
                    <span className="tag small" title={item.reason ?? undefined}>
                      {leniency(item.reason)}
                    </span>
                  )}
                </td>
                <td><Verdict ok={item.format_ok} label="format" /></td>
                <td>{item.failure ? <span className="tag">{item.failure.replaceAll("_", " ")}</span> : "–"}</td>
                <td className="num">{item.reasoning_tokens ?? "–"}</td>
                {sampled && (
                  <td className="num" title={item.samples ? `${item.samples.filter((sample) => sample.strict).length} of ${item.samples.length} samples strict-correct` : undefined}>
                    {item.agreement == null ? "–" : pct(item.agreement, 0)}
                  </td>
                )}
                {onLabel && (
                  <td>
                    <select
                      aria-label={`Label of ${item.item_id}`}
                      value={labels?.[item.item_id]?.label ?? ""}
                      title={labels?.[item.item_id] ? `by ${labels[item.item_id]!.labeled_by}` : undefined}
                      onChange={(e) => onLabel(item.item_id, e.target.value as "" | LabelSet["label"])}
                    >
                      <option value="">–</option>
                      <option value="correct">correct</option>
                      <option value="incorrect">incorrect</option>
                      <option value="unsure">unsure</option>
                    </select>
                  </td>
                )}
                <td className="output-cell">
                  <details>
                    <summary>{item.output.slice(0, 80) || <span className="muted">(empty)</span>}</summary>
                    <pre className="code">{item.output}</pre>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PageButtons page={page} pages={pages} onPage={setPage} label="items" />
    </>
  );
}
