import { useMemo } from "react";
import type { RoundRead } from "../../../api/types";
import { useUPlot } from "../../../hooks/useUPlot";
import { roundSeries } from "../api/rounds";

/** Per round: held-out strict accuracy and pass@k of the sampled model (left axis, 0–1) and the
 * verified traces kept (right axis), drawn with uPlot like the runs' curves. */
export function RoundsChart({ rounds, k, height = 240 }: { rounds: RoundRead[]; k: number; height?: number }) {
  const data = useMemo(() => roundSeries(rounds), [rounds]);
  const box = useUPlot(
    () => ({
      scales: { x: { time: false }, y: { range: [0, 1] }, kept: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { label: "round", values: (_u, ticks) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : "")) },
        { label: "rate", size: 56 },
        { label: "traces kept", scale: "kept", side: 1, size: 64, grid: { show: false } },
      ],
      series: [
        { label: "round" },
        { label: "held-out strict accuracy", stroke: "#2f5bd3", width: 2, spanGaps: true, points: { show: true, size: 7 } },
        { label: `pass@${k} (sampling)`, stroke: "#2b8a3e", width: 2, dash: [6, 4], spanGaps: true, points: { show: true, size: 6 } },
        { label: "traces kept", scale: "kept", stroke: "#b35c00", width: 1, spanGaps: true, points: { show: true, size: 6 } },
      ],
    }),
    height,
    [k],
    data,
  );
  return (
    <figure className="chart" aria-label="Rounds">
      <figcaption>
        Accuracy, pass@{k} and traces kept per round <span className="muted small">(round 0 is the starting model)</span>
      </figcaption>
      <div ref={box} className="chart-canvas" data-testid="rounds-chart" data-points={rounds.length} />
    </figure>
  );
}
