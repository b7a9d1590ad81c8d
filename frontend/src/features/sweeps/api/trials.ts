// What the sweep pages derive from the trials: the best objective so far at each trial, and the
// direction of the objective.
import type { TrialRead } from "../../../api/types";

export type Mode = "max" | "min";

/** The objective axis's range: 10% padding around differing values, and a sensible span
 * around a single value (every objective 0 would otherwise get uPlot's 0-100): [0, 1] for
 * 0, 10% either side of anything else, never below 0 for a non-negative value. */
export function objectiveRange(min: number | null, max: number | null): [number, number] {
  if (min === null || max === null) return [0, 1];
  if (min !== max) {
    const pad = (max - min) * 0.1;
    return [min >= 0 && min - pad < 0 ? 0 : min - pad, max + pad];
  }
  if (min === 0) return [0, 1];
  const pad = Math.abs(min) * 0.1;
  return [min > 0 && min - pad < 0 ? 0 : min - pad, min + pad];
}

/** At each trial (oldest first), the best objective of the trials up to it; null before any scored. */
export function bestSoFar(objectives: (number | null)[], mode: Mode): (number | null)[] {
  let best: number | null = null;
  return objectives.map((value) => {
    if (value !== null && (best === null || (mode === "max" ? value > best : value < best))) best = value;
    return best;
  });
}

/** The objective of a trial that counts: a succeeded trial's (the best trial is chosen among these). */
export function scoredObjective(trial: TrialRead): number | null {
  return trial.status === "succeeded" ? trial.objective : null;
}

/** Whether a space key is a learning rate (`optimizer.lr`, `...learning_rate`): its values span
 * decades, so they are always shown in one scientific form rather than 0.001 beside 3.00e-4. */
export function isLearningRate(key: string): boolean {
  const last = key.split(".").pop();
  return last === "lr" || last === "learning_rate";
}

/** A learning rate as the sweep pages and `tunix-rt sweeps show` print it: scientific, 3
 * significant digits (1.00e-3, 3.00e-4). */
export function formatLearningRate(value: number): string {
  return value.toExponential(2);
}

/** A parameter's value as the table shows it: a learning rate (named by `key`) in its one
 * scientific form, other numbers to 4 significant digits, the rest as JSON. */
export function formatParam(value: unknown, key?: string): string {
  if (typeof value === "number" && key !== undefined && isLearningRate(key)) return formatLearningRate(value);
  if (typeof value === "number") return Math.abs(value) < 1e-3 && value !== 0 ? value.toExponential(2) : String(Number(value.toPrecision(4)));
  if (typeof value === "string") return value;
  return JSON.stringify(value) ?? "–";
}

interface ConfigShape {
  trials?: unknown;
  search?: { type?: unknown };
  space?: Record<string, { type?: unknown; values?: unknown[] | null }>;
}

/** How many trials a sweep config asks for, as the server counts them (SweepConfig.total_trials):
 * search grid runs every combination of the value lists; random and optuna draw `trials` samples,
 * each times the grid of the `grid` domains. Null for a config without them. */
export function plannedTrials(config: ConfigShape): number | null {
  const domains = Object.values(config.space ?? {});
  const isGrid = config.search?.type === "grid";
  const grid = domains.reduce((product, domain) => {
    const counts = isGrid || domain.type === "grid";
    return product * (counts && Array.isArray(domain.values) ? domain.values.length : 1);
  }, 1);
  if (isGrid) return grid;
  return typeof config.trials === "number" ? config.trials * grid : null;
}
