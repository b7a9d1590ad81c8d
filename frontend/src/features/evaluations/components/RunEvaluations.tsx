import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { pct } from "../api/scorecard";
import { evaluationQueries } from "../api/evaluationQueries";

/** The scores of every evaluation of a training run's model (its auto-eval and any eval run of
 * it), newest first, each linking to its scorecard. */
export function RunEvaluations({ runId }: { runId: string }) {
  const query = useQuery(evaluationQueries.ofRun(runId));
  if (query.isPending) return <p className="muted">Loading evaluations…</p>;
  if (query.isError) return <ProblemView problem={toProblem(query.error)} />;
  if (query.data.length === 0) return <p className="muted">Not evaluated yet: its evaluations and their scores appear here.</p>;
  return (
    <table className="traces" aria-label="Evaluations">
      <thead>
        <tr>
          <th>Eval set</th>
          <th className="num">Score</th>
          <th className="num">Strict</th>
          <th className="num">Lenient</th>
          <th className="num">Format</th>
          <th className="num">Items</th>
          <th>Evaluated</th>
        </tr>
      </thead>
      <tbody>
        {query.data.map((row) => (
          <tr key={row.run_id}>
            <td>
              <Link to={`/evaluations/${row.run_id}`} title={`scorecard of eval run ${row.run_id}`}>
                {row.evalset_key}
              </Link>
            </td>
            <td className="num" title={row.primary_metric}>
              <strong>{pct(row.primary_score)}</strong> <span className="muted small">{row.primary_metric}</span>
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
  );
}
