import { useMemo } from "react";
import type uPlot from "uplot";
import type { TrialRead } from "../../../api/types";
import { useUPlot } from "../../../hooks/useUPlot";
import { bestSoFar, formatParam, objectiveRange, scoredObjective, type Mode } from "../api/trials";

/** The objective of each trial in the order Tune started them (dots: succeeded trials only) and
 * the best so far (a line), drawn with uPlot like the runs' curves. */
export function ObjectiveChart({ trials, mode, metric, height = 220 }: { trials: TrialRead[]; mode: Mode; metric: string; height?: number }) {
  const objectives = useMemo(() => trials.map(scoredObjective), [trials]);
  const data = useMemo(
    () => [trials.map((_, i) => i + 1), objectives, bestSoFar(objectives, mode)] as uPlot.AlignedData,
    [trials, objectives, mode],
  );
  const scored = objectives.filter((value) => value !== null).length;
  const box = useUPlot(
    () => ({
      scales: { x: { time: false }, y: { range: (_u, min, max) => objectiveRange(min, max) } },
      axes: [{ label: "trial", values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : "")) }, { size: 64, values: (_u, ticks) => ticks.map((tick) => formatParam(tick)) }],
      series: [
        { label: "trial" },
        { label: metric, stroke: "#2f5bd3", paths: () => null, points: { show: true, size: 7, fill: "#2f5bd3" } },
        { label: `best so far (${mode})`, stroke: "#2b8a3e", width: 2, spanGaps: true, points: { show: false } },
      ],
    }),
    height,
    [metric, mode],
    data,
  );

  return (
    <figure className="chart" aria-label="Objective over trials">
      <figcaption>
        {metric} over trials <span className="muted small">({scored} scored of {trials.length})</span>
      </figcaption>
      <div ref={box} className="chart-canvas" data-testid="objective-chart" data-points={scored} />
    </figure>
  );
}
