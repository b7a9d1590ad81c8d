import { useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import type { TraceRead } from "../../../api/types";
import { traceQueries } from "../api/traceQueries";
import { QualityBadges } from "./QualityBadges";
import { StepDiffView } from "./StepDiffView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";

function TraceHeader({ label, trace }: { label: string; trace: TraceRead }) {
  return (
    <div className="panel compare-head">
      <h2>Trace {label}</h2>
      <p className="small">
        <Link to={`/traces/${trace.id}`}>
          <code>{trace.id}</code>
        </Link>
      </p>
      <div className="prompt">{trace.prompt}</div>
      <p>
        Answer: <strong>{trace.final_answer}</strong>
      </p>
      <QualityBadges ok={trace.quality.ok} flags={trace.quality.flags} />
    </div>
  );
}

/** Two traces side by side with the diff of their steps (GET /api/traces/compare). */
export function ComparePage() {
  const [params, setParams] = useSearchParams();
  const a = params.get("a") ?? "";
  const b = params.get("b") ?? "";
  useDocumentTitle(a && b ? `Compare traces ${a.slice(0, 8)} and ${b.slice(0, 8)}` : "Compare traces");
  const [draft, setDraft] = useState({ a, b });
  const compare = useQuery({ ...traceQueries.compare(a, b), enabled: Boolean(a && b) });

  function submit(event: FormEvent) {
    event.preventDefault();
    setParams(new URLSearchParams({ a: draft.a.trim(), b: draft.b.trim() }));
  }

  return (
    <section>
      <h1>Compare traces</h1>
      <form className="row compare-form" onSubmit={submit}>
        <label>
          Trace A
          <input value={draft.a} onChange={(e) => setDraft({ ...draft, a: e.target.value })} placeholder="trace id" />
        </label>
        <label>
          Trace B
          <input value={draft.b} onChange={(e) => setDraft({ ...draft, b: e.target.value })} placeholder="trace id" />
        </label>
        <button type="submit" disabled={!draft.a.trim() || !draft.b.trim()}>
          Compare
        </button>
      </form>
      {!(a && b) && (
        <p className="muted">
          Pick two traces: tick them in the <Link to="/traces">list</Link>, or paste their ids.
        </p>
      )}
      {compare.isFetching && !compare.data && <p className="muted">Comparing…</p>}
      {compare.data && (
        <>
          <div className="grid">
            <TraceHeader label="A" trace={compare.data.a} />
            <TraceHeader label="B" trace={compare.data.b} />
          </div>
          <h2>Steps</h2>
          <StepDiffView
            runs={compare.data.step_diff}
            checksA={compare.data.a.quality.arithmetic}
            checksB={compare.data.b.quality.arithmetic}
          />
        </>
      )}
    </section>
  );
}
