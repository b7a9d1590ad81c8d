import { useMemo } from "react";
import type uPlot from "uplot";
import { useUPlot } from "../../../hooks/useUPlot";
import { alignSeries, type Line } from "../api/align";

const COLORS = ["#2f5bd3", "#d9480f", "#2b8a3e", "#862e9c", "#c92a2a", "#0b7285", "#e67700", "#5f3dc4", "#495057", "#a61e4d"];

/** Tick labels that stay readable for learning rates (2e-4) and throughputs (12.3k) alike. */
export function formatTick(value: number): string {
  const size = Math.abs(value);
  if (value === 0) return "0";
  if (size < 1e-2) return value.toExponential(1);
  if (size >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (size >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  return String(Number(value.toPrecision(4)));
}

interface Props {
  title: string;
  lines: Line[];
  height?: number;
}

/** A canvas line chart (uPlot) of one metric for one or many runs; redraws in place on new data. */
export function MetricChart({ title, lines, height = 220 }: Props) {
  const labels = lines.map((line) => line.label).join("\n");
  const many = lines.length > 10;
  const data = useMemo(() => alignSeries(lines) as uPlot.AlignedData, [lines]);
  const box = useUPlot(
    (el) => ({
      legend: { show: !many },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      // What was drawn last, for the e2e's time-to-chart measure (data-points is what arrived).
      hooks: { draw: [(u) => void (el.dataset.drawnRows = String(u.data[0]?.length ?? 0))] },
      axes: [{ label: "step" }, { size: 64, values: (_u, ticks) => ticks.map(formatTick) }],
      series: [
        { label: "step" },
        ...labels.split("\n").map((label, i) => ({
          label,
          stroke: COLORS[i % COLORS.length],
          width: many ? 1 : 1.5,
          spanGaps: true,
          ...(many ? { points: { show: false } } : {}),
        })),
      ],
    }),
    height,
    [labels, many],
    data,
  );

  const points = lines.reduce((sum, line) => sum + line.steps.length, 0);
  return (
    <figure className="chart" aria-label={title}>
      <figcaption>
        {title} <span className="muted small">({points} points{lines.length > 1 ? `, ${lines.length} runs` : ""})</span>
      </figcaption>
      <div ref={box} className="chart-canvas" data-testid={`chart-${title}`} data-points={points} />
    </figure>
  );
}
