import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { downsampleFor, type Line } from "../api/align";
import { runQueries } from "../api/runQueries";
import { MetricChart } from "./MetricChart";

export const CURVES = [
  { name: "loss", title: "loss" },
  { name: "lr", title: "learning rate" },
  { name: "tokens_per_second", title: "throughput (tokens/s)" },
] as const;
const NAMES = CURVES.map((curve) => curve.name);

interface Props {
  /** The runs to overlay, and which of them are still going (those are polled). */
  runs: { id: string; label: string; live: boolean }[];
}

/** Loss, learning rate and throughput of one or many runs, downsampled by the server. */
export function CurvesPanel({ runs }: Props) {
  const downsample = downsampleFor(runs.length);
  const results = useQueries({
    queries: runs.map((run) => runQueries.metrics(run.id, NAMES, downsample, run.live)),
  });
  const stamp = results.map((result) => result.dataUpdatedAt).join(",");
  const byMetric = useMemo(() => {
    const out: Record<string, Line[]> = {};
    for (const curve of CURVES) {
      out[curve.name] = runs.flatMap((run, index) => {
        const series = results[index]?.data?.series.find((s) => s.name === curve.name);
        return series && series.steps.length > 0 ? [{ label: run.label, steps: series.steps, values: series.values }] : [];
      });
    }
    return out;
  }, [stamp, runs]);

  const pending = results.some((result) => result.isPending);
  const empty = CURVES.every((curve) => (byMetric[curve.name] ?? []).length === 0);
  return (
    <div className="curves">
      {pending && empty && <p className="muted">Loading metrics…</p>}
      {!pending && empty && <p className="muted">No metrics yet: the curves appear with the first logged step.</p>}
      {!empty && (
        <div className="grid charts">
          {CURVES.map((curve) => (
            <MetricChart key={curve.name} title={curve.title} lines={byMetric[curve.name] ?? []} />
          ))}
        </div>
      )}
    </div>
  );
}
