import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import type { ItemHistoryEntry } from "../../../api/types";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import { evaluationQueries } from "../api/evaluationQueries";
import { modelLabel } from "../api/scorecard";

function trained(entry: ItemHistoryEntry): string {
  return entry.trained_at ? new Date(entry.trained_at).toLocaleString() : "base model";
}

function WordDiff({ evalset, item, a, b }: { evalset: string; item: string; a: string; b: string }) {
  const diff = useQuery(evaluationQueries.diff(evalset, item, a, b));
  if (diff.error) return <ProblemView problem={toProblem(diff.error)} />;
  if (!diff.data) return <p className="muted">Loading the diff…</p>;
  return (
    <pre className="code output word-diff" aria-label="Word diff">
      {diff.data.runs.map((run, index) =>
        run.op === "equal" ? (
          <span key={index}>{run.text}</span>
        ) : run.op === "delete" ? (
          <del key={index}>{run.text}</del>
        ) : (
          <ins key={index}>{run.text}</ins>
        ),
      )}
    </pre>
  );
}

/** One eval item across every evaluation that scored it, in the order the models were trained,
 * with a word diff of any two outputs. ?evalset=&item= is the item; &a=&b= the two outputs diffed
 * (by default the first and the last). */
export function ItemHistoryPage() {
  const [params, setParams] = useSearchParams();
  const evalset = params.get("evalset") ?? "";
  const item = params.get("item") ?? "";
  const history = useQuery({ ...evaluationQueries.history(evalset, item), enabled: Boolean(evalset && item) });
  useDocumentTitle(`Item ${item} of ${evalset}`);
  const entries = history.data?.entries ?? [];
  const a = params.get("a") ?? entries[0]?.evaluation ?? "";
  const b = params.get("b") ?? entries[entries.length - 1]?.evaluation ?? "";

  function pick(side: "a" | "b", evaluation: string) {
    const next = new URLSearchParams(params);
    next.set("a", a);
    next.set("b", b);
    next.set(side, evaluation);
    setParams(next, { replace: true });
  }

  if (!evalset || !item) return <p className="muted">Open an item's history from an evaluation's items table.</p>;
  return (
    <section>
      <h1>
        Item <code>{item}</code> of {evalset}
      </h1>
      {history.error && <ProblemView problem={toProblem(history.error)} />}
      {history.data && (
        <>
          <div className="panel">
            {history.data.prompt !== null && <pre className="code">{history.data.prompt}</pre>}
            <p>
              Expected answer <code>{history.data.expected_answer}</code> · scored by {entries.length} evaluation
              {entries.length === 1 ? "" : "s"}, in the order their models were trained
            </p>
          </div>
          <table className="traces items" aria-label="History">
            <thead>
              <tr>
                <th>A</th>
                <th>B</th>
                <th>Evaluation</th>
                <th>Trained</th>
                <th>Answered</th>
                <th>Strict</th>
                <th>Failure</th>
                <th className="num">Reasoning tokens</th>
                <th>Output</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.evaluation} className={entry.strict ? undefined : "wrong-soft"}>
                  <td>
                    <input type="radio" name="a" aria-label={`A: ${entry.evaluation}`} checked={a === entry.evaluation} onChange={() => pick("a", entry.evaluation)} />
                  </td>
                  <td>
                    <input type="radio" name="b" aria-label={`B: ${entry.evaluation}`} checked={b === entry.evaluation} onChange={() => pick("b", entry.evaluation)} />
                  </td>
                  <td>
                    <Link to={`/evaluations/${entry.evaluation}`}>{modelLabel(entry.model)}</Link>
                    <div className="muted small">{entry.evaluation.slice(0, 8)}</div>
                  </td>
                  <td>{trained(entry)}</td>
                  <td>{entry.extracted_answer ?? <span className="muted">none</span>}</td>
                  <td>
                    <span className={entry.strict ? "badge ok" : "badge bad"}>{entry.strict ? "right" : "wrong"}</span>
                  </td>
                  <td>{entry.failure ? <span className="tag">{entry.failure.replaceAll("_", " ")}</span> : "–"}</td>
                  <td className="num">{entry.reasoning_tokens ?? "–"}</td>
                  <td className="output-cell">
                    <details>
                      <summary>{entry.output.slice(0, 80) || <span className="muted">(empty)</span>}</summary>
                      <pre className="code">{entry.output}</pre>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {a && b && a !== b && (
            <div className="panel">
              <h2>
                Word diff: A <code>{a.slice(0, 8)}</code> → B <code>{b.slice(0, 8)}</code>
              </h2>
              <WordDiff evalset={evalset} item={item} a={a} b={b} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
