import { useQuery } from "@tanstack/react-query";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { getSampleSummary } from "../api/runApi";
import { runKeys } from "../api/runQueries";

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** A succeeded sample run's result: how many completions became traces, why the rest did not,
 * and how often the model was right (pass@1, pass@k). Read once: a finished run's file is final. */
export function SampleResult({ runId }: { runId: string }) {
  const query = useQuery({
    queryKey: [...runKeys.all, "sample", runId],
    queryFn: ({ signal }) => getSampleSummary(runId, signal),
    meta: { inlineErrors: true },
  });
  if (query.isPending) return <p className="muted">Loading the result…</p>;
  if (query.isError) return <ProblemView problem={toProblem(query.error)} />;
  const summary = query.data;
  const dropped = Object.entries(summary.dropped).sort(([a], [b]) => a.localeCompare(b));
  return (
    <dl className="facts compact" aria-label="Sample result">
      <div className="fact"><dt>prompts</dt><dd>{summary.prompts}</dd></div>
      <div className="fact"><dt>completions</dt><dd>{summary.completions}</dd></div>
      <div className="fact"><dt>kept</dt><dd>{summary.kept}</dd></div>
      <div className="fact">
        <dt>dropped</dt>
        <dd>{dropped.length ? dropped.map(([reason, count]) => `${count} ${reason}`).join(", ") : "none"}</dd>
      </div>
      <div className="fact"><dt>pass@1</dt><dd>{percent(summary.pass_at_1)}</dd></div>
      <div className="fact"><dt>{`pass@${summary.k}`}</dt><dd>{percent(summary.pass_at_k)}</dd></div>
      <div className="fact">
        <dt>tokens</dt>
        <dd>{`${summary.prompt_tokens} prompt + ${summary.completion_tokens} completion`}</dd>
      </div>
    </dl>
  );
}
