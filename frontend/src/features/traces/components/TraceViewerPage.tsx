import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "react-router-dom";
import { traceQueries } from "../api/traceQueries";
import { useDeleteTrace } from "../hooks/useTraceMutations";
import { QualityReportPanel } from "./QualityReportPanel";
import { StepTimeline } from "./StepTimeline";
import { TagEditor } from "./TagEditor";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

/** One trace: prompt, the steps as a timeline, the final answer, the quality report, tags and meta. */
export function TraceViewerPage() {
  const { traceId = "" } = useParams();
  useDocumentTitle(`Trace ${traceId.slice(0, 8)}`);
  const navigate = useNavigate();
  const { data: trace, isPending, isError } = useQuery(traceQueries.detail(traceId));
  const remove = useDeleteTrace();

  if (isPending) return <p className="muted">Loading trace…</p>;
  if (isError || !trace) {
    return (
      <section>
        <h1>Trace</h1>
        <p className="bad">
          Could not load trace <code>{traceId}</code>. <Link to="/traces">Back to the list</Link>
        </p>
      </section>
    );
  }

  function onDelete() {
    if (!window.confirm("Delete this trace? This cannot be undone.")) return;
    remove.mutate(traceId, { onSuccess: () => navigate("/traces") });
  }

  return (
    <section>
      <div className="page-head">
        <h1>Trace</h1>
        <div className="row">
          <Link to={`/traces/compare?a=${trace.id}`}>Compare with…</Link>
          <button type="button" className="danger" onClick={onDelete} disabled={remove.isPending}>
            Delete
          </button>
        </div>
      </div>
      <p className="muted">
        <code>{trace.id}</code> · {new Date(trace.created_at).toLocaleString()} · source {trace.source ?? "none"}
      </p>
      <div className="viewer">
        <div className="viewer-main">
          <h2>Prompt</h2>
          <div className="prompt">{trace.prompt}</div>
          <h2>Steps</h2>
          <StepTimeline steps={trace.steps} checks={trace.quality.arithmetic} />
          <h2>Final answer</h2>
          <div className="answer" data-testid="final-answer">
            {trace.final_answer}
          </div>
        </div>
        <aside className="viewer-side">
          <QualityReportPanel report={trace.quality} steps={trace.steps} />
          <div className="panel">
            <h2>Tags</h2>
            <TagEditor traceId={trace.id} tags={trace.tags} />
          </div>
          <div className="panel">
            <h2>Meta</h2>
            {Object.keys(trace.meta).length === 0 ? (
              <p className="muted">none</p>
            ) : (
              <dl className="facts compact">
                {Object.entries(trace.meta).map(([key, value]) => (
                  <div key={key} className="fact">
                    <dt>{key}</dt>
                    <dd>{typeof value === "string" ? value : JSON.stringify(value)}</dd>
                  </div>
                ))}
              </dl>
            )}
            <p className="muted small">
              content hash <code>{trace.content_hash.slice(0, 16)}…</code>
            </p>
          </div>
        </aside>
      </div>
    </section>
  );
}
