// Several runs' series (each with its own steps) onto one x axis for uPlot's aligned data.
// Steps are snapped onto at most `maxPoints` buckets across the whole range, so 500 runs or a
// 100,000-step run stay a bounded array however the runs logged; gaps are null.
export interface Line {
  label: string;
  steps: number[];
  values: number[];
}

export type Aligned = [number[], ...(number | null)[][]];

export function alignSeries(lines: Line[], maxPoints = 2000): Aligned {
  const all = new Set<number>();
  for (const line of lines) for (const step of line.steps) all.add(step);
  let xs = [...all].sort((a, b) => a - b);
  let slot: (step: number) => number;
  if (xs.length > maxPoints) {
    const lo = xs[0]!;
    const hi = xs.at(-1)!;
    const width = (hi - lo) / (maxPoints - 1);
    xs = Array.from({ length: maxPoints }, (_, i) => Math.round(lo + i * width));
    slot = (step) => Math.round((step - lo) / width);
  } else {
    const index = new Map(xs.map((x, i) => [x, i]));
    slot = (step) => index.get(step) ?? 0;
  }
  const ys = lines.map((line) => {
    const column: (number | null)[] = new Array<number | null>(xs.length).fill(null);
    line.steps.forEach((step, i) => {
      const value = line.values[i];
      if (value !== undefined && Number.isFinite(value)) column[slot(step)] = value;
    });
    return column;
  });
  return [xs, ...ys];
}

/** Points per series to ask the server for: fewer per run as more runs are overlaid. */
export function downsampleFor(runCount: number): number {
  return Math.max(50, Math.min(1000, Math.floor(20_000 / Math.max(1, runCount))));
}
