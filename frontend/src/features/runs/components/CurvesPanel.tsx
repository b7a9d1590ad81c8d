import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { toProblem } from "../../../api/problem";
import { ProblemView } from "../../../app/ProblemView";
import { pointsFor, type Line } from "../api/align";
import { idStartsWith, shortId } from "../api/runLabel";
import { runQueries } from "../api/runQueries";
import { MetricChart } from "./MetricChart";

export const CURVES = [
  { name: "loss", title: "loss" },
  { name: "lr", title: "learning rate" },
  { name: "tokens_per_second", title: "throughput (tokens/s)" },
] as const;
const NAMES = CURVES.map((curve) => curve.name);

interface Props {
  /** The runs to overlay (full ids, or unique prefixes the server resolves), each with the
   * label its legend shows, and which of them are still going with nothing announcing their new
   * points (while any is, the curves are polled; a run page's log stream announces its run's). */
  runs: { id: string; label: string; live: boolean }[];
}

/** Loss, learning rate and throughput of one or many runs: one request for all of them
 * (GET /api/runs/metrics), downsampled by the server to a point budget that grows with the
 * number of runs but stays bounded, so 500 overlaid runs or a 100,000-step run draw at once. */
export function CurvesPanel({ runs }: Props) {
  const ids = useMemo(() => runs.map((run) => run.id), [runs]);
  const live = runs.some((run) => run.live);
  const result = useQuery(runQueries.overlay(ids, [...NAMES], pointsFor(ids.length, NAMES.length), live));
  const byMetric = useMemo(() => {
    const labels = new Map(runs.map((run) => [run.id, run.label]));
    const out: Record<string, Line[]> = Object.fromEntries(CURVES.map((curve) => [curve.name, []]));
    for (const series of result.data?.series ?? []) {
      if (series.steps.length === 0) continue;
      const label = labels.get(series.run_id) ?? runs.find((run) => idStartsWith(series.run_id, run.id))?.label ?? shortId(series.run_id);
      out[series.name]?.push({ label, steps: series.steps, values: series.values });
    }
    return out;
  }, [result.data, runs]);

  const empty = CURVES.every((curve) => (byMetric[curve.name] ?? []).length === 0);
  return (
    <div className="curves">
      {result.isPending && <p className="muted" role="status">Loading metrics…</p>}
      {result.isError && <ProblemView problem={toProblem(result.error)} />}
      {!result.isPending && !result.isError && empty && <p className="muted">No metrics yet: the curves appear with the first logged step.</p>}
      {!empty && (
        <div className="grid charts">
          {CURVES.map((curve) =>
            (byMetric[curve.name] ?? []).length > 0 ? (
              <MetricChart key={curve.name} title={curve.title} lines={byMetric[curve.name] ?? []} />
            ) : (
              <p key={curve.name} className="muted small">
                {curve.title}: not logged
              </p>
            ),
          )}
        </div>
      )}
    </div>
  );
}
