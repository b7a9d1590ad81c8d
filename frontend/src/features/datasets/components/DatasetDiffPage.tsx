import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { datasetQueries } from "../api/datasetQueries";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

/** A listed trace: its prompt on one clipped line (the API's first 200 characters; the id in the
 * tooltip), linking to the trace; its id where the prompt is not known. */
function TraceLink({ id, prompts }: { id: string; prompts: Record<string, string> }) {
  const prompt = prompts[id];
  return (
    <Link to={`/traces/${id}`} className="clip" title={prompt ? `${prompt}\n${id}` : id}>
      {prompt ?? <code>{id}</code>}
    </Link>
  );
}

function IdList({ title, ids, prompts }: { title: string; ids: string[]; prompts: Record<string, string> }) {
  return (
    <div className="panel">
      <h2>{title}</h2>
      {ids.length === 0 ? (
        <p className="muted">none</p>
      ) : (
        <ul className="id-list">
          {ids.map((id) => (
            <li key={id}>
              <TraceLink id={id} prompts={prompts} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Two versions of a dataset: traces added, removed, moved between splits (GET /api/datasets/diff). */
export function DatasetDiffPage() {
  const [params, setParams] = useSearchParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  useDocumentTitle(a && b ? `Diff ${a} and ${b}` : "Diff datasets");
  const [draft, setDraft] = useState({ a, b });
  const diff = useQuery({ ...datasetQueries.diff(a, b), enabled: Boolean(a && b) });
  const { data: list } = useQuery(datasetQueries.list());

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(new URLSearchParams({ a: draft.a.trim(), b: draft.b.trim() }));
  }

  return (
    <section>
      <h1>Diff datasets</h1>
      <form className="row compare-form" onSubmit={submit}>
        <label>
          Older (A)
          <input list="dataset-keys" value={draft.a} onChange={(e) => setDraft({ ...draft, a: e.target.value })} placeholder="name@v1" />
        </label>
        <label>
          Newer (B)
          <input list="dataset-keys" value={draft.b} onChange={(e) => setDraft({ ...draft, b: e.target.value })} placeholder="name@v2" />
        </label>
        <datalist id="dataset-keys">
          {(list?.items ?? []).map((dataset) => (
            <option key={dataset.key} value={dataset.key} />
          ))}
        </datalist>
        <button type="submit" disabled={!draft.a.trim() || !draft.b.trim()}>
          Diff
        </button>
      </form>
      {!(a && b) && <p className="muted">Pick two dataset keys, e.g. two versions of one name.</p>}
      {diff.isFetching && !diff.data && <p className="muted">Comparing…</p>}
      {diff.isError && <ProblemView problem={toProblem(diff.error)} />}
      {diff.data && !diff.isError && (
        <>
          <div className="big-numbers" aria-label="Changes">
            {(["added", "removed", "moved", "unchanged"] as const).map((name) => (
              <div className="big-number" key={name}>
                <span className="value" data-testid={`diff-${name}`}>
                  {diff.data[name]}
                </span>
                <span className="label">{name}</span>
              </div>
            ))}
          </div>
          <div className="grid">
            <IdList title={`Added in ${diff.data.b}`} ids={diff.data.added_ids} prompts={diff.data.prompts} />
            <IdList title={`Removed from ${diff.data.a}`} ids={diff.data.removed_ids} prompts={diff.data.prompts} />
          </div>
          {diff.data.moved_items.length > 0 && (
            <div className="panel">
              <h2>Moved between splits</h2>
              <table aria-label="Moved traces">
                <thead>
                  <tr>
                    <th>Trace</th>
                    <th>From</th>
                    <th>To</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.data.moved_items.map((item) => (
                    <tr key={item.id}>
                      <td>
                        <TraceLink id={item.id} prompts={diff.data.prompts} />
                      </td>
                      <td>{item.from_split}</td>
                      <td>{item.to_split}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="muted small">Lists show the first changes (the API's sample); the numbers are complete.</p>
        </>
      )}
    </section>
  );
}
