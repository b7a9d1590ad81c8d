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

/** The point budget to ask the server for (split across every series): 1,000 points a series
 * for one run, fewer per series as more runs are overlaid, never more than 60,000 in all. */
export function pointsFor(runCount: number, namesPerRun: number): number {
  return Math.min(60_000, 1000 * namesPerRun * Math.max(1, runCount));
}
