import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { useDocumentTitle } from "../../../hooks/useDocumentTitle";
import type { LabelSet } from "../../../api/types";
import { deleteLabel, setLabel } from "../api/evaluationApi";
import { evaluationKeys, evaluationQueries } from "../api/evaluationQueries";
import { breakdownsOf, failuresOf, modelLabel } from "../api/scorecard";
import { AccuracyBars } from "./AccuracyBars";
import { AgreementPanel } from "./AgreementPanel";
import { FailureClasses } from "./FailureClasses";
import { ItemsTable } from "./ItemsTable";
import { ScorecardPanel } from "./ScorecardPanel";
import { SettingsPanel } from "./SettingsPanel";

/** One evaluation (addressed by its eval run's id): scorecard, breakdowns, failure classes and
 * every item; ?failure= deep-links to the items of one failure class. */
export function EvaluationDetailPage() {
  const runId = useParams().runId ?? "";
  const [params, setParams] = useSearchParams();
  const failure = params.get("failure") ?? "";
  const query = useQuery(evaluationQueries.detail(runId));
  const items = useQuery({ ...evaluationQueries.items(runId), enabled: query.isSuccess });
  const labels = useQuery({ ...evaluationQueries.labels(runId), enabled: query.isSuccess });
  const agreement = useQuery({ ...evaluationQueries.agreement(runId), enabled: query.isSuccess });
  const byItem = useMemo(() => Object.fromEntries((labels.data ?? []).map((row) => [row.item_id, row])), [labels.data]);
  const queryClient = useQueryClient();
  const label = useMutation({
    mutationFn: async ({ item, value }: { item: string; value: "" | LabelSet["label"] }) => {
      if (value) await setLabel(runId, item, { label: value });
      else await deleteLabel(runId, item);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: evaluationKeys.labelled(runId) }),
  });
  const evaluation = query.data;
  useDocumentTitle(evaluation ? `Evaluation of ${modelLabel(evaluation.model)} on ${evaluation.evalset_key}` : "Evaluation");

  function pickFailure(next: string) {
    const search = new URLSearchParams(params);
    if (next) search.set("failure", next);
    else search.delete("failure");
    setParams(search, { replace: true });
  }

  if (query.isPending) return <p className="muted">Loading evaluation…</p>;
  if (query.isError || !evaluation) {
    return (
      <section>
        <h1>Evaluation</h1>
        <ProblemView problem={toProblem(query.error)} />
        <p>
          An evaluation is recorded when its eval run succeeds: see <Link to={`/runs/${runId}`}>the run</Link> or the{" "}
          <Link to="/evaluations">leaderboard</Link>.
        </p>
      </section>
    );
  }
  const breakdowns = breakdownsOf(evaluation.scorecard);
  return (
    <section>
      <div className="page-head">
        <h1>
          Evaluation of {modelLabel(evaluation.model)} <span className="muted">on {evaluation.evalset_key}</span>
        </h1>
        <div className="row">
          <Link to={`/evaluations/compare?a=${evaluation.run_id}`}>Compare with…</Link>
          <Link to={`/evaluations?${new URLSearchParams({ evalset: evaluation.evalset_key }).toString()}`}>Leaderboard of this eval set</Link>
        </div>
      </div>
      <dl className="facts compact">
        <div className="fact"><dt>eval run</dt><dd><Link to={`/runs/${evaluation.run_id}`}><code>{evaluation.run_id}</code></Link></dd></div>
        <div className="fact">
          <dt>model</dt>
          <dd>
            {evaluation.model}
            {evaluation.source_run_id && (
              <>
                {" "}(<Link to={`/runs/${evaluation.source_run_id}`}>training run</Link>)
              </>
            )}
          </dd>
        </div>
        {evaluation.dataset_key && (
          <div className="fact"><dt>trained on</dt><dd><Link to={`/datasets/${encodeURIComponent(evaluation.dataset_key)}`}>{evaluation.dataset_key}</Link></dd></div>
        )}
        <div className="fact"><dt>items</dt><dd>{evaluation.n_items}</dd></div>
        <div className="fact"><dt>judges</dt><dd>{evaluation.judges.map((judge) => String(judge.name ?? "?")).join(", ") || "–"}</dd></div>
        <div className="fact"><dt>evaluated</dt><dd>{new Date(evaluation.created_at).toLocaleString()}</dd></div>
      </dl>
      <ScorecardPanel evaluation={evaluation} />
      <SettingsPanel evaluation={evaluation} />
      <div className="panel">
        <h2>Breakdowns (strict accuracy)</h2>
        <div className="grid charts">
          {["category", "difficulty", "section"].map((field) => (
            <AccuracyBars key={field} title={`By ${field}`} groups={breakdowns[field] ?? {}} />
          ))}
          <FailureClasses failures={failuresOf(evaluation.scorecard)} active={failure} onPick={pickFailure} />
        </div>
      </div>
      {agreement.data && <AgreementPanel report={agreement.data} />}
      <div className="panel">
        <h2>Items</h2>
        {items.isPending && <p className="muted">Loading items…</p>}
        {items.isError && <p className="bad">Could not load the items.</p>}
        {items.data && (
          <ItemsTable
            items={items.data}
            evalset={evaluation.evalset_key}
            failure={failure}
            onFailure={pickFailure}
            labels={byItem}
            onLabel={(item, value) => label.mutate({ item, value })}
          />
        )}
      </div>
    </section>
  );
}
